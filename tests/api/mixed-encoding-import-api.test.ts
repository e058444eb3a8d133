/**
 * A CSV pasted together from a UTF-8 file and a Shift_JIS file is refused by every import that reads files
 * (voices, survey answers, business figures), naming the first line in the other encoding; nothing is written.
 * The same rows in one encoding are imported, so the refusal is the mixing's. On every database.
 */
import type { FastifyInstance } from "fastify";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSurvey } from "../../src/features/surveys/save-survey.js";
import { type ApiClient, clientAs, seedUsers, testApp } from "../helpers/api-client.js";
import { satisfactionSurvey } from "../helpers/satisfaction-survey.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../helpers/test-database.js";

const dialects = await testDialects();

const utf8 = (lines: string[]) => Buffer.from(lines.map((l) => `${l}\r\n`).join(""), "utf8");
const sjis = (lines: string[]) => iconv.encode(lines.map((l) => `${l}\r\n`).join(""), "cp932");

interface ImportCase {
  name: string;
  url: (surveyId: number) => string;
  tables: ("voices" | "survey_answers" | "business_figures" | "customers")[];
  header: string;
  rows: [string, string, string];
  /** the answer of an import in one encoding */
  imported: Record<string, unknown>;
}

const CASES: ImportCase[] = [
  {
    name: "voices",
    url: () => "/api/v1/imports",
    tables: ["voices", "customers"],
    header: "受付日時,受付チャネル,種別,分類,部署,内容,氏名,電話番号",
    rows: [
      "2025/6/2 9:15,コールセンター,苦情,応対,コールセンター,電話が何度かけてもつながらなかった,山田 花子,090-1234-5678",
      "令和7年6月3日,コールセンター,意見・要望,商品,コールセンター,掛金の引落日を月末に変更したい,佐藤 一郎,03-1234-5678",
      "2025/6/4 14:00,コールセンター,感謝・評価,応対,コールセンター,担当の方の説明がとても丁寧でした,髙橋 美咲,",
    ],
    imported: { imported: 3 },
  },
  {
    name: "survey answers",
    url: (id) => `/api/v1/surveys/${id}/answers/import`,
    tables: ["survey_answers", "voices"],
    header: "回答ID,回答日時,今回の対応に満足されましたか,ご意見・ご要望,年代,部署",
    rows: [
      "P-0001,2025/6/1,満足,手続きが早くて助かりました,40代,コールセンター",
      "P-0002,令和7年6月2日,不満,かけなおすと言われたのにかかってこない,70代,コールセンター",
      "P-0003,2025/6/3,4,書類の記入例がわかりやすかった,60代,コールセンター",
    ],
    imported: { imported: 3 },
  },
  {
    name: "business figures",
    url: () => "/api/v1/activities/business-figures/import",
    tables: ["business_figures"],
    header: "月,項目,件数",
    rows: ["2025-04,保障相談件数,452", "2025-05,保障相談件数,431", "2025-06,新規契約件数,118"],
    imported: { saved: 3 },
  },
];

describe.each(dialects)("imports refuse a CSV of mixed encodings on %s", (dialect) => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  let cs: ApiClient;
  let surveyId: number;

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    app = await testApp(tdb);
    await seedUsers(tdb);
    cs = await clientAs(app, "cs@example.jp");
    const s = await createSurvey(tdb.db, null, satisfactionSurvey("2025年度 保全対応時アンケート"));
    surveyId = s.id;
  });
  afterAll(async () => {
    await app?.close();
    await tdb?.drop();
  });

  const upload = async (url: string, file: Buffer, dryRun: boolean) => {
    const res = await app.inject({
      method: "POST",
      url: `${url}?dryRun=${dryRun}`,
      headers: {
        cookie: cs.cookie ?? "",
        "x-csrf-token": cs.csrf ?? "",
        "content-type": "text/csv",
        "x-file-name": encodeURIComponent("取込.csv"),
      },
      payload: file,
    });
    return { status: res.statusCode, body: JSON.parse(res.body) as Record<string, unknown> };
  };
  const counts = async (tables: ImportCase["tables"]) => {
    const out: Record<string, number> = {};
    for (const t of tables) {
      const r = await tdb.db
        .selectFrom(t)
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow();
      out[t] = Number(r.n);
    }
    return out;
  };

  it.each(CASES)(
    "$name: refused, naming the line, nothing written; the same rows in one encoding are imported",
    async (c) => {
      const [a, b, d] = c.rows;
      const files = [
        {
          file: Buffer.concat([utf8([c.header, a]), sjis([b]), utf8([d])]),
          line: 3,
          other: "Shift_JIS",
          first: "UTF-8",
        },
        {
          file: Buffer.concat([sjis([c.header, a, b]), utf8([d])]),
          line: 4,
          other: "UTF-8",
          first: "Shift_JIS",
        },
        {
          file: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), utf8([c.header]), sjis([a, b, d])]),
          line: 2,
          other: "Shift_JIS",
          first: "UTF-8",
        },
      ];
      const before = await counts(c.tables);
      for (const f of files) {
        for (const dryRun of [true, false]) {
          const r = await upload(c.url(surveyId), f.file, dryRun);
          expect(r.status, JSON.stringify(r.body)).toBe(400);
          const error = r.body.error as { code: string; message: string; fields: Record<string, string> };
          expect(error.code).toBe("invalid_input");
          expect(error.message).toContain(
            `ファイルの文字コードが混在しているため読み込めません（${f.line}行目が ${f.other}、それより前の行は ${f.first} で書かれています）`,
          );
          expect(error.fields.file).toContain("保存し直してから取り込んでください");
        }
      }
      expect(await counts(c.tables)).toEqual(before);
      const r = await upload(c.url(surveyId), sjis([c.header, ...c.rows]), false);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body).toMatchObject(c.imported);
    },
  );
});
