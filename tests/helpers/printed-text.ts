/** Reading a report back as people see it: the HTML page's visible text, and the PDF's text by pdftotext. */
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/** The HTML page's visible text: styles and tags dropped, the few entities decoded. */
export const visibleText = (html: string) =>
  html
    .replace(/<style[\s\S]*?<\/style>/g, "")
    .replace(/<[^>]+>/g, " ")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");

/** The PDF's text by pdftotext (poppler-utils), keeping each table row on its line; a missing tool fails. */
export function pdfToText(pdf: Buffer): string {
  const dir = mkdtempSync(join(tmpdir(), "koe-golden-pdf-"));
  try {
    const file = join(dir, "report.pdf");
    writeFileSync(file, pdf);
    const run = spawnSync("pdftotext", ["-layout", "-enc", "UTF-8", file, "-"], { encoding: "utf8" });
    if (run.error) throw new Error(`pdftotext が実行できません（poppler-utils）: ${run.error.message}`);
    if (run.status !== 0) throw new Error(`pdftotext failed: ${run.stderr}`);
    return run.stdout;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
