/**
 * Property: the file imports (voices, survey answers, monthly business figures), given generated and broken
 * files — CSV in UTF-8, UTF-8 with BOM, Shift_JIS, UTF-16 and a mix of two; XLSX with formula cells, truncated or
 * with bytes flipped; hand-made zips whose parts lie about their size or hold odd sheet XML; random bytes — sent
 * raw or as multipart, never answer 500; a refusal or a file with problems writes nothing, in Japanese naming the
 * row and column (or the file); an import writes exactly the rows it reports. Then the large files, once each:
 * 50 MB over the row limit and a zip bomb. On every database; the seed is fixed and printed with any counterexample.
 */
import { crc32, createDeflateRaw } from "node:zlib";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  changedCounts,
  expectWellRefused,
  messageProblem,
  PROPERTY_SEED,
  runsPerRoute,
} from "../helpers/bad-input.js";
import {
  csvBytes,
  damage,
  damageArbitrary,
  type Encoding,
  handMadeXlsxArbitrary,
  multipart,
  randomBytesArbitrary,
  type Sheet,
  sheetArbitrary,
  voiceSheetArbitrary,
  xlsxBytes,
} from "../helpers/import-files.js";
import { answerOf, type PropertyWorld, propertyWorld } from "../helpers/property-fixture.js";
import { testDialects } from "../helpers/test-database.js";

const dialects = await testDialects();

const RUNS = runsPerRoute(100);

const ANSWER_HEADER = [
  "回答ID",
  "回答日時",
  "今回の対応に満足されましたか",
  "ご利用の窓口",
  "ご意見・ご要望",
  "年代",
  "部署",
];
const GOOD_ANSWER_VALUES = [
  ["P-0001", "P-0002", "A-1"],
  ["2025/6/1", "令和7年6月3日", "2025-06-04 10:00"],
  ["満足", "4", "不満"],
  ["電話", "電話、ホームページ", ""],
  ["手続きが早くて助かりました", "", "かけなおすと言われたのにかかってこない"],
  ["40代", "70代", ""],
  ["コールセンター", ""],
];
const FIGURE_HEADER = ["月", "項目", "種目", "件数", "満期件数"];
const GOOD_FIGURE_VALUES = [
  ["2025-04", "2025/5", "2025年6月"],
  ["保障相談件数", "新規契約件数", "早期消滅・失効件数"],
  [""],
  ["120", "0", "15"],
  [""],
];

type FileShape =
  | { kind: "csv"; sheet: Sheet; encoding: Encoding }
  | { kind: "xlsx"; sheet: Sheet }
  | { kind: "handmade"; file: Buffer }
  | { kind: "random"; file: Buffer };

function fileArbitrary(sheets: fc.Arbitrary<Sheet>): fc.Arbitrary<FileShape> {
  return fc.oneof(
    {
      arbitrary: fc.record({
        kind: fc.constant("csv" as const),
        sheet: sheets,
        encoding: fc.constantFrom<Encoding>("utf8", "utf8bom", "sjis", "mixed", "utf16le"),
      }),
      weight: 4,
    },
    { arbitrary: fc.record({ kind: fc.constant("xlsx" as const), sheet: sheets }), weight: 3 },
    {
      arbitrary: fc.record({ kind: fc.constant("handmade" as const), file: handMadeXlsxArbitrary }),
      weight: 1,
    },
    { arbitrary: fc.record({ kind: fc.constant("random" as const), file: randomBytesArbitrary }), weight: 1 },
  );
}

async function bytesOf(shape: FileShape): Promise<Buffer> {
  switch (shape.kind) {
    case "csv":
      return csvBytes(shape.sheet, shape.encoding);
    case "xlsx":
      return xlsxBytes(shape.sheet);
    default:
      return shape.file;
  }
}

interface Upload {
  file: FileShape;
  damage: Parameters<typeof damage>[1];
  fileName: string;
  sendAs: "raw" | "multipart" | "csv" | "form";
  dryRun: boolean;
}

const uploadArbitrary = (sheets: fc.Arbitrary<Sheet>): fc.Arbitrary<Upload> =>
  fc.record({
    file: fileArbitrary(sheets),
    damage: damageArbitrary,
    fileName: fc.constantFrom("声.csv", "声.xlsx", "声.xls", "声.txt", "", "..%2F..%2Fetc%2Fpasswd"),
    sendAs: fc.constantFrom("raw", "multipart", "csv", "form"),
    dryRun: fc.boolean(),
  });

interface ImportAnswer {
  imported?: number;
  dryRun?: boolean;
  problems?: { row: number; column: string; reason: string }[];
  saved?: number;
}

describe.each(dialects)("file imports with generated and broken files on %s", (dialect) => {
  let world: PropertyWorld;
  let surveyId: number;

  beforeAll(async () => {
    world = await propertyWorld(dialect);
    const s = await world.tdb.db.selectFrom("surveys").select("id").executeTakeFirstOrThrow();
    surveyId = s.id;
  });
  afterAll(async () => {
    await world?.app.close();
    await world?.tdb.drop();
  });

  const send = async (url: string, up: Upload) => {
    const file = damage(await bytesOf(up.file), up.damage);
    const client = world.clients.cs;
    const mp = up.sendAs === "multipart" ? multipart(file, up.fileName) : null;
    const contentType =
      mp?.contentType ??
      {
        raw: "application/octet-stream",
        csv: "text/csv",
        form: "application/x-www-form-urlencoded",
        multipart: "",
      }[up.sendAs];
    const res = await world.app.inject({
      method: "POST",
      url: `${url}?dryRun=${up.dryRun}`,
      headers: {
        cookie: client.cookie ?? "",
        "x-csrf-token": client.csrf ?? "",
        "content-type": contentType,
        "x-file-name": encodeURIComponent(up.fileName),
      },
      payload: mp?.body ?? file,
    });
    return answerOf(res);
  };

  /** The import's answer meets the bar; returns the table whose rows it says it wrote, and how many. */
  const checkImport = (answer: ReturnType<typeof answerOf>, what: string) => {
    expectWellRefused(answer, what);
    if (answer.status >= 400) return 0;
    const body = answer.body as ImportAnswer;
    for (const p of body.problems ?? []) {
      expect(messageProblem(p.reason), `${what}: ${JSON.stringify(p)}`).toBeNull();
      // a problem names the row (spreadsheet numbering, the header is row 1) or the column
      expect(
        p.row >= 1 || p.column.trim() !== "",
        `${what}: ${JSON.stringify(p)} names no row or column`,
      ).toBe(true);
    }
    if ((body.problems ?? []).length > 0) expect(body.imported ?? 0, what).toBe(0);
    return body.imported ?? body.saved ?? 0;
  };

  const importProperty = async (
    url: string,
    sheets: fc.Arbitrary<Sheet>,
    table: "voices" | "survey_answers" | "business_figures",
  ) => {
    const tally = { refused: 0, withProblems: 0, dryRun: 0, imported: 0 };
    const details = await fc.check(
      fc.asyncProperty(uploadArbitrary(sheets), async (up) => {
        const before = await world.counts();
        const answer = await send(url, up);
        const what = `${url} ${up.file.kind}${"encoding" in up.file ? `/${up.file.encoding}` : ""} ${up.damage.kind} as ${up.sendAs} → ${answer.status}`;
        const written = checkImport(answer, what);
        const problems = (answer.body as ImportAnswer).problems?.length ?? 0;
        if (answer.status >= 400) {
          tally.refused++;
          if (process.env.KOE_PROPERTY_DEBUG) console.info(what, JSON.stringify(answer.body).slice(0, 300));
        } else if (problems > 0) {
          tally.withProblems++;
          if (process.env.KOE_PROPERTY_DEBUG)
            console.info(JSON.stringify((answer.body as ImportAnswer).problems?.slice(0, 3)));
        } else if (up.dryRun) tally.dryRun++;
        else tally.imported++;
        const changed = changedCounts(before, await world.counts());
        if (written === 0 || up.dryRun) {
          expect(changed, `${what}: wrote without importing`).toEqual({});
        } else if (table !== "business_figures") {
          // all or nothing: exactly the rows it reports (business figures are upserts: saved counts updates too)
          expect(changed[table], `${what}: ${written} reported`).toBe(
            `${before[table]} → ${(before[table] ?? 0) + written}`,
          );
        }
      }),
      { numRuns: RUNS, seed: PROPERTY_SEED, endOnFailure: true },
    );
    console.info(`${url} on ${dialect}: ${RUNS} files: ${JSON.stringify(tally)}`);
    expect(
      details.failed,
      `${String((details.errorInstance as Error | undefined)?.message).slice(0, 1500)}\n${(fc.defaultReportMessage(details) ?? "").slice(0, 2000)}`,
    ).toBe(false);
  };

  it(`voice import: never 500, problems in Japanese by row and column, all or nothing (${RUNS} files, seed ${PROPERTY_SEED})`, async () => {
    await importProperty("/api/v1/imports", voiceSheetArbitrary(), "voices");
  }, 120_000);

  it(`survey answer import: the same (${RUNS} files, seed ${PROPERTY_SEED})`, async () => {
    await importProperty(
      `/api/v1/surveys/${surveyId}/answers/import`,
      sheetArbitrary(ANSWER_HEADER, GOOD_ANSWER_VALUES, 0),
      "survey_answers",
    );
  }, 120_000);

  it(`business figures import: the same (${RUNS} files, seed ${PROPERTY_SEED})`, async () => {
    await importProperty(
      "/api/v1/activities/business-figures/import",
      // one row: two clean rows would often repeat a month and item, which the import refuses
      sheetArbitrary(FIGURE_HEADER, GOOD_FIGURE_VALUES, undefined, 1),
      "business_figures",
    );
  }, 120_000);

  it("a 50 MB CSV over the row limit is refused in Japanese and writes nothing", async () => {
    const row =
      "令和7年4月1日,コールセンター,苦情,応対,自動車共済,コールセンター,電話が何度かけてもつながらず、折り返しの連絡もありませんでした。担当者の方の説明も不十分でした\r\n";
    const rows = Math.ceil((50 * 1024 * 1024) / Buffer.byteLength(row));
    const file = Buffer.concat([
      Buffer.from("受付日時,受付チャネル,種別,分類,商品,部署,内容\r\n"),
      Buffer.from(row.repeat(rows)),
    ]);
    expect(file.length).toBeGreaterThan(50 * 1024 * 1024);
    const before = await world.counts();
    const answer = await send("/api/v1/imports", {
      file: { kind: "random", file },
      damage: { kind: "none" },
      fileName: "声.csv",
      sendAs: "csv",
      dryRun: false,
    });
    expect(answer.status).toBe(400);
    expectWellRefused(answer, "50 MB CSV");
    expect(JSON.stringify(answer.body)).toContain("行数が上限");
    expect(changedCounts(before, await world.counts())).toEqual({});
  }, 120_000);

  it("a zip bomb (a sheet inflating past 1 GiB) is refused in Japanese and writes nothing", async () => {
    const bomb = await zipBombOnce();
    expect(bomb.length).toBeLessThan(3 * 1024 * 1024);
    const before = await world.counts();
    const answer = await send("/api/v1/imports", {
      file: { kind: "random", file: bomb },
      damage: { kind: "none" },
      fileName: "声.xlsx",
      sendAs: "raw",
      dryRun: false,
    });
    expect(answer.status).toBe(400);
    expectWellRefused(answer, "zip bomb");
    expect(JSON.stringify(answer.body)).toContain("展開した大きさが上限");
    expect(changedCounts(before, await world.counts())).toEqual({});
  }, 120_000);
});

let bombMade: Promise<Buffer> | undefined;
/** The zip bomb, made once for every database (deflating a gigabyte takes seconds). */
const zipBombOnce = () => {
  bombMade ??= zipBomb(1024 * 1024 * 1024 + 64 * 1024 * 1024);
  return bombMade;
};

/** An XLSX whose one sheet inflates to `bytes` of spaces inside <sheetData>: small on the wire, huge unpacked. */
async function zipBomb(bytes: number): Promise<Buffer> {
  const head = Buffer.from(
    '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>',
  );
  const tail = Buffer.from("</sheetData></worksheet>");
  const chunk = Buffer.alloc(4 * 1024 * 1024, 0x20);
  const deflate = createDeflateRaw({ level: 9 });
  const out: Buffer[] = [];
  deflate.on("data", (c: Buffer) => out.push(c));
  const done = new Promise((resolve) => deflate.on("end", resolve));
  let crc = crc32(head);
  deflate.write(head);
  for (let n = 0; n < bytes; n += chunk.length) {
    crc = crc32(chunk, crc);
    if (!deflate.write(chunk)) await new Promise((resolve) => deflate.once("drain", resolve));
  }
  crc = crc32(tail, crc);
  deflate.end(tail);
  await done;
  const compressed = Buffer.concat(out);
  const size = head.length + Math.ceil(bytes / chunk.length) * chunk.length + tail.length;
  const name = Buffer.from("xl/worksheets/sheet1.xml");
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(crc, 14);
  local.writeUInt32LE(compressed.length, 18);
  local.writeUInt32LE(size >>> 0, 22);
  local.writeUInt16LE(name.length, 26);
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(crc, 16);
  central.writeUInt32LE(compressed.length, 20);
  central.writeUInt32LE(size >>> 0, 24);
  central.writeUInt16LE(name.length, 28);
  central.writeUInt32LE(0, 42);
  const dirOffset = local.length + name.length + compressed.length;
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(1, 8);
  end.writeUInt16LE(1, 10);
  end.writeUInt32LE(central.length + name.length, 12);
  end.writeUInt32LE(dirOffset, 16);
  return Buffer.concat([local, name, compressed, central, name, end]);
}
