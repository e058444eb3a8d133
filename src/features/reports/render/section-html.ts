// Each kind of report section as HTML; every text from the document is escaped here or in the helpers.
import type { FeaturedVoice, ReportChart, ReportSection } from "../report-document.js";
import { renderChartSvg } from "./chart-svg.js";
import { escapeHtml, paragraphsHtml } from "./format.js";
import { tableHtml } from "./table-html.js";

function chartHtml(chart: ReportChart, key: string): string {
  return `<figure class="chart">
<figcaption>${escapeHtml(chart.title)}</figcaption>
${renderChartSvg(chart, key, chart.title)}
${tableHtml(chart.table)}
</figure>`;
}

function voiceHtml(voice: FeaturedVoice, replyLabel: string): string {
  const attribution = voice.attribution
    ? `\n<p class="attribution">${escapeHtml(voice.attribution)}</p>`
    : "";
  const reply = voice.reply
    ? `\n<div class="reply"><p class="reply-label">${escapeHtml(replyLabel)}</p>${paragraphsHtml(voice.reply)}</div>`
    : "";
  return `<div class="voice"><blockquote>${paragraphsHtml(voice.text)}</blockquote>${attribution}${reply}</div>`;
}

/** Items in document order, with a heading each time the theme changes (voices grouped by theme). */
function byTheme<T extends { theme?: string }>(items: T[], render: (item: T) => string): string {
  let theme: string | undefined;
  const parts: string[] = [];
  for (const item of items) {
    if (item.theme && item.theme !== theme) parts.push(`<h3>${escapeHtml(item.theme)}</h3>`);
    theme = item.theme;
    parts.push(render(item));
  }
  return parts.join("\n");
}

/** What a section with nothing to list says, rather than a bare heading in a published report. */
const EMPTY_NOTES = {
  voices: "この期間に掲載するお客さまの声はありません。",
  improvements: "この期間に掲載する改善事例はありません。",
} as const;

function emptyHtml(kind: keyof typeof EMPTY_NOTES, body: string | undefined): string {
  return body ? "" : `<p class="empty">${EMPTY_NOTES[kind]}</p>`;
}

function bodyHtml(body: string | undefined): string {
  return body ? `${paragraphsHtml(body)}\n` : "";
}

/** The section's inner HTML (without its heading); `key` keeps chart ids unique in the page. */
export function sectionBodyHtml(section: ReportSection, key: string): string {
  switch (section.kind) {
    case "text":
      return paragraphsHtml(section.body);
    case "table":
      return bodyHtml(section.body) + tableHtml(section.table);
    case "chart":
      return (
        bodyHtml(section.body) + section.charts.map((c, i) => chartHtml(c, `${key}c${i + 1}`)).join("\n")
      );
    case "voices":
      if (section.voices.length === 0) return bodyHtml(section.body) + emptyHtml("voices", section.body);
      return (
        bodyHtml(section.body) +
        byTheme(section.voices, (v) => voiceHtml(v, section.replyLabel ?? "感謝の声をいただいて"))
      );
    case "improvements":
      if (section.cases.length === 0) return bodyHtml(section.body) + emptyHtml("improvements", section.body);
      return (
        bodyHtml(section.body) +
        byTheme(
          section.cases,
          (c) => `<div class="case">
<div class="from"><p class="label">お客さまの声</p>${paragraphsHtml(c.voiceSummary)}</div>
<div class="arrow" aria-hidden="true">→</div>
<div class="to"><p class="label">改善内容</p>${paragraphsHtml(c.improvement)}</div>
</div>`,
        )
      );
    case "kpi": {
      const sentences = section.sentences.length
        ? `\n<ul class="sentences">${section.sentences.map((s) => `<li>${escapeHtml(s)}</li>`).join("")}</ul>`
        : "";
      return bodyHtml(section.body) + tableHtml(section.table) + sentences;
    }
    case "principle":
      return section.principles
        .map(
          (p) =>
            `<h3>${escapeHtml(p.title)}</h3>\n${paragraphsHtml(p.body)}${p.table ? `\n${tableHtml(p.table)}` : ""}`,
        )
        .join("\n");
  }
}
