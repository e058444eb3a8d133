/**
 * The search synonyms admins edit (issue 16): groups of words that find each other (保険金 finds 共済金), applied when
 * a query is analysed (src/search/word-query.ts), so an edit takes effect on the next search without re-indexing.
 */
import type { Db } from "../../db/database.js";
import { invalidInput } from "../../errors.js";
import { wordKeyProgress } from "../../search/word-key-index.js";
import { recordAudit } from "../../services/audit.js";
import { nowIso } from "../../services/clock.js";
import { normalizeText } from "../../shared/normalize.js";
import type { SynonymsResponse } from "./contract.js";

/** The groups in order, and the background word index's progress. */
export async function listSynonyms(db: Db): Promise<SynonymsResponse> {
  const rows = await db.selectFrom("search_synonyms").select(["id", "words"]).orderBy("id").execute();
  return {
    groups: rows.map((r) => ({ id: r.id, words: r.words.split(" ").filter((w) => w.length > 0) })),
    wordIndex: await wordKeyProgress(db),
  };
}

/**
 * Checks every group (each word normalized; two words or more; no word in two groups; blank groups dropped) and
 * names the group and word of each mistake in Japanese.
 */
export function checkSynonymGroups(groups: readonly (readonly string[])[]): string[][] {
  const fields: Record<string, string> = {};
  const seen = new Map<string, number>();
  const out: string[][] = [];
  groups.forEach((group, i) => {
    const words = [...new Set(group.map((w) => normalizeText(w)).filter((w) => w.length > 0))];
    if (words.length === 0) return;
    const at = `groups.${i}`;
    const bad = words.find((w) => /\s/u.test(w));
    if (bad)
      fields[at] = `${i + 1}件目: 「${bad}」に空白があります。語は空白を含めずに一語ずつ入力してください`;
    else if (words.length < 2) fields[at] = `${i + 1}件目: 同義語は2語以上で登録してください`;
    for (const w of words) {
      const other = seen.get(w);
      if (other !== undefined && other !== i && !fields[at]) {
        fields[at] =
          `${i + 1}件目: 「${w}」は${other + 1}件目にもあります。一つの語は一つのグループにだけ入れてください`;
      }
      seen.set(w, i);
    }
    out.push(words);
  });
  if (Object.keys(fields).length) throw invalidInput(fields, "同義語の内容に誤りがあります");
  return out;
}

/** Replaces every group; recorded in the audit log. */
export async function saveSynonyms(
  db: Db,
  actorId: number,
  groups: readonly (readonly string[])[],
): Promise<SynonymsResponse> {
  const checked = checkSynonymGroups(groups);
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom("search_synonyms").execute();
    const at = nowIso();
    if (checked.length) {
      await trx
        .insertInto("search_synonyms")
        .values(checked.map((words) => ({ words: words.join(" "), updated_at: at })))
        .execute();
    }
    await recordAudit(trx, {
      userId: actorId,
      action: "search_synonyms_set",
      detail: `検索の同義語: ${checked.map((g) => g.join("＝")).join("、") || "（なし）"}`,
    });
  });
  return listSynonyms(db);
}
