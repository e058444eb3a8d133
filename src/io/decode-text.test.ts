import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { decodeCsvBuffer } from "./decode-text.js";

describe("decodeCsvBuffer", () => {
  it("reads UTF-8 without a BOM", () => {
    expect(decodeCsvBuffer(Buffer.from("種別,内容\n苦情,電話がつながらない", "utf8"))).toEqual({
      text: "種別,内容\n苦情,電話がつながらない",
      encoding: "utf8",
    });
  });

  it("reads UTF-8 with a BOM and drops the BOM", () => {
    const buf = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from("受付日時,内容", "utf8")]);
    expect(decodeCsvBuffer(buf)).toEqual({ text: "受付日時,内容", encoding: "utf8-bom" });
  });

  it("recognizes Shift_JIS bytes written by hand (苦情、受付日時)", () => {
    const buf = Buffer.from([
      0x8b, 0xea, 0x8f, 0xee, 0x81, 0x41, 0x8e, 0xf3, 0x95, 0x74, 0x93, 0xfa, 0x8e, 0x9e,
    ]);
    expect(decodeCsvBuffer(buf)).toEqual({ text: "苦情、受付日時", encoding: "shift_jis" });
  });

  it("reads CP932 extensions (①, 髙, ～) from a Shift_JIS file", () => {
    const text = "氏名,内容\r\n髙橋,①掛金の引落日～について\r\n";
    const result = decodeCsvBuffer(iconv.encode(text, "cp932"));
    expect(result).toEqual({ text, encoding: "shift_jis" });
  });

  it("reads UTF-16 with its BOM (Excel's 「Unicode テキスト」, tab-separated), little- and big-endian", () => {
    const text = "受付日時\t内容\r\n2025/6/2\t電話がつながらない😀\r\n";
    const le = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    expect(decodeCsvBuffer(le)).toEqual({ text, encoding: "utf16le-bom" });
    const be = Buffer.from(le).swap16();
    be[0] = 0xfe;
    be[1] = 0xff;
    expect(decodeCsvBuffer(be)).toEqual({ text, encoding: "utf16be-bom" });
  });

  it("treats pure ASCII as UTF-8", () => {
    expect(decodeCsvBuffer(Buffer.from("type,content\n", "ascii")).encoding).toBe("utf8");
  });

  it("returns empty text for an empty file", () => {
    expect(decodeCsvBuffer(Buffer.alloc(0))).toEqual({ text: "", encoding: "utf8" });
  });
});
