import { describe, expect, it } from "vitest";
import { decodeXmlText, XmlScanner, XmlSyntaxError, xmlAttr } from "./xml-scan.js";

type Event = ["open", string, string] | ["close", string] | ["text", string];

function scan(xml: string, chunkSize: number): Event[] {
  const events: Event[] = [];
  const scanner = new XmlScanner({
    open: (name, attrs) => events.push(["open", name, attrs.trim()]),
    close: (name) => events.push(["close", name]),
    text: (raw) => {
      // text may come in pieces; join neighbours so chunking does not change the result
      const last = events[events.length - 1];
      if (last?.[0] === "text") last[1] += raw;
      else events.push(["text", raw]);
    },
  });
  for (let i = 0; i < xml.length; i += chunkSize) scanner.write(xml.slice(i, i + chunkSize));
  scanner.end();
  return events;
}

const SHEET = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<!-- 声の一覧 -->
<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>
<x:row r="2"><x:c r="A2" t="inlineStr"><x:is><x:t xml:space="preserve"> 電話が&lt;つながらない&gt; &amp; 折り返し&#x1F600;&#12354;</x:t></x:is></x:c>
<x:c r="B2" s='3' note="a > b"><x:v>45748.5</x:v></x:c><x:c r="C2"/></x:row>
<x:row r="3"><x:c r="A3" t="str"><x:f>A2</x:f><x:v><![CDATA[<苦情> & 要望]]></x:v></x:c></x:row>
</x:sheetData></x:worksheet>`;

describe("XmlScanner", () => {
  it("reports tags without prefixes, raw text, attributes with '>' in quotes, CDATA as escaped text", () => {
    const events = scan(SHEET, SHEET.length);
    const tags = events.filter((e) => e[0] !== "text" || e[1].trim() !== "");
    expect(tags).toEqual([
      ["open", "worksheet", 'xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'],
      ["open", "sheetData", ""],
      ["open", "row", 'r="2"'],
      ["open", "c", 'r="A2" t="inlineStr"'],
      ["open", "is", ""],
      ["open", "t", 'xml:space="preserve"'],
      ["text", " 電話が&lt;つながらない&gt; &amp; 折り返し&#x1F600;&#12354;"],
      ["close", "t"],
      ["close", "is"],
      ["close", "c"],
      ["open", "c", `r="B2" s='3' note="a > b"`],
      ["open", "v", ""],
      ["text", "45748.5"],
      ["close", "v"],
      ["close", "c"],
      ["open", "c", 'r="C2"'],
      ["close", "c"],
      ["close", "row"],
      ["open", "row", 'r="3"'],
      ["open", "c", 'r="A3" t="str"'],
      ["open", "f", ""],
      ["text", "A2"],
      ["close", "f"],
      ["open", "v", ""],
      ["text", "&lt;苦情> &amp; 要望"],
      ["close", "v"],
      ["close", "c"],
      ["close", "row"],
      ["close", "sheetData"],
      ["close", "worksheet"],
    ]);
  });

  it("gives the same events however the text is cut into chunks", () => {
    const whole = scan(SHEET, SHEET.length);
    for (const size of [1, 2, 3, 7, 64]) expect(scan(SHEET, size)).toEqual(whole);
  });

  it("decodes entities and character references, and reads attributes by name", () => {
    expect(decodeXmlText(" 電話が&lt;つながらない&gt; &amp; 折り返し&#x1F600;&#12354;&unknown;")).toBe(
      " 電話が<つながらない> & 折り返し😀あ&unknown;",
    );
    const attrs = ` r="B2" s='3' formatCode="yyyy&quot;年&quot;m&quot;月&quot;" r:id="rId7"`;
    expect(xmlAttr(attrs, "r")).toBe("B2");
    expect(xmlAttr(attrs, "s")).toBe("3");
    expect(xmlAttr(attrs, "formatCode")).toBe('yyyy"年"m"月"');
    expect(xmlAttr(attrs, "r:id")).toBe("rId7");
    expect(xmlAttr(attrs, "id")).toBeUndefined();
    expect(xmlAttr(attrs, "t")).toBeUndefined();
  });

  it("refuses a part that ends inside a tag", () => {
    const scanner = new XmlScanner({ open() {}, close() {}, text() {} });
    scanner.write('<row r="1"><c r="A1" t=');
    expect(() => scanner.end()).toThrow(XmlSyntaxError);
  });
});
