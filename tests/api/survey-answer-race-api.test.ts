/**
 * The closed loop under concurrency, on every database: the same paper answer sent several times at once, and
 * at the same moment an answer import holding the same 回答ID, store the answer once and make one voice of it.
 * Every request is answered as the idempotent repeat is (paper: 200 created: false with the same voice; import:
 * the row counted as skipped), never with a 500 from the unique key.
 */
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ImportResult } from "../../src/features/import-export/contract.js";
import type { AnswerReceipt } from "../../src/features/surveys/contract.js";
import { createSurvey } from "../../src/features/surveys/save-survey.js";
import { answerVoiceExternalId } from "../../src/features/surveys/survey-voice.js";
import { type ApiClient, clientAs, seedUsers, testApp } from "../helpers/api-client.js";
import { satisfactionSurvey } from "../helpers/satisfaction-survey.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../helpers/test-database.js";

const dialects = await testDialects();
const ROUNDS = 8;
const PAPER_AT_ONCE = 4;

describe.each(dialects)("the same survey answer at once on %s", (dialect) => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  let cs: ApiClient;
  let surveyId: number;

  const importFile = async (rows: string[]) => {
    const csv = `回答ID,回答日時,今回の対応に満足されましたか,ご意見・ご要望\r\n${rows.join("\r\n")}\r\n`;
    const res = await app.inject({
      method: "POST",
      url: `/api/v1/surveys/${surveyId}/answers/import?dryRun=false`,
      headers: {
        cookie: cs.cookie ?? "",
        "x-csrf-token": cs.csrf ?? "",
        "content-type": "text/csv",
        "x-file-name": encodeURIComponent("保全対応時アンケート_紙回答.csv"),
      },
      payload: Buffer.from(csv, "utf8"),
    });
    return { status: res.statusCode, body: JSON.parse(res.body) as ImportResult };
  };

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    app = await testApp(tdb);
    await seedUsers(tdb);
    cs = await clientAs(app, "cs@example.jp");
    const s = await createSurvey(tdb.db, null, satisfactionSurvey("2025年度 保全対応時アンケート（紙）"));
    surveyId = s.id;
  });
  afterAll(async () => {
    await app?.close();
    await tdb?.drop();
  });

  it(`${ROUNDS} rounds of ${PAPER_AT_ONCE} paper entries and an import of one 回答ID: one answer, one voice`, async () => {
    for (let round = 0; round < ROUNDS; round++) {
      const answerId = `紙-2025-${String(round + 1).padStart(4, "0")}`;
      const comment = `担当者から折り返すと言われたが、${round + 2}日たっても連絡がない。`;
      const paper = () =>
        cs.post<AnswerReceipt>(`/api/v1/surveys/${surveyId}/answers`, {
          answerId,
          answeredAt: "2025/6/2 10:00",
          answers: { overall: "不満", comment },
        });
      // The import also carries another, untouched answer: it is written whatever happens to the shared one.
      const other = `紙-2025-${String(round + 1).padStart(4, "0")}-B`;
      const [imported, ...entries] = await Promise.all([
        importFile([`${answerId},2025/6/2 10:00,不満,${comment}`, `${other},2025/6/3,満足,`]),
        ...Array.from({ length: PAPER_AT_ONCE }, paper),
      ]);

      expect(imported.status, JSON.stringify(imported.body)).toBe(200);
      expect(imported.body.problems).toEqual([]);
      expect(imported.body.imported + imported.body.skipped).toBe(2);
      for (const e of entries) expect([200, 201], JSON.stringify(e.body)).toContain(e.status);
      const created = entries.filter((e) => e.status === 201);
      // Exactly one writer stored the shared answer: a paper entry (201) or the import (imported 2).
      expect(created.length + (imported.body.imported === 2 ? 1 : 0)).toBe(1);

      const stored = await tdb.db
        .selectFrom("survey_answers")
        .select(["id", "voice_id", "source"])
        .where("survey_id", "=", surveyId)
        .where("answer_key", "=", answerId)
        .execute();
      expect(stored).toHaveLength(1);
      const answer = stored[0] as (typeof stored)[number];
      const voices = await tdb.db
        .selectFrom("voices")
        .select(["id", "receipt_number", "external_id"])
        .where("external_id", "like", `survey:${surveyId}:answer:%`)
        .where("content", "like", `%${comment}%`)
        .execute();
      expect(voices).toHaveLength(1);
      expect(voices[0]?.id).toBe(answer.voice_id);
      expect(voices[0]?.external_id).toBe(answerVoiceExternalId(surveyId, answer.id));
      // Every paper entry names the one answer and its one voice, as a repeat sent later would.
      for (const e of entries)
        expect(e.body).toEqual({
          created: e.status === 201,
          answerId: answer.id,
          voiceReceiptNumber: voices[0]?.receipt_number,
        });
      const repeat = await paper();
      expect(repeat.status).toBe(200);
      expect(repeat.body).toEqual({
        created: false,
        answerId: answer.id,
        voiceReceiptNumber: voices[0]?.receipt_number,
      });
      const untouched = await tdb.db
        .selectFrom("survey_answers")
        .select("id")
        .where("answer_key", "=", other)
        .execute();
      expect(untouched).toHaveLength(1);
    }
    const counts = await tdb.db
      .selectFrom("survey_month_counts")
      .select("n")
      .where("survey_id", "=", surveyId)
      .where("dim", "=", "answers")
      .execute();
    // The monthly counts hold every stored answer once: two per round.
    expect(counts.reduce((s, c) => s + Number(c.n), 0)).toBe(ROUNDS * 2);
  });
});
