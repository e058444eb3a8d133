// Japanese text intelligence in a real browser against the real server: a full-text search with highlighted
// snippets, accepting a classification suggestion while typing (with 似ている声), 同じ事例 and よく出る言葉.
// Needs `npm run build` (dist/) and Debian's Chromium at /usr/bin/chromium.
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

const ADMIN = { email: "admin@example.jp", password: "admin-Passw0rd-text" };
const STAFF = { email: "staff@example.jp", name: "佐藤 美咲", password: "staff-Passw0rd-text" };
const LEAD = { email: "lead@example.jp", name: "高橋 健一", password: "lead-Passw0rd-text" };
const DEPARTMENT_CODE = "tokyo_branch";

if (!hasChromium && process.env.CI === "true") {
  describe("browser text intelligence", () => {
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

const EARLIER = [
  "コールセンターに何度電話してもつながらず、30分以上待たされました。折り返しの連絡もありませんでした。",
  "請求書類の書き方が分かりにくく、何度も電話で問い合わせることになりました。",
  "窓口の担当の方がとても親切で、書類の記入を丁寧に手伝ってくださいました。",
  "共済金の支払いが早くて助かりました。ありがとうございました。",
  "<b>掛金</b>の引き落とし日を変更したいのですが、手続きを教えてください。",
];

describe.skipIf(!hasChromium)("browser text intelligence: search, suggestions, similar voices, words", () => {
  let server: ChildProcess | undefined;
  let serverLog = "";
  let dataDir = "";
  let base = "";
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;
  let page: Page;
  let firstReceipt = "";

  const shot = async (name: string, target: Page = page) => {
    await target.evaluate(() => window.scrollTo(0, 0));
    await target.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
  };

  beforeAll(async () => {
    for (const built of ["dist/cli/main.js", "dist/web/index.html"]) {
      if (!existsSync(join(REPO, built)))
        throw new Error(`${built} がありません。先に npm run build を実行してください`);
    }
    mkdirSync(SCREENSHOTS, { recursive: true });
    dataDir = mkdtempSync(join(tmpdir(), "koe-browser-text-"));
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
    const today = new Date().toISOString().slice(0, 10).replaceAll("-", "/");
    for (const [i, content] of EARLIER.entries()) {
      const v = await call<{ receiptNumber: string }>("POST", "/voices", {
        receivedAt: `${today} 09:0${i}`,
        channel: "call_center",
        type: i < 2 ? "complaint" : i < 4 ? "praise" : "other",
        category: i === 3 ? "claim" : "handling",
        department: DEPARTMENT_CODE,
        content,
      });
      if (i === 0) firstReceipt = v.receiptNumber;
    }

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
      viewport: { width: 1366, height: 900 },
      locale: "ja-JP",
      timezoneId: "Asia/Tokyo",
    });
    context.setDefaultTimeout(15_000);
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
