// The KPI register's and activity records' editing screens in a real browser against the real server, over
// seed 000's records: a KPI is added, its 2023 value and narrative (取り組み・評価) written, then retired — its
// history still shows in the register and its history dialog; the rate wording setting switches ％ → ポイント;
// on the 月次実績 tab a CSV with bad rows is refused row by row, a good one checked then imported, and one figure
// deleted; the editable lists, a staff edit and 「改善として登録」 on an audit item (seen from the improvement).
// Needs `npm run build` and Debian's Chromium.
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { describeBrowser, screenshot, signIn, useBrowserTest } from "../helpers/browser.js";
import { enterSeed000 } from "../helpers/kpi-seed-000.js";

const ADMIN = { email: "admin@example.jp", password: "admin-Passw0rd-kpi-edit" };
const KPI_NAME = "保障点検の実施件数";
const NARRATIVE = "組合員訪問に合わせて保障点検を案内し、前年を上回りました。";

describeBrowser("browser: editing KPIs and activity records", () => {
  let base = "";
  let page: Page;

  useBrowserTest({
    admin: ADMIN,
    tmpPrefix: "koe-kpi-edit-browser-",
    seed: (db) => enterSeed000(db),
    context: { viewport: { width: 1400, height: 900 } },
    defaultTimeout: 15_000,
    async setup(test) {
      ({ url: base, page } = test);
      // 廃止 and 削除 ask for confirmation
      page.on("dialog", (d) => void d.accept());
      await signIn(page, base, ADMIN);
      await page.getByRole("link", { name: "KPI" }).waitFor();
    },
  });

  it("adds a KPI, writes its narrative, retires it, and its history still shows", async () => {
    await page.goto(`${base}/kpis?year=2023&tab=definitions`);
    await page.getByRole("button", { name: "指標を追加" }).click();
    const form = page.getByRole("dialog", { name: "指標を追加" });
    await form.getByLabel("テーマ").selectOption({ index: 1 });
    await form.getByLabel("指標名").fill("");
    // an empty name is refused in Japanese under its field
    await form.getByRole("button", { name: "追加" }).click();
    await form.getByText("指標名を入力してください").waitFor();
    await form.getByLabel("指標名").fill(KPI_NAME);
    await form.getByLabel("単位").selectOption("件");
    await form.getByLabel("値の求め方").selectOption("manual");
    await form.getByLabel("目標（任意）").fill("前年以上");
    await screenshot(page, "kpi-add-form");
    await form.getByLabel("目標（任意）").press("Enter");
    await form.waitFor({ state: "hidden" });
    const def = page.locator("tr[data-kpi-id]", { hasText: KPI_NAME });
    await def.waitFor();
    expect(await def.textContent()).toContain("手入力（根拠を添えて）");

    await page.getByRole("tab", { name: "KPI一覧" }).click();
    const row = page.locator("tr[data-kpi]", { hasText: KPI_NAME });
    await row.getByRole("button", { name: "取り組み・評価" }).click();
    const dialog = page.getByRole("dialog", { name: `${KPI_NAME}：2023年の取り組み・評価` });
    await dialog.getByLabel("値（件）").fill("－5");
    await dialog.getByRole("button", { name: "保存" }).click();
    await dialog.getByText("値は0以上の数値で入力してください").waitFor();
    await dialog.getByLabel("値（件）").fill("1,342");
    await dialog.getByLabel("根拠（資料名・集計元）").fill("共済推進部 月報（2023年12月）");
    await dialog.getByLabel("取り組み・評価", { exact: true }).fill(NARRATIVE);
    // Ctrl+Enter in the narrative saves
    await dialog.getByLabel("取り組み・評価", { exact: true }).press("Control+Enter");
    await dialog.getByText("保存しました").waitFor();
    const history = dialog.getByRole("table", { name: "指標の履歴" });
    expect(await history.locator("tbody tr").first().textContent()).toContain("1,342件");
    expect(await history.locator("tbody tr").first().textContent()).toContain(NARRATIVE);
    await screenshot(page, "kpi-entry-dialog");
    await page.keyboard.press("Escape");
    await dialog.waitFor({ state: "hidden" });
    await expect.poll(() => row.locator('[data-role="value"]').textContent()).toBe("1,342件");
    expect(await row.locator('[data-role="narrative"]').textContent()).toContain(NARRATIVE);

    // retired: it stays in the 2023 register, marked, and its history dialog still reads
    await page.getByRole("tab", { name: "指標の管理" }).click();
    await def.getByRole("button", { name: "廃止" }).click();
    await def.getByText(/^廃止 \d{4}-\d{2}-\d{2}$/).waitFor();
    await def.getByRole("button", { name: "履歴" }).click();
    const past = page.getByRole("dialog", { name: `${KPI_NAME}：2023年の取り組み・評価` });
    await past.getByText(/廃止（\d{4}-\d{2}-\d{2}）/).waitFor();
    expect(await past.getByRole("table", { name: "指標の履歴" }).textContent()).toContain(NARRATIVE);
    await screenshot(page, "kpi-definitions-retired-history");
    await page.keyboard.press("Escape");
    await page.getByRole("tab", { name: "KPI一覧" }).click();
    await row.waitFor();
    expect(await row.textContent()).toContain("廃止");
    expect(await row.locator('[data-role="value"]').textContent()).toBe("1,342件");
    expect(await row.locator('[data-role="narrative"]').textContent()).toContain(NARRATIVE);
    await screenshot(page, "kpi-register-with-retired");
  });

  it("the rate wording setting switches ％ to ポイント", async () => {
    await page.goto(`${base}/kpis?year=2023&tab=settings`);
    await page.getByLabel("ポイント（例: 前年より0.6ポイント減少）").check();
    await page.getByRole("button", { name: "設定を保存" }).click();
    await page.getByText("報告の設定を保存しました").waitFor();
    await screenshot(page, "kpi-reporting-settings");
    await page.getByRole("tab", { name: "KPI一覧" }).click();
    await expect
      .poll(() => page.locator('tr[data-kpi="4-3"] [data-role="yoy"]').textContent())
      .toBe("前年より0.6ポイント減少");
  });

  it("the 月次実績 tab imports a CSV (checked first, bad rows named) and deletes one figure", async () => {
    await page.goto(`${base}/activities?year=2023&tab=figures`);
    const dec = page.getByLabel("12月 保障相談件数");
    await expect.poll(() => dec.inputValue()).toBe("435");
    const file = page.locator('input[type="file"]');
    await file.setInputFiles({
      name: "月次実績_誤り.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(
        "月,項目,種目,件数,満期件数\n2023-12,保障相談件数,,五百,\n2023-12,継続率,傷害,120,100\n",
      ),
    });
    await page.getByRole("button", { name: "確認する（書き込みません）" }).click();
    const problems = page.getByTestId("import-problems");
    await problems.getByText("2件の誤りがあります。何も取り込んでいません").waitFor();
    expect(await problems.textContent()).toContain("2行目: 件数は数値で入力してください");
    expect(await problems.textContent()).toContain(
      "3行目: 継続件数が満期件数を超えています（継続率が100%を超えます）",
    );
    expect(await page.getByRole("button", { name: "取り込む", exact: true }).isDisabled()).toBe(true);
    await screenshot(page, "activities-figures-import-errors", { fromTop: true });

    await file.setInputFiles({
      name: "月次実績.csv",
      mimeType: "text/csv",
      buffer: Buffer.from(
        "月,項目,種目,件数,満期件数\n2023-12,保障相談件数,,500,\n2023-12,継続率,傷害,95,100\n",
      ),
    });
    await page.getByRole("button", { name: "確認する（書き込みません）" }).click();
    await page.getByText("2件の実績を読み込めます。うち1件は登録済みの値を置き換えます。").waitFor();
    // the check stored nothing
    expect(await dec.inputValue()).toBe("435");
    await page.getByRole("button", { name: "2件を取り込む" }).click();
    await page.getByText("2件の実績を取り込みました（うち1件は前の値を置き換え）").waitFor();
    await expect.poll(() => page.getByLabel("12月 保障相談件数").inputValue()).toBe("500");
    expect(await page.getByLabel("12月 傷害 継続件数").inputValue()).toBe("95");
    await screenshot(page, "activities-figures-imported", { fromTop: true });

    await page.getByRole("button", { name: /登録済みの実績/ }).click();
    await page.getByRole("button", { name: "継続率 傷害（12月）を削除" }).click();
    await expect.poll(() => page.getByLabel("12月 傷害 継続件数").count()).toBe(0);
    expect(await page.locator('tr[data-figure="2023-12|renewals|傷害"]').count()).toBe(0);
    await expect.poll(() => page.getByLabel("12月 保障相談件数").inputValue()).toBe("500");
    await screenshot(page, "activities-figures-stored", { fromTop: true });
  });

  it("edits the lists and a staff member, and registers an audit item as an improvement", async () => {
    await page.goto(`${base}/activities?year=2023&tab=lists`);
    await page.getByLabel("新しい資格のコード").fill("securities");
    await page.getByLabel("新しい資格の名前").fill("証券外務員一種");
    await page.getByRole("form", { name: "資格の追加" }).getByLabel("専門資格として数える").check();
    await page.getByRole("form", { name: "資格の追加" }).getByRole("button", { name: "追加" }).click();
    await page.locator('tr[data-label-code="securities"]').waitFor();
    await page.getByLabel("マナーの名前").fill("接遇・マナー");
    await page.getByLabel("マナーの名前").press("Enter");
    await page.getByLabel("接遇・マナーの名前").waitFor();
    await screenshot(page, "activities-lists");

    await page.getByRole("tab", { name: "職員・資格" }).click();
    const staff = page.getByRole("table", { name: "職員名簿" });
    await staff.getByRole("button", { name: "編集" }).first().click();
    const edit = page.getByRole("dialog", { name: /^職員を編集/ });
    await edit.getByLabel("在籍終了日（在籍中は空欄）").fill("2023/3/1");
    await edit.getByLabel("在籍開始日").fill("2023/4/1");
    await edit.getByRole("button", { name: "変更を保存" }).click();
    await edit.getByText("在籍終了日は在籍開始日以降の日付にしてください").waitFor();
    await screenshot(page, "activities-staff-edit", { fromTop: true });
    const name = (await edit.getByLabel("氏名").inputValue()).trim();
    await edit.getByLabel("在籍開始日").fill("2012/4/1");
    await edit.getByLabel("在籍終了日（在籍中は空欄）").fill("2023/12/31");
    await edit.getByRole("button", { name: "資格を追加" }).click();
    await edit
      .getByLabel(/つ目の資格$/)
      .last()
      .selectOption("証券外務員一種");
    await edit
      .getByLabel(/つ目の資格の取得日$/)
      .last()
      .fill("2023/6/1");
    await edit.getByRole("button", { name: "変更を保存" }).click();
    await edit.waitFor({ state: "hidden" });
    const edited = staff.locator("tbody tr", { hasText: name });
    await expect.poll(() => edited.first().textContent()).toContain("2023-12-31");
    expect(await edited.first().textContent()).toContain("証券外務員一種");

    await page.getByRole("tab", { name: "点検・監査" }).click();
    const audits = page.getByRole("table", { name: "点検・監査の記録" });
    const item = audits.locator("[data-audit-item]", { hasText: "障がい者差別解消法" });
    await item.getByRole("button", { name: "改善として登録" }).click();
    const reg = page.getByRole("dialog", { name: "改善として登録" });
    await reg.getByLabel("期限").fill("2027/3/31");
    await reg.getByRole("button", { name: "登録" }).click();
    await reg.getByText("担当部署を選んでください").waitFor();
    await reg.getByLabel("担当部署").selectOption({ index: 1 });
    await screenshot(page, "activities-audit-improvement-dialog");
    await reg.getByRole("button", { name: "登録" }).click();
    await reg.waitFor({ state: "hidden" });
    await item.getByText("改善課題: 提案").waitFor();
    await screenshot(page, "activities-audits-linked");
    await item.getByText("改善課題: 提案").click();
    await page.getByRole("heading", { name: /障がい者差別解消法/ }).waitFor();
    const origins = page.getByTestId("audit-origins");
    expect(await origins.textContent()).toContain(
      "：障がい者差別解消法に合わせてコンプライアンスマニュアルを変更",
    );
    expect(await origins.textContent()).toContain("外部監査");
    await screenshot(page, "improvement-from-audit");
  });
});
