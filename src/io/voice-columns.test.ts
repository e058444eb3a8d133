import { describe, expect, it } from "vitest";
import { columnKeyFor, exportColumns, parseColumnMapping, resolveHeaders } from "./voice-columns.js";

describe("header matching", () => {
  it("accepts Japanese headers and code names, case-insensitive, after NFKC and trim", () => {
    expect(columnKeyFor("受付日時")).toBe("receivedAt");
    expect(columnKeyFor(" RECEIVEDAT ")).toBe("receivedAt");
    expect(columnKeyFor("ＥＭＡＩＬ")).toBe("email");
    expect(columnKeyFor("受付　日時")).toBe("receivedAt");
    expect(columnKeyFor("外部ＩＤ")).toBe("externalId");
    expect(columnKeyFor("備考")).toBeNull();
  });

  it("lists unknown and export-only columns as ignored and finds duplicates", () => {
    const r = resolveHeaders(["受付番号", "内容", "content", "備考", "種別"]);
    expect(r.indexOf).toEqual({ content: 1, type: 4 });
    expect(r.ignored).toEqual(["受付番号", "備考"]);
    expect(r.duplicates).toEqual([{ key: "content", headers: ["内容", "content"] }]);
  });
});

describe("export columns", () => {
  it("puts 受付番号 first, the handling columns last, and customer columns only on request", () => {
    const without = exportColumns(false).map((c) => c.header);
    expect(without).toEqual([
      "受付番号",
      "受付日時",
      "受付チャネル",
      "種別",
      "分類",
      "商品",
      "部署",
      "内容",
      "ご要望",
      "外部ID",
      "状態",
      "担当者",
      "回答期限",
    ]);
    expect(exportColumns(true)).toHaveLength(20);
  });
});

describe("parseColumnMapping", () => {
  it("maps their headers to ours by Japanese header or code name", () => {
    const r = parseColumnMapping('{ "columns": { "お客様の声": "内容", "受付日": "receivedAt" } }');
    expect(r).toEqual({ ok: true, mapping: { columns: { お客様の声: "content", 受付日: "receivedAt" } } });
    if (!r.ok) return;
    expect(resolveHeaders(["受付日", "お客様の声"], r.mapping).indexOf).toEqual({
      receivedAt: 0,
      content: 1,
    });
  });

  it("reports broken JSON, a wrong shape and unknown targets in Japanese", () => {
    expect(parseColumnMapping("{ columns: ")).toEqual({
      ok: false,
      errors: ["対応表ファイルが JSON として読み込めません"],
    });
    const shape = parseColumnMapping({ cols: {} });
    expect(shape.ok).toBe(false);
    if (!shape.ok) expect(shape.errors[0]).toMatch(/columns/);
    const targets = parseColumnMapping({ columns: { 声: "本文", 番号: "受付番号", 年: 7 } });
    expect(targets.ok).toBe(false);
    if (!targets.ok) {
      expect(targets.errors).toEqual(["「年」: 対応先は文字列で指定してください"]);
    }
    const unknown = parseColumnMapping({ columns: { 声: "本文", 番号: "受付番号" } });
    expect(unknown).toEqual({
      ok: false,
      errors: [
        "「声」の対応先「本文」は取込できる列ではありません",
        "「番号」の対応先「受付番号」は出力専用の列のため取込できません",
      ],
    });
  });
});
