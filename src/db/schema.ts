/** Kysely table types. Timestamps are ISO 8601 UTC strings on both databases; booleans are 0/1 on write. */
import type { ColumnType, Generated } from "kysely";

type Id = Generated<number>;
type Bool = ColumnType<number | boolean, number, number>;

export interface DepartmentsTable {
  id: Id;
  code: string;
  name: string;
  active: Bool;
  sort_order: number;
  created_at: string;
}

export interface TaxonomyLabelsTable {
  id: Id;
  kind: string;
  code: string;
  name: string;
  description: string | null;
  active: Bool;
  sort_order: number;
  created_at: string;
}

export interface UsersTable {
  id: Id;
  email: string;
  name: string;
  role: string;
  department_id: number | null;
  password_hash: string;
  active: Bool;
  locked_until: string | null;
  created_at: string;
}

export interface LoginFailuresTable {
  id: Id;
  email: string;
  at: string;
  /** the client address of the attempt (null for logins outside HTTP) */
  ip: string | null;
}

export interface SessionsTable {
  token_hash: string;
  user_id: number;
  csrf_token: string;
  created_at: string;
  expires_at: string;
  ip: string | null;
}

export interface CustomersTable {
  id: Id;
  name: string | null;
  kana: string | null;
  member_number: string | null;
  phone: string | null;
  email: string | null;
  prefecture: string | null;
  address: string | null;
  age_band: string | null;
  gender: string | null;
  contact_consent: Bool;
}

export interface VoicesTable {
  id: Id;
  receipt_number: string;
  fiscal_year: number;
  received_at: string;
  channel_id: number;
  type_id: number;
  category_id: number | null;
  product_line_id: number | null;
  department_id: number;
  content: string;
  remedy_sought: string | null;
  customer_id: number | null;
  status: string;
  priority: string;
  assignee_id: number | null;
  acknowledge_by: string | null;
  resolve_by: string | null;
  acknowledged_at: string | null;
  resolved_by: number | null;
  resolved_at: string | null;
  closed_at: string | null;
  void_reason: string | null;
  response_count: number;
  insurer_name: string | null;
  insurer_reported_at: string | null;
  insurer_answer: string | null;
  external_id: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface VoiceEventsTable {
  id: Id;
  voice_id: number;
  kind: string;
  actor_id: number | null;
  at: string;
  data: string;
}

export interface AuditLogTable {
  id: Id;
  at: string;
  user_id: number | null;
  action: string;
  voice_id: number | null;
  detail: string | null;
  ip: string | null;
}

export interface SettingsTable {
  key: string;
  value: string;
}

export interface ReceiptCountersTable {
  fiscal_year: number;
  last_number: number;
}

export interface PublicReceiptsTable {
  voice_id: number;
  code_hash: string;
  created_at: string;
}

export interface ApiTokensTable {
  id: Id;
  name: string;
  token_hash: string;
  token_prefix: string;
  /** comma-separated, e.g. "voices:read,voices:write" */
  scopes: string;
  user_id: number;
  created_by: number | null;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface IdempotencyKeysTable {
  id: Id;
  user_id: number;
  idem_key: string;
  voice_id: number | null;
  created_at: string;
}

export interface VoiceWordsTable {
  voice_id: number;
  /** content words, space-separated */
  words: string;
  /** the analyzer failed on this voice's text (words empty); analysed again when the content changes */
  failed: ColumnType<number | boolean, number | undefined, number>;
}

export interface ClassifierModelsTable {
  id: Id;
  created_at: string;
  source: string;
  examples: number;
  created_by: number | null;
  model: string;
}

/** Another system's word for a label or department (kind "department": label_id is a departments.id). */
export interface LabelAliasesTable {
  id: Id;
  kind: string;
  label_id: number;
  alias: string;
  /** comparison form (import-aliases/alias-key.ts), unique per kind */
  alias_key: string;
  created_by: number | null;
  created_at: string;
}

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

export interface Database {
  departments: DepartmentsTable;
  taxonomy_labels: TaxonomyLabelsTable;
  users: UsersTable;
  login_failures: LoginFailuresTable;
  sessions: SessionsTable;
  customers: CustomersTable;
  voices: VoicesTable;
  voice_events: VoiceEventsTable;
  audit_log: AuditLogTable;
  settings: SettingsTable;
  receipt_counters: ReceiptCountersTable;
  public_receipts: PublicReceiptsTable;
  api_tokens: ApiTokensTable;
  idempotency_keys: IdempotencyKeysTable;
  voice_words: VoiceWordsTable;
  classifier_models: ClassifierModelsTable;
  label_aliases: LabelAliasesTable;
  survey_kinds: SurveyKindsTable;
  surveys: SurveysTable;
  survey_links: SurveyLinksTable;
  survey_answers: SurveyAnswersTable;
  survey_answer_items: SurveyAnswerItemsTable;
}
