/**
 * Reading a review: its half, its items with their examples, and every embedded figure — computed now for a draft,
 * the captured ones for an approved review (never recomputed, whatever happens to the data behind them).
 */
import type { Db } from "../../db/database.js";
import { fiscalHalfPeriod, type Period } from "../../domain/analysis-period.js";
import type { FiscalHalf } from "../../domain/fiscal-period.js";
import { jstToday } from "../../domain/jst.js";
import {
  type FigureRef,
  figureRefs,
  formatFigure,
  parseFigureText,
  principleName,
  REVIEW_STATUS_LABELS,
  type ReviewStatus,
  type TextSegment,
} from "../../domain/principle-review.js";
import { notFound } from "../../errors.js";
import type { Figure, ReviewDetail, ReviewItem, ReviewSummary, TextSegmentOut } from "./contract.js";
import { resolveFigures } from "./figure-sources.js";

export interface ReviewRow {
  id: number;
  fiscal_year: number;
  half: number;
  start_month: number;
  status: string;
  version: number;
  created_at: string;
  updated_at: string;
  approved_at: string | null;
  created_by: number | null;
  approved_by: number | null;
}

export const NOT_FOUND = "振り返り";

/** The review's half with the fiscal year's start month it was created with. */
export function periodOf(row: Pick<ReviewRow, "fiscal_year" | "half" | "start_month">): Period {
  return fiscalHalfPeriod(row.fiscal_year, row.half as FiscalHalf, row.start_month);
}

export async function reviewRow(db: Db, id: number): Promise<ReviewRow> {
  const row = await db
    .selectFrom("principle_reviews")
    .select([
      "id",
      "fiscal_year",
      "half",
      "start_month",
      "status",
      "version",
      "created_at",
      "updated_at",
      "approved_at",
      "created_by",
      "approved_by",
    ])
    .where("id", "=", id)
    .executeTakeFirst();
  if (!row) throw notFound(NOT_FOUND);
  return row;
}

const iso = (v: unknown) => (v instanceof Date ? v.toISOString() : String(v));
const isoOrNull = (v: unknown) => (v === null || v === undefined ? null : iso(v));

async function userNames(db: Db, ids: (number | null)[]): Promise<Map<number, string>> {
  const wanted = [...new Set(ids.filter((i): i is number => i !== null))];
  if (wanted.length === 0) return new Map();
  const rows = await db.selectFrom("users").select(["id", "name"]).where("id", "in", wanted).execute();
  return new Map(rows.map((r) => [r.id, r.name]));
}

function summaryOf(row: ReviewRow, names: Map<number, string>): ReviewSummary {
  const p = periodOf(row);
  return {
    id: row.id,
    fiscalYear: row.fiscal_year,
    half: row.half === 2 ? 2 : 1,
    label: p.label,
    rangeLabel: p.rangeLabel,
    periodKey: p.key,
    from: p.from,
    to: p.to,
    status: row.status as ReviewStatus,
    statusLabel: REVIEW_STATUS_LABELS[row.status as ReviewStatus] ?? row.status,
    version: row.version,
    updatedAt: iso(row.updated_at),
    approvedAt: isoOrNull(row.approved_at),
    approvedBy:
      row.approved_by === null ? null : { id: row.approved_by, name: names.get(row.approved_by) ?? "" },
  };
}

export async function listReviews(db: Db): Promise<{ reviews: ReviewSummary[] }> {
  const rows = await db
    .selectFrom("principle_reviews")
    .selectAll()
    .orderBy("fiscal_year", "desc")
    .orderBy("half", "desc")
    .execute();
  const names = await userNames(
    db,
    rows.map((r) => r.approved_by),
  );
  return { reviews: rows.map((r) => summaryOf(r, names)) };
}

const segmentsOut = (segments: TextSegment[]): TextSegmentOut[] =>
  segments.map((s) => (s.kind === "text" ? s : { kind: "figure", key: s.ref.key }));

/** Stored texts were checked when saved; a text that no longer parses is shown as it is. */
function segmentsOf(text: string): TextSegmentOut[] {
  const parsed = parseFigureText(text);
  return parsed.ok ? segmentsOut(parsed.segments) : text ? [{ kind: "text", text }] : [];
}

/** Live figures for a draft (a figure whose source no longer knows it prints —). */
export async function liveFigures(db: Db, period: Period, refs: FigureRef[], now: Date): Promise<Figure[]> {
  const resolved = await resolveFigures({ db, period, today: jstToday(now) }, refs);
  return refs.map((ref) => {
    const r = resolved.get(ref.key);
    return r?.ok
      ? { ...r.figure, capturedAt: null }
      : {
          key: ref.key,
          label: r?.message ?? ref.key,
          value: null,
          display: formatFigure(null),
          link: null,
          capturedAt: null,
        };
  });
}

export async function getReview(db: Db, id: number, now: Date = new Date()): Promise<ReviewDetail> {
  const row = await reviewRow(db, id);
  const items = await db
    .selectFrom("principle_review_items")
    .selectAll()
    .where("review_id", "=", id)
    .orderBy("sort_order")
    .execute();
  const examples = items.length
    ? await db
        .selectFrom("principle_review_examples")
        .selectAll()
        .where(
          "item_id",
          "in",
          items.map((i) => i.id),
        )
        .orderBy("item_id")
        .orderBy("sort_order")
        .execute()
    : [];
  const names = await userNames(db, [row.created_by, row.approved_by]);
  const outItems: ReviewItem[] = items.map((i) => ({
    id: i.id,
    principle: i.principle,
    principleName: principleName(i.principle) ?? "",
    number: i.number,
    heading: i.heading,
    plan: i.plan,
    facts: i.facts,
    factsSegments: segmentsOf(i.facts),
    evaluation: i.evaluation,
    evaluationSegments: segmentsOf(i.evaluation),
    nextIssue: i.next_issue,
    examples: examples
      .filter((e) => e.item_id === i.id)
      .map((e) => ({ id: e.id, title: e.title, body: e.body, voiceId: e.voice_id })),
  }));
  const frozen = row.status === "approved";
  let figures: Figure[];
  if (frozen) {
    const captured = await db
      .selectFrom("principle_review_figures")
      .selectAll()
      .where("review_id", "=", id)
      .orderBy("token")
      .execute();
    figures = captured.map((f) => ({
      key: f.token,
      label: f.label,
      value: f.value === null ? null : Number(f.value),
      display: f.display,
      link: f.link,
      capturedAt: iso(f.captured_at),
    }));
  } else {
    figures = await liveFigures(db, periodOf(row), reviewRefs(items), now);
  }
  return {
    ...summaryOf(row, names),
    createdAt: iso(row.created_at),
    createdBy: row.created_by === null ? null : { id: row.created_by, name: names.get(row.created_by) ?? "" },
    figuresFrozen: frozen,
    figures,
    items: outItems,
  };
}

/** Every figure the items' facts and evaluations embed, each once. */
export function reviewRefs(items: { facts: string; evaluation: string }[]): FigureRef[] {
  const seen = new Map<string, FigureRef>();
  for (const i of items)
    for (const ref of [...figureRefs(i.facts), ...figureRefs(i.evaluation)])
      if (!seen.has(ref.key)) seen.set(ref.key, ref);
  return [...seen.values()];
}
