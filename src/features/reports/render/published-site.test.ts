import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { HtmlValidate } from "html-validate";
import { afterAll, expect, it } from "vitest";
import { describeBrowser } from "../../../../tests/helpers/browser.js";
import type { ReportDocument } from "../report-document.js";
import { annualVoiceFixture } from "./annual-voice-fixture.js";
import { type PublishedReport, SITE_MANIFEST, writePublishedSite } from "./published-site.js";

const work = mkdtempSync(join(tmpdir(), "koe-site-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

/** A short KPI report, so the index has two kinds and two years. */
function kpiReport(): ReportDocument {
  return {
    kind: "kpi",
    title: "2023年 顧客本位の業務運営に関する取組み結果（KPI）",
    organisationName: "こくみん共済 coop",
    periodLabel: "2023年（2023年1月1日〜2023年12月31日）",
    periodStart: "2023-01-01",
    periodEnd: "2023-12-31",
    version: 2,
    generatedAt: "2024-03-15T00:00:00.000Z",
    status: "published",
    sections: [
      {
        kind: "kpi",
        id: "voices",
        heading: "お客さまの声",
        table: {
          title: "声の件数",
          columns: [
            { label: "KPI", format: "text" },
            { label: "2023年", format: "integer" },
            { label: "前年差", format: "integer" },
          ],
          rows: [["お客さまの声の件数", 1_234, 56]],
        },
        sentences: ["お客さまの声は前年より56件増加しました。"],
      },
    ],
  };
}

const REPORTS: PublishedReport[] = [
  { slug: "kpi-2023", document: kpiReport(), publishedAt: "2024-03-20T01:00:00.000Z" },
  { slug: "annual-voice-2022", document: annualVoiceFixture(), publishedAt: "2023-08-10T01:00:00.000Z" },
];

function filesOf(dir: string): Map<string, Buffer> {
  const out = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else out.set(relative(dir, path), readFileSync(path));
    }
  };
  walk(dir);
  return out;
}

/** Every href and src of every page must name a file of the site (and an id on that page for a #fragment). */
function brokenLinks(dir: string, files: Map<string, Buffer>): string[] {
  const broken: string[] = [];
  for (const [path, bytes] of files) {
    if (!path.endsWith(".html")) continue;
    const html = bytes.toString("utf8");
    for (const m of html.matchAll(/\s(?:href|src)="([^"]*)"/g)) {
      const link = (m[1] ?? "").replace(/&amp;/g, "&");
      if (/^[a-z]+:/i.test(link) || link.startsWith("//")) {
        broken.push(`${path}: 外部リンク ${link}`);
        continue;
      }
      const [file = "", fragment] = link.split("#");
      const target = file === "" ? path : join(dirname(path), file);
      const targetBytes = files.get(target);
      if (!targetBytes || !existsSync(join(dir, target))) broken.push(`${path}: ${link}`);
      else if (fragment && !targetBytes.toString("utf8").includes(` id="${fragment}"`))
        broken.push(`${path}: ${link}（見出しがありません）`);
    }
  }
  return broken;
}

describeBrowser("writePublishedSite", () => {
  const out = join(work, "site");

  it("writes a valid site without broken links, and the same bytes when run again", async () => {
    await writePublishedSite(out, REPORTS);
    const first = filesOf(out);
    expect([...first.keys()].sort()).toEqual([
      SITE_MANIFEST,
      "annual-voice-2022/annual-voice-2022.pdf",
      "annual-voice-2022/annual-voice-2022.xlsx",
      "annual-voice-2022/index.html",
      "index.html",
      "kpi-2023/index.html",
      "kpi-2023/kpi-2023.pdf",
      "kpi-2023/kpi-2023.xlsx",
    ]);
    const index = first.get("index.html")?.toString("utf8") ?? "";
    // Grouped by kind in the kinds' order, each with its period and publication date.
    expect(index.indexOf("年次「お客さまの声」報告書")).toBeLessThan(
      index.indexOf("顧客本位の業務運営 KPI 報告"),
    );
    expect(index).toContain("公開日 2023/08/10");
    expect(index).toContain('href="annual-voice-2022/annual-voice-2022.pdf"');

    expect(brokenLinks(out, first)).toEqual([]);
    const validator = new HtmlValidate({
      extends: ["html-validate:recommended"],
      // A report's title is the organisation's own name for it; the page does not shorten it.
      rules: { "long-title": "off" },
    });
    for (const [path, bytes] of first) {
      if (!path.endsWith(".html")) continue;
      const report = await validator.validateString(bytes.toString("utf8"), path);
      const messages = report.results.flatMap((r) =>
        r.messages.map((m) => `${path}:${m.line} ${m.ruleId} ${m.message}`),
      );
      expect(messages).toEqual([]);
    }

    // Again, with the reports given in another order: every byte the same.
    await writePublishedSite(out, [...REPORTS].reverse());
    const second = filesOf(out);
    expect([...second.keys()]).toEqual([...first.keys()]);
    for (const [path, bytes] of first) expect(second.get(path)?.equals(bytes), path).toBe(true);
  }, 300_000);

  it("removes the files of a report no longer published, and keeps files it did not make", async () => {
    writeFileSync(join(out, "kpi-2023", "note.txt"), "組織が置いたファイル");
    writeFileSync(join(out, "robots.txt"), "User-agent: *\n");
    await writePublishedSite(out, REPORTS.slice(0, 1));
    const files = [...filesOf(out).keys()].sort();
    expect(files).toEqual([
      SITE_MANIFEST,
      "index.html",
      "kpi-2023/index.html",
      "kpi-2023/kpi-2023.pdf",
      "kpi-2023/kpi-2023.xlsx",
      "kpi-2023/note.txt",
      "robots.txt",
    ]);
    expect(existsSync(join(out, "annual-voice-2022"))).toBe(false);
  }, 300_000);

  it("refuses a folder holding files it did not make, and bad or repeated names", async () => {
    const foreign = join(work, "foreign");
    rmSync(foreign, { recursive: true, force: true });
    await writePublishedSite(foreign, []);
    rmSync(join(foreign, SITE_MANIFEST));
    await expect(writePublishedSite(foreign, [])).rejects.toThrow(/koe が作ったものではないファイル/);
    await expect(
      writePublishedSite(join(work, "x"), [{ ...REPORTS[0], slug: "../etc" } as PublishedReport]),
    ).rejects.toThrow(/英小文字/);
    await expect(
      writePublishedSite(join(work, "y"), [REPORTS[0], REPORTS[0]] as PublishedReport[]),
    ).rejects.toThrow(/重複/);
  });
});
