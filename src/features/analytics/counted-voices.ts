/**
 * What the analytics count: the one place that decides it, for the counts, the handling figures, the work queues,
 * `koe stats` and (later) the reports.
 *
 * - A voided voice (取消, status `voided`) is not counted: it was registered by mistake, or
 * - it is a merged duplicate: merging voids the duplicate and keeps the voice it was merged into, so the customer's
 *   one utterance counts once, as the surviving voice (whose type, category and dates stay its own);
 * - test voices: koe has no separate test flag; a voice entered as a test is voided like any mistake, which takes it
 *   out of every count here.
 * Every other status counts (受付・対応中・対応済・完了). The rule is a status condition, so a count's voices are
 * exactly what the voice list shows for the same query string with `status=received,in_progress,resolved,closed`.
 */
import type { Db } from "../../db/database.js";
import { VOICE_STATUSES, type VoiceStatus } from "../../shared/api-contract.js";
import { applyVoiceFilter, type VoiceFilter } from "../voices/list-voices.js";

export const COUNTED_STATUSES: readonly VoiceStatus[] = VOICE_STATUSES.filter((s) => s !== "voided");

/**
 * The filter restricted to counted voices: the statuses asked for, without `voided`; null when nothing asked for
 * can be counted (status=voided alone). Without a status filter it stays without one: countedVoices excludes voided.
 */
export function countedFilter(f: VoiceFilter): VoiceFilter | null {
  if (!f.statuses) return { ...f };
  const statuses = f.statuses.filter((s) => COUNTED_STATUSES.includes(s));
  return statuses.length === 0 ? null : { ...f, statuses };
}

/** The statuses a counted filter admits, as the voice list's status filter. */
export function countedStatuses(f: VoiceFilter | null): readonly VoiceStatus[] {
  return f?.statuses ?? COUNTED_STATUSES;
}

/**
 * The counted voices passing the filter, `voices as v`, through the voice list's own filter code. Voided voices are
 * left out with `status <> 'voided'` rather than a list of the other four: SQLite's planner then reads a period from
 * the covering index that starts with received_at (migration 0009) instead of four ranges of the status index,
 * which lacks the product line, priority and customer columns.
 */
export function countedVoices(db: Db, f: VoiceFilter, today: string) {
  return applyVoiceFilter(db.selectFrom("voices as v").where("v.status", "<>", "voided"), f, today);
}
