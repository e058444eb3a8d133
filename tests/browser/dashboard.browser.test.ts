// The dashboard in a real browser against the real server: a lead lands on it, its work queues open the list on
// their count, a click on the 苦情 × 応対 slice of the donuts and on the same cell of the table view opens the list
// with that count, and the XLSX download holds the table view's numbers. Honest empty states for a fiscal year
// not yet begun and a department without voices. Needs `npm run build` and Debian's Chromium.
import { readFileSync } from "node:fs";
import ExcelJS from "exceljs";
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { createRandom } from "../../src/demo/random.js";
import { fiscalYearPeriod } from "../../src/domain/analysis-period.js";
import { fiscalYearOf } from "../../src/domain/fiscal-period.js";
import { formatDateTimeJa } from "../../src/shared/japanese-date.js";
import {
  type AdminCall,
  describeBrowser,
  screenshot,
  staffAndLead,
  useBrowserTest,
} from "../helpers/browser.js";

const ADMIN = { email: "admin@example.jp", password: "admin-Passw0rd-dashboard" };
const { staff: STAFF, lead: LEAD } = staffAndLead("call_center", "dashboard");

const TEXTS: Record<string, string[]> = {
  praise: [
    "コールセンターの方が保障内容をていねいに説明してくださり、安心しました。",
    "マイページの登録方法を電話で教えていただき、助かりました。",
    "共済金の支払いが早くて本当にありがたかったです。",
  ],
  request: [
    "住所変更をホームページからもできるようにしてほしい。",
    "請求書類の書き方の見本を同封してほしい。",
    "土曜日も窓口を開けてほしい。",
  ],
  complaint: [
    "電話がなかなかつながらず、30分以上待たされた。",
    "担当者の言葉づかいが乱暴で不快だった。",
    "説明を受けた内容と実際の手続きが違っていた。",
  ],
  other: ["パンフレットを送ってほしい。"],
};
const CHANNELS = ["counter", "call_center", "web", "consultation_office", "survey"];
const DEPARTMENTS = ["call_center", "call_center", "tokyo_branch", "osaka_branch", "claims"];
const CATEGORIES = ["handling", "servicing", "product", "application", "claim", "other"];

describeBrowser("browser: the dashboard", () => {
  let base = "";
  let page: Page;
  let call: AdminCall;
  const rnd = createRandom(20220601);
  const startMonth = 4;
  const lastFy = fiscalYearOf(new Date(), startMonth) - 1;
  const lastFyPeriod = fiscalYearPeriod(lastFy, startMonth);

  /** A time in last fiscal year (April start): month k (0–11) of it, a working-hours time. */
  const lastFyTime = (k: number) => {
    const m = ((startMonth - 1 + k) % 12) + 1;
    const y = m >= startMonth ? lastFy : lastFy + 1;
    return `${y}/${m}/${rnd.int(1, 28)} ${rnd.int(9, 17)}:${rnd.int(10, 59)}`;
  };
  const register = (v: Record<string, unknown>) =>
    call<{ id: number }>("POST", "/voices", {
      content: rnd.pick(TEXTS[String(v.type)] ?? TEXTS.other ?? []),
      channel: rnd.pick(CHANNELS),
      ...v,
    });

  useBrowserTest({
    admin: ADMIN,
    users: [STAFF, LEAD],
    tmpPrefix: "koe-dashboard-",
    context: { viewport: { width: 1366, height: 900 }, acceptDownloads: true },
    defaultTimeout: 20_000,
    async setup(test) {
      ({ url: base, page } = test);
      call = (await test.koe.adminApi()).call;
      // Last fiscal year: thanks, requests and complaints over the months, departments and channels; the
      // complaints mostly about 応対 (as in seed 004).
      for (let i = 0; i < 48; i++) {
        const type = rnd.pick(["praise", "praise", "praise", "request", "request", "other"]);
        await register({
          receivedAt: lastFyTime(i % 12),
          type,
          category: rnd.pick(CATEGORIES),
          department: rnd.pick(DEPARTMENTS),
        });
      }
      const complaints: [string, string][] = [
        ["handling", "call_center"],
        ["handling", "call_center"],
        ["handling", "tokyo_branch"],
        ["handling", "osaka_branch"],
        ["handling", "call_center"],
        ["product", "claims"],
        ["claim", "claims"],
      ];
      for (const [i, [category, department]] of complaints.entries())
        await register({ receivedAt: lastFyTime(i + 2), type: "complaint", category, department });
      // This year: a call-centre complaint answered and waiting for the lead's approval, and a new request.
      const now = formatDateTimeJa(new Date().toISOString());
      const open = await register({
        receivedAt: now,
        type: "complaint",
        category: "handling",
        department: "call_center",
      });
      await call("POST", `/voices/${open.id}/actions`, { action: "start" });
      await call("POST", `/voices/${open.id}/actions`, {
        action: "respond",
        method: "電話",
        content: "お詫びし、折り返しの体制を見直したことをお伝えしました。",
      });
      await call("POST", `/voices/${open.id}/actions`, { action: "resolve" });
      await register({ receivedAt: now, type: "request", category: "servicing", department: "call_center" });
    },
  });

  /** The voice list's 全 N 件 once it shows the answer for its address (polled by the caller). */
  const listTotal = async () => {
    const total = page.getByTestId("voice-total");
    if (!(await total.count()) || (await page.getByRole("heading", { name: "声の一覧" }).count()) === 0)
      return -1;
    return Number(
      /全\s*([\d,]+)\s*件/.exec((await total.textContent()) ?? "")?.[1]?.replaceAll(",", "") ?? -1,
    );
  };
  const number = (text: string | null) => Number((text ?? "").replace(/[,件]/g, "").replace("−", "-"));

  it("loads for a lead; queues, slices, table cells and the XLSX all agree with the voice list", async () => {
    // The lead logs in and lands on the dashboard, with the department's work queues at the top.
    await page.goto(`${base}/`);
    await page.getByLabel("メールアドレス").fill(LEAD.email);
    await page.getByLabel("パスワード", { exact: true }).fill(LEAD.password);
    await page.getByRole("button", { name: "ログイン" }).click();
    await page.getByRole("heading", { name: "ダッシュボード" }).waitFor();
    expect(new URL(page.url()).pathname).toBe("/dashboard");
    const approval = page.getByTestId("queue-awaiting_approval");
    expect(await approval.getByTestId("queue-count").textContent()).toBe("1件");
    await approval.click();
    await expect.poll(listTotal).toBe(1);
    await page.goBack();

    // 前年度: last fiscal year's numbers.
    await page.getByRole("region", { name: "期間と絞り込み" }).getByText("前年度", { exact: true }).click();
    await expect.poll(() => page.getByTestId("dashboard-period").textContent()).toContain(`${lastFy}年度`);
    expect(new URL(page.url()).searchParams.get("period")).toBe(lastFyPeriod.key);
    const totalTile = page.getByTestId("tile-total").getByTestId("tile-value");
    await expect.poll(() => totalTile.textContent()).toBe("55件");
    expect(
      number(await page.getByTestId("tile-type-complaint").getByTestId("tile-value").textContent()),
    ).toBe(7);

    // The 苦情 donut: hover the 応対 slice (the largest, so it covers 3 o'clock of its ring), read the tooltip,
    // click it and get the list with that count.
    const donuts = page.getByTestId("chart-donuts-canvas");
    await donuts.locator("canvas").first().waitFor();
    await page.getByTestId("chart-heatmap-canvas").locator("canvas").first().waitFor();
    await screenshot(page, "dashboard-01-lead-last-fy", { fromTop: true });
    await page.getByTestId("chart-donuts").scrollIntoViewIfNeeded();
    const box = await donuts.boundingBox();
    if (!box) throw new Error("no donuts");
    // Layout of chart-options.ts: types with voices, two per row under 1500 px, ring radius 0.3 × the cell.
    const shown: string[] = [];
    for (const type of ["praise", "request", "complaint", "other"])
      if (number(await page.getByTestId(`tile-type-${type}`).getByTestId("tile-value").textContent()) > 0)
        shown.push(type);
    const index = shown.indexOf("complaint");
    const perRow = 2;
    const rows = Math.ceil(shown.length / perRow);
    const outer = Math.round(Math.min(box.width / perRow, 320) * 0.3);
    const x = box.x + ((index % perRow) + 0.5) * (box.width / perRow) + outer * 0.8;
    const y = box.y + (Math.floor(index / perRow) + 0.55) * (box.height / rows);
    await page.mouse.move(x, y);
    const tooltip = donuts.locator("div", { hasText: "苦情・応対" }).last();
    await tooltip.waitFor();
    const sliceCount = number(/([\d,]+)件/.exec((await tooltip.textContent()) ?? "")?.[1] ?? null);
    expect(sliceCount).toBe(5);
    await page.mouse.click(x, y);
    await page.getByRole("heading", { name: "声の一覧" }).waitFor();
    await expect.poll(listTotal).toBe(sliceCount);
    expect(new URL(page.url()).searchParams.get("category")).toBe("handling");
    await page.goBack();

    // The table view holds the same numbers; its 苦情 × 応対 cell opens the same list.
    const card = page.getByTestId("chart-donuts");
    await card.getByText("表", { exact: true }).click();
    const table = page.getByTestId("table-donuts");
    await table.waitFor();
    expect(await table.locator("caption").textContent()).toBe(`種別ごとの分類別件数（${lastFy}年度）`);
    const tableRows = await table
      .locator("tbody tr")
      .evaluateAll((trs) => trs.map((tr) => [...tr.children].map((td) => td.textContent ?? "")));
    const cell = tableRows.find((r) => r[0] === "苦情" && r[1] === "応対");
    expect(number(cell?.[2] ?? null)).toBe(sliceCount);
    await table.getByRole("link", { name: /^苦情・応対、件数/ }).click();
    await expect.poll(listTotal).toBe(sliceCount);
    await page.goBack();

    // The XLSX download of the same chart: the table view's numbers, row by row.
    await card.getByText("表", { exact: true }).click();
    await card.getByRole("button", { name: /ダウンロード/ }).click();
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("menuitem", { name: "Excel（.xlsx）" }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`種別ごとの分類別件数_${lastFy}年度.xlsx`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(await download.path()) as unknown as ArrayBuffer);
    const sheetRows: (string | number | null)[][] = [];
    workbook.worksheets[0]?.eachRow((row) => {
      const values: (string | number | null)[] = [];
      for (let i = 1; i <= row.cellCount; i++) {
        const v = row.getCell(i).value;
        values.push(v === null || v === undefined ? null : typeof v === "number" ? v : String(v));
      }
      sheetRows.push(values);
    });
    const headers = await table.locator("thead th").allTextContents();
    expect(sheetRows[0]).toEqual(headers);
    const asNumber = (s: string) => (s === "－" ? null : Number(s.replace(/[,+±]/g, "").replace("−", "-")));
    expect(sheetRows.slice(1).map((r) => [r[0], r[1], ...r.slice(2)])).toEqual(
      tableRows.map((r) => [r[0], r[1] === "" ? null : r[1], ...r.slice(2).map(asNumber)]),
    );
    expect(sheetRows.find((r) => r[0] === "苦情" && r[1] === "応対")?.[2]).toBe(sliceCount);
    expect(sheetRows.find((r) => r[0] === "合計")?.[2]).toBe(55);

    // A cell of the department × category heat map's table opens its voices too.
    const heat = page.getByTestId("chart-heatmap");
    await heat.scrollIntoViewIfNeeded();
    await heat.getByText("表", { exact: true }).click();
    const heatCell = page.getByTestId("table-heatmap").getByRole("link", { name: /^東京支所、応対/ });
    const heatCount = number(await heatCell.textContent());
    expect(heatCount).toBeGreaterThan(0);
    await heatCell.click();
    await expect.poll(listTotal).toBe(heatCount);
  }, 180_000);

  it("keeps the period in the address: 上期, 月 and 期間指定 of the fiscal year shown", async () => {
    await page.goto(`${base}/dashboard?period=${lastFyPeriod.key}`);
    const bar = page.getByRole("region", { name: "期間と絞り込み" });
    const period = page.getByTestId("dashboard-period");
    await expect
      .poll(() => period.textContent())
      .toContain(`${lastFy}年度（${lastFy}/4/1〜${lastFy + 1}/3/31）`);
    await bar.getByText("上期", { exact: true }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get("period")).toBe(`fy${lastFy}h1`);
    await expect
      .poll(() => period.textContent())
      .toContain(`${lastFy}年度上期（${lastFy}/4/1〜${lastFy}/9/30）`);
    await bar.getByText("月", { exact: true }).click();
    await expect.poll(() => new URL(page.url()).searchParams.get("period")).toBe(`${lastFy}-04`);
    await expect.poll(() => period.textContent()).toContain(`${lastFy}年4月`);
    await bar.getByText("期間指定", { exact: true }).click();
    await expect.poll(() => new URL(page.url()).search).toBe(`?from=${lastFy}-04-01&to=${lastFy}-04-30`);
    expect(await bar.getByLabel("受付日（まで）").inputValue()).toBe(`${lastFy}-04-30`);
    // The tiles of April equal the voice list of the same days.
    const april = number(await page.getByTestId("tile-total").getByTestId("tile-value").textContent());
    await page.getByTestId("tile-total").click();
    await expect.poll(listTotal).toBe(april);
  }, 60_000);

  it("says honestly when a fiscal year has not begun or a department has no voices", async () => {
    await page.goto(`${base}/dashboard?period=fy2099`);
    await expect
      .poll(() => page.getByTestId("dashboard-empty").textContent())
      .toContain("2099年度はまだ始まっていません");
    expect(await page.getByTestId("tile-total").count()).toBe(0);

    await page.goto(`${base}/dashboard?period=${lastFyPeriod.key}&department=compliance`);
    await expect
      .poll(() => page.getByTestId("dashboard-empty").textContent())
      .toContain(
        `コンプライアンス部で${lastFy}年度に受け付けた声はありません。絞り込みの条件を変えると表示されることがあります。`,
      );
    await expect
      .poll(() => page.getByTestId("tile-total").getByTestId("tile-value").textContent())
      .toBe("0件");
    await screenshot(page, "dashboard-02-empty-department", { fromTop: true });
  }, 60_000);
});
