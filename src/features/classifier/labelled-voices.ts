/**
 * The organisation's labelled voices: handled ones (対応済・完了) and any whose type staff confirmed or corrected,
 * newest first. A fixed fifth (id divisible by 5) is held back from training to judge a retrained model honestly.
 */
import type { Db } from "../../db/database.js";
import type { LabelledExample } from "../../text/model-eval.js";

export interface LabelledVoice extends LabelledExample {
  id: number;
}

export async function labelledVoices(db: Db, max = 20000): Promise<LabelledVoice[]> {
  const rows = await db
    .selectFrom("voices as v")
    .innerJoin("taxonomy_labels as t", "t.id", "v.type_id")
    .leftJoin("taxonomy_labels as c", "c.id", "v.category_id")
    .select(["v.id", "v.content", "t.code as type", "c.code as category"])
    .where("v.status", "!=", "voided")
    .where((eb) =>
      eb.or([
        eb("v.status", "in", ["resolved", "closed"]),
        eb("v.id", "in", eb.selectFrom("classifier_corrections").select("voice_id")),
        eb(
          "v.id",
          "in",
          eb.selectFrom("complaint_reviews").select("voice_id").where("confirmed_at", "is not", null),
        ),
      ]),
    )
    .orderBy("v.id", "desc")
    .limit(max)
    .execute();
  return rows.map((r) => ({ id: r.id, text: r.content, type: r.type, category: r.category ?? null }));
}

/** The held-back slice: never trained on by a retraining, so it can compare the candidate with the model in use. */
export const isHeldBack = (v: { id: number }): boolean => v.id % 5 === 0;
