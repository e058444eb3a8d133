// Decodes an uploaded CSV/TSV file into text: UTF-8 (with or without BOM), UTF-16 with its BOM (Excel's 「Unicode
// テキスト」) or Shift_JIS (CP932), detected automatically.
import { isUtf8 } from "node:buffer";
import iconv from "iconv-lite";

export type DetectedEncoding = "utf8" | "utf8-bom" | "utf16le-bom" | "utf16be-bom" | "shift_jis";

export interface DecodedText {
  text: string;
  encoding: DetectedEncoding;
}

const UTF8_BOM = [0xef, 0xbb, 0xbf] as const;

/**
 * A byte sequence that is valid UTF-8 is read as UTF-8; anything else is read as CP932 (Excel's "CSV" on
 * Japanese Windows). Pure-ASCII files are valid UTF-8 and decode identically either way.
 */
export function detectCsvEncoding(buf: Buffer): DetectedEncoding {
  if (buf.length >= 3 && buf[0] === UTF8_BOM[0] && buf[1] === UTF8_BOM[1] && buf[2] === UTF8_BOM[2]) {
    return "utf8-bom";
  }
  // Without this, a UTF-16 file read as CP932 became headers of NUL characters and mojibake ("required column missing")
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return "utf16le-bom";
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return "utf16be-bom";
  return isUtf8(buf) ? "utf8" : "shift_jis";
}

/** About 1 MB of bytes per decoded piece. */
const CHUNK_BYTES = 1024 * 1024;

/**
 * Decodes piece by piece, so a large file is never one string; a character split between two pieces is carried
 * over by the decoder.
 */
export function* decodeChunks(
  buf: Buffer,
  encoding: DetectedEncoding,
  chunkBytes = CHUNK_BYTES,
): Generator<string> {
  if (encoding === "shift_jis") {
    const decoder = iconv.getDecoder("cp932");
    for (let i = 0; i < buf.length; i += chunkBytes) {
      const text = decoder.write(buf.subarray(i, i + chunkBytes));
      if (text) yield text;
    }
    const rest = decoder.end();
    if (rest) yield rest;
    return;
  }
  // A BOM is a deliberate declaration; decode leniently so one bad byte does not turn the file into mojibake.
  const bom = { utf8: 0, "utf8-bom": 3, "utf16le-bom": 2, "utf16be-bom": 2 }[encoding];
  const body = buf.subarray(bom);
  const label = { utf8: "utf-8", "utf8-bom": "utf-8", "utf16le-bom": "utf-16le", "utf16be-bom": "utf-16be" }[
    encoding
  ];
  const decoder = new TextDecoder(label, { ignoreBOM: true });
  for (let i = 0; i < body.length; i += chunkBytes) {
    const text = decoder.decode(body.subarray(i, i + chunkBytes), { stream: true });
    if (text) yield text;
  }
  const rest = decoder.decode();
  if (rest) yield rest;
}

export function decodeCsvBuffer(buf: Buffer): DecodedText {
  const encoding = detectCsvEncoding(buf);
  return { text: [...decodeChunks(buf, encoding)].join(""), encoding };
}
