/**
 * Kysely table types: committees and their meetings (attendees, agenda, decisions). Composed into `Database`
 * in src/db/schema.ts.
 */
import type { Bool, Id } from "../../db/column-types.js";

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
