import { describe, expect, it } from "vitest";
import type { ReportDocument } from "../report-document.js";
import { annualVoiceFixture } from "./annual-voice-fixture.js";
import { HOSTILE_TEXTS, hostileDocument } from "./hostile-fixture.js";
import { renderReportHtml } from "./report-html.js";

/** The page's visible text: tags dropped, entities decoded (enough for these checks). */
function visibleText(html: string): string {
  return html
    .replace(/<style[\s\S]*?<\/style>/g, "")
    .replace(/<[^>]+>/g, "")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&amp;/g, "&");
}

describe("renderReportHtml", () => {
  const doc = annualVoiceFixture();
  const html = renderReportHtml(doc);

  it("is one Japanese page with its styles inline and no script or external resource", () => {
    expect(html.startsWith('<!DOCTYPE html>\n<html lang="ja">')).toBe(true);
    expect(html).toContain("@page");
    expect(html).toContain("size: A4");
    expect(html).not.toMatch(/<script|<link|<img|src=|<iframe/i);
  });

  it("prints seed 004's figures, formatted the Japanese way", () => {
    const text = visibleText(html);
    for (const figure of ["65,893", "46,682", "18,973", "238", "21,195", "12,271", "6,674", "2,546", "141"]) {
      expect(text).toContain(figure);
    }
    expect(text).toMatch(/総数\s*46,682件/); // the donut's hole
    expect(text).toContain("70.8%");
    expect(text).toContain("0.4%");
    expect(text).toContain("100.0%");
  });

  it("links every section from the table of contents, with unique ids", () => {
    const ids = [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(ids).size).toBe(ids.length);
    const links = [...html.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]);
    expect(links).toHaveLength(doc.sections.length);
    for (const link of links) expect(ids).toContain(link);
  });

  it("draws each chart as inline SVG followed by its numbers table", () => {
    const figures = [...html.matchAll(/<figure class="chart">([\s\S]*?)<\/figure>/g)].map((m) => m[1] ?? "");
    expect(figures).toHaveLength(4);
    for (const f of figures) {
      expect(f.indexOf("<svg")).toBeGreaterThan(-1);
      expect(f.indexOf("<table")).toBeGreaterThan(f.indexOf("</svg>"));
    }
  });

  it("prints a staff reply under the section's own label: thanks by default, our action under requests", () => {
    const voices = (replyLabel?: string): ReportDocument => ({
      ...doc,
      sections: [
        {
          kind: "voices",
          id: "s1",
          heading: "お寄せいただいた主なご意見やご不満の声",
          voices: [
            {
              text: "土曜日も窓口を開けてほしい。",
              reply: "第2・第4土曜日に窓口を開けました。",
              theme: "窓口の営業日",
            },
          ],
          ...(replyLabel ? { replyLabel } : {}),
        },
      ],
    });
    const reply = (html: string) => /<p class="reply-label">([^<]*)<\/p>/.exec(html)?.[1];
    expect(reply(renderReportHtml(voices("私たちの対応")))).toBe("私たちの対応");
    // documents frozen before the label existed print as they did
    expect(reply(renderReportHtml(voices()))).toBe("感謝の声をいただいて");
  });

  it("gives the same bytes for the same document", () => {
    expect(renderReportHtml(annualVoiceFixture())).toBe(html);
  });

  it("keeps hostile text inert: no tag, no attribute escape, the text itself still readable", () => {
    const page = renderReportHtml(hostileDocument());
    expect(page).not.toMatch(/<script/i);
    expect(page).not.toMatch(/<img/i);
    const tags = page.match(/<[a-z][^>]*>/gi) ?? [];
    expect(tags.filter((t) => /\son\w+=/i.test(t))).toEqual([]);
    const text = visibleText(page);
    for (const t of HOSTILE_TEXTS) expect(text).toContain(t);
  });

  it("says so when a voices or improvements section has nothing to list, instead of a bare heading", () => {
    const empty: ReportDocument = {
      ...doc,
      sections: doc.sections.map((x) =>
        x.kind === "voices"
          ? { ...x, voices: [], body: "" }
          : x.kind === "improvements"
            ? { ...x, cases: [], body: "" }
            : x,
      ),
    };
    const text = visibleText(renderReportHtml(empty));
    expect(text).toContain("この期間に掲載するお客さまの声はありません。");
    expect(text).toContain("この期間に掲載する改善事例はありません。");
    expect(visibleText(html)).not.toContain("この期間に掲載する");
  });

  it("marks a draft as not approved", () => {
    const draft: ReportDocument = { ...doc, status: "draft" };
    expect(renderReportHtml(draft)).toContain("下書き（未承認）");
    expect(html).not.toContain("下書き");
  });
});
