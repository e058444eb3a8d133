/** Storing answers on every database: idempotent by answer id, nothing stored on bad input, the closed loop. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { satisfactionSurvey } from "../../../tests/helpers/satisfaction-survey.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../../../tests/helpers/test-database.js";
import { createSurvey } from "./save-survey.js";
import { submitAnswer } from "./submit-answer.js";

const dialects = await testDialects();

describe.each(dialects)("submitAnswer on %s", (dialect) => {
  let tdb: TestDatabase;
  let surveyId: number;
  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    const s = await createSurvey(tdb.db, null, satisfactionSurvey("2023年 保全対応時アンケート"));
    surveyId = s.id;
  });
  afterAll(async () => tdb?.drop());

  const submit = (answers: Record<string, unknown>, externalId: string) =>
    tdb.db
      .transaction()
      .execute((trx) =>
        submitAnswer(trx, surveyId, { answers: answers as never }, { source: "import", externalId }),
      );

  it("stores an answer once per answer id, and a dissatisfied one becomes one voice", async () => {
    const first = await submit(
      { overall: "不満", comment: "かけなおすと言われたのにかかってこない。" },
      "P-0001",
    );
    expect(first.created).toBe(true);
    expect(first.voiceId).not.toBeNull();
    const again = await submit(
      { overall: "不満", comment: "かけなおすと言われたのにかかってこない。" },
      "P-0001",
    );
    expect(again).toEqual({ ...first, created: false });
    const voices = await tdb.db.selectFrom("voices").select(["id", "department_id"]).execute();
    expect(voices).toHaveLength(1);
    const dept = await tdb.db
      .selectFrom("departments")
      .select("code")
      .where("id", "=", voices[0]?.department_id ?? 0)
      .executeTakeFirst();
    expect(dept?.code).toBe("servicing");
  });

  it("stores nothing for a 6 on the 5-level question", async () => {
    await expect(submit({ overall: 6 }, "P-0002")).rejects.toMatchObject({
      code: "invalid_input",
      fields: { "answers.overall": expect.stringContaining("「今回の対応に満足されましたか」は 1〜5") },
    });
    const n = await tdb.db
      .selectFrom("survey_answers")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow();
    expect(Number(n.n)).toBe(1);
  });
});
