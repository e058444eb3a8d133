// Finds a CSV whose lines are written partly in UTF-8 and partly in Shift_JIS (rows pasted from two files, one saved
// by Excel and one by a web tool). Read as one encoding, the other part turns into mojibake without any error.
import { isUtf8 } from "node:buffer";
import iconv from "iconv-lite";
import type { DetectedEncoding } from "./decode-text.js";

export type LineEncoding = "utf8" | "shift_jis";

export interface MixedEncoding {
  /** the encoding of the first line that shows one */
  first: LineEncoding;
  /** the 1-based line (in the file, not the spreadsheet row) that shows the other encoding first */
  line: number;
  other: LineEncoding;
}

// Kana and kanji: a Shift_JIS line that happens to be valid UTF-8 (half-width kana such as ﾌｼﾞｲ or ﾃｽ) decodes to
// Latin, Thaana or combining marks, almost never to these, so only these count as a sign of UTF-8.
const JAPANESE = /[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff]/;

function hasHighByte(line: Buffer): boolean {
  for (const b of line) if (b >= 0x80) return true;
  return false;
}

/** The encoding one line shows, or null when it shows none (ASCII only, or bytes neither encoding explains). */
function lineEncoding(line: Buffer, needShiftJisProof: boolean): LineEncoding | null {
  if (!hasHighByte(line)) return null;
  if (isUtf8(line)) return JAPANESE.test(line.toString("utf8")) ? "utf8" : null;
  if (!needShiftJisProof) return "shift_jis";
  return iconv.decode(line, "cp932").includes("\ufffd") ? null : "shift_jis";
}

const ENCODING_OF: Partial<Record<DetectedEncoding, LineEncoding>> = {
  "utf8-bom": "utf8",
  shift_jis: "shift_jis",
};

/**
 * For a file detected as Shift_JIS (not valid UTF-8 as a whole) or as UTF-8 with a BOM: the first line written in the
 * other encoding than the lines before it, or null. UTF-8 without a BOM is valid as a whole and cannot be mixed;
 * UTF-16 has no such ambiguity.
 */
export function findMixedEncoding(buf: Buffer, encoding: DetectedEncoding): MixedEncoding | null {
  const declared = ENCODING_OF[encoding];
  if (declared === undefined) return null;
  const body = encoding === "utf8-bom" ? buf.subarray(3) : buf;
  // With a BOM the file declares UTF-8 before any line is read.
  let first: LineEncoding | null = encoding === "utf8-bom" ? "utf8" : null;
  let lineNo = 0;
  for (let start = 0; start < body.length; ) {
    const nl = body.indexOf(0x0a, start);
    const end = nl < 0 ? body.length : nl;
    lineNo++;
    // Once the first line shows Shift_JIS, a line that is not UTF-8 needs no decoding: it cannot be the other one.
    const kind = lineEncoding(body.subarray(start, end), first !== "shift_jis");
    if (kind !== null) {
      if (first === null) first = kind;
      else if (kind !== first) return { first, line: lineNo, other: kind };
    }
    start = end + 1;
  }
  return null;
}

const NAMES: Record<LineEncoding, string> = { utf8: "UTF-8", shift_jis: "Shift_JIS" };

export function mixedEncodingMessage(m: MixedEncoding): string {
  return (
    `ファイルの文字コードが混在しているため読み込めません（${m.line}行目が ${NAMES[m.other]}、` +
    `それより前の行は ${NAMES[m.first]} で書かれています）。Excel で開き、「CSV UTF-8（コンマ区切り）」` +
    "または「CSV（コンマ区切り）」（Shift_JIS）として保存し直してから取り込んでください"
  );
}
