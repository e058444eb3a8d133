/**
 * Draft → approved → published. Approval (cs or an admin, a second person) requires the period to be over, every
 * free-text section written and no personal data in the chosen voices; it generates the document one last time
 * and freezes it (report_snapshots), so later edits of voices never change the report. Publishing marks the
 * frozen document as public. Both are written to the audit log.
 */
import type { Db } from "../../db/database.js";
import { jstToday } from "../../domain/jst.js";
import { type Actor, canApproveReport } from "../../domain/roles.js";
import { AppError, forbidden, invalidInput, staleVersion } from "../../errors.js";
import { recordAudit } from "../../services/audit.js";
import { generateDocument } from "./generate-document.js";
import { checkFeaturedVoices } from "./personal-data-check.js";
import type { ReportDocument } from "./report-document.js";
import { reportRow, sectionRows } from "./report-rows.js";

export const SECOND_PERSON_MESSAGE =
  "報告書の承認は、この版を作成した人・最後に変更した人以外のお客様相談室または管理者が行います（二人目の確認）";

export async function approveReport(
  trx: Db,
  actor: Actor,
  id: number,
  input: { revision: number },
  opts: { now?: Date; ip?: string | null } = {},
): Promise<void> {
  const now = opts.now ?? new Date();
  const row = await reportRow(trx, id);
  if (row.status !== "draft") throw new AppError("transition_refused", "この報告書はすでに承認されています");
  if (row.revision !== input.revision) throw staleVersion();
  if (!canApproveReport(actor, { createdBy: row.created_by, updatedBy: row.updated_by }))
    throw forbidden(SECOND_PERSON_MESSAGE);
  if (row.period_to >= jstToday(now))
    throw new AppError(
      "transition_refused",
      `${row.period_label}が終わるまで承認できません（数値が確定していないため）`,
    );

  const fields: Record<string, string> = {};
  for (const s of await sectionRows(trx, id))
    if (s.block === "text" && s.body.trim() === "")
      fields[`sections.${s.id}.body`] = `「${s.heading}」の本文を入力してください`;
  const findings = await checkFeaturedVoices(trx, id);
  for (const f of findings) fields[`sections.${f.sectionId}.voices.${f.voiceId}`] = f.message;
  if (Object.keys(fields).length) {
    const first = findings[0];
    const message = first
      ? `${first.message}${findings.length > 1 ? `（ほか${findings.length - 1}件）` : ""}`
      : "承認するには、すべての文章の節に本文が必要です";
    throw invalidInput(fields, message);
  }

  const at = now.toISOString();
  const updated = await trx
    .updateTable("reports")
    .set({ status: "approved", approved_by: actor.id, approved_at: at, revision: row.revision + 1 })
    .where("id", "=", id)
    .where("revision", "=", input.revision)
    .where("status", "=", "draft")
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) throw staleVersion();
  const document = await generateDocument(trx, id, { now });
  await trx
    .insertInto("report_snapshots")
    .values({ report_id: id, document: JSON.stringify(document), created_at: at })
    .execute();
  await recordAudit(trx, {
    userId: actor.id,
    action: "report_approved",
    detail: `${row.title}（第${row.version}版）`,
    ip: opts.ip ?? null,
  });
}

export async function publishReport(
  trx: Db,
  actor: Actor,
  id: number,
  input: { revision: number },
  opts: { now?: Date; ip?: string | null } = {},
): Promise<void> {
  const row = await reportRow(trx, id);
  if (row.status === "published")
    throw new AppError("transition_refused", "この報告書はすでに公開されています");
  if (row.status !== "approved")
    throw new AppError(
      "transition_refused",
      "公開できるのは承認済みの報告書だけです（先に承認してください）",
    );
  if (row.revision !== input.revision) throw staleVersion();
  const at = (opts.now ?? new Date()).toISOString();
  const updated = await trx
    .updateTable("reports")
    .set({ status: "published", published_by: actor.id, published_at: at, revision: row.revision + 1 })
    .where("id", "=", id)
    .where("revision", "=", input.revision)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) throw staleVersion();
  const snap = await frozenDocument(trx, id);
  if (snap)
    await trx
      .updateTable("report_snapshots")
      .set({ document: JSON.stringify({ ...snap, status: "published" }) })
      .where("report_id", "=", id)
      .execute();
  await recordAudit(trx, {
    userId: actor.id,
    action: "report_published",
    detail: `${row.title}（第${row.version}版）`,
    ip: opts.ip ?? null,
  });
}

async function frozenDocument(db: Db, id: number): Promise<ReportDocument | null> {
  const snap = await db
    .selectFrom("report_snapshots")
    .select("document")
    .where("report_id", "=", id)
    .executeTakeFirst();
  return snap ? (JSON.parse(snap.document) as ReportDocument) : null;
}

/** The document to show or render: the frozen one once approved, else generated now (a draft's preview). */
export async function reportDocument(db: Db, id: number, opts: { now?: Date } = {}): Promise<ReportDocument> {
  await reportRow(db, id);
  return (await frozenDocument(db, id)) ?? generateDocument(db, id, opts);
}
