// The KPI register in a real browser against the real server: seed 000's records (staff, trainings, events,
// monthly figures, audits, voices, improvements, survey answers) in the server's database, and the register for
// 2023 shows seed 000's values with their year-over-year wording and five-year sparklines; the records behind a
// value open. Then records entered on the 活動記録 grids (a bad cell refused in Japanese first) move the register.
// Needs `npm run build` and Debian's Chromium.
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { describeBrowser, screenshot, signIn, useBrowserTest } from "../helpers/browser.js";
import { enterSeed000 } from "../helpers/kpi-seed-000.js";

const ADMIN = { email: "admin@example.jp", password: "admin-Passw0rd-kpi" };

describeBrowser("browser: the KPI register", () => {
  let base = "";
  let page: Page;

  useBrowserTest({
    admin: ADMIN,
    tmpPrefix: "koe-kpi-browser-",
    seed: (db) => enterSeed000(db),
    context: { viewport: { width: 1400, height: 900 } },
    defaultTimeout: 15_000,
    setup(test) {
      ({ url: base, page } = test);
    },
  });

  it("shows seed 000's 2023 values with their year-over-year wording", async () => {
    await signIn(page, base, ADMIN);
    await page.getByRole("link", { name: "KPI" }).click();
    await page.getByRole("combobox", { name: "報告期間の年" }).waitFor();
    await page.goto(`${base}/kpis?year=2023`);
    await page.getByRole("heading", { name: "1．業務品質の向上をめざします" }).waitFor();
    const row = (id: string) => page.locator(`tr[data-kpi="${id}"]`);
    const cells = async (id: string) => [
      await row(id).locator('[data-role="value"]').textContent(),
      await row(id).locator('[data-role="yoy"]').textContent(),
    ];
    expect(await cells("1-1")).toEqual(["30名", "前年より2名増加"]);
    expect(await row("1-1").textContent()).toContain("取得率 44.1%");
    expect(await cells("1-2")).toEqual(["37回", "前年より33回減少"]);
    expect(await row("1-2").textContent()).toContain("実務 1回・商品 21回・マナー 2回・その他 13回");
    expect(await cells("2-1")).toEqual(["13回", "昨年は開催なし"]);
    expect(await cells("2-2")).toEqual(["5,226件", "前年より333件減少"]);
    expect(await cells("2-3")).toEqual(["12,573件", "前年より6,114件減少"]);
    expect(await cells("3-1")).toEqual(["5件", "前年より1件増加"]);
    expect(await cells("3-2")).toEqual(["92.4%", "前年より2.2％増加"]);
    expect(await row("3-2").textContent()).toContain("自動車 92.5%・火災 92.3%");
    expect(await cells("4-1")).toEqual(["11,312件", "前年より8,656件減少"]);
    expect(await cells("4-2")).toEqual(["7件", "前年より1件減少"]);
    expect(await cells("4-3")).toEqual(["86.8%", "前年より0.6％減少"]);
    expect(await cells("5-1")).toEqual(["36回", "前年より13回減少"]);
    expect(await cells("5-2")).toEqual(["19回", "前年より11回減少"]);
    expect(await cells("5-3")).toEqual(["10件", "前年より10件増加"]);
    // each KPI's sparkline, its points named for screen readers
    expect(await row("4-1").locator('[data-role="sparkline"]').getAttribute("aria-label")).toBe(
      "推移: 2019年 0件、2020年 0件、2021年 0件、2022年 19,968件、2023年 11,312件",
    );
    expect(await row("4-3").locator('[data-role="sparkline"] polyline').count()).toBe(1);
    await screenshot(page, "kpi-register-2023");

    // the trainings behind 37回 open in a dialog
    await row("1-2").getByRole("button", { name: "根拠を見る" }).click();
    const dialog = page.getByRole("dialog");
    await dialog.getByText("37件の記録").waitFor();
    expect(await dialog.locator("tbody tr").count()).toBe(37);
    expect(await dialog.textContent()).toContain("保全実務学習（第1回）");
  });

  it("records entered on the 活動記録 grids move the register", async () => {
    await page.goto(`${base}/activities?year=2023&tab=trainings`);
    const grid = page.getByRole("table", { name: "研修の記録" });
    await grid.getByText("保全実務学習（第1回）").waitFor();
    await grid.getByLabel("新しい記録の実施日").fill("2023/12/5");
    await grid.getByLabel("新しい記録の種類").selectOption({ label: "実務" });
    await grid.getByLabel("新しい記録の研修名").fill("事故受付の実務研修");
    // a negative count is refused in Japanese under its cell, and nothing is stored
    await grid.getByLabel("新しい記録の参加人数").fill("-3");
    await grid.getByRole("button", { name: "追加" }).click();
    await grid.getByText("参加人数は0以上で入力してください").waitFor();
    expect(await grid.getByText("事故受付の実務研修").count()).toBe(0);
    await grid.getByLabel("新しい記録の参加人数").fill("１４");
    await grid.getByLabel("新しい記録の参加人数").press("Enter");
    await grid.getByText("事故受付の実務研修").waitFor();
    expect(await grid.locator("tbody tr", { hasText: "事故受付の実務研修" }).textContent()).toContain("14名");

    // the monthly grid: a bad cell names its month and figure; arrows and Enter move between months
    await page.getByRole("tab", { name: "月次実績" }).click();
    const dec = page.getByLabel("12月 保障相談件数");
    // the year's figures load into the grid: 5,226 over 12 months, 435 in December
    await expect.poll(() => dec.inputValue(), { timeout: 15_000 }).toBe("435");
    await dec.fill("四百");
    await page.getByRole("button", { name: "保存" }).click();
    await page.getByText("12月の保障相談件数は0以上の整数で入力してください").waitFor();
    await page.getByLabel("11月 保障相談件数").click();
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("aria-label"))).toBe(
      "12月 保障相談件数",
    );
    await page.keyboard.press("Control+A");
    await page.keyboard.type("445");
    await page.getByRole("button", { name: "保存" }).click();
    await page.getByText("件の実績を保存しました").waitFor();
    await screenshot(page, "activities-monthly-grid-2023");

    await page.goto(`${base}/kpis?year=2023`);
    const row = (id: string) => page.locator(`tr[data-kpi="${id}"]`);
    await row("1-2").waitFor();
    expect(await row("1-2").locator('[data-role="value"]').textContent()).toBe("38回");
    expect(await row("1-2").locator('[data-role="yoy"]').textContent()).toBe("前年より32回減少");
    expect(await row("2-2").locator('[data-role="value"]').textContent()).toBe("5,236件");
    expect(await row("2-2").locator('[data-role="yoy"]').textContent()).toBe("前年より323件減少");
    expect(await row("2-2").locator('[data-role="sparkline"]').getAttribute("aria-label")).toContain(
      "2022年 5,559件、2023年 5,236件",
    );
    await screenshot(page, "kpi-register-2023-after-entry");
  });
});
