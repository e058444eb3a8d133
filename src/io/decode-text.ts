// Decodes an uploaded CSV/TSV file into text: UTF-8 (with or without BOM) or Shift_JIS (CP932), detected automatically.
import iconv from "iconv-lite";

export type DetectedEncoding = "utf8" | "utf8-bom" | "shift_jis";

export interface DecodedText {
  text: string;
  encoding: DetectedEncoding;
}

const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;

/**
 * A byte sequence that is valid UTF-8 is read as UTF-8; anything else is read as CP932 (Excel's "CSV" on
 * Japanese Windows). Pure-ASCII files are valid UTF-8 and decode identically either way.
 */
export function decodeCsvBuffer(buf: Buffer): DecodedText {
  if (buf.length >= 3 && buf[0] === UTF8_BOM[0] && buf[1] === UTF8_BOM[1] && buf[2] === UTF8_BOM[2]) {
    // A BOM is a deliberate declaration; decode leniently so one bad byte does not turn the file into mojibake.
    return { text: new TextDecoder("utf-8").decode(buf.subarray(3)), encoding: "utf8-bom" };
  }
  try {
    const text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(buf);
    return { text, encoding: "utf8" };
  } catch {
    return { text: iconv.decode(buf, "cp932"), encoding: "shift_jis" };
  }
}
