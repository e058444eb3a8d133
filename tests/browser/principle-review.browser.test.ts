// The half-year review editor (seed 002): an admin opens 2025年度上期, embeds the complaint count into
// 【数値・事実】 from the figure menu, sees it printed as a number linked to the voices, saves, approves, and then
// sees the numbers captured at approval — unchanged after another complaint is registered.
// Needs `npm run build` (dist/) and Debian's Chromium at /usr/bin/chromium.
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import type { ReviewDetail } from "../../src/features/reviews/contract.js";
import { type AdminApi, describeBrowser, screenshot, useBrowserTest } from "../helpers/browser.js";

const ADMIN = { email: "admin@example.jp", password: "admin-Passw0rd-principle-review" };

describeBrowser("browser: the half-year review by FSA principle", () => {
  let base = "";
  let page: Page;
  let admin: AdminApi;
  let review: ReviewDetail;

  const complaint = (content: string, receivedAt: string) =>
    admin.call("POST", "/voices", {
      receivedAt,
      channel: "call_center",
      type: "complaint",
      category: "handling",
      department: "call_center",
      content,
    });

  useBrowserTest({
    admin: ADMIN,
    users: [],
    tmpPrefix: "koe-browser-principle-review-",
    context: { viewport: { width: 1366, height: 900 } },
    async setup(test) {
      ({ url: base, page } = test);
      admin = await test.koe.adminApi();
      await complaint("電話くれる約束になっていたが電話がない。", "2025/5/12 10:00");
      await complaint("どの生協から電話がかかってきたのかわからない。", "2025/8/20 15:30");
      await complaint("下期の声。", "2025/10/2 9:00");
      review = await admin.call<ReviewDetail>("POST", "/reviews", { period: "fy2025h1" });
      // One complete item to start from; the figure is embedded in the browser.
      review = await admin.call<ReviewDetail>("PUT", `/reviews/${review.id}`, {
        version: review.version,
        items: [
          {
            principle: 2,
            number: "(2)①②",
            heading: "お客様の声",
            plan: "日常対応の中から「感謝の声」「ご不満の声」を登録し、組織内で共有を進めます。",
            facts: "ご不満の声の件数:",
            evaluation: "各チームとも事例の共有から改善の取組みは定着しています。",
          },
        ],
      });
    },
  });

  it("embeds a figure, approves, and shows the numbers captured at approval", async () => {
    await page.goto(`${base}/`);
    await page.getByLabel("メールアドレス").fill(ADMIN.email);
    await page.getByLabel("パスワード", { exact: true }).fill(ADMIN.password);
    await page.getByRole("button", { name: "ログイン" }).click();
    await page.getByTestId("current-user").waitFor();

    await page.getByRole("link", { name: "顧客本位の振り返り" }).click();
    await page.getByRole("link", { name: "2025年度上期" }).click();
    await page.getByRole("heading", { name: /2025年度上期の振り返り/ }).waitFor();
    expect(await page.getByTestId("review-status").textContent()).toBe("下書き");

    // The figure menu puts {{voices:complaint}} into 【数値・事実】; the preview prints it as 2, a link to the voices.
    await page.getByPlaceholder("数値を挿入").click();
    await page.getByRole("option", { name: /声の件数（苦情）・2025年度上期: 2/ }).click();
    expect(await page.getByRole("textbox", { name: "【数値・事実】", exact: true }).inputValue()).toBe(
      "ご不満の声の件数:{{voices:complaint}}",
    );
    const preview = page.getByLabel("項目1の【数値・事実】のプレビュー");
    await expect.poll(() => preview.textContent()).toBe("ご不満の声の件数:2");
    expect(await preview.locator("a[data-figure='voices:complaint']").getAttribute("href")).toMatch(
      /^\/voices\?from=2025-04-01&to=2025-09-30&type=complaint/,
    );
    await page.getByRole("textbox", { name: "【数値・事実】", exact: true }).press("End");
    await page.getByRole("textbox", { name: "【数値・事実】", exact: true }).pressSequentially("件");
    await page.getByRole("button", { name: "保存" }).click();
    await page.getByText("保存しました").waitFor();
    await screenshot(page, "principle-review-01-draft-with-figure", { fromTop: true });

    await page.getByRole("button", { name: "承認（数値を確定）" }).click();
    await page.getByText("承認しました。数値は承認時の値で確定しました").waitFor();
    expect(await page.getByTestId("review-status").textContent()).toBe("承認済み");
    const facts = page.getByRole("region", { name: "原則2 (2)①②" });
    await expect.poll(() => facts.getByText(/ご不満の声の件数/).textContent()).toBe("ご不満の声の件数:2件");
    expect(await page.getByRole("button", { name: "保存" }).count()).toBe(0);

    // Another complaint of the half arrives after approval: the review keeps the number it was approved with.
    await complaint("承認後に登録した苦情。", "2025/9/1 11:00");
    await page.reload();
    await page.getByTestId("review-status").waitFor();
    await expect.poll(() => facts.getByText(/ご不満の声の件数/).textContent()).toBe("ご不満の声の件数:2件");
    await page.getByText(/が承認（.*）。数値は承認時の値です/).waitFor();
    await screenshot(page, "principle-review-02-approved-frozen", { fromTop: true });
    const after = await admin.call<ReviewDetail>("GET", `/reviews/${review.id}`);
    expect(after.figures).toMatchObject([{ key: "voices:complaint", value: 2, display: "2" }]);
  }, 60_000);
});
