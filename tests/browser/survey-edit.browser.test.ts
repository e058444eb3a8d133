// cs edits a survey that already has answers: the title, the period and a question's wording change and show at
// once; deleting an answered question is refused with the server's Japanese message, and nothing changes. Against
// the real server; needs `npm run build` (dist/) and Debian's Chromium at /usr/bin/chromium.
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import type { Survey } from "../../src/features/surveys/contract.js";
import { type AdminCall, describeBrowser, type Koe, screenshot, useBrowserTest } from "../helpers/browser.js";

const ADMIN = { email: "admin@example.jp", password: "admin-Passw0rd-survey-edit" };

describeBrowser("browser: editing a survey", () => {
  let koe: Koe;
  let page: Page;
  let call: AdminCall;
  let survey: Survey;

  useBrowserTest({
    admin: ADMIN,
    tmpPrefix: "koe-survey-edit-",
    context: { viewport: { width: 1280, height: 900 } },
    async setup(test) {
      ({ koe, page } = test);
      call = (await koe.adminApi()).call;
      survey = await call<Survey>("POST", "/surveys", {
        name: "保全対応時アンケート",
        kind: "servicing",
        questions: [
          {
            key: "overall",
            type: "satisfaction",
            label: "今回の対応に満足されましたか",
            required: true,
            headline: true,
          },
          { key: "comment", type: "text", label: "ご意見", required: false },
        ],
      });
      await call("POST", `/surveys/${survey.id}/answers`, {
        answerId: "紙-1",
        answers: { overall: 4, comment: "早かった" },
      });
    },
  });

  it("changes the title, period and wording, and refuses to delete an answered question", async () => {
    await page.goto(`${koe.url}/login`);
    await page.getByLabel("メールアドレス").fill(ADMIN.email);
    await page.getByLabel("パスワード", { exact: true }).fill(ADMIN.password);
    await page.getByRole("button", { name: "ログイン" }).click();
    await page.waitForURL((u) => u.pathname !== "/login");
    await page.goto(`${koe.url}/surveys/${survey.id}`);
    await page.getByRole("heading", { name: "保全対応時アンケート", level: 2 }).waitFor();

    await page.getByRole("button", { name: "編集", exact: true }).click();
    const editor = page.getByRole("region", { name: "アンケートの編集" });
    await editor.getByText("回答が1件あります").waitFor();
    await editor.getByLabel("アンケート名").fill("2025年度 保全対応時アンケート");
    await editor.getByLabel("受付終了日").fill("2026/3/31");
    await editor.getByLabel("質問文").last().fill("ご意見・ご要望をお聞かせください");
    await screenshot(page, "survey-edit-01-form");
    await editor.getByRole("button", { name: "保存" }).click();

    await page.getByRole("heading", { name: "2025年度 保全対応時アンケート", level: 2 }).waitFor();
    expect(await page.getByRole("region", { name: "アンケートの編集" }).count()).toBe(0);
    const saved = await call<Survey>("GET", `/surveys/${survey.id}`);
    expect(saved).toMatchObject({ name: "2025年度 保全対応時アンケート", closesOn: "2026-03-31" });
    expect(saved.questions.map((q) => q.label)).toEqual([
      "今回の対応に満足されましたか",
      "ご意見・ご要望をお聞かせください",
    ]);
    await screenshot(page, "survey-edit-02-saved");

    // The answered free-text question cannot be deleted: the server's rule, shown in Japanese.
    await page.getByRole("button", { name: "編集", exact: true }).click();
    const again = page.getByRole("region", { name: "アンケートの編集" });
    await again.getByRole("button", { name: "削除" }).last().click();
    await again.getByRole("button", { name: "保存" }).click();
    await again
      .getByText("回答のある設問「ご意見・ご要望をお聞かせください」は削除や形式の変更ができません")
      .waitFor();
    await screenshot(page, "survey-edit-03-refused");
    expect((await call<Survey>("GET", `/surveys/${survey.id}`)).questions).toHaveLength(2);
  });
});
