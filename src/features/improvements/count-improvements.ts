/**
 * 「声に基づく改善件数」: improvements completed in a period (完了 or 効果確認済, by completion date in JST) that have
 * at least one linked customer voice. Insight-only improvements are not "based on voices" and are not counted;
 * 見送り are not improvements made. The KPI register, the half-year review and the annual report read this figure.
 */
import type { Db } from "../../db/database.js";
import type { Period } from "../../domain/analysis-period.js";
import { DONE_IMPROVEMENT_STATUSES } from "./improvement-workflow.js";

export async function countImprovementsBasedOnVoices(
  db: Db,
  period: Pick<Period, "from" | "toExclusive">,
): Promise<number> {
  const row = await db
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
    )
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
