/**
 * The report as a finished document: every number and sentence resolved, nothing left to query.
 * Generation (data → ReportDocument) and rendering (ReportDocument → HTML, PDF, XLSX, site) meet here,
 * so an approved report's snapshot is exactly this value, stored as JSON, and renders the same forever.
 * Nothing personal may enter it: attribution is limited to prefecture, age band and gender.
 */

export const REPORT_KINDS = ["annual-voice", "kpi", "half-year-review"] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

/** Japanese names of the report kinds, as the editor and the published site show them. */
export const REPORT_KIND_LABELS: Record<ReportKind, string> = {
  "annual-voice": "年次「お客さまの声」報告書",
  kpi: "顧客本位の業務運営 KPI 報告",
  "half-year-review": "半期の取組み報告",
};

/** A cell is text or a number; numbers are formatted by the renderer (3 桁区切り, %). */
export type ReportCell = string | number | null;

export interface ReportTable {
  /** Sheet name in the XLSX (≤ 31 characters) and caption in HTML/PDF. */
  title: string;
  columns: { label: string; format?: "integer" | "percent" | "decimal" | "text" }[];
  rows: ReportCell[][];
  /** A total row printed last and set apart. */
  totalRow?: ReportCell[];
  note?: string;
}

export interface ReportChart {
  type: "donut" | "bar" | "line";
  title: string;
  /** Category labels (bar/line x axis, donut slices). */
  labels: string[];
  series: { name: string; values: number[] }[];
  /** Every chart carries its numbers as a table printed beside or below it. */
  table: ReportTable;
}

/** A voice chosen by staff, with the text edited for publication. */
export interface FeaturedVoice {
  /** Edited text as published (never the raw voice text unless staff kept it). */
  text: string;
  /** Staff reply shown under the voice (「感謝の声をいただいて」), optional. */
  reply?: string;
  /** Only prefecture, age band and gender: e.g. 「東京都・40代・女性」. */
  attribution?: string;
  /** Theme heading for voices grouped by theme (requests and complaints). */
  theme?: string;
}

export interface ImprovementCase {
  voiceSummary: string;
  improvement: string;
  theme?: string;
}

export type ReportSection =
  | { kind: "text"; id: string; heading: string; body: string }
  | { kind: "table"; id: string; heading: string; table: ReportTable; body?: string }
  | { kind: "chart"; id: string; heading: string; charts: ReportChart[]; body?: string }
  | {
      kind: "voices";
      id: string;
      heading: string;
      voices: FeaturedVoice[];
      body?: string;
      /** The heading over staff replies: 「感謝の声をいただいて」 under thanks (the default), 「私たちの対応」 under requests. */
      replyLabel?: string;
    }
  | { kind: "improvements"; id: string; heading: string; cases: ImprovementCase[]; body?: string }
  | {
      kind: "kpi";
      id: string;
      heading: string;
      table: ReportTable;
      /** Year-over-year sentences, one per KPI (seed 000). */
      sentences: string[];
      body?: string;
    }
  | {
      kind: "principle";
      id: string;
      heading: string;
      /** One block per principle: what was done, figures, next steps (seed 002). */
      principles: { title: string; body: string; table?: ReportTable }[];
    };

export interface ReportDocument {
  kind: ReportKind;
  title: string;
  organisationName: string;
  /** Period in people's words: 「2022年度（2022年4月1日〜2023年3月31日）」. */
  periodLabel: string;
  /** ISO dates of the period, inclusive. */
  periodStart: string;
  periodEnd: string;
  version: number;
  /** ISO timestamp of the snapshot (approval) or of the preview. */
  generatedAt: string;
  status: "draft" | "approved" | "published";
  sections: ReportSection[];
}
