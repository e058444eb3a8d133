/**
 * Nothing acknowledged is lost. Real `koe serve` processes — one on a SQLite file, two on one PostgreSQL — take
 * concurrent registrations, workflow actions (assign, start, respond, resolve, close) and voice imports, and are
 * killed with SIGKILL at random moments, several times, then restarted (on PostgreSQL one process dies first and
 * the other keeps writing for a moment). Afterwards: every write that got a 2xx is there with its timeline; no
 * voice, customer or import is half-written (each voice's status, assignee and response count agree with its
 * timeline, each import file is all there or not at all, no customer without its voice); receipt numbers are
 * unique and the counters are ahead of them; SQLite's integrity and foreign-key checks and PostgreSQL's index
 * checks (amcheck's bt_index_check with every heap row looked up, or a scan comparison without it) pass.
 * Needs `dist/`. About a minute per database.
 */
import { sql } from "kysely";
import { afterAll, describe, expect, it } from "vitest";
import type { Db } from "../../src/db/database.js";
import type { SessionResponse } from "../../src/features/users-and-settings/contract.js";
import { type ServerProcess, startServerProcess } from "../helpers/server-process.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../helpers/test-database.js";

const ROUNDS = 4;
const REGISTER_LANES_PER_PROCESS = 2;
const IMPORT_ROWS = 30;
const CONTENT_PREFIX = "強制終了の確認";
const IMPORT_PREFIX = "CRASH";

interface Session {
  cookie: string;
  csrf: string;
}

async function login(url: string): Promise<Session> {
  const r = await fetch(`${url}/api/v1/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: "admin@example.jp", password: "admin-password-1" }),
  });
  if (r.status !== 200) throw new Error(`login: ${r.status}`);
  const cookie = (r.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  return { cookie, csrf: ((await r.json()) as SessionResponse).csrfToken };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** What the clients were told was done: the test's record of every 2xx. */
interface Acknowledged {
  voices: Map<string, { id: number; content: string }>; // receipt number →
  actions: { voiceId: number; kind: string }[];
  imports: string[]; // the file's 外部ID prefix
  sentImports: string[];
  sent: number;
}

const WORKFLOW: { body: Record<string, unknown>; kind: string }[] = [
  { body: { action: "assign", assigneeId: 0 }, kind: "assigned" }, // assigneeId: the admin, filled in
  { body: { action: "start" }, kind: "started" },
  {
    body: {
      action: "respond",
      method: "電話",
      content: "書類の再送をご案内し、到着後に折り返すとお伝えした。",
    },
    kind: "responded",
  },
  { body: { action: "resolve", note: "再送した書類の受領を確認した。" }, kind: "resolved" },
  { body: { action: "close" }, kind: "closed" },
];

function importCsv(prefix: string): string {
  const rows = Array.from({ length: IMPORT_ROWS }, (_, i) => {
    const phone = `090-${String(1000 + i).padStart(4, "0")}-${String(2000 + i)}`;
    return `2025/6/3 10:${String(i % 60).padStart(2, "0")},call_center,request,servicing,call_center,取り込み中の強制終了 ${prefix} ${i}、口座振替の変更書類が届かない。,組合員 花子${i},${phone},${prefix}-${i}`;
  });
  return `受付日時,受付チャネル,種別,分類,部署,内容,氏名,電話番号,外部ID\r\n${rows.join("\r\n")}\r\n`;
}

/** One round of traffic against the running processes until each has been killed. */
async function trafficUntilKilled(
  servers: ServerProcess[],
  session: Session,
  adminId: number,
  round: number,
  ack: Acknowledged,
): Promise<void> {
  const dead = new Set<ServerProcess>();
  const headers = { cookie: session.cookie, "x-csrf-token": session.csrf };
  const json = { ...headers, "content-type": "application/json" };
  const toWork: number[] = [];

  const registerLane = async (s: ServerProcess, n: number) => {
    for (let i = 0; !dead.has(s); i++) {
      const content = `${CONTENT_PREFIX} 第${round}回 ${n}-${i}、保険金の請求書類について問い合わせた。`;
      ack.sent++;
      let r: Response;
      try {
        r = await fetch(`${s.url}/api/v1/voices`, {
          method: "POST",
          headers: json,
          body: JSON.stringify({
            receivedAt: "2025/6/2 9:15",
            channel: "call_center",
            type: "request",
            category: "servicing",
            department: "call_center",
            content,
            customer: { name: `組合員 太郎${round}-${n}-${i}`, phone: "03-1234-5678", contactConsent: true },
          }),
        });
        if (r.status !== 201) throw new Error(`registration answered ${r.status}: ${await r.text()}`);
        const body = (await r.json()) as { id: number; receiptNumber: string };
        ack.voices.set(body.receiptNumber, { id: body.id, content });
        toWork.push(body.id);
      } catch (err) {
        if (dead.has(s) || (err as Error).name === "TypeError") return; // the connection died with the process
        throw err;
      }
    }
  };

  const workflowLane = async (s: ServerProcess) => {
    while (!dead.has(s)) {
      const id = toWork.shift();
      if (id === undefined) {
        await sleep(10);
        continue;
      }
      for (const step of WORKFLOW) {
        const body = step.kind === "assigned" ? { ...step.body, assigneeId: adminId } : step.body;
        try {
          const r = await fetch(`${s.url}/api/v1/voices/${id}/actions`, {
            method: "POST",
            headers: json,
            body: JSON.stringify(body),
          });
          if (r.status !== 200) throw new Error(`${step.kind} answered ${r.status}: ${await r.text()}`);
          await r.arrayBuffer();
          ack.actions.push({ voiceId: id, kind: step.kind });
        } catch (err) {
          if (dead.has(s) || (err as Error).name === "TypeError") return;
          throw err;
        }
      }
    }
  };

  const importLane = async (s: ServerProcess) => {
    for (let k = 0; !dead.has(s); k++) {
      const prefix = `${IMPORT_PREFIX}-${round}-${servers.indexOf(s)}-${k}`;
      ack.sentImports.push(prefix);
      try {
        const r = await fetch(`${s.url}/api/v1/imports?dryRun=false`, {
          method: "POST",
          headers: {
            ...headers,
            "content-type": "text/csv",
            "x-file-name": encodeURIComponent(`${prefix}.csv`),
          },
          body: importCsv(prefix),
        });
        if (r.status !== 200) throw new Error(`import answered ${r.status}: ${await r.text()}`);
        const result = (await r.json()) as { imported: number; problems: unknown[] };
        expect(result.problems).toEqual([]);
        expect(result.imported).toBe(IMPORT_ROWS);
        ack.imports.push(prefix);
      } catch (err) {
        if (dead.has(s) || (err as Error).name === "TypeError") return;
        throw err;
      }
    }
  };

  const lanes = Promise.all(
    servers.flatMap((s) => [
      ...Array.from({ length: REGISTER_LANES_PER_PROCESS }, (_, n) =>
        registerLane(s, servers.indexOf(s) * 10 + n),
      ),
      workflowLane(s),
      importLane(s),
    ]),
  );
  lanes.catch(() => undefined); // a lane's failure is reported by `await lanes` below, after the kills
  const kill = async (s: ServerProcess) => {
    const exited = new Promise((r) => s.child.once("exit", r));
    dead.add(s);
    s.child.kill("SIGKILL");
    await exited;
  };
  // Random moments once writes are flowing; with two processes, one dies first and the other writes on alone.
  const before = ack.voices.size;
  const deadline = Date.now() + 30_000;
  while (ack.voices.size < before + 10 && Date.now() < deadline) await sleep(20);
  await sleep(300 + Math.random() * 1500);
  const order = [...servers].sort(() => Math.random() - 0.5);
  for (const [i, s] of order.entries()) {
    if (i > 0) await sleep(100 + Math.random() * 700);
    await kill(s);
  }
  await lanes;
}

async function eventsOf(db: Db, voiceIds: number[]) {
  const out = new Map<number, { kind: string; data: Record<string, unknown> }[]>();
  for (let i = 0; i < voiceIds.length; i += 500) {
    const rows = await db
      .selectFrom("voice_events")
      .select(["voice_id", "kind", "data"])
      .where("voice_id", "in", voiceIds.slice(i, i + 500))
      .orderBy("id")
      .execute();
    for (const r of rows) {
      const list = out.get(r.voice_id) ?? [];
      list.push({ kind: r.kind, data: JSON.parse(r.data || "{}") as Record<string, unknown> });
      out.set(r.voice_id, list);
    }
  }
  return out;
}

/** PostgreSQL's indexes agree with their tables: amcheck when the server has it, else index vs. heap scans. */
async function checkPostgresIndexes(db: Db): Promise<string> {
  const available = await sql<{ n: number }>`
    select count(*)::int as n from pg_available_extensions where name = 'amcheck'`.execute(db);
  if ((available.rows[0]?.n ?? 0) > 0) {
    await sql`create extension if not exists amcheck`.execute(db);
    // Throws on a corrupt index; heapallindexed: every table row must be found in the index.
    const checked = await sql<{ relname: string }>`
      select c.relname, bt_index_check(c.oid, true)
      from pg_index i
      join pg_class c on c.oid = i.indexrelid
      join pg_am am on am.oid = c.relam
      join pg_namespace ns on ns.oid = c.relnamespace
      where am.amname = 'btree' and ns.nspname = current_schema() and c.relpersistence = 'p'`.execute(db);
    return `amcheck: ${checked.rows.length} 個の B-tree 索引`;
  }
  // Without amcheck: the same counts through the unique indexes and through a sequential scan.
  const counted = async (force: "index" | "seq") =>
    db.transaction().execute(async (trx) => {
      if (force === "index") await sql`set local enable_seqscan = off`.execute(trx);
      else
        for (const scan of ["enable_indexscan", "enable_bitmapscan", "enable_indexonlyscan"])
          await sql`select set_config(${scan}, 'off', true)`.execute(trx);
      const r = await sql<{ voices: string; events: string; customers: string }>`
        select (select count(*) from voices where receipt_number > '') as voices,
               (select count(*) from voice_events where id > 0) as events,
               (select count(*) from customers where id > 0) as customers`.execute(trx);
      return r.rows[0];
    });
  expect(await counted("index")).toEqual(await counted("seq"));
  return "索引と全件走査の件数一致";
}

describe.each(await testDialects())("SIGKILL during concurrent writes on %s", (dialect) => {
  const processes = dialect === "postgres" ? 2 : 1;
  let tdb: TestDatabase | undefined;
  let servers: ServerProcess[] = [];
  afterAll(async () => {
    await Promise.all(servers.map((s) => s.stop()));
    await tdb?.drop();
  });

  it(`${processes} process(es), ${ROUNDS} rounds of kills: every acknowledged write survives whole`, {
    timeout: 180_000,
  }, async () => {
    tdb = await createTestDatabase(dialect);
    const db = tdb.db;
    const env = {
      DATABASE_URL: tdb.url,
      KOE_ADMIN_EMAIL: "admin@example.jp",
      KOE_ADMIN_PASSWORD: "admin-password-1",
      LOG_LEVEL: "silent",
      KOE_SCHEDULER_INTERVAL_MS: "0",
    };
    const admin = await db
      .selectFrom("users")
      .select("id")
      .where("email", "=", "admin@example.jp")
      .executeTakeFirstOrThrow();
    const ack: Acknowledged = { voices: new Map(), actions: [], imports: [], sentImports: [], sent: 0 };
    let session: Session | undefined;
    const started = Date.now();
    for (let round = 0; round < ROUNDS; round++) {
      servers = await Promise.all(Array.from({ length: processes }, () => startServerProcess(env)));
      // Sessions live in the database: the one made before the first kill still works after each restart.
      session ??= await login(servers[0]?.url as string);
      await trafficUntilKilled(servers, session, admin.id, round, ack);
    }
    expect(ack.voices.size).toBeGreaterThan(30);
    expect(ack.actions.length).toBeGreaterThan(10);
    expect(ack.imports.length).toBeGreaterThan(0);

    // Restart once more (as an operator would); the processes must come up on what the kills left.
    servers = await Promise.all(Array.from({ length: processes }, () => startServerProcess(env)));
    const healthy = await fetch(`${servers[0]?.url}/api/v1/voices?page=1`, {
      headers: { cookie: session?.cookie ?? "" },
    });
    expect(healthy.status).toBe(200);

    // Every acknowledged registration, with its first timeline event.
    const rows = await db
      .selectFrom("voices as v")
      .select([
        "v.id",
        "v.receipt_number",
        "v.content",
        "v.status",
        "v.assignee_id",
        "v.response_count",
        "v.customer_id",
        "v.external_id",
      ])
      .where((eb) =>
        eb.or([
          eb("v.content", "like", `${CONTENT_PREFIX}%`),
          eb("v.external_id", "like", `${IMPORT_PREFIX}-%`),
        ]),
      )
      .execute();
    const byNumber = new Map(rows.map((r) => [r.receipt_number, r]));
    for (const [number, v] of ack.voices) {
      expect(byNumber.get(number)?.content, number).toBe(v.content);
      expect(byNumber.get(number)?.id, number).toBe(v.id);
    }
    const events = await eventsOf(
      db,
      rows.map((r) => r.id),
    );

    // Every acknowledged workflow action has its event.
    const acted = new Map<string, number>();
    for (const a of ack.actions)
      acted.set(`${a.voiceId}:${a.kind}`, (acted.get(`${a.voiceId}:${a.kind}`) ?? 0) + 1);
    for (const [key, n] of acted) {
      const [voiceId, kind] = key.split(":");
      const found = (events.get(Number(voiceId)) ?? []).filter((e) => e.kind === kind).length;
      expect(found, key).toBeGreaterThanOrEqual(n);
    }

    // No half-written voice: one created event each, and the row agrees with its timeline.
    for (const v of rows) {
      const timeline = events.get(v.id) ?? [];
      expect(
        timeline.filter((e) => e.kind === "created"),
        v.receipt_number,
      ).toHaveLength(1);
      let status = "received";
      let assignee: number | null = null;
      for (const e of timeline) {
        if (typeof e.data.to === "string") status = e.data.to;
        // an action names the assignee; a registration with an assignee names only its id
        if (e.kind === "assigned")
          assignee =
            e.data.assignee === undefined
              ? ((e.data.assigneeId as number | undefined) ?? null)
              : ((e.data.assignee as { id: number } | null)?.id ?? null);
      }
      expect(v.status, v.receipt_number).toBe(status);
      expect(v.assignee_id, v.receipt_number).toBe(assignee);
      expect(v.response_count, v.receipt_number).toBe(timeline.filter((e) => e.kind === "responded").length);
    }

    // No half-written import: each file's voices are all there or none; acknowledged ones all there.
    const perFile = new Map<string, number>();
    for (const v of rows)
      if (v.external_id) {
        const prefix = v.external_id.replace(/-\d+$/, "");
        perFile.set(prefix, (perFile.get(prefix) ?? 0) + 1);
      }
    for (const prefix of ack.sentImports)
      expect([0, IMPORT_ROWS], prefix).toContain(perFile.get(prefix) ?? 0);
    for (const prefix of ack.imports) expect(perFile.get(prefix), prefix).toBe(IMPORT_ROWS);
    for (const v of rows) if (v.external_id) expect(v.customer_id, v.external_id).not.toBeNull();

    // No half-written customer: every customer row belongs to a voice, every voice's customer exists.
    const orphans = await db
      .selectFrom("customers as c")
      .select("c.id")
      .where((eb) =>
        eb.not(eb.exists(eb.selectFrom("voices as v").select("v.id").whereRef("v.customer_id", "=", "c.id"))),
      )
      .execute();
    expect(orphans).toEqual([]);
    const missing = await db
      .selectFrom("voices as v")
      .leftJoin("customers as c", "c.id", "v.customer_id")
      .select("v.receipt_number")
      .where("v.customer_id", "is not", null)
      .where("c.id", "is", null)
      .execute();
    expect(missing).toEqual([]);

    // Receipt numbers: unique, and each year's counter is ahead of the numbers handed out.
    const numbers = await db.selectFrom("voices").select(["receipt_number", "fiscal_year"]).execute();
    expect(new Set(numbers.map((n) => n.receipt_number)).size).toBe(numbers.length);
    const counters = await db.selectFrom("receipt_counters").selectAll().execute();
    for (const n of numbers) {
      const seq = Number(n.receipt_number.split("-")[1]);
      const counter = counters.find((c) => c.fiscal_year === n.fiscal_year);
      expect(Number(counter?.last_number ?? 0), n.receipt_number).toBeGreaterThanOrEqual(seq);
    }

    let checks: string;
    if (tdb.dialect === "sqlite") {
      const integrity = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db);
      expect(integrity.rows.map((r) => r.integrity_check)).toEqual(["ok"]);
      const foreignKeys = await sql`pragma foreign_key_check`.execute(db);
      expect(foreignKeys.rows).toEqual([]);
      checks = "integrity_check ok・foreign_key_check ok";
    } else checks = await checkPostgresIndexes(db);

    const seconds = Math.round((Date.now() - started) / 1000);
    console.log(
      `${dialect}: ${processes} プロセス・${ROUNDS} 回の強制終了（${seconds} 秒）、登録 送信 ${ack.sent} 件・受付済み ${ack.voices.size} 件、` +
        `操作 受付済み ${ack.actions.length} 件、取り込み 送信 ${ack.sentImports.length} 件・受付済み ${ack.imports.length} 件、` +
        `保存された声 ${rows.length} 件、${checks}`,
    );
  });
});
