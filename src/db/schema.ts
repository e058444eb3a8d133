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
  /** TOTP secret (base32): enrolment started; in force once totp_enabled_at is set */
  totp_secret: string | null;
  totp_enabled_at: string | null;
  /** the time step of the last accepted code, so one code is never accepted twice */
  totp_last_step: number | null;
}

/** One-time recovery codes for two-factor login, hashed (shown to the user once). */
export interface RecoveryCodesTable {
  id: Id;
  user_id: number;
  code_hash: string;
  created_at: string;
  used_at: string | null;
}

/** Between a right password and the two-factor code: a short-lived challenge. */
export interface LoginChallengesTable {
  token_hash: string;
  user_id: number;
  created_at: string;
  expires_at: string;
  failures: Generated<number>;
  ip: string | null;
}

/** Requests counted per route and client address in a fixed window (src/http/rate-limit-store.ts). */
export interface RateLimitCountersTable {
  key: string;
  /** epoch milliseconds */
  window_started_at: number;
  hits: number;
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
  /** when the session was last used (idle timeout); null for sessions from before it was recorded */
  last_seen_at: string | null;
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
  /** set when an APPI erasure request removed the personal fields */
  erased_at: string | null;
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
  insurer_answered_at: string | null;
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
  /** the previous entry's `hash` (64 zeros for the first entry); see services/audit-chain.ts */
  prev_hash: string | null;
  /** sha256 of `prev_hash` and this entry's content */
  hash: string | null;
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

export interface VoiceWordKeysTable {
  voice_id: number;
  /** JSON [[key, surface], …] (src/search/word-key-index.ts) */
  entries: string;
}

export interface SearchSynonymsTable {
  id: Id;
  /** the words of one group, space-separated */
  words: string;
  updated_at: string;
}

export interface ClassifierModelsTable {
  id: Id;
  created_at: string;
  source: string;
  examples: number;
  created_by: number | null;
  model: string;
  /** set when the model is put in use; the newest activated model is the one used (null: never or no longer) */
  activated_at: string | null;
  /** JSON: the held-back comparison that decided whether to activate it */
  evaluation: string | null;
}

/** One run of the classifier's retraining, button or weekly (migration 0034). */
export interface ClassifierRetrainJobsTable {
  id: Id;
  source: "retrain" | "weekly";
  state: "running" | "succeeded" | "failed" | "interrupted";
  stage: "loading" | "training" | "evaluating" | "saving" | "done";
  progress_done: Generated<number>;
  progress_total: Generated<number>;
  /** 1 on the running job, null on the others (unique: one retraining at a time across processes) */
  running_slot: number | null;
  owner: string;
  started_by: number | null;
  started_at: string;
  heartbeat_at: string;
  lease_until: string;
  finished_at: string | null;
  /** JSON of the RetrainResult */
  result: string | null;
  error: string | null;
}

/** A suggested type or category that staff changed (migration 0024). */
export interface ClassifierCorrectionsTable {
  id: Id;
  voice_id: number;
  kind: "type" | "category";
  suggested_code: string;
  chosen_code: string | null;
  actor_id: number | null;
  at: string;
}

/**
 * An imported or public-form voice waiting for cs to confirm its type: it fired the 「苦情の可能性」 flag, or the
 * model could hardly decide its type (low margin).
 */
export interface ComplaintReviewsTable {
  id: Id;
  voice_id: number;
  p_complaint: number;
  flagged_at: string;
  confirmed_at: string | null;
  confirmed_by: number | null;
  confirmed_type: string | null;
  reason: Generated<"flag" | "low_margin">;
  /** the type koe suggested; null on rows queued before migration 0030 (flags: complaint) */
  suggested_code: string | null;
  margin: number | null;
}

/** Editable lists of the activity records: qualification, training_kind, elderly_measure. */
export interface ActivityLabelsTable {
  id: Id;
  kind: string;
  code: string;
  name: string;
  /** a qualification that counts as professional (FP技能士2級以上 and equivalents) */
  qualifying: ColumnType<number, number | undefined, number>;
  active: ColumnType<number, number | undefined, number>;
  sort_order: ColumnType<number, number | undefined, number>;
}

export interface StaffMembersTable {
  id: Id;
  name: string;
  department_id: number | null;
  employment_type: string;
  /** YYYY-MM-DD, inclusive */
  from_date: string;
  to_date: string | null;
  created_at: string;
}

export interface StaffQualificationsTable {
  id: Id;
  staff_id: number;
  label_id: number;
  acquired_on: string;
  expires_on: string | null;
}

export interface TrainingsTable {
  id: Id;
  held_on: string;
  kind_id: number;
  title: string;
  attendees: number;
  note: string | null;
  created_at: string;
}

export interface OutreachEventsTable {
  id: Id;
  held_on: string;
  /** event | seminar | consultation_session */
  kind: string;
  title: string;
  attendance: number;
  created_at: string;
}

export interface BusinessFiguresTable {
  id: Id;
  /** YYYY-MM */
  month: string;
  /** consultations | new_contracts | early_lapses | renewals */
  metric: string;
  line: string;
  numerator: number;
  denominator: number | null;
  updated_at: string;
}

export interface AuditsTable {
  id: Id;
  held_on: string;
  /** self | internal | external */
  kind: string;
  auditor: string;
  findings: string | null;
  created_at: string;
}

export interface AuditItemsTable {
  id: Id;
  audit_id: number;
  content: string;
  improvement_id: number | null;
}

export interface ElderlyHandlingsTable {
  id: Id;
  handled_on: string;
  customer_ref: string;
  staff_name: string;
  /** JSON array of elderly_measure codes */
  measures: string;
  note: string | null;
  created_at: string;
}

export interface IntentRecordsTable {
  id: Id;
  recorded_on: string;
  customer_ref: string;
  staff_name: string | null;
  initial_intent: string | null;
  final_intent: string | null;
  product: string | null;
  reason: string | null;
  intent_changed_reason: string | null;
  customer_confirmed_on: string | null;
  created_at: string;
}

export interface KpiThemesTable {
  id: Id;
  number: number;
  name: string;
  retired_at: string | null;
}

export interface KpisTable {
  id: Id;
  theme_id: number;
  number: number;
  name: string;
  /** 名 | 回 | 件 | % */
  unit: string;
  /** a code of the KPI source registry, or manual */
  source: string;
  /** JSON parameters of the source */
  params: ColumnType<string, string | undefined, string>;
  target: string | null;
  created_at: string;
  retired_at: string | null;
}

export interface KpiEntriesTable {
  id: Id;
  kpi_id: number;
  /** the reporting period: a year, '2023' */
  period_key: string;
  value: number | null;
  /** JSON array of {label, value} */
  breakdown: string | null;
  evidence: string | null;
  narrative: string | null;
  updated_by: number | null;
  updated_at: string;
}

export interface NotificationsTable {
  id: Id;
  user_id: number;
  kind: string;
  title: string;
  body: string;
  link: string | null;
  voice_id: number | null;
  dedupe_key: string | null;
  created_at: string;
  read_at: string | null;
  /** none | pending | sending | sent | failed (the mail outbox) */
  mail_status: ColumnType<string, string | undefined, string>;
  mail_attempted_at: string | null;
}

export interface NotificationPreferencesTable {
  user_id: number;
  kind: string;
  email: Bool;
}

export interface CirculationsTable {
  id: Id;
  sender_id: number;
  title: string;
  message: string;
  note: string | null;
  voice_query: string | null;
  remind_after_days: number | null;
  created_at: string;
}

export interface CirculationVoicesTable {
  circulation_id: number;
  voice_id: number;
  position: number;
}

export interface CirculationRecipientsTable {
  circulation_id: number;
  user_id: number;
  read_at: string | null;
  reminded_at: string | null;
}

export interface CirculationCommentsTable {
  id: Id;
  circulation_id: number;
  user_id: number;
  body: string;
  created_at: string;
}

export interface DigestRunsTable {
  id: Id;
  department_id: number;
  /** the JST date of the week's scheduled send (YYYY-MM-DD) */
  week_of: string;
  created_at: string;
  recipients: number;
  /** the instants the digest covered, [from, to) (null before migration 0025) */
  period_from: string | null;
  period_to: string | null;
}

/** The improvement a circulation sends round (at most one). */
export interface CirculationImprovementsTable {
  circulation_id: number;
  improvement_id: number;
}

export interface StaffInsightsTable {
  id: Id;
  content: string;
  /** normalizeForSearch(content), for the keyword search */
  search_text: string;
  department_id: number;
  created_by: number | null;
  created_at: string;
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

export interface StaffInsightVoicesTable {
  insight_id: number;
  voice_id: number;
}

export interface ImprovementsTable {
  id: Id;
  title: string;
  problem: string;
  owner_department_id: number;
  owner_user_id: number | null;
  /** YYYY-MM-DD */
  due_date: string;
  status: string;
  drop_reason: string | null;
  result: string | null;
  /** YYYY-MM-DD */
  completed_on: string | null;
  effect_verdict: string | null;
  effect_note: string | null;
  is_public: Bool;
  public_kind: string | null;
  public_voice: string | null;
  public_result: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface ImprovementVoicesTable {
  improvement_id: number;
  voice_id: number;
  added_by: number | null;
  added_at: string;
}

export interface ImprovementInsightsTable {
  improvement_id: number;
  insight_id: number;
  added_by: number | null;
  added_at: string;
}

/** Append-only: rows are inserted, never updated or deleted. */
export interface ImprovementEventsTable {
  id: Id;
  improvement_id: number;
  kind: string;
  actor_id: number | null;
  at: string;
  data: string;
}

export interface CommitteesTable {
  id: Id;
  name: string;
  description: string | null;
  active: Bool;
  created_at: string;
}

export interface MeetingsTable {
  id: Id;
  committee_id: number;
  held_on: string;
  since: string;
  notes: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
}

export interface MeetingAttendeesTable {
  meeting_id: number;
  position: number;
  name: string;
  user_id: number | null;
}

export interface MeetingAgendaItemsTable {
  id: Id;
  meeting_id: number;
  position: number;
  kind: string;
  title: string;
  body: string;
  data: string;
}

export interface MeetingDecisionsTable {
  id: Id;
  meeting_id: number;
  agenda_item_id: number | null;
  text: string;
  improvement_id: number | null;
  created_by: number | null;
  created_at: string;
}

export interface PrincipleReviewsTable {
  id: Id;
  fiscal_year: number;
  /** 1 上期, 2 下期 */
  half: number;
  period_from: string;
  period_to: string;
  start_month: number;
  /** draft | approved */
  status: string;
  created_by: number | null;
  created_at: string;
  updated_at: string;
  approved_by: number | null;
  approved_at: string | null;
  version: Generated<number>;
}

export interface PrincipleReviewItemsTable {
  id: Id;
  review_id: number;
  sort_order: number;
  /** the FSA principle, 1–7 */
  principle: number;
  /** the organisation's own numbering: (2)1), (2)①②, or empty */
  number: string;
  heading: string;
  plan: string;
  facts: string;
  evaluation: string;
  next_issue: string;
}

export interface PrincipleReviewExamplesTable {
  id: Id;
  item_id: number;
  sort_order: number;
  title: string;
  body: string;
  voice_id: number | null;
}

/** A figure captured at approval: what the token printed, forever. */
export interface PrincipleReviewFiguresTable {
  review_id: number;
  token: string;
  label: string;
  value: number | null;
  display: string;
  link: string | null;
  captured_at: string;
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

export interface PersonalDataRequestsTable {
  id: Id;
  kind: string;
  lookup_kind: string;
  lookup_masked: string;
  customers_found: number;
  voices_found: number;
  answers_found: number;
  received_on: string;
  note: string | null;
  handled_by: number;
  handled_at: string;
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

export interface ReportsTable {
  id: Id;
  /** annual-voice | kpi | half-year-review */
  kind: string;
  fiscal_year: number;
  /** 0 a whole year, 1 上期, 2 下期 */
  half: Generated<number>;
  period_key: string;
  period_label: string;
  period_from: string;
  period_to: string;
  title: string;
  organisation_name: string;
  /** draft | approved | published */
  status: string;
  version: number;
  previous_id: number | null;
  revision: Generated<number>;
  created_by: number | null;
  created_at: string;
  updated_by: number | null;
  updated_at: string;
  approved_by: number | null;
  approved_at: string | null;
  published_by: number | null;
  published_at: string | null;
}

export interface ReportSectionsTable {
  id: Id;
  report_id: number;
  sort_order: number;
  /** generated | text */
  kind: string;
  block: string;
  heading: string;
  /** JSON object */
  config: string;
  body: string;
}

export interface ReportFeaturedVoicesTable {
  id: Id;
  section_id: number;
  sort_order: number;
  voice_id: number;
  text: string;
  reply: string;
  attribution: string;
  theme: string;
}

export interface ReportSnapshotsTable {
  report_id: number;
  /** the ReportDocument as JSON */
  document: string;
  created_at: string;
}

export interface Database {
  departments: DepartmentsTable;
  taxonomy_labels: TaxonomyLabelsTable;
  users: UsersTable;
  login_failures: LoginFailuresTable;
  rate_limit_counters: RateLimitCountersTable;
  sessions: SessionsTable;
  recovery_codes: RecoveryCodesTable;
  login_challenges: LoginChallengesTable;
  customers: CustomersTable;
  personal_data_requests: PersonalDataRequestsTable;
  voices: VoicesTable;
  voice_events: VoiceEventsTable;
  audit_log: AuditLogTable;
  settings: SettingsTable;
  receipt_counters: ReceiptCountersTable;
  public_receipts: PublicReceiptsTable;
  api_tokens: ApiTokensTable;
  idempotency_keys: IdempotencyKeysTable;
  notifications: NotificationsTable;
  notification_preferences: NotificationPreferencesTable;
  circulations: CirculationsTable;
  circulation_voices: CirculationVoicesTable;
  circulation_recipients: CirculationRecipientsTable;
  circulation_comments: CirculationCommentsTable;
  digest_runs: DigestRunsTable;
  circulation_improvements: CirculationImprovementsTable;
  voice_words: VoiceWordsTable;
  voice_word_keys: VoiceWordKeysTable;
  search_synonyms: SearchSynonymsTable;
  classifier_models: ClassifierModelsTable;
  classifier_retrain_jobs: ClassifierRetrainJobsTable;
  classifier_corrections: ClassifierCorrectionsTable;
  complaint_reviews: ComplaintReviewsTable;
  activity_labels: ActivityLabelsTable;
  staff_members: StaffMembersTable;
  staff_qualifications: StaffQualificationsTable;
  trainings: TrainingsTable;
  outreach_events: OutreachEventsTable;
  business_figures: BusinessFiguresTable;
  audits: AuditsTable;
  audit_items: AuditItemsTable;
  elderly_handlings: ElderlyHandlingsTable;
  intent_records: IntentRecordsTable;
  kpi_themes: KpiThemesTable;
  kpis: KpisTable;
  kpi_entries: KpiEntriesTable;
  staff_insights: StaffInsightsTable;
  staff_insight_voices: StaffInsightVoicesTable;
  improvements: ImprovementsTable;
  improvement_voices: ImprovementVoicesTable;
  improvement_insights: ImprovementInsightsTable;
  improvement_events: ImprovementEventsTable;
  committees: CommitteesTable;
  meetings: MeetingsTable;
  meeting_attendees: MeetingAttendeesTable;
  meeting_agenda_items: MeetingAgendaItemsTable;
  meeting_decisions: MeetingDecisionsTable;
  principle_reviews: PrincipleReviewsTable;
  principle_review_items: PrincipleReviewItemsTable;
  principle_review_examples: PrincipleReviewExamplesTable;
  principle_review_figures: PrincipleReviewFiguresTable;
  label_aliases: LabelAliasesTable;
  survey_kinds: SurveyKindsTable;
  surveys: SurveysTable;
  survey_links: SurveyLinksTable;
  survey_answers: SurveyAnswersTable;
  survey_answer_items: SurveyAnswerItemsTable;
  survey_month_counts: SurveyMonthCountsTable;
  reports: ReportsTable;
  report_sections: ReportSectionsTable;
  report_featured_voices: ReportFeaturedVoicesTable;
  report_snapshots: ReportSnapshotsTable;
}
