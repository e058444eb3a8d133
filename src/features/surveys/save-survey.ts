/** Creating and editing a survey: checked field by field in Japanese, written whole. */
import { randomBytes } from "node:crypto";
import type { Db } from "../../db/database.js";
import { AppError, invalidInput, staleVersion } from "../../errors.js";
import { nowIso } from "../../services/clock.js";
import { parseDateTimeJa } from "../../shared/japanese-date.js";
import { normalizeText } from "../../shared/normalize.js";
import type { SurveyInput, SurveyPatchInput } from "./contract.js";
import { answeredQuestionChange, checkQuestions } from "./survey-rules.js";
import { loadSurvey, type SurveyRecord } from "./survey-store.js";

/** What the public page shows when the survey gives no notice of its own (as the public voice form does). */
export const DEFAULT_PURPOSE_NOTICE =
  "ご回答いただいた内容は、サービスの品質向上と、お寄せいただいたご不満・ご要望への対応のために利用します。" +
  "お名前・ご連絡先は、ご回答への対応でご連絡するためにのみ利用し、法令に基づく場合を除き、ご本人の同意なく第三者に提供しません。";

async function resolveKind(db: Db, kind: string | number, fields: Record<string, string>) {
  const q = db.selectFrom("survey_kinds").select(["id", "active", "name"]);
  const row = await (typeof kind === "number"
    ? q.where("id", "=", kind)
    : q.where((eb) => eb.or([eb("code", "=", kind.trim()), eb("name", "=", normalizeText(kind))]))
  ).executeTakeFirst();
  if (!row) fields.kind = `「${kind}」は登録されていないアンケートの種類です`;
  else if (!row.active) fields.kind = `アンケートの種類「${row.name}」は廃止されているため選べません`;
  return row?.id;
}

function dateField(
  raw: string | null | undefined,
  label: string,
  key: string,
  fields: Record<string, string>,
) {
  if (raw === undefined) return undefined;
  if (raw === null || raw.trim() === "") return null;
  const d = parseDateTimeJa(raw);
  if (!d.ok) {
    fields[key] = `${label}: ${d.message}`;
    return undefined;
  }
  return d.date;
}

function checkName(name: string | undefined, fields: Record<string, string>) {
  if (name === undefined) return undefined;
  const n = normalizeText(name);
  if (n === "" || n.length > 200) fields.name = "アンケート名を200文字以内で入力してください";
  return n;
}

export async function createSurvey(db: Db, userId: number | null, input: SurveyInput): Promise<SurveyRecord> {
  const fields: Record<string, string> = {};
  const name = checkName(input.name, fields);
  const kindId = await resolveKind(db, input.kind, fields);
  const opensOn = dateField(input.opensOn, "受付開始日", "opensOn", fields) ?? null;
  const closesOn = dateField(input.closesOn, "受付終了日", "closesOn", fields) ?? null;
  if (opensOn && closesOn && opensOn > closesOn)
    fields.closesOn = "受付終了日は受付開始日以降の日付にしてください";
  const q = checkQuestions(input.questions);
  if (!q.ok) Object.assign(fields, q.fields);
  if (Object.keys(fields).length > 0 || !q.ok || kindId === undefined) throw invalidInput(fields);
  const at = nowIso();
  const { id } = await db
    .insertInto("surveys")
    .values({
      name: name ?? "",
      kind_id: kindId,
      intro: normalizeText(input.intro ?? ""),
      purpose_notice: normalizeText(input.purposeNotice ?? "") || DEFAULT_PURPOSE_NOTICE,
      questions: JSON.stringify(q.questions),
      opens_on: opensOn,
      closes_on: closesOn,
      closed_at: null,
      public_code: randomBytes(9).toString("base64url"),
      created_by: userId,
      created_at: at,
      updated_at: at,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return loadSurvey(db, id);
}

export async function updateSurvey(db: Db, id: number, patch: SurveyPatchInput): Promise<SurveyRecord> {
  const current = await loadSurvey(db, id);
  if (current.version !== patch.version) throw staleVersion();
  const fields: Record<string, string> = {};
  const name = checkName(patch.name, fields);
  const kindId = patch.kind === undefined ? undefined : await resolveKind(db, patch.kind, fields);
  const opensOn = dateField(patch.opensOn, "受付開始日", "opensOn", fields);
  const closesOn = dateField(patch.closesOn, "受付終了日", "closesOn", fields);
  const o = opensOn === undefined ? current.opensOn : opensOn;
  const c = closesOn === undefined ? current.closesOn : closesOn;
  if (o && c && o > c) fields.closesOn = "受付終了日は受付開始日以降の日付にしてください";
  let questions: string | undefined;
  if (patch.questions !== undefined) {
    const q = checkQuestions(patch.questions);
    if (!q.ok) Object.assign(fields, q.fields);
    else {
      const answered = await db
        .selectFrom("survey_answer_items")
        .select("question_key")
        .distinct()
        .where("survey_id", "=", id)
        .execute();
      const locked = answeredQuestionChange(
        current.questions,
        q.questions,
        answered.map((a) => a.question_key),
      );
      if (locked) fields.questions = locked;
      questions = JSON.stringify(q.questions);
    }
  }
  if (Object.keys(fields).length > 0) throw invalidInput(fields);
  const r = await db
    .updateTable("surveys")
    .set({
      ...(name !== undefined ? { name } : {}),
      ...(kindId !== undefined ? { kind_id: kindId } : {}),
      ...(patch.intro !== undefined ? { intro: normalizeText(patch.intro ?? "") } : {}),
      ...(patch.purposeNotice !== undefined
        ? { purpose_notice: normalizeText(patch.purposeNotice ?? "") || DEFAULT_PURPOSE_NOTICE }
        : {}),
      ...(opensOn !== undefined ? { opens_on: opensOn } : {}),
      ...(closesOn !== undefined ? { closes_on: closesOn } : {}),
      ...(questions !== undefined ? { questions } : {}),
      ...(patch.closed !== undefined ? { closed_at: patch.closed ? nowIso() : null } : {}),
      updated_at: nowIso(),
      version: current.version + 1,
    })
    .where("id", "=", id)
    .where("version", "=", current.version)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) throw staleVersion();
  return loadSurvey(db, id);
}

export function assertKindCode(code: string | undefined): string {
  if (!code || !/^[a-z0-9_-]{1,60}$/.test(code))
    throw new AppError("invalid_input", "入力内容に誤りがあります", {
      code: "コードは半角英小文字・数字・_・- の60文字以内で入力してください",
    });
  return code;
}
