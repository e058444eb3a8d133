/**
 * Records the report sent to the insurer and, when it came, the insurer's answer; allowed after the voice closed
 * (the answer often arrives later), refused on a voided voice. Appends "insurer_reported" to the timeline.
 */
import type { Db } from "../../db/database.js";
import { jstDate } from "../../domain/jst.js";
import { type Actor, canRecordInsurerReport } from "../../domain/roles.js";
import { AppError, forbidden, invalidInput, notFound } from "../../errors.js";
import { nowIso } from "../../services/clock.js";
import { parseDateTimeJa, voiceDateProblem } from "../../shared/japanese-date.js";
import { appendEvent } from "../voices/voice-events.js";
import type { RecordInsurerReportInput } from "./contract.js";

function dateField(value: string, label: string, now: Date): { iso: string } | { problem: string } {
  const d = parseDateTimeJa(value);
  if (!d.ok) return { problem: d.message };
  const outside = voiceDateProblem(d.date, label, now);
  return outside ? { problem: outside } : { iso: d.iso };
}

export async function recordInsurerReport(
  db: Db,
  actor: Actor,
  voiceId: number,
  input: RecordInsurerReportInput,
  now = new Date(),
): Promise<void> {
  const row = await db
    .selectFrom("voices")
    .select(["id", "status", "department_id", "assignee_id", "received_at", "version"])
    .where("id", "=", voiceId)
    .executeTakeFirst();
  if (!row) throw notFound("声");
  if (!canRecordInsurerReport(actor, { departmentId: row.department_id, assigneeId: row.assignee_id }))
    throw forbidden(
      "この声の保険会社への報告を記録する権限がありません（対応部署の職員、担当者、CS部門が記録できます）",
    );
  if (row.status === "voided") throw new AppError("transition_refused", "取り消された声は操作できません");

  const fields: Record<string, string> = {};
  const reported = dateField(input.reportedAt, "報告日時", now);
  if ("problem" in reported) fields.reportedAt = reported.problem;
  else if (jstDate(reported.iso) < jstDate(row.received_at))
    fields.reportedAt = "報告日時は受付日以降にしてください";
  let answeredAt: string | null = null;
  if (input.answeredAt) {
    const answered = dateField(input.answeredAt, "回答日時", now);
    if ("problem" in answered) fields.answeredAt = answered.problem;
    else if ("iso" in reported && answered.iso < reported.iso)
      fields.answeredAt = "回答日時は報告日時より後にしてください";
    else answeredAt = answered.iso;
  }
  if (answeredAt === null && input.answer && !input.answeredAt)
    fields.answeredAt = "保険会社からの回答を記録するときは回答日時も入力してください";
  if (Object.keys(fields).length > 0 || "problem" in reported) throw invalidInput(fields);

  const at = nowIso();
  const res = await db
    .updateTable("voices")
    .set({
      insurer_name: input.insurer ?? null,
      insurer_reported_at: reported.iso,
      insurer_answer: input.answer ?? null,
      insurer_answered_at: answeredAt,
      updated_at: at,
      version: row.version + 1,
    })
    .where("id", "=", voiceId)
    .where("version", "=", row.version)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1)
    throw new AppError(
      "stale_version",
      "他の人が先に更新しました。読み込み直してから、もう一度記録してください",
    );
  await appendEvent(db, {
    voiceId,
    kind: "insurer_reported",
    actorId: actor.id,
    at,
    data: {
      insurer: input.insurer ?? null,
      reportedAt: reported.iso,
      answer: input.answer ?? null,
      answeredAt,
    },
  });
}
