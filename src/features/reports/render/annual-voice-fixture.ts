// A realistic finished document for tests and previews: the federation's FY2022 annual voice report with seed
// 004's figures (65,893 voices; 46,682 / 18,973 / 238 by type; each type by category).
import type { ReportChart, ReportDocument, ReportTable } from "../report-document.js";
import { percentOf } from "./format.js";

const CATEGORY_LABELS = [
  "応対に関するもの",
  "ご契約の保全、掛金収納に関するもの",
  "共済商品に関するもの",
  "お申込手続きに関するもの",
  "共済金のお支払いに関するもの",
  "その他",
] as const;

/** Seed 004, 「分類別件数」 in the order of CATEGORY_LABELS. */
export const FY2022_BY_CATEGORY = {
  "感謝・評価": [21_195, 12_271, 4_647, 3_697, 2_190, 2_682],
  "意見・要望": [6_674, 2_159, 3_683, 1_615, 2_296, 2_546],
  苦情: [141, 34, 36, 5, 6, 16],
} as const;

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

function shareTable(
  title: string,
  labelHeader: string,
  labels: readonly string[],
  values: readonly number[],
): ReportTable {
  const total = sum(values);
  return {
    title,
    columns: [
      { label: labelHeader, format: "text" },
      { label: "件数", format: "integer" },
      { label: "構成比", format: "percent" },
    ],
    rows: labels.map((label, i) => [label, values[i] ?? 0, percentOf(values[i] ?? 0, total)]),
    totalRow: ["合計", total, 100],
  };
}

function donut(type: keyof typeof FY2022_BY_CATEGORY): ReportChart {
  const values = FY2022_BY_CATEGORY[type];
  const title = `${type}の分類別件数`;
  return {
    type: "donut",
    title,
    labels: [...CATEGORY_LABELS],
    series: [{ name: type, values: [...values] }],
    table: shareTable(title, "分類", CATEGORY_LABELS, values),
  };
}

const TYPE_LABELS = ["感謝・評価", "意見・要望", "苦情"] as const;
const TYPE_TOTALS = TYPE_LABELS.map((t) => sum(FY2022_BY_CATEGORY[t]));

export function annualVoiceFixture(): ReportDocument {
  return {
    kind: "annual-voice",
    title: "わたしたちのタカラモノ 2022年度「組合員・お客さまの声」報告書",
    organisationName: "こくみん共済 coop",
    periodLabel: "2022年度（2022年6月1日〜2023年5月31日）",
    periodStart: "2022-06-01",
    periodEnd: "2023-05-31",
    version: 1,
    generatedAt: "2023-08-01T01:00:00.000Z",
    status: "published",
    sections: [
      {
        kind: "text",
        id: "greeting",
        heading: "ごあいさつ",
        body: "こくみん共済 coop は、組合員・お客さまの声を「わたしたちのタカラモノ」として拝聴し、業務改善活動へつなげていく取り組みを進めています。\n\n2022年度は、合計65,893件の「組合員・お客さまの声」をお寄せいただきました（「感謝・評価46,682件」「意見・要望18,973件」「苦情238件」）。\n\n私たちは、その一つ一つの声を真摯に受けとめ、さらなる業務改善を進めてまいります。",
      },
      {
        kind: "chart",
        id: "by-type",
        heading: "2022年度に寄せられた「組合員・お客さまの声」",
        body: "2022年度は合計で65,893件の声をいただきました。",
        charts: [
          {
            type: "bar",
            title: "種類別件数",
            labels: [...TYPE_LABELS],
            series: [{ name: "件数", values: TYPE_TOTALS }],
            table: shareTable("種類別件数", "種類", TYPE_LABELS, TYPE_TOTALS),
          },
        ],
      },
      {
        kind: "chart",
        id: "by-category",
        heading: "種類ごとの分類別件数",
        charts: [donut("感謝・評価"), donut("意見・要望"), donut("苦情")],
      },
      {
        kind: "table",
        id: "channels",
        heading: "声をいただく主な窓口",
        table: {
          title: "主な窓口",
          columns: [
            { label: "窓口", format: "text" },
            { label: "内容", format: "text" },
          ],
          rows: [
            ["全国の支所・共済ショップ", "共済のご加入、変更などの各種手続きに関する対面によるご相談窓口"],
            [
              "コールセンター",
              "資料請求や保障に関するご相談、病気やけが、住宅災害、自動車事故に関するお問い合わせの窓口",
            ],
            ["ホームページ・マイページ", "お問い合わせ、組合員・お客さまの声、苦情などの受付窓口"],
            ["お客様相談室", "ご意見・ご要望、苦情に関する受付窓口"],
          ],
        },
      },
      {
        kind: "voices",
        id: "thanks",
        heading: "お寄せいただいた主な感謝の声",
        voices: [
          {
            text: "マイカー共済事故受付センターの方が対応してくださいました。思わぬ自損事故になってしまい慌てているところに、その穏やかな落ち着いた気遣いのある話し方での説明は、大変勇気づけられました。",
            reply:
              "受付担当者の落ち着いた口調が、事故直後で動揺しているお客さまの不安を軽減して感謝の声につながりました。今後もお客さまに寄り添った対応を心がけます。",
            attribution: "福井県・50代・女性",
          },
          {
            text: "担当の方の対応で、事故当事者の心身の負担を大きく軽減してくれました。おかげでスピーディーに事故は解決し、通常の生活に難なく戻ることができました。",
            reply: "今後もお客さまの立場に立った対応をしてまいります。",
            attribution: "青森県・20代・男性",
          },
        ],
      },
      {
        kind: "voices",
        id: "requests",
        heading: "主なご意見・ご要望",
        voices: [
          { theme: "共済制度に関する声", text: "定期生命共済が90歳まで保障されるようにしてほしい。" },
          {
            theme: "共済制度に関する声",
            text: "地震の保障が少ないので基本契約の50％まで保障ができるようにしてほしい。",
          },
          {
            theme: "手続きに関する声",
            text: "アプリやホームページで住所や電話番号を変更できるようにしてほしい。",
          },
        ],
      },
      {
        kind: "improvements",
        id: "improvements",
        heading: "「組合員・お客さまの声」にもとづく業務改善の取り組み",
        cases: [
          {
            voiceSummary: "共済金の請求をインターネットでできるようにしてほしい。",
            improvement: "マイページでの共済金請求受付を開始しました。",
          },
          {
            voiceSummary: "スマートフォンで契約内容をすぐに確認したい。",
            improvement: "公式アプリを導入し、契約内容・保障内容・掛金額を確認できるようにしました。",
          },
        ],
      },
    ],
  };
}
