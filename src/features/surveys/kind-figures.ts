/**
 * The satisfaction figures per survey kind for a period (responses, top-2-box %, mean), over every survey of the
 * kind: what the KPI register and the reports read (seed 000's 加入者向け 86.8%, お支払い時 93.2% …).
 */
import type { Db } from "../../db/database.js";
import { type Period, periodInstants } from "../../domain/analysis-period.js";
import { emptyCounts, satisfactionFigures } from "../../domain/satisfaction.js";
import type { KindFigures } from "./contract.js";

export async function surveyKindFigures(db: Db, period: Period): Promise<KindFigures> {
  const { fromIso, toIsoExclusive } = periodInstants(period);
  const [kinds, rows] = await Promise.all([
    db
      .selectFrom("survey_kinds")
      .select(["id", "code", "name"])
      .orderBy("sort_order")
      .orderBy("id")
      .execute(),
    db
      .selectFrom("survey_answers as a")
      .innerJoin("surveys as s", "s.id", "a.survey_id")
      .select(["s.kind_id", "a.headline_value", (eb) => eb.fn.countAll<number>().as("n")])
      .where("a.answered_at", ">=", fromIso)
      .where("a.answered_at", "<", toIsoExclusive)
      .groupBy(["s.kind_id", "a.headline_value"])
      .execute(),
  ]);
  return {
    period: { key: period.key, label: period.label },
    kinds: kinds.map((k) => {
      const counts = emptyCounts();
      let responses = 0;
      for (const r of rows) {
        if (r.kind_id !== k.id) continue;
        const n = Number(r.n);
        responses += n;
        if (r.headline_value !== null) counts[r.headline_value] = (counts[r.headline_value] ?? 0) + n;
      }
      const f = satisfactionFigures(counts);
      return { code: k.code, name: k.name, responses, topTwoBox: f.topTwoBox, mean: f.mean };
    }),
  };
}
