/**
 * Checks every row of a survey-answer file into answers ready to store, collecting every problem with its row and
 * column (the voice import's ImportProblem). The questions' rules are the surveys feature's (checkAnswer); labels
 * resolve by code, name or alias with the closest one suggested; the mapping file's values replace cells first.
 */
import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import { unneutralizeFormula } from "../../io/formula-guard.js";
import { compileValueMaps } from "../../io/import-value-maps.js";
import { normalizeHeader } from "../../io/voice-columns.js";
import type { ImportProblem, ImportTable, LabelLookup } from "../../io/voice-import-rows.js";
import { PREFECTURES } from "../../shared/constants.js";
import { parseDateTimeJa } from "../../shared/japanese-date.js";
import { normalizeText } from "../../shared/normalize.js";
import { type CheckedAnswer, checkAnswer } from "../surveys/answer-rules.js";
import type { Question } from "../surveys/contract.js";
import {
  type AnswerColumnKey,
  type AnswerFixedKey,
  answerColumnNames,
  answerHeaderOf,
  REQUIRED_ANSWER_KEYS,
} from "./answer-columns.js";
import type { AnswerMapping } from "./answer-mapping.js";

export interface AnswerImportContext {
  questions: readonly Question[];
  lookups: { productLine: LabelLookup; department: LabelLookup };
  mapping?: AnswerMapping;
  defaultDepartment?: string;
  now?: Date;
}

export interface ImportedAnswer {
  row: number;
  answerKey: string;
  answeredAt: string;
  answer: CheckedAnswer;
  ageBand: string | null;
  prefecture: string | null;
  productLineId: number | null;
  departmentId: number | null;
  contact: {
    name: string | null;
    email: string | null;
    phone: string | null;
    contactConsent: boolean;
  } | null;
}

export interface AnswerValidation {
  valid: ImportedAnswer[];
  problems: ImportProblem[];
  ignoredColumns: string[];
}

const MAX_CHARS: Partial<Record<AnswerFixedKey, number>> = {
  answerId: 100,
  ageBand: 20,
  name: 100,
  email: 200,
  phone: 40,
};
const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const PHONE_RE = /^[0-9+\-() ]{6,20}$/;
const YES = new Set([
  "はい",
  "有",
  "あり",
  "する",
  "希望する",
  "同意する",
  "同意",
  "○",
  "〇",
  "1",
  "true",
  "yes",
  "y",
]);
const NO = new Set([
  "いいえ",
  "無",
  "なし",
  "しない",
  "希望しない",
  "同意しない",
  "×",
  "0",
  "false",
  "no",
  "n",
  "",
]);
/** Several choices in one cell: 、 , ; ／ / or a line break between them. */
const CHOICE_SEPARATOR = /[、,;；／/\n]+/u;
const FUTURE_TOLERANCE_MS = 24 * 60 * 60 * 1000;
const SLICE_MS = 20;

export async function validateAnswerRows(
  table: ImportTable,
  ctx: AnswerImportContext,
): Promise<AnswerValidation> {
  const headerRow = table.headerRow ?? 1;
  const problems: ImportProblem[] = [];
  const valid: ImportedAnswer[] = [];
  const { questions } = ctx;
  const headerOf = (key: AnswerColumnKey) => answerHeaderOf(key, questions);

  const names = answerColumnNames(questions);
  const indexOf = new Map<AnswerColumnKey, number>();
  const ignored: string[] = [];
  table.headers.forEach((header, index) => {
    if (header.trim() === "") return;
    const norm = normalizeHeader(header);
    const key = ctx.mapping?.columns.get(norm) ?? names.get(norm);
    if (!key) ignored.push(header);
    else if (indexOf.has(key))
      problems.push({
        row: headerRow,
        column: header,
        value: "",
        reason: `「${headerOf(key)}」にあたる列が複数あります（『${table.headers[indexOf.get(key) as number]}』、『${header}』）`,
      });
    else indexOf.set(key, index);
  });
  const missing = (key: AnswerColumnKey, note = "") =>
    problems.push({
      row: headerRow,
      column: headerOf(key),
      value: "",
      reason: `必須の列『${headerOf(key)}』がありません${note}`,
    });
  for (const key of REQUIRED_ANSWER_KEYS) if (!indexOf.has(key)) missing(key);
  for (const q of questions)
    if (q.required && !indexOf.has(`q:${q.key}`)) missing(`q:${q.key}`, `（設問キー ${q.key}）`);

  const defaultDepartment = (ctx.defaultDepartment ?? ctx.mapping?.defaultDepartment)?.trim() ?? "";
  let defaultDepartmentId: number | null = null;
  if (defaultDepartment !== "") {
    defaultDepartmentId = ctx.lookups.department.resolve(defaultDepartment);
    if (defaultDepartmentId === null) {
      const near = ctx.lookups.department.suggest?.(defaultDepartment) ?? null;
      problems.push({
        row: headerRow,
        column: "部署",
        value: defaultDepartment,
        reason: `既定の部署『${defaultDepartment}』は登録されていない部署です${near ? `（近いもの: 『${near}』）` : ""}`,
        ...(near ? { suggestion: near } : {}),
      });
    }
  }
  if (problems.length > 0) return { valid, problems, ignoredColumns: ignored };

  const mapValue = compileValueMaps<AnswerColumnKey>(
    ctx.mapping
      ? (Object.fromEntries(ctx.mapping.values) as Record<AnswerColumnKey, Record<string, string>>)
      : undefined,
  );
  const labelCache = new Map<string, number | null>();
  const now = (ctx.now ?? new Date()).getTime();
  const firstRowOfKey = new Map<string, number>();

  let cells: readonly string[] = [];
  let row = 0;
  let rowProblems: ImportProblem[] = [];
  const problem = (key: AnswerColumnKey, value: string, reason: string, suggestion?: string | null) =>
    rowProblems.push({ row, column: columnName(key), value, reason, ...(suggestion ? { suggestion } : {}) });
  const columnName = (key: AnswerColumnKey) => {
    const i = indexOf.get(key);
    return i === undefined ? headerOf(key) : (table.headers[i] ?? headerOf(key));
  };
  const raw = (key: AnswerColumnKey): string => {
    const i = indexOf.get(key);
    const cell = i === undefined ? "" : unneutralizeFormula(cells[i] ?? "");
    return mapValue === null ? cell : mapValue(key, cell);
  };
  // Short cells (dates, ages, departments, ids) repeat or follow patterns: normalizeText once per distinct value.
  const normalized = new Map<string, string>();
  const normalize = (s: string) => {
    if (s === "" || /^[ -}]*$/.test(s)) return s.trim();
    let out = normalized.get(s);
    if (out === undefined) {
      out = normalizeText(s);
      if (normalized.size < 10_000 && s.length <= 64) normalized.set(s, out);
    }
    return out;
  };
  const text = (key: AnswerFixedKey): string => {
    const value = normalize(raw(key));
    const max = MAX_CHARS[key];
    if (max !== undefined && [...value].length > max)
      problem(
        key,
        value.slice(0, 40),
        `${headerOf(key)}は${max}文字以内で入力してください（${[...value].length}文字）`,
      );
    return value;
  };
  const label = (key: "productLine" | "department", value: string): number | null => {
    const lookup = ctx.lookups[key];
    const cacheKey = `${key}\u0000${value}`;
    let id = labelCache.get(cacheKey);
    if (id === undefined) {
      id = lookup.resolve(value);
      labelCache.set(cacheKey, id);
    }
    if (id === null) {
      const near = lookup.suggest?.(value) ?? null;
      const noun = key === "department" ? "部署" : "商品";
      problem(
        key,
        value,
        `『${value}』は登録されていない${noun}です${near ? `。『${near}』のことなら、設定でその別名に『${value}』を登録すると取り込めます` : ""}`,
        near,
      );
    }
    return id;
  };
  const flag = (key: "contactConsent" | "privacyConsent"): boolean => {
    const v = text(key).toLowerCase();
    if (YES.has(v)) return true;
    if (!NO.has(v)) problem(key, v, `${headerOf(key)}は「はい」か「いいえ」で入力してください`);
    return false;
  };

  let sliceStart = performance.now();
  for (let i = 0; i < table.rows.length; i++) {
    if (i % 64 === 0 && performance.now() - sliceStart >= SLICE_MS) {
      await yieldToEventLoop();
      sliceStart = performance.now();
    }
    cells = table.rows[i] ?? [];
    row = table.rowNumbers?.[i] ?? headerRow + 1 + i;
    if (cells.every((c) => c.trim() === "")) continue;
    rowProblems = [];

    const answerKey = text("answerId");
    if (answerKey === "")
      problem("answerId", "", "回答IDを入力してください（同じ回答を2回取り込まないための番号です）");
    else {
      const first = firstRowOfKey.get(answerKey);
      if (first === undefined) firstRowOfKey.set(answerKey, row);
      else problem("answerId", answerKey, `回答ID『${answerKey}』が${first}行目と重複しています`);
    }
    const whenText = text("answeredAt");
    let answeredAt: string | null = null;
    if (whenText === "") problem("answeredAt", "", "回答日時を入力してください");
    else {
      const d = parseDateTimeJa(whenText);
      if (!d.ok) problem("answeredAt", whenText, `回答日時: ${d.message}`);
      else if (Date.parse(d.iso) > now + FUTURE_TOLERANCE_MS)
        problem("answeredAt", whenText, `回答日時『${whenText}』が未来の日時です`);
      else answeredAt = d.iso;
    }

    // The questions' rules are the surveys feature's: a cell is what a member would have sent.
    const answers: Record<string, unknown> = {};
    for (const q of questions) {
      const v = raw(`q:${q.key}`).trim();
      if (v === "") continue;
      answers[q.key] =
        q.type === "multiple"
          ? v
              .split(CHOICE_SEPARATOR)
              .map((s) => s.trim())
              .filter(Boolean)
          : v;
    }
    const checked = checkAnswer(questions, answers);
    if (!checked.ok)
      for (const [field, reason] of Object.entries(checked.fields)) {
        const key = `q:${field.replace(/^answers\./, "")}` as AnswerColumnKey;
        const v = raw(key);
        problem(key, v.length > 40 ? `${v.slice(0, 40)}…` : v, reason);
      }

    const ageBand = text("ageBand") || null;
    const prefecture = text("prefecture") || null;
    if (prefecture && !(PREFECTURES as readonly string[]).includes(prefecture))
      problem("prefecture", prefecture, `『${prefecture}』は都道府県名ではありません（例: 大阪府）`);
    const productText = text("productLine");
    const productLineId = productText ? label("productLine", productText) : null;
    const departmentText = text("department");
    const departmentId = departmentText ? label("department", departmentText) : defaultDepartmentId;

    const name = text("name") || null;
    const email = text("email").toLowerCase() || null;
    const phone = text("phone") || null;
    if (email && !EMAIL_RE.test(email))
      problem("email", email, `メールアドレス『${email}』の形式が正しくありません`);
    if (phone && !PHONE_RE.test(phone))
      problem("phone", phone, "電話番号は数字とハイフンで入力してください（例: 090-1234-5678）");
    const contactConsent = flag("contactConsent");
    const privacyConsent = flag("privacyConsent");
    const personal = name !== null || email !== null || phone !== null;
    if (contactConsent && !email && !phone)
      problem("contactConsent", "はい", "連絡を希望する回答には、メールアドレスか電話番号が必要です");
    // APPI: contact details are kept only with consent to the purpose of use, as on the answer form.
    if (personal && !privacyConsent)
      problem("privacyConsent", "", "氏名・連絡先のある回答は、個人情報の取り扱いへの同意（はい）が必要です");

    if (rowProblems.length > 0 || !checked.ok || answeredAt === null) {
      for (const p of rowProblems) problems.push(p);
      continue;
    }
    valid.push({
      row,
      answerKey,
      answeredAt,
      answer: checked.answer,
      ageBand,
      prefecture,
      productLineId,
      departmentId,
      contact: personal ? { name, email, phone, contactConsent } : null,
    });
  }
  return { valid, problems, ignoredColumns: ignored };
}
