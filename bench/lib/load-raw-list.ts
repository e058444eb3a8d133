// The raw part of the load bench's list: the SQL koe sends for a list page, recorded once and replayed through
// plain pg, so koe's figure stands beside the database's own from the same run.
import { Kysely, PostgresDialect } from "kysely";
import pg from "pg";
import type { Database } from "../../src/db/schema.js";
import { listVoices } from "../../src/features/voices/list-voices.js";
import { LIST_FILTERS } from "../spine.js";
import type { StaffSession } from "./load-staff.js";
import { summarize } from "./stats.js";

/** The list's own SQL: listVoices run once per filter and page through a Kysely that records what it sends. */
export async function captureListSql(
  url: string,
  session: StaffSession,
): Promise<{ text: string; values: unknown[] }[][]> {
  const recorded: { text: string; values: unknown[] }[] = [];
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  const db = new Kysely<Database>({
    dialect: new PostgresDialect({ pool }),
    log: (e) => {
      if (e.level === "query")
        recorded.push({ text: e.query.sql, values: [...e.query.parameters] as unknown[] });
    },
  });
  const actor = { id: session.userId, role: session.role as "staff", departmentId: session.departmentId };
  const lists: { text: string; values: unknown[] }[][] = [];
  try {
    for (const f of LIST_FILTERS)
      for (let page = 1; page <= 5; page++) {
        recorded.length = 0;
        await listVoices(db, actor, { ...f, page: String(page) } as never);
        // The taxonomy's reads are cached in the server; the list is what reads voices.
        lists.push(recorded.filter((q) => /from "voices"/.test(q.text)));
      }
  } finally {
    await db.destroy();
  }
  return lists;
}

export async function rawListReplay(
  url: string,
  lists: { text: string; values: unknown[] }[][],
  concurrency: number,
  seconds: number,
) {
  const pool = new pg.Pool({ connectionString: url, max: concurrency });
  const times: number[] = [];
  const until = performance.now() + seconds * 1000;
  let n = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < until) {
        const queries = lists[n++ % lists.length] ?? [];
        const t = performance.now();
        const c = await pool.connect();
        try {
          for (const q of queries) await c.query(q.text, q.values);
        } finally {
          c.release();
        }
        times.push(performance.now() - t);
      }
    }),
  );
  await pool.end();
  return summarize(times);
}
