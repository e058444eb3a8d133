// The split web UI in a real browser against the real server (issue 10): the members' public form downloads
// exactly its own chunks, the staff app's first load only the login, shell and voice list, and a screen whose
// chunk disappeared with a new release reloads the page once instead of staying blank.
// Needs `npm run build` (dist/) and Debian's Chromium at /usr/bin/chromium.
import type { BrowserContext, Page } from "playwright-core";
import { expect, it } from "vitest";
import { PAGES, pageFiles, readManifest } from "../../bench/lib/web-bundle.js";
import { describeBrowser, type Koe, staffAndLead, useBrowserTest } from "../helpers/browser.js";

const ADMIN = { email: "admin@example.jp", password: "admin-Passw0rd-split" };
// Staff start on the voice list (leads, cs and admins on the dashboard): the first load measured for the budget.
const { staff: STAFF } = staffAndLead("call_center", "split");

/** The JavaScript files of dist/web/assets the page requests from now on. */
function recordScripts(page: Page): string[] {
  const files: string[] = [];
  page.on("request", (request) => {
    const match = new URL(request.url()).pathname.match(/^\/(assets\/.+\.js)$/);
    if (match?.[1]) files.push(match[1]);
  });
  return files;
}

describeBrowser("browser: screens load on their own chunks", () => {
  let koe: Koe;
  let context: BrowserContext;
  const manifest = readManifest();

  useBrowserTest({
    admin: ADMIN,
    users: [STAFF],
    tmpPrefix: "koe-split-",
    context: { viewport: { width: 1280, height: 800 } },
    setup(test) {
      ({ koe, context } = test);
    },
  });

  it("the public form downloads exactly its own chunks, none of the staff app", async () => {
    const page = await context.newPage();
    const scripts = recordScripts(page);
    await page.goto(`${koe.url}/voice`);
    await page.getByRole("heading", { name: "ご意見・ご要望をお寄せください" }).waitFor();
    await page.waitForLoadState("networkidle");
    expect(new Set(scripts)).toEqual(new Set(pageFiles(manifest, PAGES.publicForm).js));
    await page.close();
  });

  it("the staff app loads the login, the shell, the landing rule and the voice list; the words page only when opened", async () => {
    const page = await context.newPage();
    const scripts = recordScripts(page);
    await page.goto(`${koe.url}/`);
    await page.getByLabel("メールアドレス").fill(STAFF.email);
    await page.getByLabel("パスワード", { exact: true }).fill(STAFF.password);
    await page.getByRole("button", { name: "ログイン" }).click();
    await page.getByRole("heading", { name: "声の一覧" }).waitFor();
    await page.waitForLoadState("networkidle");
    expect(new Set(scripts)).toEqual(new Set(pageFiles(manifest, PAGES.staffFirstLoad).js));

    const words = manifest["src/features/text/words-page.tsx"]?.file;
    expect(words).toBeDefined();
    expect(scripts).not.toContain(words);
    await page.getByRole("link", { name: "よく出る言葉" }).click();
    await page.getByRole("heading", { name: "よく出る言葉" }).waitFor();
    expect(scripts).toContain(words);
    await page.close();
  });

  it("a screen whose chunk is gone (a new release) reloads the page once, then shows it", async () => {
    const login = manifest["src/features/users-and-settings/login-page.tsx"]?.file;
    expect(login).toBeDefined();
    // Logged out again, so /login shows the form rather than sending the admin on to the voice list.
    await context.clearCookies();
    const page = await context.newPage();
    let requests = 0;
    await page.route(`**/${login}`, (route) => {
      requests += 1;
      return requests === 1 ? route.fulfill({ status: 404, body: "" }) : route.continue();
    });
    let loads = 0;
    page.on("load", () => {
      loads += 1;
    });
    await page.goto(`${koe.url}/login`);
    await page.getByLabel("メールアドレス").waitFor();
    expect(requests).toBe(2);
    expect(loads).toBe(2);
    await page.close();
  });

  it("a chunk missing for good is reloaded for once only, not in a loop", async () => {
    const login = manifest["src/features/users-and-settings/login-page.tsx"]?.file;
    await context.clearCookies();
    const page = await context.newPage();
    let requests = 0;
    await page.route(`**/${login}`, (route) => {
      requests += 1;
      return route.fulfill({ status: 404, body: "" });
    });
    await page.goto(`${koe.url}/login`);
    await expect.poll(() => requests).toBe(2);
    await page.waitForTimeout(1500);
    expect(requests).toBe(2);
    await page.close();
  });
});
