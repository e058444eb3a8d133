// 回覧 and notifications in a real browser: the sender sends an improvement round to two staff from its page; a
// recipient sees the bell's unread count, opens the notification, reads the improvement and confirms reading; the
// sender then sees who has not read it. Needs `npm run build` and Debian's Chromium.
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { addCalendarDays, jstToday } from "../../src/domain/jst.js";
import {
  type AdminCall,
  callCenterComplaint,
  describeBrowser,
  screenshot,
  signIn,
  staffAndLead,
  useBrowserTest,
} from "../helpers/browser.js";

const ADMIN = { email: "admin@example.jp", password: "admin-Passw0rd-circulation" };
const { staff: STAFF, lead: LEAD } = staffAndLead("call_center", "circulation");
const TODAY = jstToday();

describeBrowser("browser: 回覧 of an improvement and the notifications it brings", () => {
  let base = "";
  let page: Page;
  let call: AdminCall;
  let improvementId = 0;

  useBrowserTest({
    admin: ADMIN,
    users: [STAFF, LEAD],
    tmpPrefix: "koe-circulation-",
    defaultTimeout: 20_000,
    async setup(test) {
      ({ url: base, page, call } = test);
      const ids: number[] = [];
      for (const content of ["折り返しの電話が約束の時間に来なかった。", "折り返しが翌日になり、困った。"]) {
        const v = await call<{ id: number }>("POST", "/voices", callCenterComplaint(5, content));
        ids.push(v.id);
      }
      const taxonomy = await call<{ departments: { id: number; code: string }[] }>("GET", "/taxonomy");
      const callCenter = taxonomy.departments.find((d) => d.code === "call_center")?.id;
      const imp = await call<{ id: number }>("POST", "/improvements", {
        title: "折り返し電話の時刻を予約制にする",
        problem: "折り返しの約束の時間が守られず、苦情になっている",
        ownerDepartmentId: callCenter,
        dueDate: addCalendarDays(TODAY, 30),
        voiceIds: ids,
      });
      improvementId = imp.id;
    },
  });

  const choose = async (label: string, option: string) => {
    const name = new RegExp(`^${label}\\s*\\*?$`);
    await page.getByRole("textbox", { name }).or(page.getByRole("combobox", { name })).first().click();
    await page.getByRole("option", { name: option, exact: true }).click();
    await page.keyboard.press("Escape");
  };

  it("sends an improvement round, a recipient reads it from the bell, the sender sees who has not", async () => {
    await signIn(page, base, ADMIN);
    await page.goto(`${base}/improvements/${improvementId}`);
    await page.getByRole("link", { name: "この改善課題を回覧する" }).click();
    await page.getByRole("heading", { name: "回覧を作る" }).waitFor();
    await expect
      .poll(() => page.getByTestId("circulate-improvement").textContent())
      .toContain("「折り返し電話の時刻を予約制にする」");
    await page.getByLabel("件名").fill("改善課題の共有: 折り返し電話");
    await page.getByLabel("メッセージ").fill("朝礼で読み合わせ、気づいたことをコメントしてください。");
    await choose("職員", STAFF.name);
    await choose("職員", LEAD.name);
    await screenshot(page, "circulation-form-improvement", { fromTop: true });
    await page.getByRole("button", { name: "回覧を送る" }).click();
    await page.waitForURL((u) => /\/circulations\/\d+$/.test(u.pathname));
    const circulationPath = new URL(page.url()).pathname;
    const card = page.getByTestId("circulated-improvement");
    await card.waitFor();
    expect(await card.textContent()).toContain("課題: 折り返しの約束の時間が守られず、苦情になっている");
    expect(await card.textContent()).toContain("もとになった声 2件");
    // recipients in department order, then by id: the staff member was created before the lead
    expect(await page.getByTestId("not-read").textContent()).toBe(
      `まだ読んでいない人: ${STAFF.name}、${LEAD.name}`,
    );
    await screenshot(page, "circulation-sent", { fromTop: true });

    // the recipient: the bell counts it, the notification opens it, reading is confirmed once
    await signIn(page, base, STAFF);
    const bell = page.getByTestId("notification-bell");
    await expect.poll(() => bell.getAttribute("aria-label")).toBe("通知 未読1件");
    await bell.click();
    await page.getByRole("heading", { name: "通知", exact: true }).waitFor();
    const note = page.getByTestId("notification").first();
    expect(await note.textContent()).toContain("回覧「改善課題の共有: 折り返し電話」が届きました");
    expect(await note.textContent()).toContain("改善課題「折り返し電話の時刻を予約制にする」");
    await screenshot(page, "notifications-circulation", { fromTop: true });
    await note.getByRole("button", { name: "開く" }).click();
    await page.waitForURL((u) => u.pathname === circulationPath);
    await page.getByTestId("circulated-improvement").waitFor();
    await page.getByRole("button", { name: "既読にする" }).click();
    await page
      .getByText(/^既読 /)
      .first()
      .waitFor();
    await screenshot(page, "circulation-read-by-recipient", { fromTop: true });

    // the sender: 1 of 2 read, the lead has not
    await signIn(page, base, ADMIN);
    await page.goto(`${base}/circulations`);
    await page
      .locator("label")
      .filter({ hasText: /^送った回覧$/ })
      .click();
    const row = page.getByRole("row", { name: /改善課題の共有: 折り返し電話/ });
    await expect.poll(() => row.textContent()).toContain("1 / 2 人");
    expect(await row.textContent()).toContain("改善課題「折り返し電話の時刻を予約制にする」");
    await screenshot(page, "circulations-sent-box", { fromTop: true });
    await page.goto(`${base}${circulationPath}`);
    await expect
      .poll(() => page.getByTestId("not-read").textContent())
      .toBe(`まだ読んでいない人: ${LEAD.name}`);
    expect(await page.getByRole("heading", { name: /既読の状況/ }).textContent()).toContain("1 / 2 人");
    await screenshot(page, "circulation-sender-sees-unread", { fromTop: true });
  });
});
