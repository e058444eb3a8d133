/** Reads improvements: the list, one with its voices (customer names masked by role), insights and timeline. */
import { sql } from "kysely";
import type { Db } from "../../db/database.js";
import { jstToday } from "../../domain/jst.js";
import { type Actor, canManageImprovement, canSeeCustomer } from "../../domain/roles.js";
import { notFound } from "../../errors.js";
import { recordAudit } from "../../services/audit.js";
import { maskName } from "../../shared/masking.js";
import { taxonomyIndex } from "../users-and-settings/taxonomy.js";
import type {
  EffectVerdict,
  ImprovementDetail,
  ImprovementList,
  ImprovementListQuery,
  ImprovementStatus,
  ImprovementSummary,
  LinkedVoice,
} from "./contract.js";
import { loadImprovementTimeline } from "./improvement-events.js";
import { IMPROVEMENT_STATUSES, isImprovementOverdue, nextStatuses } from "./improvement-workflow.js";

const EXCERPT = 120;

function improvementQuery(db: Db) {
  return db
    .selectFrom("improvements as i")
    .innerJoin("departments as d", "d.id", "i.owner_department_id")
    .leftJoin("users as o", "o.id", "i.owner_user_id")
    .selectAll("i")
    .select([
      "d.code as dept_code",
      "d.name as dept_name",
      "o.name as owner_name",
      (eb) =>
        eb
          .selectFrom("improvement_voices as iv")
          .whereRef("iv.improvement_id", "=", "i.id")
          .select((e) => e.fn.countAll<number>().as("n"))
          .as("voice_count"),
      (eb) =>
        eb
          .selectFrom("improvement_insights as ii")
          .whereRef("ii.improvement_id", "=", "i.id")
          .select((e) => e.fn.countAll<number>().as("n"))
          .as("insight_count"),
    ]);
}
type Row = NonNullable<Awaited<ReturnType<ReturnType<typeof improvementQuery>["executeTakeFirst"]>>>;

function presentSummary(r: Row, today: string): ImprovementSummary {
  const status = r.status as ImprovementStatus;
  return {
    id: r.id,
    title: r.title,
    status,
    dueDate: r.due_date,
    completedOn: r.completed_on,
    ownerDepartment: { id: r.owner_department_id, code: r.dept_code, name: r.dept_name },
    owner: r.owner_user_id === null ? null : { id: r.owner_user_id, name: r.owner_name ?? "" },
    overdue: isImprovementOverdue({ status, dueDate: r.due_date }, today),
    voiceCount: Number(r.voice_count ?? 0),
    insightCount: Number(r.insight_count ?? 0),
    isPublic: Boolean(r.is_public),
    updatedAt: r.updated_at,
  };
}

export async function listImprovements(
  db: Db,
  q: ImprovementListQuery,
  now = new Date(),
): Promise<ImprovementList> {
  const limit = q.limit ?? 50;
  const page = q.page ?? 1;
  const statuses = (q.status ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter((s): s is ImprovementStatus => (IMPROVEMENT_STATUSES as readonly string[]).includes(s));
  let base = improvementQuery(db);
  if (statuses.length > 0) base = base.where("i.status", "in", statuses);
  if (q.voiceId !== undefined) {
    const voiceId = q.voiceId;
    base = base.where((eb) =>
      eb.exists(
        eb
          .selectFrom("improvement_voices as lv")
          .select("lv.voice_id")
          .whereRef("lv.improvement_id", "=", "i.id")
          .where("lv.voice_id", "=", voiceId),
      ),
    );
  }
  const words = q.q?.normalize("NFKC").trim();
  if (words) {
    // titles are stored NFKC-normalized; the pattern's own % and _ are matched literally
    const pattern = `%${words.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    const id = /^\d{1,9}$/.test(words) ? Number(words) : null;
    base = base.where((eb) =>
      eb.or([
        sql<boolean>`lower(i.title) like lower(${pattern}) escape '\\'`,
        ...(id !== null ? [eb("i.id", "=", id)] : []),
      ]),
    );
  }
  const [rows, total] = await Promise.all([
    base
      .orderBy("i.id", "desc")
      .limit(limit)
      .offset((page - 1) * limit)
      .execute(),
    base
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow(),
  ]);
  const today = jstToday(now);
  return { items: rows.map((r) => presentSummary(r, today)), total: Number(total.n) };
}

async function linkedVoices(
  db: Db,
  actor: Actor,
  improvementId: number,
  ip: string | null,
): Promise<LinkedVoice[]> {
  const [rows, tax] = await Promise.all([
    db
      .selectFrom("improvement_voices as iv")
      .innerJoin("voices as v", "v.id", "iv.voice_id")
      .leftJoin("customers as c", "c.id", "v.customer_id")
      .where("iv.improvement_id", "=", improvementId)
      .select([
        "v.id",
        "v.receipt_number",
        "v.received_at",
        "v.type_id",
        "v.category_id",
        "v.department_id",
        "v.status",
        "v.content",
        "c.name as customer_name",
      ])
      .orderBy("v.received_at")
      .execute(),
    taxonomyIndex(db),
  ]);
  const label = (kind: "type" | "category" | "department", id: number | null) => {
    const l = tax.byId(kind, id);
    return l ? { id: l.id, code: l.code, name: l.name } : null;
  };
  const out: LinkedVoice[] = [];
  for (const r of rows) {
    const unmasked = canSeeCustomer(actor, { departmentId: r.department_id });
    // An unmasked name is a view of personal data: audited like the voice's own detail.
    if (unmasked && r.customer_name)
      await recordAudit(db, { userId: actor.id, action: "customer_viewed", voiceId: r.id, ip });
    const chars = Array.from(r.content);
    out.push({
      id: r.id,
      receiptNumber: r.receipt_number,
      receivedAt: r.received_at,
      type: label("type", r.type_id) ?? { id: r.type_id, code: "unknown", name: "（不明）" },
      category: label("category", r.category_id),
      department: label("department", r.department_id) ?? {
        id: r.department_id,
        code: "unknown",
        name: "（不明）",
      },
      status: r.status,
      excerpt: chars.length > EXCERPT ? `${chars.slice(0, EXCERPT).join("")}…` : r.content,
      customerName: unmasked ? r.customer_name : maskName(r.customer_name),
      customerMasked: !unmasked && r.customer_name !== null,
    });
  }
  return out;
}

export async function loadImprovementRow(db: Db, id: number) {
  const row = await improvementQuery(db).where("i.id", "=", id).executeTakeFirst();
  if (!row) throw notFound("改善課題");
  return row;
}

export async function getImprovement(
  db: Db,
  actor: Actor,
  id: number,
  ctx: { ip?: string | null; now?: Date } = {},
): Promise<ImprovementDetail> {
  const row = await loadImprovementRow(db, id);
  const [voices, insights, auditItems, timeline] = await Promise.all([
    linkedVoices(db, actor, id, ctx.ip ?? null),
    db
      .selectFrom("improvement_insights as ii")
      .innerJoin("staff_insights as s", "s.id", "ii.insight_id")
      .innerJoin("departments as d", "d.id", "s.department_id")
      .where("ii.improvement_id", "=", id)
      .select(["s.id", "s.content", "d.id as dept_id", "d.code as dept_code", "d.name as dept_name"])
      .orderBy("s.id")
      .execute(),
    db
      .selectFrom("audit_items as ai")
      .innerJoin("audits as a", "a.id", "ai.audit_id")
      .where("ai.improvement_id", "=", id)
      .select(["ai.id", "ai.content", "a.id as audit_id", "a.kind", "a.held_on", "a.auditor"])
      .orderBy("ai.id")
      .execute(),
    loadImprovementTimeline(db, id),
  ]);
  const status = row.status as ImprovementStatus;
  return {
    ...presentSummary(row, jstToday(ctx.now ?? new Date())),
    problem: row.problem,
    dropReason: row.drop_reason,
    result: row.result,
    effectVerdict: row.effect_verdict as EffectVerdict | null,
    effectNote: row.effect_note,
    publicKind: row.public_kind,
    publicVoice: row.public_voice,
    publicResult: row.public_result,
    createdAt: row.created_at,
    voices,
    insights: insights.map((s) => ({
      id: s.id,
      content: s.content,
      department: { id: s.dept_id, code: s.dept_code, name: s.dept_name },
    })),
    auditItems: auditItems.map((a) => ({
      id: a.id,
      content: a.content,
      auditId: a.audit_id,
      auditKind: a.kind,
      heldOn: a.held_on,
      auditor: a.auditor,
    })),
    timeline,
    nextStatuses: [...nextStatuses(status)],
    canManage: canManageImprovement(actor, {
      ownerDepartmentId: row.owner_department_id,
      ownerUserId: row.owner_user_id,
    }),
  };
}
