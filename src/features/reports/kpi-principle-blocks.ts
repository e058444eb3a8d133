/**
 * The KPI report's table with its year-over-year sentences (seed 000, from the KPI register) and the half-year
 * review's principle blocks (seed 002, from the review of the same half, with its figures resolved to numbers).
 */
import type { Db } from "../../db/database.js";
import type { KpiRegister } from "../kpi/contract.js";
import type { ReviewDetail, TextSegmentOut } from "../reviews/contract.js";
import { getReview } from "../reviews/read-review.js";
import type { ReportSection, ReportTable } from "./report-document.js";

const CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩";

export function kpiTable(id: string, heading: string, body: string, register: KpiRegister): ReportSection {
  const rows: ReportTable["rows"] = [];
  const sentences: string[] = [];
  for (const t of register.themes)
    for (const k of t.kpis) {
      const number = `${t.number}${CIRCLED[k.number - 1] ?? `-${k.number}`}`;
      const breakdown = k.breakdown.map((b) => `${b.label} ${b.display}`).join("、");
      rows.push([number, t.name, k.name, k.display, k.previousDisplay, k.yoy, breakdown, k.narrative ?? ""]);
      sentences.push(`${number} ${k.name}: ${k.display}（${k.yoy}）`);
    }
  const period = register.themes.flatMap((t) => t.kpis)[0]?.period.label ?? `${register.year}年`;
  const table: ReportTable = {
    title: `成果指標（KPI）${period}`,
    columns: [
      { label: "番号", format: "text" },
      { label: "テーマ", format: "text" },
      { label: "指標", format: "text" },
      { label: "実績", format: "text" },
      { label: "前年", format: "text" },
      { label: "前年比", format: "text" },
      { label: "内訳", format: "text" },
      { label: "取り組み・評価", format: "text" },
    ],
    rows,
  };
  return { kind: "kpi", id, heading, table, sentences, ...(body ? { body } : {}) };
}

function resolved(segments: TextSegmentOut[], figures: Map<string, string>): string {
  return segments.map((s) => (s.kind === "text" ? s.text : (figures.get(s.key) ?? "—"))).join("");
}

export function principleBlocks(id: string, heading: string, review: ReviewDetail | null): ReportSection {
  if (!review)
    return {
      kind: "principle",
      id,
      heading,
      principles: [{ title: "（この半期の振り返りはまだ作成されていません）", body: "" }],
    };
  const figures = new Map(review.figures.map((f) => [f.key, f.display]));
  const principles = review.items.map((i) => {
    const parts = [
      i.plan && `【取り組み課題】\n${i.plan}`,
      i.facts && `【数値・事実】\n${resolved(i.factsSegments, figures)}`,
      i.evaluation && `【評価】\n${resolved(i.evaluationSegments, figures)}`,
      i.nextIssue && `【次期の課題】\n${i.nextIssue}`,
      ...i.examples.map((e) => `【${e.title}】\n${e.body}`),
    ].filter(Boolean);
    const title = [`原則${i.principle} ${i.principleName}`, i.number, i.heading].filter(Boolean).join(" ");
    return { title, body: parts.join("\n\n") };
  });
  return { kind: "principle", id, heading, principles };
}

/** The review of the report's half, if one was written. */
export async function reviewOfHalf(
  db: Db,
  fiscalYear: number,
  half: number,
  now: Date,
): Promise<ReviewDetail | null> {
  const row = await db
    .selectFrom("principle_reviews")
    .select("id")
    .where("fiscal_year", "=", fiscalYear)
    .where("half", "=", half)
    .executeTakeFirst();
  return row ? getReview(db, row.id, now) : null;
}
