import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { describeBrowser, SCREENSHOTS } from "../../../../tests/helpers/browser.js";
import { annualVoiceFixture } from "./annual-voice-fixture.js";
import { HOSTILE_TEXTS, hostileDocument } from "./hostile-fixture.js";
import { reportBrowser } from "./report-browser.js";
import { renderReportPdf } from "./report-pdf.js";

const work = mkdtempSync(join(tmpdir(), "koe-report-pdf-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** Runs a poppler tool on the PDF; a missing tool fails the test (CI installs poppler-utils). */
function poppler(tool: string, pdf: Buffer, args: string[]): string {
  const file = join(work, `${tool}-${Math.random().toString(36).slice(2)}.pdf`);
  writeFileSync(file, pdf);
  const run = spawnSync(tool, [...args, file, ...(tool === "pdftotext" ? ["-"] : [])], { encoding: "utf8" });
  if (run.error) throw new Error(`${tool} が実行できません（poppler-utils）: ${run.error.message}`);
  expect(run.status, run.stderr).toBe(0);
  return run.stdout;
}

/** pdftotext keeps table cells apart with spaces; squeeze them so figures and phrases can be found. */
const squeeze = (text: string) => text.replace(/[ \t]+/g, " ");

describeBrowser("renderReportPdf", () => {
  const browser = reportBrowser();
  afterAll(() => browser.close());

  it("prints seed 004's figures and the Japanese headings as real, searchable text on A4 pages", async () => {
    const pdf = await renderReportPdf(annualVoiceFixture(), { browser });
    expect(pdf.subarray(0, 5).toString()).toBe("%PDF-");
    const text = squeeze(poppler("pdftotext", pdf, ["-layout", "-enc", "UTF-8"]));
    for (const figure of [
      "65,893",
      "46,682",
      "18,973",
      "238",
      "21,195",
      "12,271",
      "6,674",
      "2,546",
      "141",
      "70.8%",
    ]) {
      expect(text).toContain(figure);
    }
    for (const heading of [
      "目次",
      "ごあいさつ",
      "種類ごとの分類別件数",
      "お寄せいただいた主な感謝の声",
      "感謝の声をいただいて",
    ]) {
      expect(text).toContain(heading);
    }
    const info = poppler("pdfinfo", pdf, []);
    expect(info).toMatch(/Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)/);
    const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
    expect(pages).toBeGreaterThan(2);
    // Page numbers from the @page rules, on every page but the cover.
    expect(text).toMatch(new RegExp(`\\b2 ?/ ?${pages}\\b`));
    expect(text).toMatch(new RegExp(`\\b${pages} ?/ ?${pages}\\b`));
    // The dates are the document's, not the time of printing.
    expect(info).toMatch(/CreationDate:\s+Tue Aug {2}1 01:00:00 2023 UTC/);

    // The first A4 pages as pictures, to look at the layout and the Japanese fonts.
    mkdirSync(SCREENSHOTS, { recursive: true });
    const file = join(work, "report.pdf");
    writeFileSync(file, pdf);
    const ppm = spawnSync("pdftoppm", [
      "-png",
      "-r",
      "80",
      "-f",
      "1",
      "-l",
      "4",
      file,
      join(SCREENSHOTS, "report-a4-page"),
    ]);
    expect(ppm.status).toBe(0);
  });

  it("gives the same bytes for the same document", async () => {
    const [a, b] = [
      await renderReportPdf(annualVoiceFixture(), { browser }),
      await renderReportPdf(annualVoiceFixture(), { browser }),
    ];
    expect(a.equals(b)).toBe(true);
  });

  it("keeps hostile text as plain text: no script, no link to where a formula pointed", async () => {
    const pdf = await renderReportPdf(hostileDocument(), { browser });
    const raw = pdf.toString("latin1");
    expect(raw).not.toMatch(/\/JavaScript|\/JS\s|\/Launch/);
    expect(raw).not.toContain("evil.example");
    const text = squeeze(poppler("pdftotext", pdf, ["-enc", "UTF-8"])).replace(/\s+/g, "");
    for (const t of HOSTILE_TEXTS) expect(text).toContain(t.replace(/\s+/g, ""));
  });
});
