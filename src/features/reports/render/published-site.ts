// `koe publish`'s static site: an index, one page per published report with its PDF and XLSX beside it, for any
// web server. Re-running gives the same bytes (the dates are the documents' own, the order is fixed), rewrites
// only what changed and removes files of reports no longer published. The site remembers what it wrote in a
// manifest, so it never deletes a file it did not make.
import { mkdir, readdir, readFile, rm, rmdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import type { ReportDocument } from "../report-document.js";
import { reportBrowser } from "./report-browser.js";
import { renderReportHtml } from "./report-html.js";
import { renderReportPdf } from "./report-pdf.js";
import { renderReportXlsx } from "./report-xlsx.js";
import { type SiteEntry, siteIndexHtml } from "./site-index-html.js";

export interface PublishedReport {
  slug: string;
  document: ReportDocument;
  publishedAt: string;
}

export const SITE_MANIFEST = ".koe-site.json";
const SLUG = /^[a-z0-9][a-z0-9-]{0,79}$/;

function checkSlugs(reports: PublishedReport[]): void {
  const seen = new Set<string>();
  for (const r of reports) {
    if (!SLUG.test(r.slug))
      throw new Error(
        `報告書の公開名「${r.slug}」は英小文字・数字・ハイフンだけで指定してください（80文字まで）`,
      );
    if (seen.has(r.slug)) throw new Error(`報告書の公開名「${r.slug}」が重複しています`);
    seen.add(r.slug);
  }
}

/** Files this site wrote last time; an existing folder with other files and no manifest is refused. */
async function previousFiles(outDir: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(outDir);
  } catch {
    return [];
  }
  if (names.length === 0) return [];
  try {
    const manifest = JSON.parse(await readFile(join(outDir, SITE_MANIFEST), "utf8")) as { files?: unknown };
    return Array.isArray(manifest.files)
      ? manifest.files.filter((f): f is string => typeof f === "string")
      : [];
  } catch {
    throw new Error(
      `出力先 ${outDir} には koe が作ったものではないファイルがあります。空のフォルダーを指定してください`,
    );
  }
}

/** Writes only when the bytes differ, so an unchanged site keeps its files untouched. */
async function writeIfChanged(file: string, bytes: Buffer | string): Promise<void> {
  const next = typeof bytes === "string" ? Buffer.from(bytes, "utf8") : bytes;
  try {
    if ((await readFile(file)).equals(next)) return;
  } catch {
    // missing: written below
  }
  await mkdir(dirname(file), { recursive: true });
  await writeFile(file, next);
}

export async function writePublishedSite(outDir: string, reports: PublishedReport[]): Promise<void> {
  checkSlugs(reports);
  const before = await previousFiles(outDir);
  const entries: SiteEntry[] = [...reports]
    .sort((a, b) => a.slug.localeCompare(b.slug))
    .map((r) => ({
      ...r,
      page: `${r.slug}/index.html`,
      pdf: `${r.slug}/${r.slug}.pdf`,
      xlsx: `${r.slug}/${r.slug}.xlsx`,
    }));
  const files = new Map<string, Buffer | string>();
  files.set("index.html", siteIndexHtml(entries));
  const browser = reportBrowser();
  try {
    for (const e of entries) {
      const html = renderReportHtml(e.document, {
        downloads: [
          { href: `${e.slug}.pdf`, label: "PDF版" },
          { href: `${e.slug}.xlsx`, label: "Excel版（XLSX）" },
        ],
        indexHref: "../index.html",
      });
      files.set(e.page, html);
      // The PDF prints the plain report page: links to the site make no sense on paper.
      files.set(e.pdf, await renderReportPdf(e.document, { browser }));
      files.set(e.xlsx, await renderReportXlsx(e.document));
    }
  } finally {
    await browser.close();
  }
  const owned = [...files.keys()].sort();
  files.set(SITE_MANIFEST, `${JSON.stringify({ generator: "koe publish", files: owned }, null, 2)}\n`);

  await mkdir(outDir, { recursive: true });
  for (const [path, bytes] of files) await writeIfChanged(join(outDir, path), bytes);
  for (const stale of before.filter((f) => !files.has(f) && !f.includes(".."))) {
    await rm(join(outDir, stale), { force: true });
    // The report's folder goes too once it is empty; a folder holding someone else's file stays.
    await rmdir(dirname(join(outDir, stale))).catch(() => undefined);
  }
}
