// The spine of koe in a real browser against the real server: staff registers and answers a complaint,
// the lead approves it. Needs `npm run build` (dist/) and Debian's Chromium at /usr/bin/chromium.
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const CHROMIUM = "/usr/bin/chromium";
const REPO = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
const SCREENSHOTS = join(REPO, "test-results", "screenshots");
const hasChromium = existsSync(CHROMIUM);

const ADMIN = { email: "admin@example.jp", password: "admin-Passw0rd-spine" };
const STAFF = { email: "staff@example.jp", name: "佐藤 美咲", password: "staff-Passw0rd-spine" };
const LEAD = { email: "lead@example.jp", name: "高橋 健一", password: "lead-Passw0rd-spine" };
const DEPARTMENT_CODE = "tokyo_branch";

if (!hasChromium && process.env.CI === "true") {
  describe("browser spine", () => {
    it("needs Chromium", () => {
      throw new Error(
        `Chromium が ${CHROMIUM} にありません。CI ではブラウザーテストを省略できません: apt-get install -y chromium`,
      );
    });
  });
}

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => done(port));
    });
  });
}

async function waitForHealth(base: string, child: ChildProcess, log: () => string): Promise<void> {
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`koe serve が終了しました（${child.exitCode}）:\n${log()}`);
    try {
      const res = await fetch(`${base}/healthz`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`koe serve が 30 秒以内に起動しませんでした:\n${log()}`);
}

/** A tiny API client with the session cookie and CSRF token, for setting up users as the admin. */
async function adminClient(base: string) {
  const login = await fetch(`${base}/api/v1/session`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(ADMIN),
  });
  if (!login.ok) throw new Error(`admin login failed: ${login.status} ${await login.text()}`);
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  return async function call<T>(method: string, path: string, body?: unknown): Promise<T> {
    const res = await fetch(`${base}/api/v1${path}`, {
      method,
      headers: {
        Cookie: cookie,
        "X-CSRF-Token": csrfToken,
        ...(body === undefined ? {} : { "Content-Type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
}

describe.skipIf(!hasChromium)("browser spine: register → answer → resolve → approve", () => {
  let server: ChildProcess | undefined;
  let serverLog = "";
  let dataDir = "";
  let base = "";
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let page: Page;

  const shot = async (name: string, target: Page = page) => {
    // A closing dialog fades out; capture after its overlay is gone, from the top (the header is fixed).
    if (!(await target.getByRole("dialog").count())) {
      await target.locator(".mantine-Modal-overlay").waitFor({ state: "detached" });
    }
    await target.evaluate(() => window.scrollTo(0, 0));
    await target.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  };

  beforeAll(async () => {
    for (const built of ["dist/cli/main.js", "dist/web/index.html"]) {
      if (!existsSync(join(REPO, built)))
        throw new Error(`${built} がありません。先に npm run build を実行してください`);
    }
    mkdirSync(SCREENSHOTS, { recursive: true });
    dataDir = mkdtempSync(join(tmpdir(), "koe-browser-"));
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
    server = spawn(process.execPath, [join(REPO, "bin", "koe.js"), "serve"], {
      cwd: REPO,
      env: {
        ...process.env,
        PORT: String(port),
        HOST: "127.0.0.1",
        DATABASE_URL: `sqlite:${join(dataDir, "koe.sqlite")}`,
        KOE_ADMIN_EMAIL: ADMIN.email,
        KOE_ADMIN_PASSWORD: ADMIN.password,
        LOG_LEVEL: "warn",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    server.stdout?.on("data", (chunk: Buffer) => {
      serverLog += chunk.toString();
    });
    server.stderr?.on("data", (chunk: Buffer) => {
      serverLog += chunk.toString();
    });
    await waitForHealth(base, server, () => serverLog);

    const call = await adminClient(base);
    const taxonomy = await call<{ departments: { id: number; code: string }[] }>("GET", "/taxonomy");
    const department = taxonomy.departments.find((d) => d.code === DEPARTMENT_CODE);
    if (!department) throw new Error(`department ${DEPARTMENT_CODE} missing from the default taxonomy`);
    await call("POST", "/users", { ...STAFF, role: "staff", departmentId: department.id });
    await call("POST", "/users", { ...LEAD, role: "lead", departmentId: department.id });

    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
      ],
    });
    context = await browser.newContext({
      viewport: { width: 1366, height: 768 },
      locale: "ja-JP",
      timezoneId: "Asia/Tokyo",
    });
    context.setDefaultTimeout(10_000);
    page = await context.newPage();
  }, 90_000);

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    if (server && server.exitCode === null) {
      const exited = new Promise((r) => server?.once("exit", r));
      server.kill("SIGTERM");
      await Promise.race([exited, new Promise((r) => setTimeout(r, 5_000))]);
      if (server.exitCode === null) server.kill("SIGKILL");
    }
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  }, 20_000);

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

    // Lead: find it in the list, approve it.
    await login(LEAD);
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
