/**
 * Staff insights (職員の気づき): recorded by any user, listed and searched. An insight is not a customer voice: it
 * lives in its own table, so no voice count, queue or report ever includes it.
 *
 * Search: the voices' query syntax (parseSearchQuery: words AND-ed, 「quoted phrases」 whole) matched against the
 * text normalized as the voice index normalizes it (normalizeForSearch: NFKC, lower case, one space). A term's
 * runs must occur as written, which is what the voices' bigram phrase query finds; insights are few (hundreds a
 * year), so a LIKE over the stored normalized text is enough and behaves the same on both databases.
 */
import { sql } from "kysely";
import type { Db } from "../../db/database.js";
import type { Actor } from "../../domain/roles.js";
import { notFound } from "../../errors.js";
import { parseSearchQuery } from "../../search/search-text.js";
import { normalizeForSearch, normalizeText } from "../../shared/normalize.js";
import type {
  CreateInsightInput,
  ImprovementStatus,
  Insight,
  InsightList,
  InsightListQuery,
} from "./contract.js";
import { existingDepartment, existingVoiceIds } from "./linked-records.js";

/** LIKE pattern for a literal substring (\ escapes %, _ and itself; `escape '\'` is said in the query). */
const likeLiteral = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export async function createInsight(trx: Db, actor: Actor, input: CreateInsightInput, now = new Date()) {
  const departmentId = await existingDepartment(trx, input.departmentId, "departmentId");
  const voiceIds = await existingVoiceIds(trx, input.voiceIds);
  const content = normalizeText(input.content);
  const row = await trx
    .insertInto("staff_insights")
    .values({
      content,
      search_text: normalizeForSearch(content),
      department_id: departmentId,
      created_by: actor.id,
      created_at: now.toISOString(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  if (voiceIds.length > 0)
    await trx
      .insertInto("staff_insight_voices")
      .values(voiceIds.map((voice_id) => ({ insight_id: row.id, voice_id })))
      .execute();
  return row.id;
}

function insightQuery(db: Db) {
  return db
    .selectFrom("staff_insights as s")
    .innerJoin("departments as d", "d.id", "s.department_id")
    .leftJoin("users as u", "u.id", "s.created_by")
    .select([
      "s.id",
      "s.content",
      "s.created_at",
      "s.created_by",
      "u.name as author",
      "d.id as dept_id",
      "d.code as dept_code",
      "d.name as dept_name",
    ]);
}

async function present(db: Db, rows: Awaited<ReturnType<ReturnType<typeof insightQuery>["execute"]>>) {
  const ids = rows.map((r) => r.id);
  const [voices, improvements] =
    ids.length === 0
      ? [[], []]
      : await Promise.all([
          db
            .selectFrom("staff_insight_voices as sv")
            .innerJoin("voices as v", "v.id", "sv.voice_id")
            .where("sv.insight_id", "in", ids)
            .select(["sv.insight_id", "v.id", "v.receipt_number"])
            .orderBy("v.id")
            .execute(),
          db
            .selectFrom("improvement_insights as ii")
            .innerJoin("improvements as i", "i.id", "ii.improvement_id")
            .where("ii.insight_id", "in", ids)
            .select(["ii.insight_id", "i.id", "i.title", "i.status", "i.due_date", "i.completed_on"])
            .orderBy("i.id")
            .execute(),
        ]);
  return rows.map(
    (r): Insight => ({
      id: r.id,
      content: r.content,
      department: { id: r.dept_id, code: r.dept_code, name: r.dept_name },
      createdBy: r.created_by === null ? null : { id: r.created_by, name: r.author ?? "" },
      createdAt: r.created_at,
      voices: voices
        .filter((v) => v.insight_id === r.id)
        .map((v) => ({ id: v.id, receiptNumber: v.receipt_number })),
      improvements: improvements
        .filter((i) => i.insight_id === r.id)
        .map((i) => ({
          id: i.id,
          title: i.title,
          status: i.status as ImprovementStatus,
          dueDate: i.due_date,
          completedOn: i.completed_on,
        })),
    }),
  );
}

export async function listInsights(db: Db, q: InsightListQuery): Promise<InsightList> {
  const limit = q.limit ?? 50;
  const page = q.page ?? 1;
  let base = insightQuery(db);
  for (const term of parseSearchQuery(q.q ?? "")) {
    const pattern = likeLiteral(term.char ?? term.runs.join(" "));
    base = base.where(sql<boolean>`s.search_text like ${pattern} escape '\\'`);
  }
  const [rows, total] = await Promise.all([
    base
      .orderBy("s.id", "desc")
      .limit(limit)
      .offset((page - 1) * limit)
      .execute(),
    base
      .clearSelect()
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .executeTakeFirstOrThrow(),
  ]);
  return { items: await present(db, rows), total: Number(total.n) };
}

export async function getInsight(db: Db, id: number): Promise<Insight> {
  const rows = await insightQuery(db).where("s.id", "=", id).execute();
  if (rows.length === 0) throw notFound("職員の気づき");
  return (await present(db, rows))[0] as Insight;
}
