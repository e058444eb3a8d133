// A member answers a satisfaction survey on a phone (390×844) with the keyboard alone, then cs opens the results:
// the chart and its table show the same numbers, and they match the API. Against the real server; needs
// `npm run build` (dist/) and Debian's Chromium at /usr/bin/chromium.
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import type { Survey, SurveyResults } from "../../src/features/surveys/contract.js";
import { type AdminCall, describeBrowser, type Koe, screenshot, useBrowserTest } from "../helpers/browser.js";

const ADMIN = { email: "admin@example.jp", password: "admin-Passw0rd-surveys" };

describeBrowser("browser: a member answers a survey by keyboard on a phone; the results agree", () => {
  let koe: Koe;
  let page: Page;
  let call: AdminCall;
  let survey: Survey;

  useBrowserTest({
    admin: ADMIN,
    tmpPrefix: "koe-surveys-",
    context: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
    async setup(test) {
      ({ koe, page } = test);
      call = (await koe.adminApi()).call;
      survey = await call<Survey>("POST", "/surveys", {
        name: "保全対応時アンケート",
        kind: "servicing",
        intro: "住所変更などのお手続きについて、ご感想をお聞かせください。",
        questions: [
          {
            key: "overall",
            type: "satisfaction",
            label: "今回の対応に満足されましたか",
            required: true,
            headline: true,
          },
          {
            key: "how",
            type: "single",
            label: "お手続きの方法",
            required: false,
            options: ["窓口", "電話", "郵送"],
          },
          {
            key: "good",
            type: "multiple",
            label: "よかった点",
            required: false,
            options: ["早さ", "丁寧さ", "説明"],
          },
          { key: "comment", type: "text", label: "ご意見・ご要望", required: false },
        ],
      });
      // Paper answers already entered by staff.
      for (const [i, overall] of [5, 5, 5, 4, 4, 4, 4, 3, 3, 2, 1].entries())
        await call("POST", `/surveys/${survey.id}/answers`, {
          answerId: `紙-${i + 1}`,
          answers: { overall },
        });
    },
  });

  /** Presses Tab until the focused element's accessible label matches (keyboard only, as a member would). */
  async function tabTo(label: string, max = 60) {
    for (let i = 0; i < max; i++) {
      await page.keyboard.press("Tab");
      const here = await page.evaluate(() => {
        const el = document.activeElement as HTMLElement | null;
        if (!el) return "";
        const byFor = el.id ? document.querySelector(`label[for="${el.id}"]`)?.textContent : null;
        return (byFor ?? el.getAttribute("aria-label") ?? el.textContent ?? "").trim();
      });
      if (here === label) return;
    }
    throw new Error(`Tab で「${label}」に届きませんでした`);
  }

  it("answers with the keyboard alone, and the loop registers the dissatisfied answer", async () => {
    await page.goto(`${koe.url}/s/${survey.publicCode}`);
    await page.getByRole("heading", { name: "保全対応時アンケート" }).waitFor();
    expect(await page.getByRole("navigation", { name: "メインメニュー" }).count()).toBe(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await screenshot(page, "survey-01-form");

    // Sending nothing names the required question.
    await tabTo("回答を送信する");
    await page.keyboard.press("Enter");
    const alert = page.getByRole("alert").filter({ hasText: "回答内容をご確認ください" });
    await alert.waitFor();
    expect(await alert.textContent()).toContain("問1：「今回の対応に満足されましたか」は回答が必要です");

    await page.goto(`${koe.url}/s/${survey.publicCode}`);
    await page.getByRole("heading", { name: "保全対応時アンケート" }).waitFor();
    // 5-level scale: Tab into the group, Space on 満足, arrows down to やや不満.
    await tabTo("満足");
    await page.keyboard.press("Space");
    for (let i = 0; i < 3; i++) await page.keyboard.press("ArrowDown");
    expect(await page.getByRole("radio", { name: "やや不満" }).isChecked()).toBe(true);
    await page.keyboard.press("Tab");
    await page.keyboard.press("Space"); // 窓口
    await page.keyboard.press("ArrowDown"); // 電話
    expect(await page.getByRole("radio", { name: "電話" }).isChecked()).toBe(true);
    await tabTo("説明");
    await page.keyboard.press("Space");
    await page.keyboard.press("Tab");
    await page.keyboard.type("かけなおすと言われたのにかかってこない。");
    await tabTo("回答を送信する");
    await page.keyboard.press("Enter");
    await page.getByRole("heading", { name: "ご回答ありがとうございました" }).waitFor();
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe(
      "ご回答ありがとうございました",
    );
    await screenshot(page, "survey-02-thanks");

    const results = await call<SurveyResults>("GET", `/surveys/${survey.id}/results`);
    expect(results.responses).toBe(12);
    expect(results.questions.find((q) => q.key === "good")?.distribution.map((d) => d.count)).toEqual([
      0, 0, 1,
    ]);
    // The やや不満 answer and the 不満 paper answer became voices.
    expect(results.voices.created).toBe(3);
  });

  it("shows the results' chart and its table with the same numbers as the API", async () => {
    await page.goto(`${koe.url}/login`);
    await page.getByLabel("メールアドレス").fill(ADMIN.email);
    await page.getByLabel("パスワード", { exact: true }).fill(ADMIN.password);
    await page.getByRole("button", { name: "ログイン" }).click();
    await page.waitForURL((u) => u.pathname !== "/login");
    await page.goto(`${koe.url}/surveys/${survey.id}`);
    await page.getByTestId("top-two-box").waitFor();
    const api = await call<SurveyResults>("GET", `/surveys/${survey.id}/results`);
    expect(await page.getByTestId("top-two-box").textContent()).toBe(
      `${api.headline?.topTwoBox?.toFixed(1)}%`,
    );
    expect(await page.getByTestId("mean").textContent()).toBe(api.headline?.mean?.toFixed(2));
    const chart = page.getByTestId("chart-overall");
    const bars = (await chart.getByTestId("bar-value").allTextContents()).map((t) =>
      Number(t.split("件")[0]),
    );
    const overall = api.questions.find((q) => q.key === "overall");
    expect(bars).toEqual(overall?.distribution.map((d) => d.count));
    expect(bars).toEqual([3, 4, 2, 2, 1]);
    await screenshot(page, "survey-03-chart");
    await page.getByRole("button", { name: "表で見る" }).first().click();
    const cells = (await page.getByTestId("table-overall").getByTestId("cell-count").allTextContents()).map(
      Number,
    );
    expect(cells).toEqual(bars);
    await screenshot(page, "survey-04-table");
  });
});
