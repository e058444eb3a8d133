import { describe, expect, it } from "vitest";
import { fileFromMultipart, MultipartError } from "./multipart-file.js";

const CSV = Buffer.from("種別,内容\r\n苦情,窓口で長く待たされた\r\n");

function body(boundary: string, parts: [string, Buffer][]): Buffer {
  const pieces: Buffer[] = [Buffer.from("preamble\r\n")];
  for (const [headers, data] of parts) {
    pieces.push(Buffer.from(`--${boundary}\r\n${headers}\r\n\r\n`), data, Buffer.from("\r\n"));
  }
  pieces.push(Buffer.from(`--${boundary}--\r\n`));
  return Buffer.concat(pieces);
}

describe("fileFromMultipart", () => {
  it("takes the one file part, its bytes exactly (CRLF inside kept), and its name without a folder", () => {
    const buf = body("----WebKitFormBoundary7MA4YWxkTrZu0gW", [
      ['Content-Disposition: form-data; name="dryRun"', Buffer.from("true")],
      [
        'Content-Disposition: form-data; name="file"; filename="C:\\\\Users\\\\佐藤\\\\声の一覧.csv"\r\nContent-Type: text/csv',
        CSV,
      ],
    ]);
    const file = fileFromMultipart(
      buf,
      'multipart/form-data; boundary="----WebKitFormBoundary7MA4YWxkTrZu0gW"',
    );
    expect(file.fileName).toBe("声の一覧.csv");
    expect(file.data.equals(CSV)).toBe(true);
  });

  it("prefers filename* (RFC 5987) and unescapes a quoted name", () => {
    const star = body("b", [
      [`Content-Disposition: form-data; name="file"; filename="x.csv"; filename*=UTF-8''%E5%A3%B0.csv`, CSV],
    ]);
    expect(fileFromMultipart(star, "multipart/form-data; boundary=b").fileName).toBe("声.csv");
    const quoted = body("b", [
      ['Content-Disposition: form-data; name="file"; filename="a \\"b\\".csv"', CSV],
    ]);
    expect(fileFromMultipart(quoted, "multipart/form-data; boundary=b").fileName).toBe('a "b".csv');
  });

  it("refuses no file, two files, a missing boundary and a cut-off body in Japanese", () => {
    const field = body("b", [['Content-Disposition: form-data; name="memo"', Buffer.from("メモ")]]);
    expect(() => fileFromMultipart(field, "multipart/form-data; boundary=b")).toThrow("ファイルがありません");
    const two = body("b", [
      ['Content-Disposition: form-data; name="a"; filename="1.csv"', CSV],
      ['Content-Disposition: form-data; name="b"; filename="2.csv"', CSV],
    ]);
    expect(() => fileFromMultipart(two, "multipart/form-data; boundary=b")).toThrow(
      "取り込むファイルは1回に1つです",
    );
    expect(() => fileFromMultipart(field, "multipart/form-data")).toThrow(MultipartError);
    const cut = body("b", [['Content-Disposition: form-data; name="file"; filename="1.csv"', CSV]]);
    expect(() =>
      fileFromMultipart(cut.subarray(0, cut.length - 20), "multipart/form-data; boundary=b"),
    ).toThrow("途中で終わっています");
  });
});
