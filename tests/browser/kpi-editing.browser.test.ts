// The KPI register's and activity records' editing screens in a real browser against the real server, over
// seed 000's records: a KPI is added, its 2023 value and narrative (取り組み・評価) written, then retired — its
// history still shows in the register and its history dialog; the rate wording setting switches ％ → ポイント;
// on the 月次実績 tab a CSV with bad rows is refused row by row, a good one checked then imported, and one figure
// deleted; the editable lists, a staff edit and 「改善として登録」 on an audit item (seen from the improvement);
// a training, an event and an audit edited in place, another audit item linked to that improvement; the
// customer-protection records edited and deleted; a theme renamed, retired and restored; the satisfaction KPI's
// survey kind picked from the list; the year selector saying 年度 on the fiscal-year basis.
// Needs `npm run build` and Debian's Chromium.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, expect, it } from "vitest";
import { prepareDatabase } from "../../src/bootstrap.js";
import { openTarget } from "../../src/db/database.js";
import { describeBrowser, launchChromium, screenshot } from "../helpers/browser.js";
import { enterSeed000 } from "../helpers/kpi-seed-000.js";
import { type ServerProcess, startServerProcess } from "../helpers/server-process.js";

const ADMIN = { email: "admin@example.jp", password: "admin-Passw0rd-kpi-edit" };
const KPI_NAME = "保障点検の実施件数";
const NARRATIVE = "組合員訪問に合わせて保障点検を案内し、前年を上回りました。";

describeBrowser("browser: editing KPIs and activity records", () => {
  let dir = "";
  let server: ServerProcess | undefined;
  let browser: Browser | undefined;
  let page: Page;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "koe-kpi-edit-browser-"));
    const file = join(dir, "koe.sqlite");
    const kdb = await openTarget({ dialect: "sqlite", path: file });
    await prepareDatabase(kdb, ADMIN);
    await kdb.db.transaction().execute((trx) => enterSeed000(trx));
    await kdb.close();
    server = await startServerProcess({
      DATABASE_URL: `sqlite:${file}`,
      KOE_ADMIN_EMAIL: ADMIN.email,
      KOE_ADMIN_PASSWORD: ADMIN.password,
    });
    browser = await launchChromium();
    const context = await browser.newContext({
      locale: "ja-JP",
      timezoneId: "Asia/Tokyo",
      viewport: { width: 1400, height: 900 },
    });
    context.setDefaultTimeout(15_000);
    page = await context.newPage();
    // 廃止 and 削除 ask for confirmation
    page.on("dialog", (d) => void d.accept());
    await page.goto(`${server.url}/`);
    await page.getByLabel("メールアドレス").fill(ADMIN.email);
    await page.getByLabel("パスワード", { exact: true }).fill(ADMIN.password);
    await page.getByRole("button", { name: "ログイン" }).click();
    await page.getByRole("link", { name: "KPI" }).waitFor();
  }, 180_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  }, 20_000);

  it("adds a KPI, writes its narrative, retires it, and its history still shows", async () => {
    await page.goto(`${server?.url}/kpis?year=2023&tab=definitions`);
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
    await page.goto(`${server?.url}/kpis?year=2023&tab=settings`);
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
    await page.goto(`${server?.url}/activities?year=2023&tab=figures`);
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
    await page.goto(`${server?.url}/activities?year=2023&tab=lists`);
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

  it("edits a training, an event and an audit in place, and links an audit item to the existing improvement", async () => {
    await page.goto(`${server?.url}/activities?year=2023&tab=trainings`);
    const trainings = page.getByRole("table", { name: "研修の記録" });
    await trainings.locator("tbody tr").nth(1).getByRole("button", { name: "編集" }).click();
    const row = trainings.locator('tr[data-role="edit-row"]');
    await row.getByLabel("研修名（編集）").fill("");
    await row.getByRole("button", { name: "保存" }).click();
    await row.getByText("研修名を入力してください").waitFor();
    await row.getByLabel("研修名（編集）").fill("新商品説明会（医療共済・改訂版）");
    await row.getByLabel("参加人数（編集）").fill("２４");
    await screenshot(page, "activities-training-edit-row", { fromTop: true });
    await row.getByLabel("研修名（編集）").press("Enter");
    await row.waitFor({ state: "detached" });
    const edited = trainings.locator("tbody tr", { hasText: "新商品説明会（医療共済・改訂版）" });
    expect(await edited.textContent()).toContain("24名");

    await page.getByRole("tab", { name: "イベント・セミナー・相談会" }).click();
    const events = page.getByRole("table", { name: "イベント・セミナー・相談会の記録" });
    await events.locator("tbody tr").nth(1).getByRole("button", { name: "編集" }).click();
    const eventRow = events.locator('tr[data-role="edit-row"]');
    await eventRow.getByLabel("参加人数（編集）").fill("四十");
    await eventRow.getByRole("button", { name: "保存" }).click();
    await eventRow.getByText("参加人数は整数で入力してください").waitFor();
    await eventRow.getByLabel("種類（編集）").selectOption("相談会");
    await eventRow.getByLabel("参加人数（編集）").fill("45");
    await eventRow.getByRole("button", { name: "保存" }).click();
    await eventRow.waitFor({ state: "detached" });
    await events.locator("tbody tr", { hasText: "45名" }).first().waitFor();

    await page.getByRole("tab", { name: "点検・監査" }).click();
    const audits = page.getByRole("table", { name: "点検・監査の記録" });
    const other = audits.locator("[data-audit-item]", { hasText: "顧客管理システムの対話履歴を改良" });
    await other.getByRole("button", { name: "既存の改善に紐づけ" }).click();
    const link = page.getByRole("dialog", { name: "既存の改善に紐づけ" });
    await link.getByLabel("改善課題を探す").fill("障がい者");
    await link.getByRole("radio", { name: /障がい者差別解消法/ }).check();
    await screenshot(page, "activities-audit-link-dialog");
    await link.getByRole("button", { name: "紐づける" }).click();
    await link.waitFor({ state: "hidden" });
    await other.getByText("改善課題: 提案").waitFor();

    // the audit edited: its auditor and a reworded item; the linked items stay linked
    const auditRow = audits.locator("tbody tr", { hasText: "顧客管理システムの対話履歴を改良" });
    await auditRow.getByRole("button", { name: "編集" }).click();
    const auditEdit = audits.locator('tr[data-role="edit-row"]');
    await auditEdit.getByLabel("実施者（編集）").fill("CO・OP共済連 監査部");
    const items = auditEdit.getByLabel("改善項目（「、」区切り）（編集）");
    await items.fill(
      "障がい者差別解消法に合わせてコンプライアンスマニュアルを変更\n顧客管理システムの対話履歴を改良（検索機能を含む）",
    );
    await screenshot(page, "activities-audit-edit-row");
    await auditEdit.getByRole("button", { name: "保存" }).click();
    await auditEdit.waitFor({ state: "detached" });
    const reworded = audits.locator("[data-audit-item]", { hasText: "（検索機能を含む）" });
    await reworded.getByText("改善課題: 提案").waitFor();
    expect(await audits.locator("tbody tr", { hasText: "（検索機能を含む）" }).textContent()).toContain(
      "CO・OP共済連 監査部",
    );
    await screenshot(page, "activities-audits-after-edit");

    // a second link of the same item is refused in Japanese: the item now offers no link at all
    expect(await reworded.getByRole("button", { name: "既存の改善に紐づけ" }).count()).toBe(0);
    await reworded.getByText("改善課題: 提案").click();
    const origins = page.getByTestId("audit-origins");
    await origins.waitFor();
    await expect.poll(() => origins.textContent()).toContain("顧客管理システムの対話履歴を改良");
    expect(await origins.textContent()).toContain("障がい者差別解消法");
    await screenshot(page, "improvement-from-two-audit-items");
  });

  it("edits and deletes elderly-handling and intent records, with a confirmation", async () => {
    await page.goto(`${server?.url}/activities?year=2023&tab=protection`);
    const handlings = page.getByRole("table", { name: "高齢のお客さまへの対応" });
    await handlings.getByLabel("新しい記録の対応日").fill("2023/5/10");
    await handlings.getByLabel("新しい記録のお客さまの参照番号").fill("契約 B-2041");
    await handlings.getByLabel("新しい記録の担当者").fill("山本 花子");
    await handlings.getByLabel("新しい記録の対応方法（「、」区切り）").fill("親族同席");
    await handlings.getByLabel("新しい記録の対応方法（「、」区切り）").press("Enter");
    const handling = handlings.locator("tbody tr", { hasText: "契約 B-2041" });
    await handling.waitFor();
    await handling.getByRole("button", { name: "編集" }).click();
    const hEdit = handlings.locator('tr[data-role="edit-row"]');
    await hEdit.getByLabel("対応方法（「、」区切り）（編集）").fill("親族同席、手紙");
    await hEdit.getByRole("button", { name: "保存" }).click();
    await hEdit.getByText(/対応方法「手紙」はありません/).waitFor();
    await hEdit.getByLabel("対応方法（「、」区切り）（編集）").fill("親族同席、電話での確認");
    await hEdit.getByRole("button", { name: "保存" }).click();
    await hEdit.waitFor({ state: "detached" });
    await expect.poll(() => handling.textContent()).toContain("親族同席・電話での確認");

    const intents = page.getByRole("table", { name: "意向把握・確認の記録" });
    await intents.getByLabel("新しい記録の記録日").fill("2023/5/20");
    await intents.getByLabel("新しい記録のお客さまの参照番号").fill("契約 C-3302");
    await intents.getByLabel("新しい記録の当初の意向").fill("入院保障を厚くしたい");
    await intents.getByLabel("新しい記録の最終の意向").fill("入院保障と先進医療特約");
    await intents.getByLabel("新しい記録の最終の意向").press("Enter");
    const intent = intents.locator("tbody tr", { hasText: "契約 C-3302" });
    await intent.waitFor();
    expect(await intent.textContent()).toContain("意向が変わった理由");
    await intent.getByRole("button", { name: "編集" }).click();
    const dialog = page.getByRole("dialog", { name: "意向把握・確認の記録を編集" });
    await dialog.getByLabel("お客さま確認日").fill("2099/1/1");
    await dialog.getByRole("button", { name: "変更を保存" }).click();
    await dialog.getByText(/お客さま確認日に未来の日付/).waitFor();
    await dialog.getByLabel("担当者").fill("田中 一郎");
    await dialog.getByLabel("商品").fill("医療共済");
    await dialog.getByLabel("選んだ理由").fill("通院保障も必要と気づかれたため");
    await dialog.getByLabel("意向が変わった理由").fill("先進医療の説明を受けて追加を希望");
    await dialog.getByLabel("お客さま確認日").fill("2023/5/27");
    await screenshot(page, "activities-intent-edit-dialog");
    await dialog.getByRole("button", { name: "変更を保存" }).click();
    await dialog.waitFor({ state: "hidden" });
    await intent.getByText("そろっています").waitFor();
    await screenshot(page, "activities-protection-edited", { fromTop: true });

    // 削除 asks first (the page accepts), then the records are gone
    const asked: string[] = [];
    const note = (d: { message: () => string }) => void asked.push(d.message());
    page.on("dialog", note);
    await intent.getByRole("button", { name: "削除" }).click();
    await intent.waitFor({ state: "detached" });
    await handling.getByRole("button", { name: "削除" }).click();
    await handling.waitFor({ state: "detached" });
    page.off("dialog", note);
    expect(asked).toEqual([
      "この記録を削除しますか？元に戻すことはできません。",
      "この記録を削除しますか？元に戻すことはできません。",
    ]);
  });

  it("renames, retires and restores a theme; the satisfaction KPI's survey kind is picked from the list", async () => {
    await page.goto(`${server?.url}/kpis?year=2023&tab=definitions`);
    const heading = page.locator("[data-theme-id]", { hasText: "組合員との接点を広げます" });
    await heading.getByRole("button", { name: "名前を変更" }).click();
    const rename = page.getByRole("form", { name: "テーマ「組合員との接点を広げます」の名前の変更" });
    await rename.getByLabel("テーマの名前").fill("");
    await rename.getByRole("button", { name: "保存" }).click();
    await rename.getByText("テーマ名を入力してください").waitFor();
    await rename.getByLabel("テーマの名前").fill("組合員とのつながりを深めます");
    await rename.getByLabel("テーマの名前").press("Enter");
    const renamed = page.locator("[data-theme-id]", { hasText: "組合員とのつながりを深めます" });
    await renamed.getByRole("button", { name: "テーマを廃止" }).click();
    await renamed.getByText(/^テーマ廃止/).waitFor();
    await screenshot(page, "kpi-theme-retired");

    // retired today: the 2023 register still shows the theme and its KPIs, marked
    await page.getByRole("tab", { name: "KPI一覧" }).click();
    await page.getByRole("heading", { name: /組合員とのつながりを深めます/ }).waitFor();
    await page
      .getByRole("table", { name: "組合員とのつながりを深めます" })
      .locator("tbody tr")
      .first()
      .waitFor();
    await screenshot(page, "kpi-register-retired-theme");
    await page.getByRole("tab", { name: "指標の管理" }).click();
    await renamed.getByRole("button", { name: "テーマを元に戻す" }).click();
    await renamed.getByRole("button", { name: "テーマを廃止" }).waitFor();

    const satisfaction = page.locator("tr[data-kpi-id]", { hasText: "加入者満足度調査" });
    await satisfaction.getByRole("button", { name: "編集" }).click();
    const form = page.getByRole("dialog", { name: /^指標を編集/ });
    const kind = form.getByLabel("アンケート種別");
    // the kinds arrive after the dialog opens: the stored code is selected once they are there
    await expect.poll(() => kind.inputValue()).toBe("members");
    const options = await kind.locator("option").allTextContents();
    expect(options.length).toBeGreaterThanOrEqual(2);
    expect(options[0]).toMatch(/^（指定なし: /);
    await screenshot(page, "kpi-form-survey-kind");
    await kind.selectOption({ index: 0 });
    await form.getByRole("button", { name: "変更を保存" }).click();
    await form.waitFor({ state: "hidden" });
  });

  it("the year selector says 年度 on the fiscal-year basis", async () => {
    await page.goto(`${server?.url}/kpis?year=2023&tab=settings`);
    const year = page.locator('input[aria-label="報告期間の年"]');
    expect(await year.inputValue()).toBe("2023年");
    await page.getByLabel(/^年度（/).check();
    await page.getByRole("button", { name: "設定を保存" }).click();
    await page.getByText("報告の設定を保存しました").waitFor();
    await expect.poll(() => year.inputValue()).toBe("2023年度");
    await year.click();
    await page.getByRole("option", { name: "2022年度" }).waitFor();
    await screenshot(page, "kpi-year-selector-fiscal");
    await page.keyboard.press("Escape");
    await page.getByLabel(/^暦年（/).check();
    await page.getByRole("button", { name: "設定を保存" }).click();
    await expect.poll(() => year.inputValue()).toBe("2023年");
  });
});
