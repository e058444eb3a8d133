import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { detectCsvEncoding } from "./decode-text.js";
import { findMixedEncoding, mixedEncodingMessage } from "./mixed-encoding.js";
import { readTable, TableReadError } from "./read-table.js";

const HEADER = "受付日,種別,内容,お客さま氏名\r\n";
const ROWS = [
  "2025/6/2,苦情,掛金の引落日が変わったことの案内が届いていない,佐藤 花子\r\n",
  "2025/6/3,要望,窓口の受付時間を土曜日まで延ばしてほしい,鈴木 一郎\r\n",
  "2025/6/4,感謝,入院給付金の請求手続きを丁寧に案内してもらえた,髙橋 美咲\r\n",
];
const utf8 = (s: string) => Buffer.from(s, "utf8");
const sjis = (s: string) => iconv.encode(s, "cp932");
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
const detect = (buf: Buffer) => findMixedEncoding(buf, detectCsvEncoding(buf));

describe("findMixedEncoding", () => {
  it("finds nothing in a file written in one encoding: UTF-8, UTF-8 with a BOM, Shift_JIS", () => {
    const text = HEADER + ROWS.join("");
    expect(detect(utf8(text))).toBeNull();
    expect(detect(Buffer.concat([BOM, utf8(text)]))).toBeNull();
    expect(detect(sjis(text))).toBeNull();
    expect(detectCsvEncoding(sjis(text))).toBe("shift_jis");
  });

  it("does not take Shift_JIS lines that happen to be valid UTF-8 (half-width kana ﾌｼﾞｲ, ﾃｽ) for UTF-8", () => {
    // ﾌｼﾞｲ is CC BC DE B2 and ﾃｽ is C3 BD in Shift_JIS: both valid UTF-8 (a combining mark and Thaana, "ý")
    const kanaOnly = "2025/6/5,ﾌｼﾞｲ,ﾃｽ\r\n";
    expect(sjis(kanaOnly).toString("utf8")).not.toContain("\ufffd");
    const text = HEADER + ROWS[0] + kanaOnly + ROWS[1];
    expect(detect(sjis(text))).toBeNull();
    // …even when the kana line comes first
    expect(detect(sjis(kanaOnly + HEADER + ROWS.join("")))).toBeNull();
  });

  it("finds Shift_JIS rows pasted into a UTF-8 file, naming the first such line", () => {
    const buf = Buffer.concat([utf8(HEADER + ROWS[0]), sjis(ROWS[1] ?? ""), utf8(ROWS[2] ?? "")]);
    expect(detect(buf)).toEqual({ first: "utf8", line: 3, other: "shift_jis" });
  });

  it("finds UTF-8 rows pasted into a Shift_JIS file", () => {
    const buf = Buffer.concat([sjis(HEADER + ROWS[0] + ROWS[1]), utf8(ROWS[2] ?? "")]);
    expect(detect(buf)).toEqual({ first: "shift_jis", line: 4, other: "utf8" });
  });

  it("finds Shift_JIS rows in a file that declares UTF-8 with a BOM", () => {
    const buf = Buffer.concat([BOM, utf8("受付日,種別,内容\r\n"), sjis(ROWS[0] ?? "")]);
    expect(detect(buf)).toEqual({ first: "utf8", line: 2, other: "shift_jis" });
  });

  it("counts lines across a quoted field that spans lines and skips ASCII-only lines", () => {
    const head = utf8('受付日,内容\n2025/6/2,"電話が\nつながらない"\nrow,ascii only\n');
    const buf = Buffer.concat([head, sjis("2025/6/3,窓口の対応が丁寧だった\n")]);
    expect(detect(buf)?.line).toBe(5);
  });
});

describe("readTable refuses a CSV of mixed encodings", () => {
  it("with a Japanese message naming the line and how to save the file again", async () => {
    const buf = Buffer.concat([utf8(HEADER + ROWS[0]), sjis(ROWS[1] ?? "")]);
    const read = readTable(buf, "声.csv");
    await expect(read).rejects.toBeInstanceOf(TableReadError);
    await expect(read).rejects.toThrow(
      "ファイルの文字コードが混在しているため読み込めません（3行目が Shift_JIS、それより前の行は UTF-8 で書かれています）",
    );
    await expect(read).rejects.toThrow("「CSV UTF-8（コンマ区切り）」");
  });

  it("still reads a Shift_JIS file with half-width kana", async () => {
    const table = await readTable(sjis(`${HEADER}2025/6/5,要望,ﾃｽﾄ送信について,ﾌｼﾞｲ ﾀﾛｳ\r\n`), "声.csv");
    expect(table.encoding).toBe("shift_jis");
    expect(table.rows[0]).toEqual(["2025/6/5", "要望", "ﾃｽﾄ送信について", "ﾌｼﾞｲ ﾀﾛｳ"]);
  });

  it("words the message for either direction", () => {
    expect(mixedEncodingMessage({ first: "shift_jis", line: 12, other: "utf8" })).toContain(
      "12行目が UTF-8、それより前の行は Shift_JIS",
    );
  });
});
