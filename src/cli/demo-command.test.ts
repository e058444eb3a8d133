import { CommanderError } from "commander";
import { describe, expect, it } from "vitest";
import { asOfDemoDatabaseUrl, DEMO_DATABASE_URL, parseAsOf } from "./demo-command.js";

describe("koe demo --as-of", () => {
  it("reads the date as people write it", () => {
    expect(parseAsOf("2023-05-31")).toBe("2023-05-31");
    expect(parseAsOf("2023/5/31")).toBe("2023-05-31");
    expect(parseAsOf("令和5年5月31日")).toBe("2023-05-31");
  });

  it("says in Japanese what is wrong with a bad date", () => {
    expect(() => parseAsOf("2023-02-30")).toThrow(CommanderError);
    expect(() => parseAsOf("2023-02-30")).toThrow(
      "--as-of の日付が正しくありません: 「2023-02-30」は存在しない日付です",
    );
    expect(() => parseAsOf("2023-05-31 10:00")).toThrow(
      "--as-of には時刻を付けずに日付だけを指定してください",
    );
  });

  it("loads into its own database file, not the everyday demo's", () => {
    expect(asOfDemoDatabaseUrl("2023-05-31")).toBe("sqlite:./data/demo-2023-05-31.sqlite");
    expect(asOfDemoDatabaseUrl("2023-05-31")).not.toBe(DEMO_DATABASE_URL);
  });
});
