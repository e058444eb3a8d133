/**
 * A survey's results as an Excel workbook: the same numbers as the results page's tables (headline figures,
 * each question's distribution, the breakdowns, the free-text answers), one sheet each, numbers as numbers and
 * text behind the same formula guard as every export.
 */
import ExcelJS from "exceljs";
import { neutralizeFormula } from "../../io/formula-guard.js";
import type { SurveyResults } from "./contract.js";

type Cell = string | number | null;

function sheet(wb: ExcelJS.Workbook, name: string, header: string[], rows: Cell[][]) {
  const ws = wb.addWorksheet(name.replace(/[:\\/?*[\]]/g, "・").slice(0, 31), {
    views: [{ state: "frozen", ySplit: 1 }],
  });
  ws.columns = header.map((h, i) => ({
    width: i === 0 ? Math.max(16, h.length * 2 + 2) : Math.max(12, h.length * 2),
  }));
  ws.addRow(header).font = { bold: true };
  for (const r of rows) ws.addRow(r.map((c) => (typeof c === "string" ? neutralizeFormula(c) : c)));
}

export async function resultsWorkbook(r: SurveyResults): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.title = `${r.survey.name} ${r.period.label}`;
  const h = r.headline;
  sheet(
    wb,
    "概要",
    ["項目", r.period.label, r.previousPeriod.label],
    [
      ["アンケート", r.survey.name, null],
      ["種類", r.survey.kind, null],
      ["期間", `${r.period.from}〜${r.period.to}`, null],
      ["回答数", r.responses, h?.previous.responses ?? null],
      ["満足度スコア（満足＋やや満足、%）", h?.topTwoBox ?? null, h?.previous.topTwoBox ?? null],
      ["前年同期との差", h?.change?.label ?? null, null],
      ["平均（5段階）", h?.mean ?? null, h?.previous.mean ?? null],
      ["アンケートから登録された声", r.voices.created, null],
      ["うち完了", r.voices.closed, null],
    ],
  );
  r.questions.forEach((q, i) => {
    if (q.type === "text") {
      sheet(
        wb,
        `設問${i + 1} 自由記述`,
        ["回答日時", q.label],
        q.texts.map((t) => [t.answeredAt, t.text]),
      );
      return;
    }
    sheet(
      wb,
      `設問${i + 1}`,
      [q.label, "件数", "割合（%）"],
      [
        ...q.distribution.map((d) => [d.label, d.count, d.percent] as Cell[]),
        ["回答数", q.answered, null],
        ...(q.figures
          ? ([
              ["平均（5段階）", q.figures.mean, null],
              ["満足度スコア（%）", q.figures.topTwoBox, null],
            ] as Cell[][])
          : []),
      ],
    );
  });
  for (const b of r.breakdowns) {
    sheet(
      wb,
      `${b.label}別`,
      [b.label, "回答数", "満足度スコア（%）", "平均（5段階）"],
      b.rows.map((row) => [row.label, row.responses, row.topTwoBox, row.mean]),
    );
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
