/**
 * The agenda koe proposes for a meeting, over the voices received since the last meeting: new complaints,
 * recurring themes (clusters of similar voices with their rising words), overdue voices, improvements past their
 * due date and improvements awaiting an effect check.
 */
import type { Db } from "../../db/database.js";
import { dialectOf } from "../../db/dialect.js";
import { addCalendarDays, jstDateTimeToIso, jstToday } from "../../domain/jst.js";
import type { Actor } from "../../domain/roles.js";
import { COMPLAINT_TYPE_CODE, PRAISE_TYPE_CODE } from "../../domain/voice-workflow.js";
import { compareWithPrevious, documentFrequency, topWords } from "../../text/word-stats.js";
import type { ImprovementStatus } from "../improvements/contract.js";
import { OPEN_IMPROVEMENT_STATUSES } from "../improvements/improvement-workflow.js";
import { taxonomyIndex } from "../users-and-settings/taxonomy.js";
import { applyVoiceFilter, parseVoiceFilter } from "../voices/list-voices.js";
import type { ProposedAgenda, ProposedAgendaItem } from "./contract.js";
import { themeClusters } from "./theme-clusters.js";

/** Voices read for themes: the newest this many of the window (a month of a large federation fits). */
const THEME_SCAN = 3000;
const SHOWN = 20;
const IDS_KEPT = 500;
const WORDS = 5;
const EXCERPT = 80;

const excerpt = (s: string) => {
  const chars = Array.from(s);
  return chars.length > EXCERPT ? `${chars.slice(0, EXCERPT).join("")}…` : s;
};

function item(kind: ProposedAgendaItem["kind"], title: string, body: string): ProposedAgendaItem {
  return { kind, title, body, count: 0, voices: [], voiceIds: [], words: [], improvements: [] };
}

async function voiceRows(db: Db, ids: number[]) {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom("voices")
    .where("id", "in", ids.slice(0, SHOWN))
    .select(["id", "receipt_number", "content"])
    .execute();
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.slice(0, SHOWN).flatMap((id) => {
    const r = byId.get(id);
    return r ? [{ id: r.id, receiptNumber: r.receipt_number, excerpt: excerpt(r.content) }] : [];
  });
}

/** Content words of voices received in [fromIso, toIso) that have been analysed (voice_words). */
async function wordDocs(db: Db, fromIso: string, toIso: string, ids?: number[]) {
  let q = db
    .selectFrom("voices as v")
    .innerJoin("voice_words as w", "w.voice_id", "v.id")
    .where("v.received_at", ">=", fromIso)
    .where("v.received_at", "<", toIso)
    .where("v.status", "!=", "voided");
  if (ids) q = q.where("v.id", "in", ids);
  const rows = await q.select("w.words").orderBy("v.id", "desc").limit(THEME_SCAN).execute();
  return rows.map((r) => r.words.split(" ").filter(Boolean));
}

export async function proposeAgenda(
  db: Db,
  actor: Actor,
  window: { since: string; until: string },
  now = new Date(),
): Promise<ProposedAgenda> {
  const tax = await taxonomyIndex(db);
  const fromIso = jstDateTimeToIso(window.since);
  const toIso = jstDateTimeToIso(addCalendarDays(window.until, 1));
  const days = Math.max(1, (Date.parse(toIso) - Date.parse(fromIso)) / 86_400_000);
  const prevFromIso = new Date(Date.parse(fromIso) - days * 86_400_000).toISOString();
  const today = jstToday(now);
  const items: ProposedAgendaItem[] = [];
  const typeId = (code: string) => tax.list("type").find((t) => t.code === code)?.id ?? -1;

  // 1. New complaints in the window.
  const complaints = await db
    .selectFrom("voices")
    .where("type_id", "=", typeId(COMPLAINT_TYPE_CODE))
    .where("received_at", ">=", fromIso)
    .where("received_at", "<", toIso)
    .where("status", "!=", "voided")
    .select("id")
    .orderBy("received_at", "desc")
    .execute();
  if (complaints.length > 0) {
    const ids = complaints.map((c) => c.id);
    items.push({
      ...item("new_complaints", `新しい苦情 ${ids.length}件`, "前回の委員会以降に受け付けた苦情です。"),
      count: ids.length,
      voiceIds: ids.slice(0, IDS_KEPT),
      voices: await voiceRows(db, ids),
    });
  }

  // 2. Recurring themes: clusters of similar voices (not praise), with the words rising against the window before.
  const texts = await db
    .selectFrom("voices")
    .where("type_id", "!=", typeId(PRAISE_TYPE_CODE))
    .where("received_at", ">=", fromIso)
    .where("received_at", "<", toIso)
    .where("status", "!=", "voided")
    .select(["id", "content"])
    .orderBy("id", "desc")
    .limit(THEME_SCAN)
    .execute();
  const clusters = themeClusters(texts);
  if (clusters.length > 0) {
    const [current, previous] = await Promise.all([
      wordDocs(db, fromIso, toIso),
      wordDocs(db, prevFromIso, fromIso),
    ]);
    const currentDf = documentFrequency(current);
    const previousDf = documentFrequency(previous);
    for (const ids of clusters.slice(0, 10)) {
      const clusterWords = topWords(await wordDocs(db, fromIso, toIso, ids), 20);
      const rising = compareWithPrevious(
        clusterWords.map((w) => ({ word: w.word, count: currentDf.get(w.word) ?? w.count })),
        previousDf,
      )
        .filter((w) => w.change > 0)
        .sort((a, b) => b.change - a.change || (a.word < b.word ? -1 : 1))
        .slice(0, WORDS)
        .map((w) => ({ word: w.word, count: w.count, previousCount: w.previousCount }));
      const voices = await voiceRows(db, ids);
      const head = voices[0]?.excerpt ?? "";
      items.push({
        ...item(
          "theme",
          `繰り返し寄せられている声 ${ids.length}件: ${Array.from(head).slice(0, 30).join("")}`,
          rising.length > 0
            ? `増えている言葉: ${rising.map((w) => `${w.word}（${w.previousCount}→${w.count}件）`).join("、")}`
            : "似た内容の声がまとまって寄せられています。",
        ),
        count: ids.length,
        voiceIds: ids.slice(0, IDS_KEPT),
        voices,
        words: rising,
      });
    }
  }

  // 3. Voices past a deadline now (the voice list's own overdue filter).
  const filter = parseVoiceFilter({ overdue: "true" }, tax, actor, dialectOf(db));
  const overdue = await applyVoiceFilter(db.selectFrom("voices as v"), filter, today)
    .select("v.id")
    .orderBy("v.id", "desc")
    .limit(IDS_KEPT)
    .execute();
  if (overdue.length > 0) {
    const ids = overdue.map((v) => v.id);
    items.push({
      ...item("overdue_voices", `期限超過の声 ${ids.length}件`, "対応期限を過ぎ、まだ完了していない声です。"),
      count: ids.length,
      voiceIds: ids,
      voices: await voiceRows(db, ids),
    });
  }

  // 4–5. Improvements past their due date, and completed ones whose effect is not yet judged.
  const improvements = await db
    .selectFrom("improvements")
    .where((eb) =>
      eb.or([
        eb.and([eb("status", "in", [...OPEN_IMPROVEMENT_STATUSES]), eb("due_date", "<", today)]),
        eb("status", "=", "completed"),
      ]),
    )
    .select(["id", "title", "status", "due_date", "completed_on"])
    .orderBy("due_date")
    .execute();
  const ref = (i: (typeof improvements)[number]) => ({
    id: i.id,
    title: i.title,
    status: i.status as ImprovementStatus,
    dueDate: i.due_date,
    completedOn: i.completed_on,
  });
  const late = improvements.filter((i) => i.status !== "completed").map(ref);
  if (late.length > 0)
    items.push({
      ...item(
        "overdue_improvements",
        `期限を過ぎた改善課題 ${late.length}件`,
        "進み具合と新しい期限を確認します。",
      ),
      count: late.length,
      improvements: late,
    });
  const awaiting = improvements.filter((i) => i.status === "completed").map(ref);
  if (awaiting.length > 0)
    items.push({
      ...item(
        "awaiting_effect_check",
        `効果確認待ちの改善課題 ${awaiting.length}件`,
        "完了した改善課題の前後で、似た声の件数を確かめます。",
      ),
      count: awaiting.length,
      improvements: awaiting,
    });

  return { since: window.since, until: window.until, items };
}
