// The staff side of the channels in a real browser: 取り込み (dry run with a problems table, then import),
// エクスポート from the list, and the APIトークン settings tab (create → shown once → revoke).
// Needs `npm run build` (dist/) and Debian's Chromium at /usr/bin/chromium.
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { describeBrowser, screenshot, useBrowserTest } from "../helpers/browser.js";

const ADMIN = { email: "admin@example.jp", password: "admin-Passw0rd-channels" };

const HEADER = "受付日時,受付チャネル,種別,分類,部署,内容,外部ID";
const GOOD = [
  "令和7年4月1日 10:30,コールセンター,苦情,応対,コールセンター,電話が何度かけてもつながらなかった,UI-1",
  "2025/4/2,アンケート,感謝・評価,応対,お客様相談室,丁寧な説明に感謝します,UI-2",
];
const BAD = [...GOOD.slice(0, 1), "2025/4/3,コールセンター,クレーム,応対,コールセンター,種別が誤り,UI-3"];
const csv = (rows: string[]) => Buffer.from(`\uFEFF${[HEADER, ...rows].join("\r\n")}\r\n`, "utf8");

describeBrowser("browser: import screen, export button and API tokens tab", () => {
  let base = "";
  let page: Page;

  const shot = (name: string) => screenshot(page, name);

  useBrowserTest({
    admin: ADMIN,
    tmpPrefix: "koe-channels-",
    context: { viewport: { width: 1280, height: 800 }, acceptDownloads: true },
    setup(test) {
      ({ url: base, page } = test);
    },
  });

  it("checks a file, shows its problems as a table, imports a good one, exports, and manages a token", async () => {
    await page.goto(`${base}/login`);
    await page.getByLabel("メールアドレス").fill(ADMIN.email);
    await page.getByLabel("パスワード", { exact: true }).fill(ADMIN.password);
    await page.getByRole("button", { name: "ログイン" }).click();
    await page.getByRole("heading", { name: "ダッシュボード" }).waitFor();

    // 取り込み: a file with a bad row → the problems table; nothing can be imported.
    await page
      .getByRole("navigation", { name: "メインメニュー" })
      .getByRole("link", { name: "取り込み" })
      .click();
    await page.getByRole("heading", { name: "取り込み" }).waitFor();
    const fileInput = page.locator('input[type="file"][accept*=".csv"]');
    await fileInput.setInputFiles({ name: "誤りあり.csv", mimeType: "text/csv", buffer: csv(BAD) });
    await page.getByRole("button", { name: "確認する（書き込みません）" }).click();
    const table = page.getByRole("table", { name: "問題の一覧" });
    await table.waitFor();
    const cells = await table.locator("tbody tr").first().locator("td").allTextContents();
    expect(cells).toEqual(["3", "種別", "クレーム", "『クレーム』は登録されていない種別です"]);
    expect(await page.getByRole("button", { name: "取り込む", exact: true }).isDisabled()).toBe(true);
    await shot("channels-01-import-problems");

    // A good file: dry run, then import.
    await fileInput.setInputFiles({ name: "声.csv", mimeType: "text/csv", buffer: csv(GOOD) });
    await page.getByRole("button", { name: "確認する（書き込みません）" }).click();
    await page.getByText("2件を取り込めます").waitFor();
    await page.getByRole("button", { name: "2件を取り込む" }).click();
    await page.getByText("2件を取り込みました").waitFor();
    await shot("channels-02-imported");

    // エクスポート from the list with its filter.
    await page.goto(`${base}/voices?channel=call_center`);
    await page.getByRole("button", { name: /エクスポート/ }).click();
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("menuitem", { name: "CSV（UTF-8）" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^koe-voices-\d{8}\.csv$/);
    const path = await download.path();
    const { readFileSync } = await import("node:fs");
    const text = readFileSync(path, "utf8");
    expect(text).toContain("電話が何度かけてもつながらなかった");
    expect(text).not.toContain("丁寧な説明に感謝します");

    // APIトークン: create → shown once → revoke.
    await page.goto(`${base}/settings?tab=tokens`);
    await page.getByLabel(/名前（どのシステム用か）/).fill("基幹システム連携");
    await page.getByRole("button", { name: "トークンを作成" }).click();
    const token = (await page.getByTestId("created-token").textContent()) ?? "";
    expect(token).toMatch(/^koe_/);
    // let the dialog finish fading in before the picture
    await page.waitForTimeout(400);
    await shot("channels-03-token-created");
    await page.getByRole("button", { name: "閉じる" }).click();
    const row = page.getByRole("table", { name: "APIトークンの一覧" }).locator("tbody tr").first();
    expect(await row.textContent()).toContain("有効");
    expect(await row.textContent()).not.toContain(token);
    const api = await fetch(`${base}/api/v1/voices`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json" },
      body: JSON.stringify({
        receivedAt: "2025/5/1 9:00",
        channel: "web",
        type: "request",
        category: "other",
        department: "cs",
        content: "API からの登録",
      }),
    });
    expect(api.status).toBe(201);
    await row.getByRole("button", { name: "失効させる" }).click();
    await page.getByRole("dialog").getByRole("button", { name: "失効させる" }).click();
    await expect.poll(() => row.textContent()).toContain("失効");
    await page.getByRole("dialog").waitFor({ state: "detached" });
    await shot("channels-04-token-revoked");
  }, 90_000);
});
