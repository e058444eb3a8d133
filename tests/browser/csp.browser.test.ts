// Every screen of the built UI under koe's Content-Security-Policy: the page is served with the policy, renders,
// and the browser reports no violation (neither a securitypolicyviolation event nor a "Refused to…" console line).
// Needs `npm run build` (dist/) and Debian's Chromium at /usr/bin/chromium.
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { CONTENT_SECURITY_POLICY } from "../../src/http/security-headers.js";
import { describeBrowser, useBrowserTest } from "../helpers/browser.js";

const ADMIN = { email: "admin@example.jp", password: "admin-Passw0rd-csp" };
const PUBLIC_PAGES = ["/voice", "/voice/status", "/login"];
const STAFF_PAGES = [
  "/dashboard",
  "/voices",
  "/voices/new",
  "/mine",
  "/analysis/words",
  "/kpis",
  "/reviews",
  "/improvements",
  "/improvements/new",
  "/insights",
  "/meetings",
  "/notifications",
  "/insurer-reports",
  "/circulations",
  "/circulations/new",
  "/surveys",
  "/settings",
  "/import",
  "/audit",
  "/account",
];

describeBrowser("browser: every screen works under the Content-Security-Policy", () => {
  let base = "";
  let page: Page;
  const violations: string[] = [];
  let voicePath = "";

  useBrowserTest({
    admin: ADMIN,
    tmpPrefix: "koe-csp-",
    context: { viewport: { width: 1280, height: 800 } },
    defaultTimeout: 15_000,
    async setup(test) {
      ({ url: base, page } = test);
      // Injected by the browser's debugger, so the policy does not block this listener itself.
      await test.context.addInitScript(() => {
        document.addEventListener("securitypolicyviolation", (e) => {
          console.error(`CSP violation: ${e.violatedDirective} ${e.blockedURI}`);
        });
      });
      page.on("console", (m) => {
        const text = m.text();
        if (/CSP violation|Content Security Policy|Refused to/i.test(text))
          violations.push(`${page.url()}: ${text}`);
      });
      const api = await test.koe.adminApi();
      const voice = await api.call<{ id: number }>("POST", "/voices", {
        receivedAt: "2025/6/2 9:15",
        channel: "counter",
        type: "complaint",
        category: "servicing",
        department: "cs",
        content: "窓口での説明がわかりにくく、手続きに二度足を運びました。",
      });
      voicePath = `/voices/${voice.id}`;
    },
  });

  async function visit(path: string) {
    const res = await page.goto(`${base}${path}`);
    expect(res?.headers()["content-security-policy"]).toBe(CONTENT_SECURITY_POLICY);
    await page.waitForLoadState("networkidle");
    // The screen rendered (React mounted something with text), not a blank page blocked by the policy.
    await expect.poll(() => page.locator("#root").textContent(), { timeout: 15_000 }).not.toBe("");
  }

  it("public pages and the login", { timeout: 120_000 }, async () => {
    for (const path of PUBLIC_PAGES) await visit(path);
    await expect(page.getByRole("button", { name: "ログイン" })).toBeDefined();
    expect(violations).toEqual([]);
  });

  it(`${STAFF_PAGES.length + 1} staff screens as the admin`, { timeout: 240_000 }, async () => {
    await page.goto(`${base}/login`);
    await page.getByLabel("メールアドレス").fill(ADMIN.email);
    await page.getByLabel("パスワード", { exact: true }).fill(ADMIN.password);
    await page.getByRole("button", { name: "ログイン" }).click();
    await page.getByTestId("current-user").waitFor();
    for (const path of [...STAFF_PAGES, voicePath]) await visit(path);
    expect(violations).toEqual([]);
  });
});
