/** Inspections and audits (自主点検・内部監査・外部監査) with their findings and improvement items. */
import type { Db } from "../../db/database.js";
import { notFound } from "../../errors.js";
import { nowIso } from "../../services/clock.js";
import type { AuditInput } from "./contract.js";
import { assertNotFuture } from "./record-dates.js";

export async function createAudit(db: Db, input: AuditInput, today: string): Promise<number> {
  assertNotFuture(input.heldOn, today, "heldOn", "実施日");
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
  if (input.items.length)
    await db
      .insertInto("audit_items")
      .values(input.items.map((content) => ({ audit_id: a.id, content, improvement_id: null })))
      .execute();
  return a.id;
}

export async function listAudits(db: Db, range: { from?: string; to?: string }) {
  let q = db.selectFrom("audits").select(["id", "held_on", "kind", "auditor", "findings"]);
  if (range.from) q = q.where("held_on", ">=", range.from);
  if (range.to) q = q.where("held_on", "<=", range.to);
  const audits = await q.orderBy("held_on").orderBy("id").execute();
  const items = audits.length
    ? await db
        .selectFrom("audit_items")
        .select(["id", "audit_id", "content", "improvement_id"])
        .where(
          "audit_id",
          "in",
          audits.map((a) => a.id),
        )
        .orderBy("id")
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
      .map((i) => ({ id: i.id, content: i.content, improvementId: i.improvement_id })),
  }));
}

export async function deleteAudit(db: Db, id: number): Promise<void> {
  await db.deleteFrom("audit_items").where("audit_id", "=", id).execute();
  const r = await db.deleteFrom("audits").where("id", "=", id).executeTakeFirst();
  if (Number(r.numDeletedRows) === 0) throw notFound("点検・監査");
}
