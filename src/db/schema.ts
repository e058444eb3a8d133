/**
 * The database as Kysely sees it: `Database` maps each table name to its row type.
 *
 * Conventions: each feature declares its own tables in `src/features/<area>/tables.ts`; a cross-cutting table
 * lives beside the module that owns it (the audit log in src/services/tables.ts) or here when none fits (the
 * rate-limit counters: src/db may not import src/http). This file only composes them. Timestamps are ISO 8601
 * UTC strings on both databases; booleans are 0/1 on write (`Bool`, src/db/column-types.ts). A table's shape
 * follows its migrations (src/db/migrations/), which never import these types.
 */
import type {
  ActivityLabelsTable,
  AuditItemsTable,
  AuditsTable,
  BusinessFiguresTable,
  ElderlyHandlingsTable,
  IntentRecordsTable,
  OutreachEventsTable,
  StaffMembersTable,
  StaffQualificationsTable,
  TrainingsTable,
} from "../features/activities/tables.js";
import type {
  CirculationCommentsTable,
  CirculationImprovementsTable,
  CirculationRecipientsTable,
  CirculationsTable,
  CirculationVoicesTable,
  DigestRunsTable,
} from "../features/circulation/tables.js";
import type {
  ClassifierCorrectionsTable,
  ClassifierModelsTable,
  ClassifierRetrainJobsTable,
  ComplaintReviewsTable,
} from "../features/classifier/tables.js";
import type {
  CommitteesTable,
  MeetingAgendaItemsTable,
  MeetingAttendeesTable,
  MeetingDecisionsTable,
  MeetingsTable,
} from "../features/committee/tables.js";
import type { LabelAliasesTable } from "../features/import-aliases/tables.js";
import type {
  ImprovementEventsTable,
  ImprovementInsightsTable,
  ImprovementsTable,
  ImprovementVoicesTable,
  StaffInsightsTable,
  StaffInsightVoicesTable,
} from "../features/improvements/tables.js";
import type { KpiEntriesTable, KpisTable, KpiThemesTable } from "../features/kpi/tables.js";
import type { NotificationPreferencesTable, NotificationsTable } from "../features/notifications/tables.js";
import type { PersonalDataRequestsTable } from "../features/personal-data-requests/tables.js";
import type {
  ReportFeaturedVoicesTable,
  ReportSectionsTable,
  ReportSnapshotsTable,
  ReportsTable,
} from "../features/reports/tables.js";
import type {
  PrincipleReviewExamplesTable,
  PrincipleReviewFiguresTable,
  PrincipleReviewItemsTable,
  PrincipleReviewsTable,
} from "../features/reviews/tables.js";
import type {
  SurveyAnswerItemsTable,
  SurveyAnswersTable,
  SurveyKindsTable,
  SurveyLinksTable,
  SurveyMonthCountsTable,
  SurveysTable,
} from "../features/surveys/tables.js";
import type { SearchSynonymsTable, VoiceWordKeysTable, VoiceWordsTable } from "../features/text/tables.js";
import type { ApiTokensTable } from "../features/tokens/tables.js";
import type {
  DepartmentsTable,
  LoginChallengesTable,
  LoginFailuresTable,
  RecoveryCodesTable,
  SessionsTable,
  SettingsTable,
  TaxonomyLabelsTable,
  UsersTable,
} from "../features/users-and-settings/tables.js";
import type {
  CustomersTable,
  IdempotencyKeysTable,
  PublicReceiptsTable,
  ReceiptCountersTable,
  VoiceEventsTable,
  VoicesTable,
} from "../features/voices/tables.js";
import type { AuditLogTable, ConfigGenerationTable } from "../services/tables.js";

/** Requests counted per route and client address in a fixed window (src/http/rate-limit-store.ts). */
export interface RateLimitCountersTable {
  key: string;
  /** epoch milliseconds */
  window_started_at: number;
  hits: number;
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
  config_generation: ConfigGenerationTable;
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
