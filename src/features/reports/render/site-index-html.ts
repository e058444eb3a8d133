// The published site's front page: every report, grouped by kind, newest period first, with its three formats.
import { formatDateJa } from "../../../shared/japanese-date.js";
import { REPORT_KIND_LABELS, REPORT_KINDS, type ReportDocument } from "../report-document.js";
import { escapeHtml } from "./format.js";
import { REPORT_CSS } from "./report-css.js";

export interface SiteEntry {
  slug: string;
  document: ReportDocument;
  publishedAt: string;
  /** Paths relative to the site's root. */
  page: string;
  pdf: string;
  xlsx: string;
}

/** Newest period first; ties by slug, so any input order gives the same page. */
export function compareEntries(a: SiteEntry, b: SiteEntry): number {
  return (
    b.document.periodStart.localeCompare(a.document.periodStart) ||
    b.document.periodEnd.localeCompare(a.document.periodEnd) ||
    a.slug.localeCompare(b.slug)
  );
}

function entryHtml(e: SiteEntry): string {
  const d = e.document;
  return `<li>
<a href="${escapeHtml(e.page)}">${escapeHtml(d.title)}</a>
<span class="meta">${escapeHtml(d.periodLabel)}・公開日 ${escapeHtml(formatDateJa(e.publishedAt))}</span>
<span class="meta formats"><a href="${escapeHtml(e.pdf)}">PDF</a>　<a href="${escapeHtml(e.xlsx)}">Excel（XLSX）</a></span>
</li>`;
}

export function siteIndexHtml(entries: SiteEntry[]): string {
  const organisations = [...new Set(entries.map((e) => e.document.organisationName))].sort();
  const heading = organisations.length === 1 ? `${organisations[0]} 公開報告書` : "公開報告書";
  const groups = REPORT_KINDS.map((kind) => ({
    kind,
    entries: entries.filter((e) => e.document.kind === kind).sort(compareEntries),
  })).filter((g) => g.entries.length > 0);
  const body = groups.length
    ? groups
        .map(
          (g) => `<section class="report-section" id="${g.kind}" aria-labelledby="${g.kind}-h">
<h2 id="${g.kind}-h">${escapeHtml(REPORT_KIND_LABELS[g.kind])}</h2>
<ul class="report-list">
${g.entries.map(entryHtml).join("\n")}
</ul>
</section>`,
        )
        .join("\n")
    : "<p>公開している報告書はまだありません。</p>";
  return `<!DOCTYPE html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(heading)}</title>
<style>${REPORT_CSS}
.report-list { list-style: none; padding: 0; }
.report-list li { margin: 0 0 5mm; padding-bottom: 3mm; border-bottom: 1px solid #e1e6ec; }
.report-list .meta { display: block; font-size: 9.5pt; color: #555; }
</style>
</head>
<body>
<header>
<h1>${escapeHtml(heading)}</h1>
<p>お客さまの声の報告書と、顧客本位の業務運営の取組み報告を公開しています。各報告書は PDF と Excel（XLSX）でもご覧いただけます。</p>
</header>
<main>
${body}
</main>
</body>
</html>
`;
}
