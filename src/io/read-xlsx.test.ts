// XLSX files as other programs write them (hand-built parts: prefixes, furigana, eras, 1904 dates, sheet order),
// read through readTable.
import { crc32, deflateRawSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { readTable, TableReadError } from "./read-table.js";

/** A minimal zip writer: deflated (or stored) parts with a central directory, in the order given. */
function zip(files: Record<string, string | Buffer>, opts: { store?: boolean } = {}): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, content] of Object.entries(files)) {
    const data = Buffer.isBuffer(content) ? content : Buffer.from(content, "utf8");
    const packed = opts.store ? data : deflateRawSync(data);
    const nameBytes = Buffer.from(name, "utf8");
    const method = opts.store ? 0 : 8;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc32(data), 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc32(data), 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, nameBytes, packed);
    centrals.push(central, nameBytes);
    offset += local.length + nameBytes.length + packed.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Object.keys(files).length, 8);
  end.writeUInt16LE(Object.keys(files).length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const REL_NS = 'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const RELS = `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>
<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet2.xml"/>
<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>
<Relationship Id="rId4" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>
</Relationships>`;

/** The first tab is sheet2.xml (moved to the front in Excel); 1904 dates; a 和暦 format; furigana; prefixes. */
function japaneseWorkbook(): Buffer {
  return zip({
    // the sheet before the shared strings, as Excel and exceljs order them
    "xl/worksheets/sheet2.xml": `<?xml version="1.0" encoding="UTF-8"?>
<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>
<x:row r="1" spans="1:6"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="s"><x:v>1</x:v></x:c><x:c r="C1" t="s"><x:v>2</x:v></x:c><x:c r="D1" t="s"><x:v>3</x:v></x:c><x:c r="E1" t="s"><x:v>4</x:v></x:c><x:c r="F1" t="s"><x:v>5</x:v></x:c></x:row>
<x:row r="2"><x:c r="A2" s="1"><x:v>45383.4375</x:v></x:c><x:c r="B2" t="s"><x:v>6</x:v></x:c><x:c r="C2" s="2"><x:v>0012</x:v></x:c><x:c r="D2" t="b"><x:v>1</x:v></x:c><x:c r="E2" t="e"><x:v>#N/A</x:v></x:c><x:c r="F2" s="3"><x:v>12345678</x:v></x:c></x:row>
<x:row r="3" customFormat="1" s="1"/>
<x:row r="5"><x:c s="2"><x:v>45383</x:v></x:c><x:c t="inlineStr"><x:is><x:r><x:t>インライン</x:t></x:r><x:r><x:rPr><x:b/></x:rPr><x:t>の太字</x:t></x:r></x:is></x:c><x:c t="d"><x:v>2025-04-02T09:15:00</x:v></x:c><x:c t="str"><x:f>D2&amp;""</x:f><x:v>TRUE</x:v></x:c><x:c><x:f>1/0</x:f></x:c><x:c t="s"><x:v>7</x:v></x:c></x:row>
</x:sheetData></x:worksheet>`,
    "xl/worksheets/sheet1.xml": `<worksheet ${NS}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>2枚目</t></is></c></row></sheetData></worksheet>`,
    "xl/workbook.xml": `<workbook ${NS} ${REL_NS}><workbookPr date1904="1"/><sheets><sheet name="声" sheetId="2" r:id="rId2"/><sheet name="メモ" sheetId="1" r:id="rId1"/></sheets></workbook>`,
    "xl/_rels/workbook.xml.rels": RELS,
    "xl/styles.xml": `<styleSheet ${NS}><numFmts count="1"><numFmt numFmtId="176" formatCode="[$-ja-JP-x-gannen]ggge&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/></numFmts>
<cellStyleXfs count="1"><xf numFmtId="14"/></cellStyleXfs>
<cellXfs count="4"><xf numFmtId="0"/><xf numFmtId="22"/><xf numFmtId="176"/><xf numFmtId="49"/></cellXfs></styleSheet>`,
    "xl/sharedStrings.xml": `<sst ${NS} count="8" uniqueCount="8">
<si><t>受付日時</t></si><si><t>氏名</t></si><si><t>受付日</t></si><si><t>真偽</t></si><si><t>エラー</t></si><si><t>組合員番号</t></si>
<si><r><t>髙橋</t></r><r><t xml:space="preserve"> 一郎</t></r><rPh sb="0" eb="2"><t>タカハシ</t></rPh><phoneticPr fontId="1"/></si>
<si><t>1行目_x000D_
2行目 &amp; _x005F_x000D_</t></si>
</sst>`,
  });
}

describe("readTable: XLSX as other programs write it", () => {
  it("reads the first tab in workbook order, shared strings after the sheet, furigana left out", async () => {
    const table = await readTable(japaneseWorkbook(), "声.xlsx");
    expect(table.headers).toEqual(["受付日時", "氏名", "受付日", "真偽", "エラー", "組合員番号"]);
    expect(table.rows).toEqual([
      // 1904 system: serial 45383.4375 is 2028-04-02 10:30 (1900 system: 2024-04-01); a date style makes it a date
      ["2028-04-02 10:30", "髙橋 一郎", "1904-01-13 00:00", "TRUE", "#N/A", "12345678"],
      // cells without a reference follow each other; a 和暦 format is a date too
      ["2028-04-02 00:00", "インラインの太字", "2025-04-02 09:15", "TRUE", "", "1行目\r\n2行目 & _x000D_"],
    ]);
    // the empty row 3 is left out; row numbers are the sheet's
    expect(table.rowNumbers).toEqual([2, 5]);
  });

  it("reads stored (uncompressed) parts and a workbook without workbook.xml (lowest sheet number)", async () => {
    const buf = zip(
      {
        "xl/worksheets/sheet3.xml": `<worksheet ${NS}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>後</t></is></c></row></sheetData></worksheet>`,
        "xl/worksheets/sheet1.xml": `<worksheet ${NS}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>内容</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>窓口の案内が丁寧でした</t></is></c></row></sheetData></worksheet>`,
      },
      { store: true },
    );
    const table = await readTable(buf, "stored.xlsx");
    expect(table.headers).toEqual(["内容"]);
    expect(table.rows).toEqual([["窓口の案内が丁寧でした"]]);
  });

  it("refuses a truncated or damaged zip with the Japanese message", async () => {
    const whole = japaneseWorkbook();
    for (const broken of [
      whole.subarray(0, whole.length - 30),
      Buffer.concat([whole.subarray(0, 40), Buffer.alloc(200), whole.subarray(240)]),
    ]) {
      const promise = readTable(broken, "壊れた.xlsx");
      await expect(promise).rejects.toBeInstanceOf(TableReadError);
      await expect(promise).rejects.toThrow("Excel ファイル（.xlsx）として読み込めません");
    }
  });

  it("refuses a sheet that inflates past the limit (a zip bomb) without inflating all of it", async () => {
    const rows = `<row><c t="inlineStr"><is><t>${"あ".repeat(1000)}</t></is></c></row>`.repeat(5000);
    const buf = zip({
      "xl/worksheets/sheet1.xml": `<worksheet ${NS}><sheetData>${rows}</sheetData></worksheet>`,
    });
    expect(buf.length).toBeLessThan(1024 * 1024);
    await expect(readTable(buf, "bomb.xlsx", { maxXmlBytes: 2 * 1024 * 1024 })).rejects.toThrow(
      "Excel ファイルを展開した大きさが上限（2 MB）を超えています",
    );
  });

  it("names the row and column of a value past the column limit, and of a cell over the character limit", async () => {
    const far = zip({
      "xl/worksheets/sheet1.xml": `<worksheet ${NS}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>内容</t></is></c><c r="XFD1"/></row><row r="2"><c r="A2" t="inlineStr"><is><t>声</t></is></c><c r="GS2" t="inlineStr"><is><t>はみ出し</t></is></c></row></sheetData></worksheet>`,
    });
    await expect(readTable(far, "far.xlsx")).rejects.toThrow(
      "列数が上限（200列）を超えています（2行目のGS列に値があります）",
    );
    const long = zip({
      "xl/worksheets/sheet1.xml": `<worksheet ${NS}><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="B2" t="s"><v>1</v></c></row></sheetData></worksheet>`,
      "xl/sharedStrings.xml": `<sst ${NS}><si><t>内容</t></si><si><t>${"長".repeat(2000)}</t></si></sst>`,
    });
    await expect(readTable(long, "long.xlsx", { maxCellChars: 1000 })).rejects.toThrow(
      "2行目のB列の文字数が上限（1,000文字）を超えています",
    );
  });
});
