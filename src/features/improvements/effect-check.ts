/**
 * The effect check (効果確認): voices like the improvement's own (its linked voices and the similar-voices engine's
 * matches for each), counted by JST month N months before and after the completion month.
 */
import type { Db } from "../../db/database.js";
import { jstDate, jstToday } from "../../domain/jst.js";
import { findSimilarVoices } from "../text/similar-voices.js";
import type { EffectCheck, EffectVerdict } from "./contract.js";
import { effectWindow } from "./effect-window.js";
import { loadImprovementRow } from "./get-improvement.js";

/** How many similar voices are read per linked voice (the engine ranks at most 200 candidates). */
const SIMILAR_PER_VOICE = 200;
export const DEFAULT_EFFECT_MONTHS = 6;

export async function effectCheck(
  db: Db,
  id: number,
  opts: { months?: number; now?: Date } = {},
): Promise<EffectCheck> {
  const row = await loadImprovementRow(db, id);
  const n = opts.months ?? DEFAULT_EFFECT_MONTHS;
  const base = {
    completedOn: row.completed_on,
    months: n,
    verdict: row.effect_verdict as EffectVerdict | null,
    note: row.effect_note,
  };
  const linked = await db
    .selectFrom("improvement_voices as iv")
    .innerJoin("voices as v", "v.id", "iv.voice_id")
    .where("iv.improvement_id", "=", id)
    .select(["v.id", "v.content", "v.received_at", "v.status"])
    .execute();
  // voice id → received_at of every voice on the theme
  const theme = new Map<number, string>();
  for (const v of linked) if (v.status !== "voided") theme.set(v.id, v.received_at);
  for (const v of linked) {
    for (const s of await findSimilarVoices(db, v.content, { limit: SIMILAR_PER_VOICE }))
      theme.set(s.id, s.receivedAt);
  }
  if (!row.completed_on)
    return {
      ...base,
      series: [],
      before: 0,
      after: 0,
      change: 0,
      changeRate: null,
      afterComplete: false,
      similarVoices: theme.size,
    };
  const counts = new Map<string, number>();
  for (const at of theme.values()) {
    const month = jstDate(at).slice(0, 7);
    counts.set(month, (counts.get(month) ?? 0) + 1);
  }
  const w = effectWindow(
    row.completed_on.slice(0, 7),
    n,
    counts,
    jstToday(opts.now ?? new Date()).slice(0, 7),
  );
  return { ...base, ...w, similarVoices: theme.size };
}
