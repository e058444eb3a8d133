/** Disclosure: the public summaries (種目 / 声の内容 / 改善したこと) of improvements completed in a period. */
import type { Db } from "../../db/database.js";
import type { Period } from "../../domain/analysis-period.js";
import type { PublicImprovementList } from "./contract.js";
import { DONE_IMPROVEMENT_STATUSES } from "./improvement-workflow.js";

export async function publicImprovements(db: Db, period: Period): Promise<PublicImprovementList> {
  const rows = await db
    .selectFrom("improvements")
    .where("is_public", "=", 1)
    .where("status", "in", [...DONE_IMPROVEMENT_STATUSES])
    .where("completed_on", ">=", period.from)
    .where("completed_on", "<", period.toExclusive)
    .select(["id", "public_kind", "public_voice", "public_result", "completed_on"])
    .orderBy("completed_on")
    .orderBy("id")
    .execute();
  return {
    period: { key: period.key, label: period.label, from: period.from, to: period.to },
    items: rows.map((r) => ({
      id: r.id,
      kind: r.public_kind ?? "",
      voice: r.public_voice ?? "",
      result: r.public_result ?? "",
      completedOn: r.completed_on,
    })),
  };
}
