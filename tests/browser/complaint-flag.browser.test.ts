// The complaint safety net in a real browser against the real server: a voice written as an implicit complaint
// shows 「苦情の可能性があります」, and the type must be confirmed before the voice is saved.
// Needs `npm run build` (dist/) and Debian's Chromium at /usr/bin/chromium.
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { describeBrowser, screenshot, staffAndLead, useBrowserTest } from "../helpers/browser.js";

const ADMIN = { email: "admin@example.jp", password: "admin-Passw0rd-flag" };
const DEPARTMENT_CODE = "tokyo_branch";
const { staff: STAFF, lead: LEAD } = staffAndLead(DEPARTMENT_CODE, "flag");
// The built-in model suggests praise for it, yet P(complaint) is above the default threshold (0.07).
const IMPLICIT_COMPLAINT = "保障内容の説明が少しわかりにくかったです。";

describeBrowser("browser complaint safety net", () => {
  let base = "";
  let page: Page;

  useBrowserTest({
    admin: ADMIN,
    users: [STAFF, LEAD],
    tmpPrefix: "koe-browser-flag-",
    context: { viewport: { width: 1366, height: 900 } },
    defaultTimeout: 20_000,
    async setup(test) {
      ({ url: base, page } = test);
    },
  });

  it("prompts on an implicit complaint and saves only once the type is confirmed", async () => {
    await page.goto(`${base}/`);
    await page.getByLabel("メールアドレス").fill(STAFF.email);
    await page.getByLabel("パスワード", { exact: true }).fill(STAFF.password);
    await page.getByRole("button", { name: "ログイン" }).click();
    await expect.poll(() => page.getByTestId("current-user").textContent()).toBe(STAFF.name);
    await page.goto(`${base}/voices/new`);
    await page.getByRole("heading", { name: "声の登録" }).waitFor();
    await page.getByLabel("内容").fill(IMPLICIT_COMPLAINT);
    const suggestion = page.getByTestId("classification-suggestion");
    await suggestion.waitFor();
    await suggestion.getByRole("button", { name: "両方採用" }).click();
    expect(await page.getByLabel("種別").inputValue()).not.toBe("complaint");

    const prompt = page.getByTestId("complaint-flag");
    await prompt.waitFor();
    expect(await prompt.textContent()).toContain("苦情の可能性があります");
    await screenshot(page, "complaint-flag-01-prompt", { fromTop: true });

    // Saving without confirming is refused, and nothing is registered.
    await page.getByRole("button", { name: "登録する" }).click();
    await prompt.getByText("チェックを入れてから登録してください").waitFor();
    expect(await page.getByTestId("created-receipt-number").count()).toBe(0);
    expect(page.url()).toContain("/voices/new");

    await prompt.getByRole("checkbox").check();
    await page.getByRole("button", { name: "登録する" }).click();
    await page.getByTestId("created-receipt-number").waitFor();
    await screenshot(page, "complaint-flag-02-saved", { fromTop: true });
  });

  it("choosing 苦情 from the prompt removes it", async () => {
    await page.goto(`${base}/voices/new`);
    await page.getByLabel("内容").fill(IMPLICIT_COMPLAINT);
    await page.getByTestId("classification-suggestion").getByRole("button", { name: "両方採用" }).click();
    const prompt = page.getByTestId("complaint-flag");
    await prompt.getByRole("button", { name: "種別を「苦情」にする" }).click();
    expect(await page.getByLabel("種別").inputValue()).toBe("complaint");
    await expect.poll(() => prompt.count()).toBe(0);
  });
});
