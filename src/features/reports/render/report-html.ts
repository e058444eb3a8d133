// The report as one self-contained HTML page (inline CSS and SVG, no script): what the editor previews, what the
// published site serves and what Chromium prints to PDF.
import { formatDateJa } from "../../../shared/japanese-date.js";
import { REPORT_KIND_LABELS, type ReportDocument } from "../report-document.js";
import { escapeHtml } from "./format.js";
import { REPORT_CSS } from "./report-css.js";
import { sectionBodyHtml } from "./section-html.js";

const STATUS_LABELS: Record<ReportDocument["status"], string | null> = {
  draft: "下書き（未承認）",
  approved: null,
  published: null,
};

/**
 * Anchor ids for the sections: the document's ids made safe for HTML and URLs, numbered so two sections never
 * share one.
 */
export function sectionAnchors(doc: ReportDocument): string[] {
  return doc.sections.map((s, i) => `s${i + 1}-${s.id.replace(/[^A-Za-z0-9_-]/g, "") || "section"}`);
}

export interface ReportHtmlOptions {
  /** Links shown under the title, e.g. the published site's PDF and XLSX of the same report. */
  downloads?: { href: string; label: string }[];
  /** A link back to the site's index. */
  indexHref?: string;
}

export function renderReportHtml(doc: ReportDocument, options: ReportHtmlOptions = {}): string {
  const anchors = sectionAnchors(doc);
  const status = STATUS_LABELS[doc.status];
  const toc = doc.sections
    .map((s, i) => `<li><a href="#${anchors[i]}">${escapeHtml(s.heading)}</a></li>`)
    .join("\n");
  const sections = doc.sections
    .map(
      (s, i) => `<section class="report-section" id="${anchors[i]}" aria-labelledby="${anchors[i]}-h">
<h2 id="${anchors[i]}-h">${escapeHtml(s.heading)}</h2>
${sectionBodyHtml(s, `${anchors[i]}`)}
</section>`,
    )
    .join("\n");
  const downloads = options.downloads?.length
    ? `\n<p class="meta downloads">${options.downloads
        .map((d) => `<a href="${escapeHtml(d.href)}">${escapeHtml(d.label)}</a>`)
        .join("　")}</p>`
    : "";
  const back = options.indexHref
    ? `\n<p class="meta"><a href="${escapeHtml(options.indexHref)}">報告書の一覧へ</a></p>`
    : "";
  return `<!DOCTYPE html>
<html lang="ja">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(`${doc.title}｜${doc.organisationName}`)}</title>
<style>${REPORT_CSS}</style>
</head>
<body>
<header class="cover">
<p class="organisation">${escapeHtml(doc.organisationName)}</p>
<h1>${escapeHtml(doc.title)}</h1>
<p class="period">${escapeHtml(doc.periodLabel)}</p>
<p class="meta">${escapeHtml(REPORT_KIND_LABELS[doc.kind])}・第${escapeHtml(String(doc.version))}版・作成日 ${escapeHtml(formatDateJa(doc.generatedAt))}${status ? `<span class="status">${status}</span>` : ""}</p>${downloads}${back}
</header>
<nav class="toc" aria-labelledby="toc-h">
<h2 id="toc-h">目次</h2>
<ol>
${toc}
</ol>
</nav>
<main>
${sections}
</main>
</body>
</html>
`;
}
