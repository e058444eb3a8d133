// From voices to an improvement in a real browser: three similar complaints chosen in the voice list become an
// improvement; a CS committee meeting records a decision on it; it moves to 完了 and its effect-check chart shows;
// the minutes print to one A4 PDF with no text past the page's edge. Needs `npm run build` and Debian's Chromium.
import type { Page } from "playwright-core";
import { expect, it } from "vitest";
import { addCalendarDays, jstToday } from "../../src/domain/jst.js";
import type { EffectCheck } from "../../src/features/improvements/contract.js";
import {
  type AdminCall,
  callCenterComplaint,
  describeBrowser,
  receivedDaysAgo,
  screenshot,
  useBrowserTest,
} from "../helpers/browser.js";

const ADMIN = { email: "admin@example.jp", password: "admin-Passw0rd-improvements" };
const TODAY = jstToday();
const PHONE = [
  "コールセンターに電話してもなかなかつながらない。待ち時間が長すぎる。",
  "電話がつながらない。コールセンターの待ち時間が長い。",
  "何度電話してもコールセンターにつながらず、待ち時間が長かった。",
];

describeBrowser("browser: from voices to an improvement, a committee decision and its effect", () => {
  let base = "";
  let page: Page;
  let call: AdminCall;
  const receipts: string[] = [];
  let improvementId = 0;

  useBrowserTest({
    admin: ADMIN,
    tmpPrefix: "koe-improvements-",
    defaultTimeout: 20_000,
    async setup(test) {
      ({ url: base, page, call } = test);
      await call("POST", "/committees", { name: "本部CS向上委員会" });
      for (const [i, content] of PHONE.entries()) {
        const v = await call<{ receiptNumber: string }>(
          "POST",
          "/voices",
          callCenterComplaint(12 + i, content),
        );
        receipts.push(v.receiptNumber);
      }
      await call("POST", "/voices", {
        receivedAt: receivedDaysAgo(3),
        type: "praise",
        category: "handling",
        channel: "counter",
        department: "tokyo_branch",
        content: "窓口の方が丁寧に説明してくださいました。",
      });
    },
  });

  const pick = async (label: string, option: string) => {
    const name = new RegExp(`^${label}\\s*\\*?$`);
    await page.getByRole("textbox", { name }).or(page.getByRole("combobox", { name })).first().click();
    await page.getByRole("option", { name: option, exact: true }).click();
  };

  it("takes three selected voices through a meeting decision to completion and the effect chart", async () => {
    await page.goto(`${base}/login`);
    await page.getByLabel("メールアドレス").fill(ADMIN.email);
    await page.getByLabel("パスワード", { exact: true }).fill(ADMIN.password);
    await page.getByRole("button", { name: "ログイン" }).click();
    await page.waitForURL((u) => u.pathname !== "/login");

    // the voice list: choose the three complaints
    await page.goto(`${base}/voices`);
    for (const r of receipts) await page.getByRole("checkbox", { name: `${r} を選ぶ` }).check();
    await page.getByTestId("selected-voices").getByText("3件の声を選んでいます").waitFor();
    await page.getByRole("link", { name: "選んだ声から改善課題を作る" }).click();
    await page.getByRole("heading", { name: "改善課題を作る" }).waitFor();
    expect(await page.getByTestId("chosen-voices").textContent()).toContain("紐づける声: 3件");

    // a due date in the past is refused in Japanese, then the form goes through
    await page.getByLabel("件名").fill("コールセンターの回線を増やす");
    await page.getByLabel("課題（問題点）").fill("混雑時間帯に電話がつながらない");
    await pick("担当部署", "コールセンター");
    await page.getByLabel("期限").fill("2020-01-01");
    await page.getByRole("button", { name: "作成する" }).click();
    expect(await page.getByRole("alert").textContent()).toContain("過去の日付");
    await page.getByLabel("期限").fill(addCalendarDays(TODAY, 30));
    await page.getByRole("button", { name: "作成する" }).click();
    await page.getByRole("heading", { name: "コールセンターの回線を増やす" }).waitFor();
    improvementId = Number(/\/improvements\/(\d+)/.exec(page.url())?.[1]);
    await page.getByText("もとになった声（3件）").waitFor();

    // the committee: a meeting, its proposed agenda, and a decision updating the improvement's due date
    await page.goto(`${base}/meetings`);
    await pick("委員会", "本部CS向上委員会");
    await page.getByLabel("出席者（1行に1人）").fill("理事長 山本\nお客様相談室長 佐藤");
    await page.getByRole("button", { name: "登録して議題案を作る" }).click();
    const theme = page.getByTestId("agenda-theme");
    await theme.waitFor();
    expect(await theme.textContent()).toContain("3件");
    const form = theme.locator("[data-testid^=decision-form-]");
    await form.getByRole("button", { name: "既存の改善課題を更新" }).click();
    await form.getByLabel("決定事項").fill("回線を増設し、混雑時間帯の人員を見直す");
    await form.getByLabel("改善課題のID").fill(String(improvementId));
    await form.getByLabel("期限").fill(addCalendarDays(TODAY, 60));
    await form.getByRole("button", { name: "決定を記録" }).click();
    await theme.getByTestId("decision").getByText("回線を増設し、混雑時間帯の人員を見直す").waitFor();
    const meetingUrl = page.url();
    await page.goto(`${base}/meetings`);
    await page.getByText("回線を増設し、混雑時間帯の人員を見直す").waitFor();

    // the improvement: 検討中 → 実施中 → 完了, then the effect check's chart
    await page.goto(`${base}/improvements/${improvementId}`);
    await page.getByText("委員会の決定").waitFor();
    for (const s of ["検討中", "実施中"]) {
      await page.getByRole("button", { name: `${s}にする` }).click();
      await page.getByRole("button", { name: `「${s}」に変更` }).click();
      await page.getByText(`→ ${s}`).waitFor();
    }
    await page.getByRole("button", { name: "完了にする" }).click();
    await page.getByLabel("改善したこと").first().fill("回線を10回線増やし、混雑時間帯に人員を追加しました");
    await page.getByRole("button", { name: "「完了」に変更" }).click();
    await page.getByTestId("improvement-result").waitFor();
    await page.getByTestId("effect-chart").locator("canvas").waitFor();
    const effect = await call<EffectCheck>("GET", `/improvements/${improvementId}/effect`);
    const shown = effect.series.reduce((a, s) => a + s.count, 0);
    expect(shown).toBe(3);
    expect(await page.getByTestId("effect-summary").textContent()).toContain(`${effect.before}件`);
    await screenshot(page, "improvement-effect");

    // the minutes: one A4 page, no text beyond the printable width
    await page.goto(meetingUrl.replace(/\/meetings\/(\d+).*/, "/meetings/$1/minutes"));
    await page.getByRole("heading", { name: "本部CS向上委員会 議事録" }).waitFor();
    await page.getByText("【決定】回線を増設し、混雑時間帯の人員を見直す", { exact: false }).waitFor();
    await page.emulateMedia({ media: "print" });
    const overflow = await page.evaluate(() => {
      const a4 = (210 / 25.4) * 96; // A4 width in CSS pixels
      const sheet = document.querySelector<HTMLElement>(".minutes");
      if (!sheet) return ["no minutes"];
      const c = sheet.getBoundingClientRect();
      const out: string[] = c.width > a4 + 0.5 ? [`sheet ${c.width}px > A4`] : [];
      // every element inside the sheet's content box, none scrolled (a cut line)
      const style = getComputedStyle(sheet);
      const left = c.left + Number.parseFloat(style.paddingLeft) - 0.5;
      const right = c.right - Number.parseFloat(style.paddingRight) + 0.5;
      for (const el of sheet.querySelectorAll<HTMLElement>("*")) {
        if (getComputedStyle(el).display === "none") continue;
        const r = el.getBoundingClientRect();
        const cut = el.clientWidth > 0 && el.scrollWidth > el.clientWidth + 1;
        if (r.left < left || r.right > right || cut)
          out.push(`${el.tagName}: ${el.textContent?.slice(0, 30)}`);
      }
      return out;
    });
    expect(overflow).toEqual([]);
    const pdf = await page.pdf({ format: "A4", printBackground: true, preferCSSPageSize: true });
    const text = pdf.toString("latin1");
    const boxes = [...text.matchAll(/\/MediaBox\s*\[\s*0 0 ([\d.]+) ([\d.]+)\s*\]/g)].map((m) => [
      Math.round(Number(m[1])),
      Math.round(Number(m[2])),
    ]);
    expect(boxes.length).toBeGreaterThan(0);
    for (const b of boxes) expect(b).toEqual([595, 842]);
  }, 120_000);
});
