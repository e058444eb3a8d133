/**
 * Kysely table types: voices, their customers and events, the receipt numbering, the public form's receipt
 * codes and the idempotency keys of voice registration. Composed into `Database` in src/db/schema.ts.
 */
import type { Bool, Id } from "../../db/column-types.js";

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

export interface ReceiptCountersTable {
  fiscal_year: number;
  last_number: number;
}

export interface PublicReceiptsTable {
  voice_id: number;
  code_hash: string;
  created_at: string;
}

export interface IdempotencyKeysTable {
  id: Id;
  user_id: number;
  idem_key: string;
  voice_id: number | null;
  created_at: string;
}
