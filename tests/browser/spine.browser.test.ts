// The spine of koe in a real browser against the real server: staff registers and answers a complaint,
// the lead approves it. Needs `npm run build` (dist/) and Debian's Chromium at /usr/bin/chromium.
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { describeBrowser, screenshot, staffAndLead, useBrowserTest } from "../helpers/browser.js";

const ADMIN = { email: "admin@example.jp", password: "admin-Passw0rd-spine" };
const DEPARTMENT_CODE = "tokyo_branch";
const { staff: STAFF, lead: LEAD } = staffAndLead(DEPARTMENT_CODE, "spine");

describeBrowser("browser spine: register → answer → resolve → approve", () => {
  let base = "";
  let page: Page;

  const shot = async (name: string, target: Page = page) => {
    // A closing dialog fades out; capture after its overlay is gone, from the top (the header is fixed).
    if (!(await target.getByRole("dialog").count())) {
      await target.locator(".mantine-Modal-overlay").waitFor({ state: "detached" });
    }
    await screenshot(target, name, { fromTop: true });
  };

  useBrowserTest({
    admin: ADMIN,
    users: [STAFF, LEAD],
    tmpPrefix: "koe-browser-",
    context: { viewport: { width: 1366, height: 768 } },
    setup(test) {
      ({ url: base, page } = test);
    },
  });

  async function login(user: { email: string; password: string; name: string }, screenshot?: string) {
    await page.goto(`${base}/`);
    await page.getByLabel("メールアドレス").fill(user.email);
    await page.getByLabel("パスワード", { exact: true }).fill(user.password);
    if (screenshot) await shot(screenshot);
    await page.getByRole("button", { name: "ログイン" }).click();
    await expect.poll(() => page.getByTestId("current-user").textContent()).toBe(user.name);
  }

  it("staff registers a complaint, answers it and marks it 対応済; the lead approves it", async () => {
    // Staff: log in and register a complaint from the one-screen form.
    await login(STAFF, "01-login");
    await page.getByRole("heading", { name: "声の一覧" }).waitFor();
    await page
      .getByRole("navigation", { name: "メインメニュー" })
      .getByRole("link", { name: "声の登録" })
      .click();
    await page.getByRole("heading", { name: "声の登録" }).waitFor();
    const content = page.getByLabel("内容");
    await expect.poll(() => content.evaluate((el) => el === document.activeElement)).toBe(true);
    expect(await page.getByLabel("部署").inputValue()).toBe(DEPARTMENT_CODE);
    await content.fill(
      "共済金の請求書類を送ったと窓口で言われたが、2週間たっても届かない。電話でも担当者がわからないと言われ、たらい回しにされた。",
    );
    await page.getByLabel("ご要望").fill("書類をすぐに送ってほしい。今後の対応について説明してほしい。");
    await page.getByLabel("種別").selectOption({ label: "苦情" });
    await page.getByLabel("分類").selectOption({ label: "応対" });
    await page.getByRole("button", { name: /お客さま情報/ }).click();
    await page.getByLabel("氏名").fill("山田 花子");
    await page.getByLabel("フリガナ").fill("ヤマダ ハナコ");
    await page.getByLabel("電話番号").fill("090-1234-5678");
    await page.getByLabel("都道府県").selectOption("東京都");
    await shot("02-register-form");
    // Ctrl+Enter saves from anywhere in the form.
    await page.getByLabel("ご要望").press("Control+Enter");

    const receipt = page.getByTestId("created-receipt-number");
    await receipt.waitFor();
    const receiptNumber = (await receipt.textContent())?.trim() ?? "";
    expect(receiptNumber).not.toBe("");
    expect(await page.getByTestId("receipt-number").textContent()).toBe(receiptNumber);
    expect(await page.getByTestId("voice-status").textContent()).toBe("受付");
    await page.getByText("山田 花子").waitFor();
    await shot("03-detail-created");

    // Start, record the answer, mark it resolved.
    await page.getByRole("button", { name: "対応開始" }).click();
    await expect.poll(() => page.getByTestId("voice-status").textContent()).toBe("対応中");
    await page.getByRole("button", { name: "回答を記録" }).click();
    const respond = page.getByRole("dialog", { name: "回答を記録" });
    await respond.getByRole("radio", { name: "電話" }).check();
    await respond
      .getByLabel("回答内容")
      .fill("お詫びのうえ、書類を本日発送したことと今後の連絡窓口をお伝えした。");
    await shot("04-respond-dialog");
    await respond.getByRole("button", { name: "記録する" }).click();
    await respond.waitFor({ state: "hidden" });
    await page.getByText("回答記録").waitFor();
    await page.getByRole("button", { name: "対応済にする" }).click();
    const resolve = page.getByRole("dialog", { name: "対応済にする" });
    await resolve.getByRole("button", { name: "対応済として確定" }).click();
    await resolve.waitFor({ state: "hidden" });
    await expect.poll(() => page.getByTestId("voice-status").textContent()).toBe("対応済");
    // The one who resolved a complaint may not approve it.
    expect(await page.getByRole("button", { name: "承認して完了" }).count()).toBe(0);
    await shot("05-detail-resolved");

    await page.getByRole("button", { name: "ログアウト" }).click();
    await page.getByRole("button", { name: "ログイン" }).waitFor();

    // Lead: the dashboard's 承認待ち queue opens the list with it; approve it.
    await login(LEAD);
    await page.getByTestId("queue-awaiting_approval").click();
    const row = page.getByRole("link", { name: receiptNumber });
    await row.waitFor();
    expect(await page.getByTestId("voice-total").textContent()).toMatch(/全 1 件/);
    await shot("06-list-lead");
    await row.click();
    await page.getByTestId("receipt-number").waitFor();
    await page.getByRole("button", { name: "承認して完了" }).click();
    const approve = page.getByRole("dialog", { name: "承認して完了" });
    await approve.getByLabel("メモ（任意）").fill("回答内容を確認しました。");
    await approve.getByRole("button", { name: "承認する" }).click();
    await approve.waitFor({ state: "hidden" });
    await expect.poll(() => page.getByTestId("voice-status").textContent()).toBe("完了");
    const timeline = page.getByTestId("timeline-event");
    const kinds = await timeline.allTextContents();
    expect(kinds.some((text) => text.startsWith("承認"))).toBe(true);
    expect(kinds.at(-1)?.startsWith("承認")).toBe(true);
    await shot("07-detail-approved");

    // The list on a tablet.
    await page.setViewportSize({ width: 820, height: 1180 });
    await page.getByRole("button", { name: "メニューを開く" }).click();
    await page
      .getByRole("navigation", { name: "メインメニュー" })
      .getByRole("link", { name: "声の一覧" })
      .click();
    await page.getByRole("link", { name: receiptNumber }).waitFor();
    await shot("08-list-tablet");
  }, 120_000);
});
