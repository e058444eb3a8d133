/** One-time links for mailed letters: a short code per respondent (printed with a QR code), used once. */
import { randomInt } from "node:crypto";
import type { Db } from "../../db/database.js";
import { invalidInput } from "../../errors.js";
import { nowIso } from "../../services/clock.js";
import { PREFECTURES } from "../../shared/constants.js";
import { normalizeText } from "../../shared/normalize.js";
import { taxonomyIndex } from "../users-and-settings/taxonomy.js";
import type { SurveyLink } from "./contract.js";
import { loadSurvey } from "./survey-store.js";

// Letters and digits that cannot be mistaken for each other when typed from paper (no 0/O, 1/I/L).
const CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
const CODE_LENGTH = 10;

export function newLinkCode(): string {
  let code = "";
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}

/** How the code is printed: in groups, easy to read out and type (ABCD-EFG-HJK). */
export const printedCode = (code: string) => `${code.slice(0, 4)}-${code.slice(4, 7)}-${code.slice(7)}`;

export interface RespondentDraft {
  name?: string | null | undefined;
  ageBand?: string | null | undefined;
  prefecture?: string | null | undefined;
  productLine?: string | number | null | undefined;
  department?: string | number | null | undefined;
  staffId?: number | null | undefined;
}

const present = (v: unknown) => v !== undefined && v !== null && v !== "";

export async function createSurveyLinks(db: Db, surveyId: number, respondents: RespondentDraft[]) {
  await loadSurvey(db, surveyId);
  const tax = await taxonomyIndex(db);
  const userIds = new Set((await db.selectFrom("users").select("id").execute()).map((u) => u.id));
  const fields: Record<string, string> = {};
  const at = nowIso();
  const rows = respondents.map((r, i) => {
    const n = `${i + 1}人目`;
    const name = r.name ? normalizeText(r.name) : null;
    if (name && name.length > 100)
      fields[`respondents.${i}.name`] = `${n}のお名前は100文字以内で入力してください`;
    const prefecture = r.prefecture ? normalizeText(r.prefecture) : null;
    if (prefecture && !(PREFECTURES as readonly string[]).includes(prefecture))
      fields[`respondents.${i}.prefecture`] =
        `${n}の「${prefecture.slice(0, 20)}」は都道府県名ではありません`;
    const ageBand = r.ageBand ? normalizeText(r.ageBand) : null;
    if (ageBand && ageBand.length > 20)
      fields[`respondents.${i}.ageBand`] = `${n}の年代は20文字以内で入力してください`;
    const product = present(r.productLine)
      ? tax.find("product_line", r.productLine as string | number)
      : null;
    if (present(r.productLine) && !product)
      fields[`respondents.${i}.productLine`] = `${n}の「${r.productLine}」は登録されていない商品です`;
    const dept = present(r.department) ? tax.find("department", r.department as string | number) : null;
    if (present(r.department) && !dept)
      fields[`respondents.${i}.department`] = `${n}の「${r.department}」は登録されていない部署です`;
    if (r.staffId && !userIds.has(r.staffId))
      fields[`respondents.${i}.staffId`] = `${n}の担当者が見つかりません`;
    return {
      survey_id: surveyId,
      code: newLinkCode(),
      respondent_name: name,
      age_band: ageBand,
      prefecture,
      product_line_id: product?.id ?? null,
      department_id: dept?.id ?? null,
      staff_id: r.staffId ?? null,
      created_at: at,
      used_at: null,
    };
  });
  if (Object.keys(fields).length > 0) throw invalidInput(fields);
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto("survey_links")
      .values(rows.slice(i, i + 500))
      .execute();
  return listSurveyLinks(
    db,
    surveyId,
    rows.map((r) => r.code),
  );
}

export async function listSurveyLinks(db: Db, surveyId: number, codes?: string[]): Promise<SurveyLink[]> {
  let q = db
    .selectFrom("survey_links")
    .select(["id", "code", "respondent_name", "used_at", "created_at"])
    .where("survey_id", "=", surveyId);
  if (codes) q = q.where("code", "in", codes.length ? codes : ["-"]);
  const rows = await q.orderBy("id").limit(5000).execute();
  return rows.map((r) => ({
    id: r.id,
    code: r.code,
    respondentName: r.respondent_name,
    usedAt: r.used_at,
    createdAt: r.created_at,
  }));
}
