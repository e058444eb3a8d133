/**
 * Inspections and audits (自主点検・内部監査・外部監査) with their findings and improvement items; an item becomes an
 * improvement task (the improvements feature's 提案) when the audit is recorded with an owner, or later by
 * 「改善として登録」. The item keeps the improvement's id, and the improvement shows the item it came from.
 */
import type { Db } from "../../db/database.js";
import type { Actor } from "../../domain/roles.js";
import { AppError, invalidInput, notFound } from "../../errors.js";
import { nowIso } from "../../services/clock.js";
import { createImprovement } from "../improvements/create-improvement.js";
import { appendImprovementEvent } from "../improvements/improvement-events.js";
import { AUDIT_KIND_LABELS, type AuditImprovementInput, type AuditInput } from "./contract.js";
import { assertNotFuture } from "./record-dates.js";

type AuditKind = keyof typeof AUDIT_KIND_LABELS;
const TITLE_MAX = 200;
const PROBLEM_MAX = 4000;

const clip = (s: string, max: number) => {
  const chars = Array.from(s);
  return chars.length > max ? `${chars.slice(0, max - 1).join("")}…` : s;
};

/** `actor` proposes the improvement tasks when the input names an owner for them (input.improvement). */
export async function createAudit(db: Db, input: AuditInput, today: string, actor?: Actor): Promise<number> {
  assertNotFuture(input.heldOn, today, "heldOn", "実施日");
  if (input.improvement && !actor)
    throw new Error("createAudit: improvement tasks need the actor proposing them");
  if (input.improvement && input.items.length === 0)
    throw invalidInput({ items: "改善課題にする改善項目を入力してください" });
  const a = await db
    .insertInto("audits")
    .values({
      held_on: input.heldOn,
      kind: input.kind,
      auditor: input.auditor,
      findings: input.findings ?? null,
      created_at: nowIso(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  for (const content of input.items) {
    const item = await db
      .insertInto("audit_items")
      .values({ audit_id: a.id, content, improvement_id: null })
      .returning("id")
      .executeTakeFirstOrThrow();
    if (input.improvement && actor)
      await registerAuditItemImprovement(db, item.id, { ...input.improvement, title: null }, actor);
  }
  return a.id;
}

/**
 * 「改善として登録」: the item becomes an improvement task (status 提案) owned by the department given, its problem
 * naming the audit; refused when the item already has one. Returns the improvement's id.
 */
export async function registerAuditItemImprovement(
  db: Db,
  itemId: number,
  input: AuditImprovementInput,
  actor: Actor,
): Promise<number> {
  const item = await db
    .selectFrom("audit_items as i")
    .innerJoin("audits as a", "a.id", "i.audit_id")
    .select(["i.id", "i.content", "i.improvement_id", "a.kind", "a.held_on", "a.auditor", "a.findings"])
    .where("i.id", "=", itemId)
    .executeTakeFirst();
  if (!item) throw notFound("改善項目");
  if (item.improvement_id !== null)
    throw new AppError("conflict", `この改善項目はすでに改善課題（ID ${item.improvement_id}）です`, {
      improvement: `すでに改善課題（ID ${item.improvement_id}）として登録されています`,
    });
  const kindName = AUDIT_KIND_LABELS[item.kind as AuditKind] ?? item.kind;
  const problem = [
    // 【】, not （）: the improvement's text is normalized (NFKC), which would make full-width parentheses half-width
    `【${kindName} ${item.held_on}・${item.auditor}】改善項目: ${item.content}`,
    item.findings ? `指摘事項: ${item.findings}` : "",
  ]
    .filter(Boolean)
    .join("\n");
  const at = new Date();
  const improvementId = await createImprovement(
    db,
    actor,
    {
      title: clip(input.title?.trim() || item.content, TITLE_MAX),
      problem: clip(problem, PROBLEM_MAX),
      ownerDepartmentId: input.ownerDepartmentId,
      dueDate: input.dueDate,
    },
    at,
  );
  await db
    .updateTable("audit_items")
    .set({ improvement_id: improvementId })
    .where("id", "=", itemId)
    .execute();
  await appendImprovementEvent(
    db,
    improvementId,
    "linked",
    actor.id,
    { auditItemIds: [itemId], audit: `${kindName}（${item.held_on}）`, item: item.content },
    at.toISOString(),
  );
  return improvementId;
}

export async function listAudits(db: Db, range: { from?: string; to?: string }) {
  let q = db.selectFrom("audits").select(["id", "held_on", "kind", "auditor", "findings"]);
  if (range.from) q = q.where("held_on", ">=", range.from);
  if (range.to) q = q.where("held_on", "<=", range.to);
  const audits = await q.orderBy("held_on").orderBy("id").execute();
  const items = audits.length
    ? await db
        .selectFrom("audit_items as i")
        .leftJoin("improvements as m", "m.id", "i.improvement_id")
        .select(["i.id", "i.audit_id", "i.content", "i.improvement_id", "m.title", "m.status"])
        .where(
          "i.audit_id",
          "in",
          audits.map((a) => a.id),
        )
        .orderBy("i.id")
        .execute()
    : [];
  return audits.map((a) => ({
    id: a.id,
    heldOn: a.held_on,
    kind: a.kind,
    auditor: a.auditor,
    findings: a.findings,
    items: items
      .filter((i) => i.audit_id === a.id)
      .map((i) => ({
        id: i.id,
        content: i.content,
        improvementId: i.improvement_id,
        improvement:
          i.improvement_id !== null && i.title !== null && i.status !== null
            ? { id: i.improvement_id, title: i.title, status: i.status }
            : null,
      })),
  }));
}

/** Deleting an audit deletes its items; an improvement task an item became stays (it has a life of its own). */
export async function deleteAudit(db: Db, id: number): Promise<void> {
  await db.deleteFrom("audit_items").where("audit_id", "=", id).execute();
  const r = await db.deleteFrom("audits").where("id", "=", id).executeTakeFirst();
  if (Number(r.numDeletedRows) === 0) throw notFound("点検・監査");
}
