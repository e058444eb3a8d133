/**
 * The work queues at the top of the dashboard: what waits for this user (roles.ts decides which), each with its
 * count and the voice list's query string that opens exactly those voices. The count is taken through the list's
 * own filter code from that same query string, so the number and the list cannot disagree.
 */

import type { Db } from "../../db/database.js";
import { dialectOf } from "../../db/dialect.js";
import { jstToday } from "../../domain/jst.js";
import { type WorkQueueKind, workQueuesFor } from "../../domain/roles.js";
import type { Actor } from "../../domain/voice-workflow.js";
import { COMPLAINT_TYPE_CODE } from "../../domain/voice-workflow.js";
import type { VoiceListQuery } from "../../shared/api-contract.js";
import { taxonomyIndex } from "../users-and-settings/taxonomy.js";
import { applyVoiceFilter, parseVoiceFilter } from "../voices/list-voices.js";
import type { QueuesResponse, WorkQueue } from "./contract.js";

const OPEN = "received,in_progress";

const QUEUES: Record<WorkQueueKind, { label: string; query: VoiceListQuery }> = {
  // A complaint marked 対応済 waits for a lead of its department or cs to approve its close.
  awaiting_approval: { label: "承認待ち", query: { type: COMPLAINT_TYPE_CODE, status: "resolved" } },
  unassigned: { label: "未割り当て", query: { assignee: "none", status: OPEN } },
  // overdue=true holds only open voices (受付・対応中) past a deadline.
  overdue: { label: "期限超過", query: { overdue: "true" } },
  assigned_to_me: { label: "自分の担当", query: { assignee: "me", status: OPEN } },
  my_overdue: { label: "自分の期限超過", query: { assignee: "me", overdue: "true" } },
};

export async function workQueues(db: Db, actor: Actor, opts: { now?: Date } = {}): Promise<QueuesResponse> {
  const tax = await taxonomyIndex(db);
  const today = jstToday(opts.now ?? new Date());
  const dialect = dialectOf(db);
  // Each queue is counted through the list's own filter, from the query string it opens (in parallel: on
  // PostgreSQL the counts run on separate connections).
  const queues = await Promise.all(
    workQueuesFor(actor).map(async (def): Promise<WorkQueue> => {
      const spec = QUEUES[def.kind];
      const dept = def.departmentId === null ? null : tax.byId("department", def.departmentId);
      const query: VoiceListQuery = { ...spec.query, ...(dept ? { department: dept.code } : {}) };
      const filter = parseVoiceFilter(query, tax, actor, dialect);
      const row = await applyVoiceFilter(db.selectFrom("voices as v"), filter, today)
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow();
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries(query)) if (v !== undefined) params.set(k, String(v));
      return {
        kind: def.kind,
        label: spec.label,
        department: dept ? { id: dept.id, code: dept.code, name: dept.name } : null,
        count: Number(row.n),
        listQuery: params.toString(),
      };
    }),
  );
  return { role: actor.role, queues };
}
