// A member sends a voice from the public form on a phone (390×844) and checks its status, against the real
// server. Needs `npm run build` (dist/) and Debian's Chromium at /usr/bin/chromium.
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { describeBrowser, type Koe, screenshot, useBrowserTest } from "../helpers/browser.js";

const ADMIN = { email: "admin@example.jp", password: "admin-Passw0rd-public" };

describeBrowser("browser: a member sends a voice from a phone and checks its status", () => {
  let koe: Koe;
  let page: Page;

  const shot = (name: string) => screenshot(page, name);

  useBrowserTest({
    admin: ADMIN,
    tmpPrefix: "koe-public-",
    context: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
    setup(test) {
      ({ koe, page } = test);
    },
  });

  it("submits with the keyboard, shows the receipt, and tells the status only", async () => {
    await page.goto(`${koe.url}/voice`);
    await page.getByRole("heading", { name: "ご意見・ご要望をお寄せください" }).waitFor();
    // no staff shell, no login
    expect(await page.getByRole("navigation", { name: "メインメニュー" }).count()).toBe(0);
    expect(await page.getByLabel("パスワード").count()).toBe(0);
    // fits the phone: nothing wider than the screen
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await shot("public-01-form");

    // An empty submission is refused with an announced message; nothing is sent.
    await page.getByRole("button", { name: "送信する" }).click();
    const alert = page.getByRole("alert").filter({ hasText: "入力内容をご確認ください" });
    await alert.waitFor();
    expect(await alert.textContent()).toContain("ご意見の内容を入力してください");

    // Keyboard only from here: the topic radio, the text, contact details and the consent.
    await page.getByRole("radio", { name: "苦情・ご不満" }).focus();
    await page.keyboard.press("Space");
    expect(await page.getByRole("radio", { name: "苦情・ご不満" }).isChecked()).toBe(true);
    await page.keyboard.press("Tab");
    await page.keyboard.type(
      "スマートフォンから住所変更の手続きをしようとしましたが、途中でエラーになり最後まで進めませんでした。",
    );
    expect(await page.getByTestId("content-count").textContent()).toMatch(/^\d+ \/ 4,000文字$/);
    await page.getByLabel("お名前", { exact: true }).focus();
    await page.keyboard.type("山田 花子");
    await page.keyboard.press("Tab");
    await page.keyboard.type("hanako@example.jp");
    await page.getByLabel("この件について、こちらから連絡してもかまいません").focus();
    await page.keyboard.press("Space");

    // Personal data without the consent is refused with the reason next to the checkbox.
    await page.getByRole("button", { name: "送信する" }).focus();
    await page.keyboard.press("Enter");
    await page.getByRole("alert").filter({ hasText: "個人情報の取り扱い" }).first().waitFor();
    const consent = page.getByLabel("個人情報の取り扱いに同意します（お名前・ご連絡先を入力した場合は必須）");
    expect(await consent.getAttribute("aria-invalid")).toBe("true");
    await shot("public-02-consent-error");
    await consent.focus();
    await page.keyboard.press("Space");
    await page.getByRole("button", { name: "送信する" }).focus();
    await page.keyboard.press("Enter");

    await page.getByRole("heading", { name: "ご意見をお受けしました" }).waitFor();
    const receiptNumber = (await page.getByTestId("receipt-number").textContent()) ?? "";
    const checkCode = (await page.getByTestId("check-code").textContent()) ?? "";
    expect(receiptNumber).toMatch(/^\d{4}-\d{6}$/);
    expect(checkCode).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    // focus moved to the confirmation, so a screen reader announces it
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe("ご意見をお受けしました");
    await shot("public-03-receipt");

    // Status: the number is carried over; the member types the code.
    await page.getByRole("link", { name: "状況を確認する" }).click();
    await page.getByRole("heading", { name: "対応状況の確認" }).waitFor();
    expect(await page.getByRole("textbox", { name: "受付番号" }).inputValue()).toBe(receiptNumber);
    await page.getByRole("textbox", { name: "確認コード" }).fill("ZZZZ-ZZZZ");
    await page.getByRole("button", { name: "確認する" }).click();
    await page.getByRole("alert").filter({ hasText: "確認コードが正しくありません" }).waitFor();
    await page.getByRole("textbox", { name: "確認コード" }).fill(checkCode.toLowerCase());
    await page.getByRole("button", { name: "確認する" }).click();
    const status = page.getByTestId("public-status");
    await status.waitFor();
    expect(await status.textContent()).toBe("受付済");
    const panel = await page.getByRole("status").filter({ hasText: "現在の状況" }).textContent();
    expect(panel).not.toContain("山田");
    await shot("public-04-status");

    // Staff see it in the web channel, unassigned.
    const { call } = await koe.adminApi();
    const list = await call<{
      total: number;
      items: { receiptNumber: string; assignee: unknown; type: { code: string } }[];
    }>("GET", "/voices?channel=web");
    expect(list.total).toBe(1);
    expect(list.items[0]).toMatchObject({ receiptNumber, assignee: null, type: { code: "complaint" } });
  }, 60_000);
});
