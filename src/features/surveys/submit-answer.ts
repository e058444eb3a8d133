/**
 * Stores one answer to a survey, idempotently by its answer id, with its items and — when the closed loop calls
 * for it — its voice and its monthly counts, all in the caller's transaction (`db.transaction().execute((trx) => submitAnswer(trx, …))`;
 * after the commit the caller tells the word indexer: wordsChanged). Used by the public page, one-time links,
 * staff paper entry and the answer import.
 */
import { randomUUID } from "node:crypto";
import type { Db } from "../../db/database.js";
import { AppError, invalidInput } from "../../errors.js";
import { nowIso } from "../../services/clock.js";
import { PREFECTURES } from "../../shared/constants.js";
import { parseDateTimeJa } from "../../shared/japanese-date.js";
import { normalizeText } from "../../shared/normalize.js";
import { taxonomyIndex } from "../users-and-settings/taxonomy.js";
import { addAnswerCounts } from "./answer-counts.js";
import { checkAnswer } from "./answer-rules.js";
import type { AnswerInput, AnswerSource, RespondentInput } from "./contract.js";
import { loadSurvey, type SurveyRecord, surveyIsOpen } from "./survey-store.js";
import { voiceFromAnswer } from "./survey-voice.js";

export interface SubmitAnswerOptions {
  source: AnswerSource;
  /** the answer id (a paper form's number, another tool's id): the same id for the same survey is stored once */
  externalId?: string | null;
  /** the one-time link's code (source "link"): answers once */
  linkCode?: string | null;
  /** the staff member who entered a paper answer or ran the import */
  enteredBy?: number | null;
  now?: Date;
}

export interface SubmittedAnswer {
  answerId: number;
  /** false: this answer id was stored before; nothing was written */
  created: boolean;
  voiceId: number | null;
  voiceReceiptNumber: string | null;
}

export const CLOSED_MESSAGE = "このアンケートは回答の受付を終了しました。ご協力ありがとうございました";
export const LINK_USED_MESSAGE =
  "このご案内のアンケートには、すでにご回答いただいています。ご回答は1回のみとさせていただいております。ご協力ありがとうございました";
export const LINK_UNKNOWN_MESSAGE =
  "ご案内のコードが見つかりません。お手紙に記載のコードをご確認のうえ、もう一度入力してください";
/** The honeypot was filled: answered like any refusal, and nothing is stored. */
export const REFUSED_MESSAGE =
  "送信内容を受け付けられませんでした。お手数ですが、ページを再読み込みしてもう一度お送りください";

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE_RE = /^[0-9+\-() ]{6,20}$/;
const STAFF_SOURCES: readonly AnswerSource[] = ["paper", "import"];

const clean = (s: string | null | undefined): string | null => {
  if (s === undefined || s === null) return null;
  const t = normalizeText(s);
  return t === "" ? null : t;
};

interface Attributes {
  ageBand: string | null;
  prefecture: string | null;
  productLineId: number | null;
  departmentId: number | null;
  staffId: number | null;
}

/** The respondent's attributes and contact details, checked; contact only with consent (APPI). */
async function checkRespondent(
  db: Db,
  r: RespondentInput | null | undefined,
  fields: Record<string, string>,
) {
  const attrs: Attributes = {
    ageBand: null,
    prefecture: null,
    productLineId: null,
    departmentId: null,
    staffId: null,
  };
  if (!r) return { attrs, contact: null };
  attrs.ageBand = clean(r.ageBand);
  if (attrs.ageBand && attrs.ageBand.length > 20)
    fields["respondent.ageBand"] = "年代は20文字以内で入力してください";
  const pref = clean(r.prefecture);
  if (pref && !(PREFECTURES as readonly string[]).includes(pref))
    fields["respondent.prefecture"] = `「${pref.slice(0, 20)}」は都道府県名ではありません（例: 大阪府）`;
  attrs.prefecture = pref;
  if (r.productLine !== undefined && r.productLine !== null && r.productLine !== "") {
    const tax = await taxonomyIndex(db);
    const p = tax.find("product_line", r.productLine);
    if (!p) fields["respondent.productLine"] = `「${r.productLine}」は登録されていない商品です`;
    else attrs.productLineId = p.id;
  }
  if (r.department !== undefined && r.department !== null && r.department !== "") {
    const tax = await taxonomyIndex(db);
    const d = tax.find("department", r.department);
    if (!d) fields["respondent.department"] = `「${r.department}」は登録されていない部署です`;
    else attrs.departmentId = d.id;
  }
  if (r.staffId) {
    const u = await db.selectFrom("users").select("id").where("id", "=", r.staffId).executeTakeFirst();
    if (!u) fields["respondent.staffId"] = "指定された担当者が見つかりません";
    else attrs.staffId = u.id;
  }
  const name = clean(r.name);
  if (name && name.length > 100) fields["respondent.name"] = "お名前は100文字以内で入力してください";
  const email = clean(r.email)?.toLowerCase() ?? null;
  if (email && (!EMAIL_RE.test(email) || email.length > 200))
    fields["respondent.email"] = "メールアドレスの形式が正しくありません（例: hanako@example.jp）";
  const phone = clean(r.phone);
  if (phone && !PHONE_RE.test(phone))
    fields["respondent.phone"] = "電話番号は数字とハイフンで入力してください（例: 090-1234-5678）";
  const contactConsent = r.contactConsent === true;
  if (contactConsent && !email && !phone)
    fields["respondent.contactConsent"] =
      "ご連絡を希望される場合は、メールアドレスか電話番号を入力してください";
  const personal = name !== null || email !== null || phone !== null;
  if (personal && r.privacyConsent !== true)
    fields["respondent.privacyConsent"] =
      "お名前・ご連絡先を入力された場合は、個人情報の取り扱いへの同意が必要です（同意されない場合は、お名前・ご連絡先を空欄にしてください）";
  return { attrs, contact: personal ? { name, email, phone, contactConsent } : null };
}

function answeredAtOf(
  input: AnswerInput,
  source: AnswerSource,
  now: Date,
  fields: Record<string, string>,
): string {
  const raw = input.answeredAt?.trim();
  // A member answers now; only staff entries and imports carry the date written on the paper or in the file.
  if (!raw || !STAFF_SOURCES.includes(source)) return now.toISOString();
  const d = parseDateTimeJa(raw);
  if (!d.ok) {
    fields.answeredAt = `回答日: ${d.message}`;
    return now.toISOString();
  }
  if (Date.parse(d.iso) > now.getTime() + 5 * 60_000) fields.answeredAt = "回答日が未来の日付になっています";
  return d.iso;
}

export async function submitAnswer(
  db: Db,
  surveyId: number,
  input: AnswerInput,
  opts: SubmitAnswerOptions,
): Promise<SubmittedAnswer> {
  if (input.website && input.website.trim() !== "") throw new AppError("invalid_input", REFUSED_MESSAGE);
  const now = opts.now ?? new Date();
  const survey = await loadSurvey(db, surveyId);
  const externalId = clean(opts.externalId);
  if (externalId && externalId.length > 100)
    throw invalidInput({ answerId: "回答IDは100文字以内で指定してください" });

  if (externalId) {
    const existing = await findAnswer(db, survey.id, externalId);
    if (existing) return { ...existing, created: false };
  }
  if (!STAFF_SOURCES.includes(opts.source) && !surveyIsOpen(survey, now))
    throw new AppError("conflict", CLOSED_MESSAGE);

  const link = opts.linkCode ? await claimLink(db, survey, opts.linkCode, now) : null;

  const fields: Record<string, string> = {};
  const checked = checkAnswer(survey.questions, input.answers);
  if (!checked.ok) Object.assign(fields, checked.fields);
  const { attrs, contact } = await checkRespondent(db, input.respondent, fields);
  const answeredAt = answeredAtOf(input, opts.source, now, fields);
  if (Object.keys(fields).length > 0 || !checked.ok) throw invalidInput(fields, "回答内容をご確認ください");
  // A one-time link's letter names its respondent's attributes; what the member typed does not override them.
  const a: Attributes = link
    ? {
        ageBand: link.age_band ?? attrs.ageBand,
        prefecture: link.prefecture ?? attrs.prefecture,
        productLineId: link.product_line_id ?? attrs.productLineId,
        departmentId: link.department_id ?? attrs.departmentId,
        staffId: link.staff_id ?? attrs.staffId,
      }
    : attrs;

  const key = externalId ?? (link ? `link-${link.id}` : randomUUID());
  const at = nowIso();
  const inserted = await db
    .insertInto("survey_answers")
    .values({
      survey_id: survey.id,
      answer_key: key,
      source: opts.source,
      link_id: link?.id ?? null,
      answered_at: answeredAt,
      headline_value: checked.answer.headlineValue,
      age_band: a.ageBand,
      prefecture: a.prefecture,
      product_line_id: a.productLineId,
      department_id: a.departmentId,
      staff_id: a.staffId,
      contact: contact ? JSON.stringify(contact) : null,
      voice_id: null,
      entered_by: opts.enteredBy ?? null,
      created_at: at,
    })
    .onConflict((oc) => oc.columns(["survey_id", "answer_key"]).doNothing())
    .returning("id")
    .executeTakeFirst();
  if (!inserted) {
    // The same answer id was stored by a concurrent request after our first look: that one stands.
    const existing = await findAnswer(db, survey.id, key);
    if (existing) return { ...existing, created: false };
    throw new AppError("conflict", "回答を保存できませんでした。もう一度お試しください");
  }
  const answerId = inserted.id;
  if (checked.answer.items.length > 0) {
    await db
      .insertInto("survey_answer_items")
      .values(
        checked.answer.items.map((it) => ({
          answer_id: answerId,
          survey_id: survey.id,
          answered_at: answeredAt,
          question_key: it.questionKey,
          value: it.value,
          text: it.text,
        })),
      )
      .execute();
  }
  await addAnswerCounts(db, survey.id, [
    {
      answeredAt,
      headlineValue: checked.answer.headlineValue,
      ageBand: a.ageBand,
      prefecture: a.prefecture,
      productLineId: a.productLineId,
      departmentId: a.departmentId,
      staffId: a.staffId,
      items: checked.answer.items,
    },
  ]);
  const voice = await voiceFromAnswer(db, survey, {
    answerId,
    answeredAt,
    answer: checked.answer,
    departmentId: a.departmentId,
    productLineId: a.productLineId,
    ageBand: a.ageBand,
    prefecture: a.prefecture,
    contact,
  });
  if (voice)
    await db.updateTable("survey_answers").set({ voice_id: voice.id }).where("id", "=", answerId).execute();
  return {
    answerId,
    created: true,
    voiceId: voice?.id ?? null,
    voiceReceiptNumber: voice?.receiptNumber ?? null,
  };
}

async function findAnswer(db: Db, surveyId: number, key: string) {
  const r = await db
    .selectFrom("survey_answers as a")
    .leftJoin("voices as v", "v.id", "a.voice_id")
    .select(["a.id", "a.voice_id", "v.receipt_number"])
    .where("a.survey_id", "=", surveyId)
    .where("a.answer_key", "=", key)
    .executeTakeFirst();
  return r ? { answerId: r.id, voiceId: r.voice_id, voiceReceiptNumber: r.receipt_number ?? null } : null;
}

/** Marks a one-time link used; the conditional update lets only one of two concurrent answers through. */
async function claimLink(db: Db, survey: SurveyRecord, code: string, now: Date) {
  const link = await db
    .selectFrom("survey_links")
    .selectAll()
    .where("code", "=", canonicalLinkCode(code))
    .where("survey_id", "=", survey.id)
    .executeTakeFirst();
  if (!link) throw new AppError("not_found", LINK_UNKNOWN_MESSAGE);
  if (link.used_at) throw new AppError("conflict", LINK_USED_MESSAGE);
  const r = await db
    .updateTable("survey_links")
    .set({ used_at: now.toISOString() })
    .where("id", "=", link.id)
    .where("used_at", "is", null)
    .executeTakeFirst();
  if (Number(r.numUpdatedRows) !== 1) throw new AppError("conflict", LINK_USED_MESSAGE);
  return link;
}

/** A short code as typed from a letter (full-width, lower case, spaces or hyphens) reduced to its characters. */
export function canonicalLinkCode(code: string): string {
  return code
    .normalize("NFKC")
    .toUpperCase()
    .replace(/[\s\-ー－]/g, "");
}
