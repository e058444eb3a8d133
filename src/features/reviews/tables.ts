/**
 * Kysely table types: the half-yearly principle reviews, their items, examples and captured figures. Composed
 * into `Database` in src/db/schema.ts.
 */
import type { Generated } from "kysely";
import type { Id } from "../../db/column-types.js";

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
