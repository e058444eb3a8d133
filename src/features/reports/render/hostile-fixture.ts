// The annual fixture with hostile text in every place text can go: a script tag, spreadsheet formulas (Excel's
// HYPERLINK, Lotus-style @SUM, + and -), and an attribute-breaking quote. Tests check all outputs keep it inert.
import type { ReportDocument } from "../report-document.js";
import { annualVoiceFixture } from "./annual-voice-fixture.js";

export const HOSTILE_TEXTS = [
  '<script>alert("koe")</script>',
  '=HYPERLINK("https://evil.example/","詳しくはこちら")',
  "@SUM(1+1)*cmd|' /C calc'!A0",
  "+81-3-0000-0000",
  '"><img src=x onerror=alert(1)>',
] as const;

export function hostileDocument(): ReportDocument {
  const doc = annualVoiceFixture();
  const [script, hyperlink, atSum, plus, quote] = HOSTILE_TEXTS;
  return {
    ...doc,
    title: `${doc.title}${script}`,
    sections: [
      ...doc.sections,
      {
        kind: "voices",
        id: 'hostile"><script>',
        heading: `掲載した声${quote}`,
        voices: [
          {
            text: `${script} とても助かりました。`,
            reply: hyperlink,
            attribution: `東京都・40代・女性${quote}`,
          },
          { text: atSum, theme: hyperlink },
          { text: plus },
        ],
      },
      {
        kind: "table",
        id: "hostile-table",
        heading: "入力のまま載せた表",
        table: {
          title: hyperlink,
          columns: [
            { label: atSum, format: "text" },
            { label: "件数", format: "integer" },
          ],
          rows: [
            [hyperlink, 1],
            [atSum, 2],
            [plus, 3],
            [script, 4],
            ["-2+3", 5],
          ],
        },
      },
      {
        kind: "chart",
        id: "hostile-chart",
        heading: `図${script}`,
        charts: [
          {
            type: "donut",
            title: `${script}の分類`,
            labels: [script, hyperlink],
            series: [{ name: atSum, values: [3, 4] }],
            table: {
              title: `${script}の分類`,
              columns: [{ label: "分類" }, { label: "件数", format: "integer" }],
              rows: [
                [script, 3],
                [hyperlink, 4],
              ],
            },
          },
        ],
      },
    ],
  };
}
