/**
 * What a report is made of: the generated blocks each kind may hold, their Japanese names, and the template a new
 * report of each kind starts from (seeds 003/004 for the annual voice report, 000 for the KPI report, 002 for the
 * half-year review). Pure data, shared by the server and the editor.
 */
import type { ReportKind } from "./report-document.js";

export const REPORT_BLOCKS = [
  "text",
  "type_totals",
  "type_categories",
  "channels",
  "year_over_year",
  "featured_thanks",
  "voices_by_theme",
  "improvement_cases",
  "kpi_table",
  "principles",
] as const;
export type ReportBlock = (typeof REPORT_BLOCKS)[number];

export const REPORT_BLOCK_LABELS: Record<ReportBlock, string> = {
  text: "文章（自由記述）",
  type_totals: "声の件数と種別の内訳",
  type_categories: "種別ごとの分類別件数（円グラフ）",
  channels: "声をいただく主な窓口",
  year_over_year: "前年度との比較",
  featured_thanks: "お寄せいただいた主な感謝の声（職員の返信つき）",
  voices_by_theme: "主なご意見・ご不満の声（テーマ別）",
  improvement_cases: "改善事例（お客さまの声 → 改善内容）",
  kpi_table: "KPI の実績と前年比",
  principles: "原則ごとの取組み",
};

/** Blocks whose content is voices chosen by staff (report_featured_voices). */
export const FEATURED_BLOCKS: readonly ReportBlock[] = ["featured_thanks", "voices_by_theme"];

export const BLOCKS_BY_KIND: Record<ReportKind, readonly ReportBlock[]> = {
  "annual-voice": [
    "text",
    "type_totals",
    "type_categories",
    "channels",
    "year_over_year",
    "featured_thanks",
    "voices_by_theme",
    "improvement_cases",
  ],
  kpi: ["text", "kpi_table"],
  "half-year-review": ["text", "principles", "featured_thanks", "voices_by_theme"],
};

export const REPORT_STATUSES = ["draft", "approved", "published"] as const;
export type ReportStatus = (typeof REPORT_STATUSES)[number];
export const REPORT_STATUS_LABELS: Record<ReportStatus, string> = {
  draft: "下書き",
  approved: "承認済み",
  published: "公開済み",
};

export interface SectionTemplate {
  kind: "generated" | "text";
  block: ReportBlock;
  heading: string;
  body: string;
  config: Record<string, unknown>;
}

const text = (heading: string, body: string): SectionTemplate => ({
  kind: "text",
  block: "text",
  heading,
  body,
  config: {},
});
const block = (b: ReportBlock, heading: string, config: Record<string, unknown> = {}): SectionTemplate => ({
  kind: "generated",
  block: b,
  heading,
  body: "",
  config,
});

export function reportTemplate(kind: ReportKind): SectionTemplate[] {
  switch (kind) {
    case "annual-voice":
      return [
        text(
          "ごあいさつ",
          "組合員・お客さまの声を大切な財産として受けとめ、一つ一つの声を業務の改善につなげています。\n" +
            "この1年間にお寄せいただいた声と、声にもとづく業務改善の取り組みを本誌にまとめました。",
        ),
        block("type_totals", "寄せられた「お客さまの声」"),
        block("type_categories", "種別ごとの分類別件数"),
        block("channels", "声をいただく主な窓口"),
        block("year_over_year", "前年度との比較"),
        block("featured_thanks", "お寄せいただいた主な感謝の声"),
        block("voices_by_theme", "お寄せいただいた主なご意見やご不満の声", {
          types: ["request", "complaint"],
        }),
        text(
          "「お客さまの声」を業務改善につなげる取り組み",
          "お寄せいただいた声をデータベースに登録して共有し、集約・分析を行っています。CS向上委員会で、" +
            "声と職員の気づきにもとづく業務改善の課題を設定し、その進捗を管理しています。",
        ),
        block("improvement_cases", "「お客さまの声」にもとづく業務改善の取り組み"),
      ];
    case "kpi":
      return [
        text(
          "はじめに",
          "「顧客本位の業務運営に関する方針」にもとづく取り組みの状況を、成果指標（KPI）とともにご報告します。",
        ),
        block("kpi_table", "成果指標（KPI）の実績"),
      ];
    case "half-year-review":
      return [
        text(
          "はじめに",
          "「顧客本位の業務運営に関する方針」の原則ごとに、この半期の取り組み課題、数値・事実、評価をご報告します。",
        ),
        block("principles", "原則ごとの取組み"),
      ];
  }
}
