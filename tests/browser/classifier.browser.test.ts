// The classifier's learning in a real browser against the real server (issue 16 §3): cs confirm a flagged
// public-form voice in 確認待ち (it leaves the list and the menu count), and an admin retrains on 「分類モデル」 and sees
// whether the new model was used, with both scores on the held-back voices; the curve has a table view.
// Needs `npm run build` (dist/) and Debian's Chromium at /usr/bin/chromium.
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { describeBrowser, type NewUser, screenshot, useBrowserTest } from "../helpers/browser.js";

const ADMIN = { email: "admin@example.jp", password: "admin-Passw0rd-model", name: "管理者" };
const CS: NewUser = {
  email: "cs@example.jp",
  name: "相談 花子",
  password: "cs-Passw0rd-model",
  role: "cs",
  departmentCode: "cs",
};
const STAFF: NewUser = {
  email: "staff@example.jp",
  name: "担当 次郎",
  password: "staff-Passw0rd-model",
  role: "staff",
  departmentCode: "call_center",
};
// The built-in model files a phone that is hard to reach as a request; this organisation files it as a complaint.
const PLACES = [
  "コールセンター",
  "夜間窓口",
  "事故受付",
  "支所",
  "お客様センター",
  "共済ショップ",
  "フリーダイヤル",
  "解約の窓口",
  "請求の窓口",
  "本部",
  "住所変更の窓口",
  "自動車共済の窓口",
  "火災共済の窓口",
  "相談ダイヤル",
  "契約内容の問い合わせ窓口",
  "代理店",
  "窓口受付センター",
  "共済金の請求窓口",
  "年金共済の窓口",
  "生命共済の窓口",
];
const PHRASINGS = [
  (p: string) => `${p}の電話がつながりにくい。`,
  (p: string) => `${p}の電話が繋がりにくいです。`,
  (p: string) => `${p}に電話してもつながりにくい。`,
  (p: string) => `${p}は電話がつながりにくくて困ります。`,
];
// Sent through the members' form as a request; the text fires 「苦情の可能性」.
const FLAGGED = "事故受付の電話がなかなかつながりにくい。何度かけても話し中でした。";

describeBrowser("browser classifier: 確認待ち and 分類モデル", () => {
  let base = "";
  let page: Page;
  let flaggedReceipt = "";
  let flaggedVoiceId = 0;

  const shot = (name: string) => screenshot(page, name, { fromTop: true });

  useBrowserTest({
    admin: ADMIN,
    users: [CS, STAFF],
    tmpPrefix: "koe-browser-model-",
    context: { viewport: { width: 1366, height: 900 } },
    defaultTimeout: 20_000,
    async setup(test) {
      ({ url: base, page } = test);
      const api = await test.koe.adminApi();
      // Staff registered these with koe's suggestion and corrected it: corrections the retraining learns from.
      for (const [i, content] of PLACES.flatMap((p) => PHRASINGS.map((f) => f(p))).entries()) {
        const s = await api.call<{ type: { code: string; confidence: number } }>("POST", "/classify", {
          text: content,
        });
        await api.call("POST", "/voices", {
          receivedAt: `2026/11/${String(1 + (i % 28)).padStart(2, "0")} 10:00`,
          channel: "call_center",
          department: "call_center",
          type: "complaint",
          category: "handling",
          content,
          classification: {
            suggestedType: s.type.code,
            suggestedCategory: null,
            typeConfidence: s.type.confidence,
            typeConfirmed: true,
          },
        });
      }
      const sent = await fetch(`${base}/api/v1/public/voices`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ topic: "request", content: FLAGGED, website: "" }),
      });
      if (!sent.ok) throw new Error(`public form: ${sent.status} ${await sent.text()}`);
      flaggedReceipt = ((await sent.json()) as { receiptNumber: string }).receiptNumber;
      const queue = await api.call<{ items: { voiceId: number; receiptNumber: string }[] }>(
        "GET",
        "/complaint-reviews",
      );
      flaggedVoiceId = queue.items.find((i) => i.receiptNumber === flaggedReceipt)?.voiceId ?? 0;
    },
  });

  async function login(user: { email: string; password: string; name: string }) {
    await page.goto(`${base}/`);
    await page.getByLabel("メールアドレス").fill(user.email);
    await page.getByLabel("パスワード", { exact: true }).fill(user.password);
    await page.getByRole("button", { name: "ログイン" }).click();
    await expect.poll(() => page.getByTestId("current-user").textContent()).toBe(user.name);
  }

  it("staff who open a waiting voice are told it waits, without the link to the queue", async () => {
    await login(STAFF);
    await page.goto(`${base}/voices/${flaggedVoiceId}`);
    await page.getByText(FLAGGED).first().waitFor();
    const notice = page.getByTestId("voice-review-notice");
    await notice.waitFor();
    expect(await notice.textContent()).toContain("確認待ちの声です");
    expect(await notice.textContent()).toContain("種別の確認は、お客様相談室（CS）か管理者が行います。");
    expect(await notice.getByRole("link").count()).toBe(0);
    await page.getByRole("button", { name: "ログアウト" }).click();
  });

  it("cs confirm a flagged voice as a complaint and it leaves 確認待ち", async () => {
    await login(CS);
    const menu = page.getByRole("navigation", { name: "メインメニュー" });
    const count = menu.getByTestId("review-count");
    await expect.poll(() => count.textContent()).toBe("1");
    await menu.getByRole("link", { name: /確認待ち/ }).click();
    await page.getByRole("heading", { name: "確認待ち" }).waitFor();
    const row = page.getByTestId(`review-${flaggedReceipt}`);
    await row.waitFor();
    expect(await row.textContent()).toContain("苦情の可能性");
    expect(await row.textContent()).toContain("フォーム");
    await shot("classifier-01-review-queue");

    // The row opens the voice, whose page says it waits, and links back to the queue.
    await row.getByRole("link", { name: flaggedReceipt }).click();
    await page.getByText(FLAGGED).first().waitFor();
    const notice = page.getByTestId("voice-review-notice");
    await notice.waitFor();
    expect(await notice.textContent()).toContain("確認待ちの声です");
    expect(await notice.textContent()).toContain(
      "「苦情の可能性」があると判定されました（koe の提案：苦情）",
    );
    await shot("classifier-01b-voice-waits");
    await notice.getByRole("link", { name: "確認待ちで種別を確認する" }).click();
    await page.getByRole("heading", { name: "確認待ち" }).waitFor();
    await row.waitFor();

    await row.getByLabel(`${flaggedReceipt} の種別`).click();
    await page.getByRole("option", { name: "苦情", exact: true }).click();
    await row.getByRole("button", { name: "種別を変えて確認" }).click();
    await page.getByText(`${flaggedReceipt} を「苦情」で確認しました。`).waitFor();
    await expect.poll(() => row.count()).toBe(0);
    await page.getByTestId("review-queue-empty").waitFor();
    await expect.poll(() => count.count()).toBe(0);
    await shot("classifier-02-review-confirmed");

    // Confirmed as a complaint, the voice is one now; reloading does not bring it back.
    await page.reload();
    await page.getByTestId("review-queue-empty").waitFor();
    // …and its page no longer says it waits.
    await page.goto(`${base}/voices/${flaggedVoiceId}`);
    await page.getByText(FLAGGED).first().waitFor();
    expect(await page.getByTestId("voice-review-notice").count()).toBe(0);
    await page.getByRole("button", { name: "ログアウト" }).click();
  });

  it("an admin retrains on 分類モデル and sees the result with both scores", async () => {
    await login(ADMIN);
    await page
      .getByRole("navigation", { name: "メインメニュー" })
      .getByRole("link", { name: "分類モデル" })
      .click();
    await page.getByRole("heading", { name: "分類モデル" }).waitFor();
    expect(await page.getByTestId("current-model-name").textContent()).toContain("組み込みモデル");
    await page.getByTestId("confusion-matrix").waitFor();
    await page.getByTestId("flag-curve-chart").waitFor();
    await shot("classifier-03-model-page");

    await page.getByRole("button", { name: "再学習" }).click();
    // It trains in the background: a progress bar with the stage and the share done.
    const progress = page.getByTestId("retrain-progress");
    await progress.waitFor();
    expect(await progress.textContent()).toContain("再学習中");
    await expect
      .poll(() => progress.textContent(), { timeout: 120_000 })
      .toMatch(/学習しています（\d+回中 \d+回目）/);
    await shot("classifier-03b-retraining");
    // A reload while it runs shows it again, and the button waits for it.
    await page.reload();
    await page.getByRole("heading", { name: "分類モデル" }).waitFor();
    await progress.waitFor();
    expect(await page.getByRole("button", { name: "再学習" }).isDisabled()).toBe(true);
    const result = page.getByTestId("retrain-result");
    // Training on the built-in corpus plus the organisation's voices takes a while on a busy machine.
    await result.waitFor({ timeout: 600_000 });
    expect(await progress.count()).toBe(0);
    expect(await result.textContent()).toContain("新しいモデルを使い始めました");
    const scores = page.getByTestId("retrain-scores");
    expect(await scores.textContent()).toMatch(/新しいモデル（\d+版）\d\.\d{3}/);
    expect(await scores.textContent()).toMatch(/学習前に使っていたモデル\d\.\d{3}/);
    await expect.poll(() => page.getByTestId("current-model-name").textContent()).toContain("学習済みモデル");
    expect(await page.getByTestId("model-history").textContent()).toContain("使用中");
    await shot("classifier-04-retrained");

    // The curve as a table, and a threshold chosen from it.
    await page
      .getByRole("radiogroup", { name: "再現率と誤表示の表示" })
      .getByText("表", { exact: true })
      .click();
    const table = page.getByTestId("flag-curve-table");
    await table.waitFor();
    await table
      .getByRole("row", { name: /^0\.1\b/ })
      .getByRole("button", { name: "このしきい値にする" })
      .click();
    await page.getByRole("button", { name: "この設定を保存" }).click();
    await page.getByText("設定を保存しました").waitFor();
    expect(await page.getByRole("combobox", { name: "「苦情の可能性」のしきい値" }).inputValue()).toMatch(
      /^0\.1（/,
    );
    await shot("classifier-05-curve-table");

    // Back to the model used before.
    await page.getByRole("button", { name: "前のモデルに戻す" }).click();
    await page.getByRole("button", { name: "戻す", exact: true }).click();
    await page.getByTestId("restore-result").waitFor();
    expect(await page.getByTestId("restore-result").textContent()).toContain("組み込みモデルに戻しました");
    await expect.poll(() => page.getByTestId("current-model-name").textContent()).toContain("組み込みモデル");
  }, 700_000);
});
