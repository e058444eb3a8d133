// The report as PDF: Chromium prints the same HTML page (A4, page numbers from the page's @page rules), so the
// Japanese text stays real text, searchable and copyable. The file's dates come from the document, so the same
// document always gives the same bytes.
import type { ReportDocument } from "../report-document.js";
import { type ReportBrowser, reportBrowser } from "./report-browser.js";
import { renderReportHtml } from "./report-html.js";

/** PDF date of an ISO instant in UTC: D:YYYYMMDDHHmmss+00'00' (Chromium's own layout, same length). */
function pdfDate(iso: string): string {
  const d = new Date(Date.parse(iso));
  const at = Number.isNaN(d.getTime()) ? new Date(0) : d;
  const t = at.toISOString();
  return `D:${t.slice(0, 4)}${t.slice(5, 7)}${t.slice(8, 10)}${t.slice(11, 13)}${t.slice(14, 16)}${t.slice(17, 19)}+00'00'`;
}

/**
 * Replaces Chromium's creation and modification dates (the only run-dependent bytes) with the document's own
 * time. Each date string is swapped for one of exactly the same length, so the cross-reference offsets hold.
 */
export function fixPdfDates(pdf: Buffer, iso: string): Buffer {
  const text = pdf.toString("latin1");
  const fixed = pdfDate(iso);
  const out = text.replace(/\/(CreationDate|ModDate) \(D:[^)]*\)/g, (match, key: string) => {
    const replacement = `/${key} (${fixed})`;
    return replacement.length === match.length ? replacement : match;
  });
  return Buffer.from(out, "latin1");
}

export async function renderReportPdf(
  doc: ReportDocument,
  options: { browser?: ReportBrowser; html?: string } = {},
): Promise<Buffer> {
  const launcher = options.browser ?? reportBrowser();
  try {
    const browser = await launcher.browser();
    const context = await browser.newContext({
      locale: "ja-JP",
      timezoneId: "Asia/Tokyo",
      javaScriptEnabled: false,
    });
    try {
      const page = await context.newPage();
      // The page is self-contained: nothing may be fetched, even if a text smuggled a URL in.
      await page.route("**/*", (route) => route.abort());
      await page.setContent(options.html ?? renderReportHtml(doc), { waitUntil: "load" });
      await page.evaluate(() => document.fonts.ready);
      const pdf = await page.pdf({
        printBackground: true,
        preferCSSPageSize: true,
        format: "A4",
        tagged: true,
        outline: true,
      });
      return fixPdfDates(pdf, doc.generatedAt);
    } finally {
      await context.close();
    }
  } finally {
    if (!options.browser) await launcher.close();
  }
}
