// The annual voice report from start to publication: an admin builds 2024年度's report in the editor, picks a
// thanks voice (its customer's name and phone never reach the page), previews it in the editor's frame (the page
// is allowed to be framed by koe and shows the counts), cannot approve their own report; a second person (お客様
// 相談室) approves and publishes it. The preview and the PDF's A4 pages go to test-results/screenshots.
// Needs `npm run build` (dist/), Debian's Chromium at /usr/bin/chromium and poppler-utils (pdftoppm, pdftotext).
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, expect, it } from "vitest";
import type { ReportDetail } from "../../src/features/reports/contract.js";
import {
  type AdminApi,
  describeBrowser,
  type NewUser,
  SCREENSHOTS,
  screenshot,
  useBrowserTest,
} from "../helpers/browser.js";

const ADMIN = { email: "admin@example.jp", password: "admin-Passw0rd-reports" };
const CS: NewUser = {
  email: "cs@example.jp",
  name: "田中 由美",
  password: "cs-Passw0rd-reports",
  role: "cs",
  departmentCode: "cs",
};
const ORGANISATION = "みどり共済生活協同組合";
/** A4 at 96 dpi: 210 × 297 mm. */
const A4 = { width: 794, height: 1123 };

/** FY2024 (April to March): 6 thanks, 4 requests, 2 complaints over several categories and channels. */
const VOICES: [string, string, string, string, string][] = [
  [
    "2024/4/15 10:20",
    "praise",
    "handling",
    "call_center",
    "事故の連絡をしたとき、落ち着いた声で手順を教えてくださり安心しました。",
  ],
  [
    "2024/5/9 14:05",
    "praise",
    "claim",
    "counter",
    "入院給付金の手続きがとても早く、すぐに振り込まれて助かりました。",
  ],
  [
    "2024/6/21 11:40",
    "praise",
    "handling",
    "counter",
    "窓口の方が書類の書き方を一つずつ確認してくださいました。",
  ],
  [
    "2024/8/2 16:30",
    "praise",
    "servicing",
    "call_center",
    "住所変更の手続きが電話一本で済み、ありがたかったです。",
  ],
  [
    "2024/10/11 9:50",
    "praise",
    "product",
    "web",
    "マイページで保障内容がすぐに確認でき、家族とも話し合えました。",
  ],
  [
    "2024/12/3 13:15",
    "praise",
    "handling",
    "visit",
    "訪問の際、保障の見直しについて丁寧に説明していただきました。",
  ],
  ["2024/7/8 10:00", "request", "application", "web", "Web申込の入力項目をもう少し減らしてほしいです。"],
  ["2024/9/17 15:25", "request", "servicing", "call_center", "掛金の引き落とし日を選べるようにしてほしい。"],
  ["2024/11/26 11:10", "request", "product", "counter", "子ども向けの共済の種類を増やしてほしい。"],
  ["2025/1/14 14:45", "request", "handling", "call_center", "電話窓口の受付時間を夜まで延ばしてほしい。"],
  ["2024/10/29 17:05", "complaint", "handling", "call_center", "折り返しの電話が約束の日に来なかった。"],
  [
    "2025/2/18 10:35",
    "complaint",
    "claim",
    "counter",
    "共済金の請求書類が多く、何度も窓口に行くことになった。",
  ],
];
/** The year before (FY2023), for 前年度との比較: 5 thanks, 3 requests, 2 complaints. */
const PREVIOUS_YEAR: [string, string, string, string, string][] = [
  ["2023/5/10 10:00", "praise", "handling", "call_center", "説明がわかりやすく、安心して手続きできました。"],
  ["2023/7/3 11:30", "praise", "claim", "counter", "共済金の支払いが早くて助かりました。"],
  ["2023/9/14 15:00", "praise", "servicing", "call_center", "名義変更の書類をすぐに送っていただきました。"],
  ["2023/11/20 9:40", "praise", "product", "web", "ホームページの保障内容の説明が見やすかったです。"],
  ["2024/2/6 14:10", "praise", "handling", "visit", "自宅まで来ていただき、丁寧に説明していただきました。"],
  ["2023/6/12 13:20", "request", "application", "web", "Web申込で途中保存ができるようにしてほしい。"],
  ["2023/10/5 10:50", "request", "handling", "call_center", "電話がつながるまでの待ち時間を短くしてほしい。"],
  ["2024/1/22 16:00", "request", "servicing", "counter", "掛金の払込方法を増やしてほしい。"],
  ["2023/8/28 11:15", "complaint", "handling", "call_center", "担当者によって説明が違い、混乱した。"],
  ["2024/3/11 15:30", "complaint", "claim", "counter", "請求から支払いまでの連絡がなかった。"],
];

describeBrowser("browser: build, preview, approve by a second person, publish a report", () => {
  let base = "";
  let page: Page;
  let context: BrowserContext;
  let admin: AdminApi;
  let thanksVoiceId = 0;
  let requestVoiceId = 0;
  const work = mkdtempSync(join(tmpdir(), "koe-report-browser-"));
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  useBrowserTest({
    admin: ADMIN,
    users: [CS],
    tmpPrefix: "koe-browser-reports-",
    context: { viewport: { width: 1366, height: 900 } },
    defaultTimeout: 20_000,
    async setup(test) {
      ({ url: base, page, context } = test);
      admin = await test.koe.adminApi();
      for (const [receivedAt, type, category, channel, content] of VOICES) {
        const v = await admin.call<{ id: number }>("POST", "/voices", {
          receivedAt,
          type,
          category,
          channel,
          department: channel === "counter" ? "tokyo_branch" : "call_center",
          content,
          // the first voice's customer: only 都道府県・年代・性別 may be printed
          ...(thanksVoiceId === 0
            ? {
                customer: {
                  name: "小林 正樹",
                  phone: "045-321-7788",
                  email: "kobayashi.m@example.jp",
                  prefecture: "神奈川県",
                  ageBand: "50代",
                  gender: "男性",
                },
              }
            : {}),
        });
        if (thanksVoiceId === 0) thanksVoiceId = v.id;
        if (content.startsWith("電話窓口の受付時間")) requestVoiceId = v.id;
      }
      for (const [receivedAt, type, category, channel, content] of PREVIOUS_YEAR)
        await admin.call("POST", "/voices", {
          receivedAt,
          type,
          category,
          channel,
          department: channel === "counter" ? "tokyo_branch" : "call_center",
          content,
        });
    },
  });

  async function signIn(p: Page, who: { email: string; password: string }) {
    await p.goto(`${base}/`);
    await p.getByLabel("メールアドレス").fill(who.email);
    await p.getByLabel("パスワード", { exact: true }).fill(who.password);
    await p.getByRole("button", { name: "ログイン" }).click();
    await p.getByTestId("current-user").waitFor();
  }

  /** Picks an option of a Mantine Select by its label. */
  async function choose(name: string, option: string) {
    await page
      .getByRole("textbox", { name, exact: true })
      .or(page.getByRole("combobox", { name, exact: true }))
      .first()
      .click();
    await page.getByRole("option", { name: option, exact: true }).click();
  }

  it("goes from the editor to the published report with a second person's approval", async () => {
    // 1. The admin builds the report from the template.
    await signIn(page, ADMIN);
    await page.getByRole("link", { name: "報告書", exact: true }).click();
    await page.getByRole("heading", { name: "報告書", exact: true }).waitFor();
    await choose("種類", "年次「お客さまの声」報告書");
    await choose("年度", "2024");
    await page.getByLabel("組織名（省略時は前回と同じ）").fill(ORGANISATION);
    await page.getByRole("button", { name: "報告書を作成" }).click();
    await page.getByText("年次「お客さまの声」報告書・2024年度（2024-04-01〜2025-03-31）・第1版").waitFor();
    const id = Number(/\/reports\/(\d+)/.exec(page.url())?.[1]);
    expect(id).toBeGreaterThan(0);

    // A thanks voice with the staff's reply; its text edited for publication (the API the editor's form calls).
    let report = await admin.call<ReportDetail>("GET", `/reports/${id}`);
    const thanks = report.sections.find((s) => s.block === "featured_thanks");
    report = await admin.call<ReportDetail>("PUT", `/reports/${id}/sections/${thanks?.id}/voices`, {
      revision: report.revision,
      voices: [
        {
          voiceId: thanksVoiceId,
          text: "事故の連絡をしたとき、落ち着いた声で手順を教えてくださり安心しました。",
          reply:
            "突然の事故で不安な中、ご連絡をいただきありがとうございました。これからも落ち着いてご案内できるよう努めます。",
        },
      ],
    });
    expect(report.personalData).toEqual([]);
    const themes = report.sections.find((s) => s.block === "voices_by_theme");
    report = await admin.call<ReportDetail>("PUT", `/reports/${id}/sections/${themes?.id}/voices`, {
      revision: report.revision,
      voices: [
        {
          voiceId: requestVoiceId,
          text: "仕事が終わってから電話できるよう、電話窓口の受付時間を夜まで延ばしてほしい。",
          reply: "2025年4月から、平日の受付時間を20時まで延長しました。",
          theme: "電話窓口の受付時間",
        },
      ],
    });
    await page.reload();

    // No improvement case was made public this year: the editor takes that section out.
    const last = page.getByLabel("節 9: 「お客さまの声」にもとづく業務改善の取り組み");
    await last.getByRole("button", { name: "この節を削除" }).click();
    await page.getByRole("button", { name: "保存", exact: true }).click();
    await page.getByText("保存しました").waitFor();

    // 2. The preview in the editor's frame: koe's page may frame it, and it shows the year's counts.
    await page.getByRole("button", { name: "プレビューを表示" }).click();
    const frame = page.frameLocator('iframe[title="報告書のプレビュー"]');
    await frame.getByText("合計12件", { exact: false }).first().waitFor();
    await frame.getByText("神奈川県・50代・男性").waitFor();
    const framed = (await frame.locator("body").textContent()) ?? "";
    expect(framed).toContain("「感謝・評価6件」「意見・要望4件」「苦情2件」");
    expect(framed).toContain("前年度より2件増加");
    expect(framed).toContain("電話窓口の受付時間");
    expect(framed).not.toContain("「お客さまの声」にもとづく業務改善の取り組み");
    expect(framed).toContain(ORGANISATION);
    for (const personal of ["小林", "045-321-7788", "kobayashi.m@example.jp"])
      expect(framed).not.toContain(personal);
    await screenshot(page, "reports-01-editor-preview", { fromTop: true });

    // The builder may not approve their own report.
    const approve = page.getByRole("button", { name: "承認", exact: true });
    expect(await approve.isDisabled()).toBe(true);
    await page
      .getByText("この版を作成した人・最後に変更した人以外のお客様相談室または管理者が行います")
      .waitFor();

    // The preview page in a tab of its own ("別のタブで開く"), an A4-sized window.
    const a4 = await context.newPage();
    await a4.setViewportSize(A4);
    const res = await a4.goto(`${base}/api/v1/reports/${id}/preview`);
    expect(res?.status()).toBe(200);
    mkdirSync(SCREENSHOTS, { recursive: true });
    // the first A4 sheet of the preview (the PDF's pages below are the printed sheets, one picture each)
    await a4.screenshot({ path: join(SCREENSHOTS, "reports-02-preview-a4-first-sheet.png") });
    await a4.close();

    // 3. A second person (お客様相談室) approves, then publishes.
    const second = await context.browser()?.newContext({
      locale: "ja-JP",
      timezoneId: "Asia/Tokyo",
      viewport: { width: 1366, height: 900 },
    });
    if (!second) throw new Error("no browser");
    second.setDefaultTimeout(20_000);
    try {
      const cs = await second.newPage();
      await signIn(cs, CS);
      await cs.goto(`${base}/reports/${id}`);
      await cs.getByText("第1版").first().waitFor();
      await cs.getByRole("button", { name: "承認", exact: true }).click();
      await cs.getByText("承認しました。数値はこの時点で確定しました").waitFor();
      expect(await cs.getByText("承認済み", { exact: true }).count()).toBeGreaterThan(0);
      await cs.getByRole("button", { name: "公開", exact: true }).click();
      await cs.getByText("公開しました").waitFor();
      await cs.getByText("公開済み", { exact: true }).first().waitFor();
      await screenshot(cs, "reports-03-published", { fromTop: true });

      // The list tells who approved it.
      await cs.getByRole("link", { name: "報告書", exact: true }).click();
      const row = cs.getByRole("row", { name: /2024年度/ });
      await row.getByText("公開済み").waitFor();
      expect(await row.textContent()).toContain(CS.name);

      // The published PDF, as the editor's link downloads it: A4 pages with the year's figures, each a picture.
      const pdf = await cs.request.get(`${base}/api/v1/reports/${id}/file?format=pdf`);
      expect(pdf.status()).toBe(200);
      const file = join(work, "report.pdf");
      writeFileSync(file, await pdf.body());
      const text = spawnSync("pdftotext", ["-layout", "-enc", "UTF-8", file, "-"], { encoding: "utf8" });
      expect(text.status, text.stderr).toBe(0);
      const flat = text.stdout.replace(/\s+/g, "");
      expect(flat).toContain("「感謝・評価6件」「意見・要望4件」「苦情2件」");
      // the staff's answer to a request is printed as our action, not as thanks for thanks
      expect(flat).toContain("私たちの対応2025年4月から、平日の受付時間を20時まで延長しました。");
      expect(flat).toContain("感謝の声をいただいて突然の事故で不安な中");
      for (const personal of ["小林", "045-321-7788", "kobayashi"])
        expect(text.stdout).not.toContain(personal);
      const info = spawnSync("pdfinfo", [file], { encoding: "utf8" });
      expect(info.stdout).toMatch(/Page size:\s+59[45]\.\d+ x 841\.\d+ pts \(A4\)/);
      const ppm = spawnSync("pdftoppm", [
        "-png",
        "-r",
        "80",
        file,
        join(SCREENSHOTS, "reports-04-published-a4-page"),
      ]);
      expect(ppm.status).toBe(0);
    } finally {
      await second.close();
    }
    const after = await admin.call<ReportDetail>("GET", `/reports/${id}`);
    expect(after.status).toBe("published");
    expect(after.approvedBy?.name).toBe(CS.name);
  }, 240_000);
});
