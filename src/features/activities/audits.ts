/**
 * Inspections and audits (自主点検・内部監査・外部監査) with their findings and improvement items; an item becomes an
 * improvement task (the improvements feature's 提案) when the audit is recorded with an owner, or later by
 * 「改善として登録」, or is linked to an improvement task that already exists. The item keeps the improvement's id,
 * and the improvement shows the item it came from.
 */
import type { Db } from "../../db/database.js";
import type { Actor } from "../../domain/roles.js";
import { AppError, invalidInput, notFound } from "../../errors.js";
import { nowIso } from "../../services/clock.js";
import { createImprovement } from "../improvements/create-improvement.js";
import { appendImprovementEvent } from "../improvements/improvement-events.js";
import {
  AUDIT_KIND_LABELS,
  type AuditImprovementInput,
  type AuditInput,
  type AuditPatch,
} from "./contract.js";
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

const alreadyLinked = (improvementId: number) =>
  new AppError("conflict", `この改善項目はすでに改善課題（ID ${improvementId}）に紐づいています`, {
    improvementId: `すでに改善課題（ID ${improvementId}）に紐づいています。別の改善課題には紐づけられません`,
  });

/**
 * Links an audit's improvement item to an improvement task that already exists (one task may answer several
 * items); refused (409) when the item already has one. The improvement's timeline records the link.
 */
export async function linkAuditItemImprovement(
  db: Db,
  itemId: number,
  improvementId: number,
  actor: Actor,
): Promise<void> {
  const item = await db
    .selectFrom("audit_items as i")
    .innerJoin("audits as a", "a.id", "i.audit_id")
    .select(["i.id", "i.content", "i.improvement_id", "a.kind", "a.held_on"])
    .where("i.id", "=", itemId)
    .executeTakeFirst();
  if (!item) throw notFound("改善項目");
  if (item.improvement_id !== null) throw alreadyLinked(item.improvement_id);
  const improvement = await db
    .selectFrom("improvements")
    .select("id")
    .where("id", "=", improvementId)
    .executeTakeFirst();
  if (!improvement) throw invalidInput({ improvementId: `改善課題（ID ${improvementId}）はありません` });
  // the null check in the statement too: two links of the same item at once must not both succeed
  const r = await db
    .updateTable("audit_items")
    .set({ improvement_id: improvementId })
    .where("id", "=", itemId)
    .where("improvement_id", "is", null)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) === 0) throw alreadyLinked(improvementId);
  const kindName = AUDIT_KIND_LABELS[item.kind as AuditKind] ?? item.kind;
  await appendImprovementEvent(db, improvementId, "linked", actor.id, {
    auditItemIds: [itemId],
    audit: `${kindName}（${item.held_on}）`,
    item: item.content,
  });
}

/**
 * Changes an audit's fields given and, when `items` is given, its improvement items in full: an item named by id
 * is kept (reworded if changed, its improvement task stays), one without an id is added, and a stored item left
 * out is removed — unless it became an improvement task, which would lose where the task came from (409).
 */
export async function updateAudit(db: Db, id: number, patch: AuditPatch, today: string): Promise<void> {
  const audit = await db.selectFrom("audits").select("id").where("id", "=", id).executeTakeFirst();
  if (!audit) throw notFound("点検・監査");
  assertNotFuture(patch.heldOn, today, "heldOn", "実施日");
  const set = {
    ...(patch.heldOn !== undefined && { held_on: patch.heldOn }),
    ...(patch.kind !== undefined && { kind: patch.kind }),
    ...(patch.auditor !== undefined && { auditor: patch.auditor }),
    ...(patch.findings !== undefined && { findings: patch.findings }),
  };
  if (Object.keys(set).length) await db.updateTable("audits").set(set).where("id", "=", id).execute();
  if (patch.items === undefined) return;

  const stored = await db
    .selectFrom("audit_items")
    .select(["id", "content", "improvement_id"])
    .where("audit_id", "=", id)
    .execute();
  const byId = new Map(stored.map((i) => [i.id, i]));
  const kept = new Set<number>();
  for (const [i, item] of patch.items.entries()) {
    if (item.id == null) continue;
    if (!byId.has(item.id) || kept.has(item.id))
      throw invalidInput({
        [`items.${i}.id`]: `改善項目（ID ${item.id}）はこの点検・監査の項目ではありません`,
      });
    kept.add(item.id);
  }
  const dropped = stored.filter((s) => !kept.has(s.id));
  const linked = dropped.find((s) => s.improvement_id !== null);
  if (linked)
    throw new AppError(
      "conflict",
      `改善項目「${linked.content}」は改善課題（ID ${linked.improvement_id}）になっているため外せません`,
      { items: `改善課題になっている改善項目「${linked.content}」は外せません` },
    );
  if (dropped.length)
    await db
      .deleteFrom("audit_items")
      .where(
        "id",
        "in",
        dropped.map((d) => d.id),
      )
      .execute();
  for (const item of patch.items) {
    if (item.id == null)
      await db
        .insertInto("audit_items")
        .values({ audit_id: id, content: item.content, improvement_id: null })
        .execute();
    else if (byId.get(item.id)?.content !== item.content)
      await db.updateTable("audit_items").set({ content: item.content }).where("id", "=", item.id).execute();
  }
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
