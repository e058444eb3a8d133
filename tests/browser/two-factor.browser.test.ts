// 二段階認証 in the browser: an administrator enrols on アカウント (QR code and the key to type, a code from the
// app, ten recovery codes shown once), logs out, and logs in again with the password and then a code — made here
// with otpauth from the key on the screen, as an authenticator app would.
// Needs `npm run build` (dist/) and Debian's Chromium at /usr/bin/chromium.
import * as OTPAuth from "otpauth";
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { describeBrowser, screenshot, useBrowserTest } from "../helpers/browser.js";

const ADMIN = { email: "admin@example.jp", password: "admin-Passw0rd-two-factor", name: "管理者" };

describeBrowser("browser: two-factor login", () => {
  let base = "";
  let page: Page;
  let secret = "";

  useBrowserTest({
    admin: ADMIN,
    tmpPrefix: "koe-browser-two-factor-",
    context: { viewport: { width: 1280, height: 900 } },
    setup(test) {
      ({ url: base, page } = test);
    },
  });

  const codeAt = (timestamp: number) =>
    OTPAuth.TOTP.generate({ secret: OTPAuth.Secret.fromBase32(secret), timestamp });

  async function enterPassword() {
    await page.getByLabel("メールアドレス").fill(ADMIN.email);
    await page.getByLabel("パスワード", { exact: true }).fill(ADMIN.password);
    await page.getByRole("button", { name: "ログイン" }).click();
  }

  it("enrols on アカウント with the key shown and a code from the app", { timeout: 60_000 }, async () => {
    await page.goto(`${base}/login`);
    await enterPassword();
    await expect.poll(() => page.getByTestId("current-user").textContent()).toBe(ADMIN.name);
    await page.getByRole("link", { name: "アカウント" }).click();
    await page.getByRole("heading", { name: "二段階認証" }).waitFor();
    await page.getByLabel("現在のパスワード").fill("違うパスワードです");
    await page.getByRole("button", { name: "設定を始める" }).click();
    await page.getByText("パスワードが正しくありません").waitFor();
    await page.getByLabel("現在のパスワード").fill(ADMIN.password);
    await page.getByRole("button", { name: "設定を始める" }).click();
    await page.getByRole("img", { name: "二段階認証の設定用QRコード" }).waitFor();
    secret = ((await page.getByTestId("totp-secret").textContent()) ?? "").replace(/\s/g, "");
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    await screenshot(page, "two-factor-01-enrol", { fromTop: true });

    await page.getByLabel("確認コード").fill(codeAt(Date.now()));
    await page.getByRole("button", { name: "確認して有効にする" }).click();
    await page.getByText("二段階認証を有効にしました").waitFor();
    const codes = await page.getByTestId("recovery-code").allTextContents();
    expect(codes).toHaveLength(10);
    for (const c of codes) expect(c).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    await screenshot(page, "two-factor-02-recovery-codes", { fromTop: true });
    await page.getByRole("button", { name: "控えました" }).click();
    await page.getByText("使っていない回復コードは残り 10 個です").waitFor();
  });

  it("logs out, then logs in with the password and a code from the app", { timeout: 60_000 }, async () => {
    await page.getByRole("button", { name: "ログアウト", exact: true }).click();
    await page.getByRole("button", { name: "ログイン" }).waitFor();
    await enterPassword();
    await page.getByRole("heading", { name: "二段階認証" }).waitFor();
    // The step after the one used to confirm: a code is accepted once, the app's next one is (±30 s).
    const next = codeAt(Date.now() + 30_000);
    await page.getByLabel("確認コード").fill(next === "000000" ? "111111" : "000000");
    await page.getByRole("button", { name: "確認してログイン" }).click();
    await page.getByText("確認コードが正しくありません").waitFor();
    await screenshot(page, "two-factor-03-login-code", { fromTop: true });
    await page.getByLabel("確認コード").fill(codeAt(Date.now() + 30_000));
    await page.getByRole("button", { name: "確認してログイン" }).click();
    await expect.poll(() => page.getByTestId("current-user").textContent()).toBe(ADMIN.name);
  });
});
