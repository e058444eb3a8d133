/**
 * 「声に基づく改善件数」: improvements completed in a period (完了 or 効果確認済, by completion date in JST) that have
 * at least one linked customer voice. Insight-only improvements are not "based on voices" and are not counted;
 * 見送り are not improvements made. The KPI register, the half-year review and the annual report read this figure.
 */
import type { Db } from "../../db/database.js";
import type { Period } from "../../domain/analysis-period.js";
import { DONE_IMPROVEMENT_STATUSES } from "./improvement-workflow.js";

type PeriodBounds = Pick<Period, "from" | "toExclusive">;

/** The one rule for which improvements count: the count and the list below both read it. */
function basedOnVoices(db: Db, period: PeriodBounds) {
  return db
    .selectFrom("improvements as i")
    .where("i.status", "in", [...DONE_IMPROVEMENT_STATUSES])
    .where("i.completed_on", ">=", period.from)
    .where("i.completed_on", "<", period.toExclusive)
    .where((eb) =>
      eb.exists(
        eb
          .selectFrom("improvement_voices as iv")
          .select("iv.voice_id")
          .whereRef("iv.improvement_id", "=", "i.id"),
      ),
    );
}

export async function countImprovementsBasedOnVoices(db: Db, period: PeriodBounds): Promise<number> {
  const row = await basedOnVoices(db, period)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

export interface ImprovementBasedOnVoices {
  id: number;
  title: string;
  completedOn: string;
  result: string | null;
  voices: number;
}

/** The improvements behind the count, by completion date (the first `limit`): what the KPI's 根拠 lists. */
export async function listImprovementsBasedOnVoices(
  db: Db,
  period: PeriodBounds,
  limit: number,
): Promise<ImprovementBasedOnVoices[]> {
  const rows = await basedOnVoices(db, period)
    .select((eb) => [
      "i.id",
      "i.title",
      "i.completed_on",
      "i.result",
      eb
        .selectFrom("improvement_voices as lv")
        .select((e) => e.fn.countAll<number>().as("n"))
        .whereRef("lv.improvement_id", "=", "i.id")
        .as("voices"),
    ])
    .orderBy("i.completed_on")
    .orderBy("i.id")
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    title: r.title,
    completedOn: r.completed_on ?? "",
    result: r.result,
    voices: Number(r.voices ?? 0),
  }));
}
