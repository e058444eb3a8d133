/** The survey list with each survey's number of answers. */
import type { Db } from "../../db/database.js";
import type { Survey } from "./contract.js";
import { listSurveyRecords, presentSurvey } from "./survey-store.js";

export async function countResponses(db: Db, surveyId: number): Promise<number> {
  const r = await db
    .selectFrom("survey_answers")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("survey_id", "=", surveyId)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function listSurveys(db: Db): Promise<Survey[]> {
  const [records, counts] = await Promise.all([
    listSurveyRecords(db),
    db
      .selectFrom("survey_answers")
      .select(["survey_id", (eb) => eb.fn.countAll<number>().as("n")])
      .groupBy("survey_id")
      .execute(),
  ]);
  const n = new Map(counts.map((c) => [c.survey_id, Number(c.n)]));
  return records.map((s) => presentSurvey(s, n.get(s.id) ?? 0));
}
