// Takes the one file out of a multipart/form-data body (a browser form or `curl -F file=@声.csv`), held in memory.

export interface UploadedFile {
  data: Buffer;
  /** as the client named it, without any folder part; "" when none was given */
  fileName: string;
}

/** The body is multipart but not one file; the message is Japanese and shown as is. */
export class MultipartError extends Error {
  override name = "MultipartError";
}

function boundaryOf(contentType: string): string | null {
  const m = /;\s*boundary\s*=\s*(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
  return m ? (m[1] ?? m[2] ?? null) : null;
}

function param(header: string, name: string): string | null {
  const m = new RegExp(`;\\s*${name}\\s*=\\s*(?:"((?:[^"\\\\]|\\\\.)*)"|([^;\\s]*))`, "i").exec(header);
  if (m === null) return null;
  return m[1] !== undefined ? m[1].replace(/\\(.)/g, "$1") : (m[2] ?? "");
}

/** RFC 5987 `filename*=UTF-8''%E5%A3%B0.csv`, which some clients send instead of (or beside) filename. */
function extendedFileName(header: string): string | null {
  const raw = param(header, "filename\\*");
  if (raw === null) return null;
  const m = /^([\w-]+)'[^']*'(.*)$/.exec(raw);
  if (m === null) return null;
  try {
    return decodeURIComponent(m[2] ?? "");
  } catch {
    return null;
  }
}

function baseName(name: string): string {
  return name.slice(Math.max(name.lastIndexOf("/"), name.lastIndexOf("\\")) + 1);
}

/**
 * The only part that carries a file (a Content-Disposition with filename). Other fields are ignored; no file,
 * or more than one, is an error.
 */
export function fileFromMultipart(body: Buffer, contentType: string): UploadedFile {
  const boundary = boundaryOf(contentType);
  if (boundary === null) {
    throw new MultipartError("multipart/form-data の boundary がありません。送信の形式を確認してください");
  }
  const delimiter = Buffer.from(`--${boundary}`);
  const nextDelimiter = Buffer.from(`\r\n--${boundary}`);
  const files: UploadedFile[] = [];
  let pos = body.indexOf(delimiter);
  while (pos >= 0) {
    pos += delimiter.length;
    // "--" after a delimiter closes the body.
    if (body[pos] === 0x2d && body[pos + 1] === 0x2d) break;
    const headersEnd = body.indexOf("\r\n\r\n", pos);
    if (headersEnd < 0) break;
    const headers = body.toString("utf8", pos, headersEnd);
    const start = headersEnd + 4;
    const end = body.indexOf(nextDelimiter, start);
    if (end < 0)
      throw new MultipartError("multipart/form-data の本文が途中で終わっています。もう一度送ってください");
    const disposition = /^content-disposition:(.*)$/im.exec(headers)?.[1] ?? "";
    const fileName = extendedFileName(disposition) ?? param(disposition, "filename");
    if (fileName !== null) files.push({ data: body.subarray(start, end), fileName: baseName(fileName) });
    pos = end + 2;
  }
  if (files.length === 0) {
    throw new MultipartError(
      "multipart/form-data の中にファイルがありません。ファイルの欄（例: file=@声.csv）で送ってください",
    );
  }
  if (files.length > 1) {
    throw new MultipartError(`ファイルが${files.length}つ送られました。取り込むファイルは1回に1つです`);
  }
  return files[0] as UploadedFile;
}
