// A small streaming XML scanner for the machine-written XML inside an XLSX (SpreadsheetML). It reports start tags,
// end tags and raw text and leaves decoding to the caller, which keeps only the few values it needs; that is
// several times faster than a validating parser on a sheet of a million cells.

export interface XmlHandler {
  /** `name` without a namespace prefix; `attrs` is the raw attribute text, read with {@link xmlAttr} */
  open(name: string, attrs: string): void;
  close(name: string): void;
  /** raw text: entity references still encoded (decode with {@link decodeXmlText}), possibly in pieces */
  text(raw: string): void;
}

export class XmlSyntaxError extends Error {
  override name = "XmlSyntaxError";
}

/** A tag or comment longer than this is not SpreadsheetML. */
const MAX_PENDING = 16 * 1024 * 1024;

function localName(qname: string): string {
  const colon = qname.indexOf(":");
  return colon < 0 ? qname : qname.slice(colon + 1);
}

function escapeCdata(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;");
}

export class XmlScanner {
  private pending = "";

  constructor(private readonly handler: XmlHandler) {}

  write(chunk: string): void {
    const s = this.pending.length > 0 ? this.pending + chunk : chunk;
    const n = s.length;
    const h = this.handler;
    let i = 0;
    while (i < n) {
      const lt = s.indexOf("<", i);
      if (lt < 0) {
        h.text(s.slice(i));
        i = n;
        break;
      }
      if (lt > i) h.text(s.slice(i, lt));
      i = lt;
      const next = s.charCodeAt(lt + 1);
      if (Number.isNaN(next)) break;
      if (next === 0x21 /* ! */) {
        if (s.startsWith("<!--", lt)) {
          const end = s.indexOf("-->", lt + 4);
          if (end < 0) break;
          i = end + 3;
        } else if (s.startsWith("<![CDATA[", lt)) {
          const end = s.indexOf("]]>", lt + 9);
          if (end < 0) break;
          h.text(escapeCdata(s.slice(lt + 9, end)));
          i = end + 3;
        } else {
          // <!DOCTYPE …>: SpreadsheetML has none; skip it without expanding anything.
          if (n - lt < 9) break;
          const end = s.indexOf(">", lt + 2);
          if (end < 0) break;
          i = end + 1;
        }
      } else if (next === 0x3f /* ? */) {
        const end = s.indexOf("?>", lt + 2);
        if (end < 0) break;
        i = end + 2;
      } else if (next === 0x2f /* / */) {
        const end = s.indexOf(">", lt + 2);
        if (end < 0) break;
        h.close(localName(s.slice(lt + 2, end).trim()));
        i = end + 1;
      } else {
        // A start tag ends at the first ">" outside quotes (a quoted attribute value may contain ">").
        let j = lt + 1;
        let quote = 0;
        for (; j < n; j++) {
          const c = s.charCodeAt(j);
          if (quote !== 0) {
            if (c === quote) quote = 0;
          } else if (c === 0x22 || c === 0x27) quote = c;
          else if (c === 0x3e) break;
        }
        if (j >= n) break;
        const selfClosing = s.charCodeAt(j - 1) === 0x2f;
        const inner = s.slice(lt + 1, selfClosing ? j - 1 : j);
        let nameEnd = 0;
        while (nameEnd < inner.length && inner.charCodeAt(nameEnd) > 0x20) nameEnd++;
        const name = localName(inner.slice(0, nameEnd));
        h.open(name, inner.slice(nameEnd));
        if (selfClosing) h.close(name);
        i = j + 1;
      }
    }
    this.pending = i < n ? s.slice(i) : "";
    if (this.pending.length > MAX_PENDING) throw new XmlSyntaxError("unterminated markup");
  }

  /** Call after the last chunk: an unfinished tag means a truncated part. */
  end(): void {
    if (this.pending.trim() !== "") throw new XmlSyntaxError("unterminated markup at the end");
    this.pending = "";
  }
}

const attrPatterns = new Map<string, RegExp>();

/** The value of one attribute (`name` as written, prefix included: "r", "t", "r:id"), entities decoded. */
export function xmlAttr(attrs: string, name: string): string | undefined {
  let re = attrPatterns.get(name);
  if (re === undefined) {
    re = new RegExp(`(?:^|\\s)${name.replace(/[.:]/g, "\\$&")}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`);
    attrPatterns.set(name, re);
  }
  const m = re.exec(attrs);
  if (m === null) return undefined;
  return decodeXmlText(m[1] ?? m[2] ?? "");
}

const NAMED: Record<string, string> = { lt: "<", gt: ">", amp: "&", quot: '"', apos: "'" };

/** Decodes the five predefined entities and character references. */
export function decodeXmlText(raw: string): string {
  if (raw.indexOf("&") < 0) return raw;
  return raw.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|lt|gt|amp|quot|apos);/g, (whole, ref: string) => {
    if (ref.charCodeAt(0) !== 0x23) return NAMED[ref] ?? whole;
    const code =
      ref[1] === "x" || ref[1] === "X"
        ? Number.parseInt(ref.slice(2), 16)
        : Number.parseInt(ref.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}
