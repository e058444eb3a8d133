// The type of a complaint in the edit form: staff see it fixed and why; the department's lead changes it
// with a reason, the timeline shows 種別変更, and the lead is not offered 完了にする afterwards.
// Needs `npm run build` (dist/) and Debian's Chromium at /usr/bin/chromium.
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import type { VoiceDetail } from "../../src/shared/api-contract.js";
import { describeBrowser, screenshot, staffAndLead, useBrowserTest } from "../helpers/browser.js";

const ADMIN = { email: "admin@example.jp", password: "admin-Passw0rd-complaint-type" };
const DEPARTMENT_CODE = "tokyo_branch";
const { staff: STAFF, lead: LEAD } = staffAndLead(DEPARTMENT_CODE, "complaint-type");
const REASON = "お礼のお電話で、不満の表明ではなかったため";

describeBrowser("browser: changing the type of a complaint", () => {
  let base = "";
  let page: Page;
  let voice: VoiceDetail;

  useBrowserTest({
    admin: ADMIN,
    users: [STAFF, LEAD],
    tmpPrefix: "koe-browser-complaint-type-",
    context: { viewport: { width: 1366, height: 900 } },
    async setup(test) {
      ({ url: base, page } = test);
      voice = await (await test.koe.adminApi()).call<VoiceDetail>("POST", "/voices", {
        receivedAt: "2025/6/3 14:20",
        channel: "counter",
        type: "complaint",
        category: "handling",
        department: DEPARTMENT_CODE,
        content:
          "窓口の方が保障内容を時間をかけて説明してくださり、安心して更新できました。お礼を伝えたくてお電話しました。",
      });
    },
  });

  async function login(user: { email: string; password: string; name: string }) {
    await page.goto(`${base}/`);
    await page.getByLabel("メールアドレス").fill(user.email);
    await page.getByLabel("パスワード", { exact: true }).fill(user.password);
    await page.getByRole("button", { name: "ログイン" }).click();
    await expect.poll(() => page.getByTestId("current-user").textContent()).toBe(user.name);
  }
  async function openEditForm() {
    await page.goto(`${base}/voices/${voice.id}`);
    await page.getByTestId("receipt-number").waitFor();
    await page.getByRole("button", { name: "編集" }).click();
    await page.getByRole("heading", { name: "声の編集" }).waitFor();
  }

  it("staff see the type of a complaint fixed, with who may change it", async () => {
    await login(STAFF);
    await openEditForm();
    const type = page.getByLabel("種別");
    expect(await type.inputValue()).toBe("complaint");
    expect(await type.isDisabled()).toBe(true);
    await page.getByText("苦情の種別は、対応部署の責任者・CS部門・管理者のみが変更できます").waitFor();
    // Other fields stay editable.
    expect(await page.getByLabel("分類").isDisabled()).toBe(false);
    await screenshot(page, "complaint-type-01-staff-locked", { fromTop: true });
    await page.getByRole("button", { name: "キャンセル" }).click();
    await page.getByRole("button", { name: "ログアウト" }).click();
  });

  it("the lead changes it with a reason; the timeline shows 種別変更 and the lead may not close it", async () => {
    await login(LEAD);
    await openEditForm();
    const type = page.getByLabel("種別");
    expect(await type.isDisabled()).toBe(false);
    expect(await page.getByLabel("種別を変更する理由").count()).toBe(0);
    await type.selectOption({ label: "感謝・評価" });
    const reason = page.getByLabel("種別を変更する理由");
    await reason.waitFor();
    await page.getByRole("button", { name: "変更を保存" }).click();
    await page.getByText("苦情から種別を変更する理由を入力してください").waitFor();
    await reason.fill(REASON);
    await screenshot(page, "complaint-type-02-lead-reason", { fromTop: true });
    await page.getByRole("button", { name: "変更を保存" }).click();
    await page.getByText("変更を保存しました。").waitFor();

    const timeline = page.getByLabel("対応履歴");
    await timeline.getByText("種別変更").waitFor();
    await timeline.getByText("苦情 → 感謝・評価").waitFor();
    await timeline.getByText(REASON).waitFor();
    expect(await page.getByRole("button", { name: "完了にする" }).count()).toBe(0);
    await screenshot(page, "complaint-type-03-timeline", { fromTop: true });
    await page.getByRole("button", { name: "ログアウト" }).click();

    // Another person closes it.
    await login(STAFF);
    await page.goto(`${base}/voices/${voice.id}`);
    await page.getByRole("button", { name: "完了にする" }).waitFor();
  });
});
