/**
 * Kysely table types: the activity records: labels, staff and qualifications, trainings, outreach, business
 * figures, audits, elderly handling and intent records. Composed into `Database` in src/db/schema.ts.
 */
import type { ColumnType } from "kysely";
import type { Id } from "../../db/column-types.js";

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
