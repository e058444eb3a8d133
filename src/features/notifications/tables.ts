/**
 * Kysely table types: notifications (with the mail outbox) and notification preferences. Composed into
 * `Database` in src/db/schema.ts.
 */
import type { ColumnType } from "kysely";
import type { Bool, Id } from "../../db/column-types.js";

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
