/**
 * The mapping file of an answer import: the voice import's shape ({"columns", "values", "defaultDepartment"}),
 * with targets among the answer columns and the survey's questions. Every error is reported, in Japanese.
 */
import { z } from "zod";
import { normalizeHeader } from "../../io/voice-columns.js";
import type { Question } from "../surveys/contract.js";
import { type AnswerColumnKey, answerColumnNames } from "./answer-columns.js";

export interface AnswerMapping {
  /** their header (normalized) → our column */
  columns: Map<string, AnswerColumnKey>;
  /** our column → their value → ours */
  values: Map<AnswerColumnKey, Record<string, string>>;
  defaultDepartment?: string;
}

const text = z.string({ error: "文字列で指定してください" }).trim().min(1, "空の値は指定できません");
const schema = z.strictObject(
  {
    columns: z.record(text, text).optional(),
    values: z.record(text, z.record(text, text)).optional(),
    defaultDepartment: text.optional(),
  },
  {
    error:
      '対応表は { "columns": { "ファイルの列名": "取込先の列名か設問" }, "values": { "取込先の列名か設問": { "ファイルの値": "koe の値" } }, "defaultDepartment": "部署" } の形式で指定してください',
  },
);

export function parseAnswerMapping(
  input: string,
  questions: readonly Question[],
): { ok: true; mapping: AnswerMapping } | { ok: false; errors: string[] } {
  let value: unknown;
  try {
    value = JSON.parse(input.replace(/^\uFEFF/, ""));
  } catch {
    return { ok: false, errors: ["対応表ファイルが JSON として読み込めません"] };
  }
  const parsed = schema.safeParse(value);
  if (!parsed.success)
    return {
      ok: false,
      errors: parsed.error.issues.map((i) => {
        const where = i.path.length > 1 ? `「${i.path.slice(1).map(String).join("」の「")}」: ` : "";
        return `${where}${i.message}`;
      }),
    };
  const names = answerColumnNames(questions);
  const errors: string[] = [];
  const target = (name: string, where: string) => {
    const key = names.get(normalizeHeader(name));
    if (!key) errors.push(`${where}「${name}」は取込できる列でも、このアンケートの設問でもありません`);
    return key;
  };
  const mapping: AnswerMapping = { columns: new Map(), values: new Map() };
  for (const [theirs, ours] of Object.entries(parsed.data.columns ?? {})) {
    const key = target(ours, `「${theirs}」の対応先`);
    if (key) mapping.columns.set(normalizeHeader(theirs), key);
  }
  for (const [column, map] of Object.entries(parsed.data.values ?? {})) {
    const key = target(column, "「values」の");
    if (key) mapping.values.set(key, { ...mapping.values.get(key), ...map });
  }
  if (parsed.data.defaultDepartment) mapping.defaultDepartment = parsed.data.defaultDepartment;
  return errors.length ? { ok: false, errors } : { ok: true, mapping };
}
