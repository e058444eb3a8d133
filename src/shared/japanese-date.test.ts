import { describe, expect, it } from "vitest";
import {
  formatDateJa,
  formatDateTimeJa,
  formatWareki,
  parseDateTimeJa,
  voiceDateProblem,
} from "./japanese-date.js";

const APR1 = { ok: true, iso: "2025-03-31T15:00:00.000Z", date: "2025-04-01", hasTime: false };
const APR1_1030 = { ok: true, iso: "2025-04-01T01:30:00.000Z", date: "2025-04-01", hasTime: true };

describe("parseDateTimeJa: accepted", () => {
  it.each([
    ["2025/4/1", APR1],
    ["2025-04-01", APR1],
    ["2025.4.1", APR1],
    ["20250401", APR1],
    ["2025年4月1日", APR1],
    ["2025年 4月 1日", APR1],
    ["2025年4月1日（火）", APR1],
    ["令和7年4月1日", APR1],
    ["R7.4.1", APR1],
    ["r7/4/1", APR1],
    ["㋿7年4月1日", APR1],
    ["２０２５／４／１", APR1],
    ["令和７年４月１日", APR1],
    ["  2025/4/1  ", APR1],
    ["2025-04-01 10:30", APR1_1030],
    ["2025/4/1 10:30", APR1_1030],
    ["2025-04-01T10:30", APR1_1030],
    ["2025年4月1日 10時30分", APR1_1030],
    ["2025年4月1日10時30分", APR1_1030],
    ["令和7年4月1日 10:30", APR1_1030],
    ["２０２５／４／１　１０：３０", APR1_1030],
    ["2025-04-01T01:30:00Z", APR1_1030],
    ["2025-04-01T10:30:00+09:00", APR1_1030],
    ["2025-04-01T10:30:00.000+0900", APR1_1030],
    ["2025/4/1 10:30:15", { ok: true, iso: "2025-04-01T01:30:15.000Z", date: "2025-04-01", hasTime: true }],
    ["2025年4月1日 10時", { ok: true, iso: "2025-04-01T01:00:00.000Z", date: "2025-04-01", hasTime: true }],
    ["2025/4/1 0:05", { ok: true, iso: "2025-03-31T15:05:00.000Z", date: "2025-04-01", hasTime: true }],
    ["令和元年5月1日", { ok: true, iso: "2019-04-30T15:00:00.000Z", date: "2019-05-01", hasTime: false }],
    ["平成31年4月30日", { ok: true, iso: "2019-04-29T15:00:00.000Z", date: "2019-04-30", hasTime: false }],
    ["H31/4/30", { ok: true, iso: "2019-04-29T15:00:00.000Z", date: "2019-04-30", hasTime: false }],
    ["平成元年1月8日", { ok: true, iso: "1989-01-07T15:00:00.000Z", date: "1989-01-08", hasTime: false }],
    ["昭和64年1月7日", { ok: true, iso: "1989-01-06T15:00:00.000Z", date: "1989-01-07", hasTime: false }],
    ["2024/2/29", { ok: true, iso: "2024-02-28T15:00:00.000Z", date: "2024-02-29", hasTime: false }],
  ])("%s", (input, want) => {
    expect(parseDateTimeJa(input)).toEqual(want);
  });

  it("an instant with an offset keeps its JST date", () => {
    expect(parseDateTimeJa("2025-03-31T16:00:00Z")).toEqual({
      ok: true,
      iso: "2025-03-31T16:00:00.000Z",
      date: "2025-04-01",
      hasTime: true,
    });
  });
});

describe("parseDateTimeJa: refused with a reason", () => {
  it.each([
    ["2025/2/30", "「2025/2/30」は存在しない日付です"],
    ["2025/13/1", "「2025/13/1」は存在しない日付です"],
    ["2025-02-29", "「2025-02-29」は存在しない日付です"],
    ["令和元年4月30日", "「令和元年4月30日」は存在しない日付です（令和は2019年5月1日から）"],
    ["平成31年5月1日", "「平成31年5月1日」は存在しない日付です（平成は1989年1月8日〜2019年4月30日）"],
    ["令和0年4月1日", "「令和0年4月1日」は存在しない日付です（和暦の年は元年または1年から）"],
    ["2025/4/1 25:00", "「2025/4/1 25:00」の時刻は存在しません（0:00〜23:59）"],
    ["2025/4/1 10:60", "「2025/4/1 10:60」の時刻は存在しません（0:00〜23:59）"],
    ["2025-04-01T24:00:00Z", "「2025-04-01T24:00:00Z」の時刻は存在しません（0:00〜23:59）"],
    ["2025-02-30T10:00:00Z", "「2025-02-30T10:00:00Z」は存在しない日付です"],
  ])("%s", (input, message) => {
    expect(parseDateTimeJa(input)).toEqual({ ok: false, message });
  });

  it.each(["abc", "4/1", "2025/4", "2025/4/110:30", "明日", "令和七年四月一日", "X7.4.1"])(
    "%s: format hint",
    (input) => {
      expect(parseDateTimeJa(input)).toEqual({
        ok: false,
        message: "日付の形式が正しくありません（例: 2025/4/1、令和7年4月1日）",
      });
    },
  );

  it("empty input asks for a date", () => {
    expect(parseDateTimeJa("  ")).toEqual({ ok: false, message: "日付を入力してください" });
  });
});

describe("parseDateTimeJa: years 1900 to 2999 only", () => {
  it.each([
    "0025/6/1 10:00", // was read as 1925-06-01
    "0999-12-31T00:00:00Z",
    "0000-01-01T00:00:00Z",
    "0001/1/1",
    "1899/12/31",
    "1899年12月31日",
    "3000/1/1",
    "30000101",
  ])("%s is refused, asking for a 4-digit year", (input) => {
    expect(parseDateTimeJa(input)).toEqual({
      ok: false,
      message: `「${input}」は扱えない日付です（1900年〜2999年の日付を、西暦は4桁で入力してください）`,
    });
  });

  it("keeps the first and last year", () => {
    expect(parseDateTimeJa("1900/1/1")).toEqual({
      ok: true,
      iso: "1899-12-31T15:00:00.000Z",
      date: "1900-01-01",
      hasTime: false,
    });
    expect(parseDateTimeJa("2999/12/31 23:59")).toMatchObject({ ok: true, date: "2999-12-31" });
    expect(parseDateTimeJa("大正元年7月30日")).toMatchObject({ ok: true, date: "1912-07-30" });
  });
});

describe("voiceDateProblem: 1990-01-01 to tomorrow (JST)", () => {
  const now = new Date("2025-06-02T03:00:00Z"); // 2025-06-02 12:00 JST
  it("accepts the span", () => {
    for (const d of ["1990-01-01", "2025-06-02", "2025-06-03"])
      expect(voiceDateProblem(d, "受付日時", now)).toBe(null);
  });
  it("refuses before 1990 and after tomorrow, naming the field", () => {
    expect(voiceDateProblem("1989-12-31", "受付日時", now)).toBe(
      "受付日時は1990年1月1日以降の日付を入力してください",
    );
    expect(voiceDateProblem("2025-06-04", "報告日時", now)).toBe(
      "報告日時は明日（2025年6月3日）までの日付を入力してください",
    );
  });
});

describe("formatting", () => {
  it("formatDateTimeJa shows JST", () => {
    expect(formatDateTimeJa("2025-04-01T01:30:00Z")).toBe("2025/04/01 10:30");
    expect(formatDateTimeJa("2025-03-31T15:00:00.000Z")).toBe("2025/04/01 00:00");
    expect(formatDateTimeJa("garbage")).toBe("garbage");
  });
  it("formatDateJa", () => {
    expect(formatDateJa("2025-04-01")).toBe("2025/04/01");
    expect(formatDateJa("2025-03-31T15:00:00Z")).toBe("2025/04/01");
    expect(formatDateJa("2025-03-31T14:59:59Z")).toBe("2025/03/31");
    expect(formatDateJa("")).toBe("");
  });
  it("formatWareki", () => {
    expect(formatWareki("2025-04-01")).toBe("令和7年4月1日");
    expect(formatWareki("2019-05-01")).toBe("令和元年5月1日");
    expect(formatWareki("2019-04-30")).toBe("平成31年4月30日");
    expect(formatWareki("1989-01-08")).toBe("平成元年1月8日");
    expect(formatWareki("1989-01-07")).toBe("昭和64年1月7日");
    expect(formatWareki("1900-01-01")).toBe("1900年1月1日");
    expect(formatWareki("2025-03-31T15:00:00Z")).toBe("令和7年4月1日");
  });
  it("parse and format round-trip", () => {
    for (const s of ["令和7年4月1日", "令和元年5月1日", "平成31年4月30日"]) {
      const r = parseDateTimeJa(s);
      expect(r.ok && formatWareki(r.date)).toBe(s);
    }
  });
});
