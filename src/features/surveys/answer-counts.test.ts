/**
 * The monthly counts on every database: what the writers keep equals what the answers themselves say, for a fiscal
 * year (whole months) and a custom period (partial months at both edges), and migration 0026 fills the same counts
 * from answers stored before it.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase, testDialects } from "../../../tests/helpers/test-database.js";
import * as m0026 from "../../db/migrations/2026-12-04-0026-survey-month-counts.js";
import { customPeriod, fiscalYearPeriod, type Period, periodInstants } from "../../domain/analysis-period.js";
import { type CountDim, periodCounts, rawCounts } from "./answer-counts.js";
import { createSurvey } from "./save-survey.js";
import { submitAnswer } from "./submit-answer.js";

const dialects = await testDialects();
const DIMS: CountDim[] = ["answers", "item", "answered", "age_band", "prefecture", "department"];
const LEVELS = ["満足", "やや満足", "ふつう", "やや不満", "不満"];
const AGES = ["30代", "40代", "70代"];
const PREFS = ["大阪府", "福井県"];

const plain = (c: Map<string, Map<string, Map<number, number>>>) =>
  Object.fromEntries(
    [...c].map(([dim, keys]) => [
      dim,
      Object.fromEntries(
        [...keys].map(([k, vs]) => [k, Object.fromEntries([...vs].sort((a, b) => a[0] - b[0]))]),
      ),
    ]),
  );

describe.each(dialects)("survey month counts on %s", (dialect) => {
  let tdb: TestDatabase;
  let surveyId: number;
  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    const s = await createSurvey(tdb.db, null, {
      name: "加入者向けアンケート",
      kind: "members",
      questions: [
        { key: "overall", type: "satisfaction", label: "総合的な満足度", required: false, headline: true },
        {
          key: "how",
          type: "multiple",
          label: "ご利用の窓口",
          required: false,
          options: ["電話", "窓口", "Web"],
        },
        { key: "comment", type: "text", label: "ご意見", required: false },
      ],
    });
    surveyId = s.id;
    // 40 answers over four months, some at the JST midnight edge, some without a headline answer.
    for (let i = 0; i < 40; i++) {
      const day = 1 + ((i * 7) % 28);
      const month = 4 + (i % 4);
      const at = i % 5 === 0 ? "00:10" : "23:50";
      const answers: Record<string, unknown> = {
        how: i % 3 === 0 ? ["電話", "窓口"] : ["Web"],
        ...(i % 6 === 5 ? {} : { overall: LEVELS[i % 5] }),
        ...(i % 4 === 0 ? { comment: `コメント${i}` } : {}),
      };
      await tdb.db.transaction().execute((trx) =>
        submitAnswer(
          trx,
          surveyId,
          {
            answers: answers as never,
            answeredAt: `2023-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")} ${at}`,
            respondent: { ageBand: AGES[i % 3], prefecture: i % 2 ? PREFS[i % 2] : null },
          },
          { source: "paper", externalId: `C-${i}` },
        ),
      );
    }
  });
  afterAll(async () => tdb?.drop());

  const same = async (p: Period) => {
    const { fromIso, toIsoExclusive } = periodInstants(p);
    const raw = await rawCounts(tdb.db, surveyId, fromIso, toIsoExclusive, DIMS);
    const kept = await periodCounts(tdb.db, surveyId, p, DIMS);
    expect(plain(kept)).toEqual(plain(raw));
    return raw;
  };

  it("gives a fiscal year and a custom period the counts of the answers themselves", async () => {
    const fy = await same(fiscalYearPeriod(2023, 4));
    expect([...(fy.get("answers")?.get("")?.values() ?? [])].reduce((a, b) => a + b, 0)).toBe(40);
    // partial May and July at the edges, whole June between
    const part = await same(customPeriod("2023-05-15", "2023-07-10", 4));
    expect(part.get("answers")?.get("")?.size).toBeGreaterThan(0);
    await same(customPeriod("2023-06-03", "2023-06-20", 4));
  });

  it("fills the counts of answers stored before migration 0026, and its down() removes them", async () => {
    await m0026.down(tdb.db);
    await expect(tdb.db.selectFrom("survey_month_counts").selectAll().execute()).rejects.toThrow();
    await m0026.up(tdb.db);
    await same(fiscalYearPeriod(2023, 4));
  });
});
