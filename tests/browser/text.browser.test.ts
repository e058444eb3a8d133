// Japanese text intelligence in a real browser against the real server: a full-text search with highlighted
// snippets, accepting a classification suggestion while typing (with 似ている声), 同じ事例 and よく出る言葉.
// Needs `npm run build` (dist/) and Debian's Chromium at /usr/bin/chromium.
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { describeBrowser, screenshot, staffAndLead, useBrowserTest } from "../helpers/browser.js";

const ADMIN = { email: "admin@example.jp", password: "admin-Passw0rd-text" };
const DEPARTMENT_CODE = "tokyo_branch";
const { staff: STAFF, lead: LEAD } = staffAndLead(DEPARTMENT_CODE, "text");

const EARLIER = [
  "コールセンターに何度電話してもつながらず、30分以上待たされました。折り返しの連絡もありませんでした。",
  "請求書類の書き方が分かりにくく、何度も電話で問い合わせることになりました。",
  "窓口の担当の方がとても親切で、書類の記入を丁寧に手伝ってくださいました。",
  "共済金の支払いが早くて助かりました。ありがとうございました。",
  "<b>掛金</b>の引き落とし日を変更したいのですが、手続きを教えてください。",
];

describeBrowser("browser text intelligence: search, suggestions, similar voices, words", () => {
  let base = "";
  let page: Page;
  let firstReceipt = "";

  const shot = (name: string, target: Page = page) => screenshot(target, name, { fromTop: true });

  useBrowserTest({
    admin: ADMIN,
    users: [STAFF, LEAD],
    tmpPrefix: "koe-browser-text-",
    context: { viewport: { width: 1366, height: 900 } },
    defaultTimeout: 15_000,
    async setup(test) {
      ({ url: base, page } = test);
      const api = await test.koe.adminApi();
      const today = new Date().toISOString().slice(0, 10).replaceAll("-", "/");
      for (const [i, content] of EARLIER.entries()) {
        const v = await api.call<{ receiptNumber: string }>("POST", "/voices", {
          receivedAt: `${today} 09:0${i}`,
          channel: "call_center",
          type: i < 2 ? "complaint" : i < 4 ? "praise" : "other",
          category: i === 3 ? "claim" : "handling",
          department: DEPARTMENT_CODE,
          content,
        });
        if (i === 0) firstReceipt = v.receiptNumber;
      }
    },
  });

  async function login(user: { email: string; password: string; name: string }) {
    await page.goto(`${base}/`);
    await page.getByLabel("メールアドレス").fill(user.email);
    await page.getByLabel("パスワード", { exact: true }).fill(user.password);
    await page.getByRole("button", { name: "ログイン" }).click();
    await expect.poll(() => page.getByTestId("current-user").textContent()).toBe(user.name);
  }

  it("searches a two-character word and shows highlighted, escaped snippets", async () => {
    await login(STAFF);
    await page.getByRole("heading", { name: "声の一覧" }).waitFor();
    await page.getByLabel("キーワード").fill("書類");
    await page.getByRole("button", { name: "検索", exact: true }).click();
    await expect.poll(() => page.locator("mark").count()).toBe(2);
    expect(await page.locator("mark").first().textContent()).toBe("書類");
    await shot("text-01-search");
    // Markup typed by a member is shown as text, never run as HTML.
    await page.getByLabel("キーワード").fill("掛金");
    await page.getByRole("button", { name: "検索", exact: true }).click();
    await page.getByText("<b>", { exact: false }).first().waitFor();
    expect(await page.locator("main b").count()).toBe(0);
  });

  it("suggests a classification while typing; accepting it is recorded; 似ている声 lists the earlier voice", async () => {
    await page.goto(`${base}/voices/new`);
    await page.getByRole("heading", { name: "声の登録" }).waitFor();
    await page
      .getByLabel("内容")
      .fill("何度電話してもコールセンターにつながらず、ずいぶん長い時間待たされました。ひどいです。");
    const suggestion = page.getByTestId("classification-suggestion");
    await suggestion.waitFor();
    expect(await suggestion.textContent()).toContain("苦情");
    const similar = page.getByTestId("similar-voices");
    await similar.getByRole("link").first().waitFor();
    expect(await similar.textContent()).toContain("コールセンターに何度電話してもつながらず");
    await shot("text-02-suggestion");
    await suggestion.getByRole("button", { name: "両方採用" }).click();
    expect(await page.getByLabel("種別").inputValue()).toBe("complaint");
    expect(await page.getByLabel("分類").inputValue()).toBe("handling");
    await page.getByRole("button", { name: "登録する" }).click();
    await page.getByTestId("created-receipt-number").waitFor();
    await page.getByLabel("対応履歴").first().getByText("分類の提案").waitFor();
    // 同じ事例 on the new voice's page lists the earlier one
    const same = page.getByTestId("same-cases");
    await same.getByRole("link").first().waitFor();
    expect(await same.getByRole("link").allTextContents()).toContain(firstReceipt);
    await shot("text-03-detail-same-cases");
  });

  it("shows frequent words once the background analysis has run", async () => {
    await page.goto(`${base}/analysis/words`);
    await page.getByRole("heading", { name: "よく出る言葉" }).waitFor();
    // The server analyses new voices in a worker thread; reload until the words are there.
    await expect
      .poll(
        async () => {
          await page.reload();
          await page.getByTestId("words-period").waitFor();
          return page.getByRole("table", { name: "よく出る言葉" }).getByText("電話", { exact: true }).count();
        },
        { timeout: 60_000, interval: 2_000 },
      )
      .toBeGreaterThan(0);
    await page.locator("[data-testid=words-network] canvas").first().waitFor();
    await shot("text-04-words");
  }, 90_000);
});
