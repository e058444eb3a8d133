// Insurer reports in a real browser: with reports tracked for complaints, a lead's dashboard shows the tile of
// overdue reports; it opens the report list filtered to the overdue one (not the complaint still within its
// days); the bell carries the overdue notification; recording the report on the voice empties the tile.
// Needs `npm run build` and Debian's Chromium.
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import {
  type AdminCall,
  callCenterComplaint,
  describeBrowser,
  screenshot,
  signIn,
  staffAndLead,
  useBrowserTest,
} from "../helpers/browser.js";

// the in-server scheduler writes the overdue notification: tick every second instead of every minute
process.env.KOE_SCHEDULER_INTERVAL_MS = "1000";

const ADMIN = { email: "admin@example.jp", password: "admin-Passw0rd-insurer" };
const { staff: STAFF, lead: LEAD } = staffAndLead("call_center", "insurer");

describeBrowser("browser: insurer reports on the dashboard, the list and the voice", () => {
  let base = "";
  let page: Page;
  let call: AdminCall;
  let late = "";
  let recent = "";
  let lateId = 0;

  useBrowserTest({
    admin: ADMIN,
    users: [STAFF, LEAD],
    tmpPrefix: "koe-insurer-",
    // a loaded machine can take long to paint the dashboard for a full-page screenshot
    defaultTimeout: 45_000,
    async setup(test) {
      ({ url: base, page, call } = test);
      await call("PUT", "/settings/insurer-reports", {
        enabled: true,
        typeCodes: ["complaint"],
        productLineCodes: [],
        days: 3,
      });
      const complaint = async (daysAgo: number, content: string) =>
        call<{ id: number; receiptNumber: string }>(
          "POST",
          "/voices",
          callCenterComplaint(daysAgo, content, "product"),
        );
      const a = await complaint(14, "自動車共済の補償内容の説明と、実際の支払いが違っていた。");
      late = a.receiptNumber;
      lateId = a.id;
      recent = (await complaint(1, "火災共済の掛金が急に上がった理由を知りたい。")).receiptNumber;
    },
  });

  it("shows the overdue report on the dashboard, lists it, notifies it, and clears it once reported", async () => {
    await signIn(page, base, LEAD);

    await page.goto(`${base}/`);
    const tile = page.getByTestId("tile-insurer-overdue");
    await tile.waitFor();
    expect(await tile.getAttribute("aria-label")).toBe("保険会社への報告の期限超過（自部署）1件。一覧を開く");
    // the scheduler's notification reaches the lead of the department
    const bell = page.getByTestId("notification-bell");
    await expect
      .poll(
        async () => {
          // the bell reads the count after the page loads: wait for that answer before looking at it
          const counted = page.waitForResponse((r) => r.url().includes("/notifications/unread-count"));
          await page.reload();
          await counted;
          await page.waitForTimeout(200);
          return bell.getAttribute("aria-label");
        },
        { timeout: 15_000 },
      )
      .toBe("通知 未読1件");
    await screenshot(page, "insurer-reports-dashboard-tile", { fromTop: true });

    await tile.click();
    await page.waitForURL((u) => u.pathname === "/insurer-reports" && u.search === "?state=overdue");
    await page.getByRole("heading", { name: "保険会社への報告" }).waitFor();
    const table = page.getByRole("table");
    await table.getByRole("link", { name: late }).waitFor();
    expect(await table.textContent()).not.toContain(recent);
    expect(await page.getByText(/^期限超過 \d+ 件$/).textContent()).toBe("期限超過 1 件");
    await screenshot(page, "insurer-reports-overdue-list", { fromTop: true });
    // 未報告すべて: both complaints, only the late one marked overdue
    await page
      .locator("label")
      .filter({ hasText: /^未報告すべて$/ })
      .click();
    await page.waitForURL((u) => u.search === "");
    await table.getByRole("link", { name: recent }).waitFor();
    expect(await table.getByText("期限超過").count()).toBe(1);

    await page.goto(`${base}/notifications`);
    const note = page.getByTestId("notification").first();
    expect(await note.textContent()).toContain(`声 ${late} の保険会社への報告が期限`);
    await screenshot(page, "notifications-insurer-overdue", { fromTop: true });
    await note.getByRole("button", { name: "開く" }).click();
    await page.waitForURL((u) => u.pathname === `/voices/${lateId}`);

    const panel = page.getByTestId("insurer-report");
    await panel.getByRole("button", { name: "報告を記録" }).click();
    await panel.getByLabel("保険会社", { exact: true }).fill("○○損害保険株式会社");
    await panel.getByRole("button", { name: "記録する" }).click();
    await panel.getByText("報告済").waitFor();
    // the timeline names the step in Japanese, with the insurer
    const last = page.getByTestId("timeline-event").last();
    expect(await last.textContent()).toContain("保険会社への報告");
    expect(await last.textContent()).toContain("保険会社：○○損害保険株式会社");
    await screenshot(page, "insurer-report-recorded", { fromTop: true });

    await page.goto(`${base}/`);
    await expect
      .poll(() => page.getByTestId("tile-insurer-overdue").getAttribute("aria-label"))
      .toBe("保険会社への報告の期限超過（自部署）0件。一覧を開く");
  }, 240_000);
});
