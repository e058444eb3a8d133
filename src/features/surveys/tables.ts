/**
 * Kysely table types: surveys: kinds, links, answers, answer items and monthly counts. Composed into
 * `Database` in src/db/schema.ts.
 */
import type { Generated } from "kysely";
import type { Bool, Id } from "../../db/column-types.js";

export interface SurveyKindsTable {
  id: Id;
  code: string;
  name: string;
  /** the department a dissatisfied answer's voice goes to when the answer names none */
  department_code: string | null;
  active: Bool;
  sort_order: number;
  created_at: string;
}

export interface SurveysTable {
  id: Id;
  name: string;
  kind_id: number;
  intro: string;
  purpose_notice: string;
  /** JSON: the questions (src/features/surveys/survey-questions.ts) */
  questions: string;
  /** YYYY-MM-DD (JST), inclusive */
  opens_on: string | null;
  closes_on: string | null;
  closed_at: string | null;
  public_code: string;
  created_by: number | null;
  created_at: string;
  updated_at: string;
  version: Generated<number>;
}

export interface SurveyLinksTable {
  id: Id;
  survey_id: number;
  code: string;
  respondent_name: string | null;
  age_band: string | null;
  prefecture: string | null;
  product_line_id: number | null;
  department_id: number | null;
  staff_id: number | null;
  created_at: string;
  used_at: string | null;
}

export interface SurveyAnswersTable {
  id: Id;
  survey_id: number;
  /** the answer id: one stored answer per survey and key */
  answer_key: string;
  source: string;
  link_id: number | null;
  answered_at: string;
  headline_value: number | null;
  age_band: string | null;
  prefecture: string | null;
  product_line_id: number | null;
  department_id: number | null;
  staff_id: number | null;
  /** JSON {name, email, phone, contactConsent}, only with the respondent's consent */
  contact: string | null;
  voice_id: number | null;
  entered_by: number | null;
  created_at: string;
}

export interface SurveyAnswerItemsTable {
  answer_id: number;
  survey_id: number;
  answered_at: string;
  question_key: string;
  value: number | null;
  text: string | null;
}

/** A survey's answers counted per JST month (migration 0026; see features/surveys/answer-counts.ts). */
export interface SurveyMonthCountsTable {
  survey_id: number;
  /** YYYY-MM, JST */
  month: string;
  dim: string;
  key: string;
  value: number;
  n: number;
}
