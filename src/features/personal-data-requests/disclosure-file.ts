/**
 * 開示: what koe holds about the member, as one XLSX the organisation sends them (or prints): their customer
 * records, the voices with the text and the responses recorded, and their survey answers. Cells are written as
 * strings, so a voice typed as =HYPERLINK(…) stays text.
 */
import ExcelJS from "exceljs";
import type { Db } from "../../db/database.js";
import { escapeGuardLike } from "../../io/formula-guard.js";
import type { CustomerRecords } from "./find-customer-records.js";

type Cell = string | number | null;

function addSheet(workbook: ExcelJS.Workbook, name: string, header: string[], rows: Cell[][]) {
  const sheet = workbook.addWorksheet(name, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = header.map((h) => ({ width: Math.max(12, h.length * 2 + 4) }));
  sheet.addRow(header).font = { bold: true };
  for (const r of rows) sheet.addRow(r.map((c) => (typeof c === "string" ? escapeGuardLike(c) : c)));
  if (rows.length === 0) sheet.addRow(["該当する記録はありません"]);
}

export async function disclosureXlsx(db: Db, records: CustomerRecords): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.title = "保有個人データの開示";
  addSheet(
    workbook,
    "お客さま情報",
    [
      "氏名",
      "フリガナ",
      "会員番号",
      "電話番号",
      "メールアドレス",
      "都道府県",
      "住所",
      "年代",
      "性別",
      "連絡の同意",
    ],
    records.customers.map((c) => [
      c.name,
      c.kana,
      c.memberNumber,
      c.phone,
      c.email,
      c.prefecture,
      c.address,
      c.ageBand,
      c.gender,
      c.contactConsent ? "あり" : "なし",
    ]),
  );

  const voiceIds = records.customers.flatMap((c) => c.voices.map((v) => v.id));
  const voices =
    voiceIds.length === 0
      ? []
      : await db
          .selectFrom("voices")
          .select(["id", "receipt_number", "received_at", "content", "remedy_sought", "status"])
          .where("id", "in", voiceIds)
          .orderBy("received_at")
          .execute();
  const responses =
    voiceIds.length === 0
      ? []
      : await db
          .selectFrom("voice_events")
          .select(["voice_id", "at", "data"])
          .where("voice_id", "in", voiceIds)
          .where("kind", "=", "responded")
          .orderBy("at")
          .execute();
  const typeOf = new Map(records.customers.flatMap((c) => c.voices.map((v) => [v.id, v.typeName] as const)));
  addSheet(
    workbook,
    "お客さまの声",
    ["受付番号", "受付日時", "種別", "内容", "ご要望", "対応の記録"],
    voices.map((v) => [
      v.receipt_number,
      v.received_at,
      typeOf.get(v.id) ?? "",
      v.content,
      v.remedy_sought,
      responses
        .filter((r) => r.voice_id === v.id)
        .map((r) => responseText(r.data))
        .filter(Boolean)
        .join("\n"),
    ]),
  );

  const items =
    records.answers.length === 0
      ? []
      : await db
          .selectFrom("survey_answer_items")
          .select(["answer_id", "question_key", "value", "text"])
          .where(
            "answer_id",
            "in",
            records.answers.map((a) => a.id),
          )
          .orderBy("answer_id")
          .orderBy("question_key")
          .execute();
  addSheet(
    workbook,
    "アンケート回答",
    ["アンケート", "回答日時", "設問", "回答（数値）", "回答（記述）", "連絡先"],
    records.answers.flatMap((a) =>
      items
        .filter((i) => i.answer_id === a.id)
        .map((i) => [
          a.surveyName,
          a.answeredAt,
          i.question_key,
          i.value,
          i.text,
          [a.contact.name, a.contact.phone, a.contact.email].filter(Boolean).join(" / "),
        ]),
    ),
  );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** A response event's text, whatever the event recorded it as. */
function responseText(data: string): string {
  try {
    const d = JSON.parse(data) as { text?: unknown; content?: unknown; body?: unknown };
    const text = d.text ?? d.content ?? d.body;
    return typeof text === "string" ? text : "";
  } catch {
    return "";
  }
}
