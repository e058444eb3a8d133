// APPI requests in a real browser: an admin finds a member by a phone typed with full-width digits, sees their
// voice, erases them after confirming, and the request log shows the erasure with the phone masked; the voice's
// text no longer holds the member's name. Needs `npm run build` and Debian's Chromium.
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { type AdminCall, describeBrowser, screenshot, useBrowserTest } from "../helpers/browser.js";

const ADMIN = { email: "admin@example.jp", password: "admin-Passw0rd-appi" };

describeBrowser("browser: an APPI erasure request", () => {
  let base = "";
  let page: Page;
  let call: AdminCall;
  let voiceId = 0;
  let receipt = "";

  useBrowserTest({
    admin: ADMIN,
    users: [],
    tmpPrefix: "koe-appi-",
    context: { viewport: { width: 1366, height: 900 } },
    defaultTimeout: 45_000,
    async setup(test) {
      ({ url: base, page } = test);
      call = (await test.koe.adminApi()).call;
      const v = await call<{ id: number; receiptNumber: string }>("POST", "/voices", {
        receivedAt: "2026/11/20 10:00",
        type: "request",
        category: "product",
        channel: "call_center",
        department: "call_center",
        content: "高橋です。掛金の払込方法を口座振替に変えたいので、書類を送ってください。",
        customer: { name: "高橋 由美", phone: "080-5555-1212", prefecture: "石川県" },
      });
      voiceId = v.id;
      receipt = v.receiptNumber;
    },
  });

  it("finds the member, erases them after confirming, and logs the request masked", async () => {
    await page.goto(`${base}/login`);
    await page.getByLabel("メールアドレス").fill(ADMIN.email);
    await page.getByLabel("パスワード", { exact: true }).fill(ADMIN.password);
    await page.getByRole("button", { name: "ログイン" }).click();
    await page.waitForURL((u) => u.pathname !== "/login");

    await page.getByRole("link", { name: "個人データの請求" }).click();
    await page.getByRole("textbox", { name: "会員番号" }).waitFor();
    await page
      .getByRole("textbox", { name: "探し方" })
      .or(page.getByRole("combobox", { name: "探し方" }))
      .first()
      .click();
    await page.getByRole("option", { name: "電話番号", exact: true }).click();
    await page.getByRole("textbox", { name: "電話番号" }).fill("０８０５５５５１２１２");
    await page.getByRole("button", { name: "探す" }).click();
    await expect.poll(() => page.getByText("見つかった記録: 1 件").isVisible()).toBe(true);
    await page.getByText(receipt).waitFor();
    await screenshot(page, "personal-data-request-found");

    page.once("dialog", (d) => void d.accept());
    await page.getByRole("button", { name: "消去" }).click();
    await page.getByText("消去の請求に対応し、記録しました。").waitFor();
    const row = page.getByRole("table", { name: "対応した請求" }).getByRole("row").nth(1);
    await expect.poll(() => row.textContent()).toContain("消去");
    expect(await row.textContent()).not.toContain("5555-1212");
    await screenshot(page, "personal-data-request-erased");

    const voice = await call<{ content: string }>("GET", `/voices/${voiceId}`);
    expect(voice.content).not.toContain("高橋");
    expect(voice.content).toContain("口座振替");
  });
});
