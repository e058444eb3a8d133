/**
 * The defects the property suites found (write-, read-routes- and import-files-property), kept as explicit
 * examples on every database: each answered 500, wrote part of a request, or answered in a library's wording.
 */
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ApiClient, clientAs, seedUsers, testApp } from "../helpers/api-client.js";
import { expectWellRefused } from "../helpers/bad-input.js";
import { multipart } from "../helpers/import-files.js";
import { answerOf } from "../helpers/property-fixture.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../helpers/test-database.js";

const dialects = await testDialects();

describe.each(dialects)("bad input found by the property suites, on %s", (dialect) => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  let cs: ApiClient;

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    app = await testApp(tdb);
    await seedUsers(tdb);
    cs = await clientAs(app, "cs@example.jp");
  });
  afterAll(async () => {
    await app?.close();
    await tdb?.drop();
  });

  const get = async (url: string) =>
    answerOf(await app.inject({ method: "GET", url, headers: { cookie: cs.cookie ?? "" } }));

  it("answers a path that is not valid percent-encoding in Japanese, not Fastify's English", async () => {
    for (const url of ["/api/v1/voices/%E3%81", "/api/v1/public/surveys/%ED%A0%80"]) {
      const answer = await get(url);
      expectWellRefused(answer, url);
      expect(answer.status).toBe(400);
      expect(answer.body).toEqual({
        error: {
          code: "invalid_input",
          message: "URL に読み取れない文字があります（パーセントエンコードが正しくありません）",
          fields: { url: "URL に読み取れない文字があります（パーセントエンコードが正しくありません）" },
        },
      });
    }
  });

  it("answers a path parameter over 100 characters as not found, in Japanese", async () => {
    const answer = await get(`/api/v1/voices/${"9".repeat(150)}`);
    expectWellRefused(answer, "long id");
    expect(answer.status).toBe(404);
    expect(answer.body).toEqual({
      error: { code: "not_found", message: "URL の値が長すぎます。該当するものは見つかりません" },
    });
  });

  it("imports a UTF-16 file (Excel's 「Unicode テキスト」) instead of reading it as Shift_JIS mojibake", async () => {
    const text =
      "受付日時\t受付チャネル\t種別\t分類\t部署\t内容\r\n" +
      "2025/6/2 9:15\tコールセンター\t苦情\t応対\tコールセンター\t電話が何度かけてもつながりませんでした\r\n";
    const file = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]);
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/imports?dryRun=true",
      headers: {
        cookie: cs.cookie ?? "",
        "x-csrf-token": cs.csrf ?? "",
        "content-type": "text/plain",
        "x-file-name": encodeURIComponent("声.txt"),
      },
      payload: file,
    });
    const answer = answerOf(res);
    expect(answer.status).toBe(200);
    expect(answer.body).toMatchObject({ total: 1, importable: 1, problems: [], encoding: "utf16le-bom" });
  });

  it("takes the business figures file from a multipart body, as the other imports do", async () => {
    const { body, contentType } = multipart(
      Buffer.from("月,項目,件数\r\n2025-04,保障相談件数,452\r\n", "utf8"),
      "月次実績.csv",
    );
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/activities/business-figures/import",
      headers: { cookie: cs.cookie ?? "", "x-csrf-token": cs.csrf ?? "", "content-type": contentType },
      payload: body,
    });
    expect(res.statusCode).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ saved: 1 });
    const json = await app.inject({
      method: "POST",
      url: "/api/v1/activities/business-figures/import",
      headers: { cookie: cs.cookie ?? "", "x-csrf-token": cs.csrf ?? "", "content-type": "application/json" },
      payload: { rows: [] },
    });
    expect(json.statusCode).toBe(415);
    expectWellRefused(answerOf(json), "JSON to an import");
  });

  it("answers a survey link's answers that are not an object in koe's Japanese, not zod's", async () => {
    for (const answers of [null, "満足", 5, [1]]) {
      const res = await app.inject({
        method: "POST",
        url: "/api/v1/public/survey-links/ABCD-EFGH/answers",
        payload: { answers },
      });
      const answer = answerOf(res);
      expectWellRefused(answer, `answers: ${JSON.stringify(answers)}`);
      expect(answer.status).toBe(400);
      expect((answer.body as { error: { fields: Record<string, string> } }).error.fields.answers).toBe(
        "オブジェクトで指定してください",
      );
    }
  });
});
