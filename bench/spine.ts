// The spine under 1,000,000 voices: register and list over real HTTP against a spawned `koe serve`, and its memory.
// Run: node --import tsx bench/spine.ts [--db data/bench/some-copy.sqlite]

import { type ChildProcess, spawn } from "node:child_process";
import { copyFileSync, openSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type SQLite from "better-sqlite3";
import { prepareDatabase } from "../src/bootstrap.js";
import { openTarget } from "../src/db/database.js";
import { type DemoVoice, generateDemoVoices } from "../src/demo/demo-plan.js";
import { createUser } from "../src/features/users-and-settings/users.js";
import type { CreateVoiceInput } from "../src/features/voices/contract.js";
import { compileServerInto } from "./lib/compile-server.js";
import { freePort } from "./lib/load-servers.js";
import { percentile, summarize } from "./lib/stats.js";
import { BENCH_DATA_DIR, ensureMillionVoicesDb } from "./million-voices.js";

const ROOT = join(BENCH_DATA_DIR, "..", "..");
const COPY_PATH = join(BENCH_DATA_DIR, "spine.sqlite");
const SERVER_DIR = join(BENCH_DATA_DIR, "server");
const BENCH_EMAIL = "bench.cs@koe.local";
const BENCH_PASSWORD = "bench-cs-password-1";
const GOALS = { registerP95: 30, listP95: 150, rssMb: 400 };
const REGISTER_WARMUP = 50;
const REGISTER_N = 500;
const LIST_WARMUP = 20;
const LIST_N = 300;

/** Filter pairs of the list bench: the shapes a list page sends, two filters each. */
export const LIST_FILTERS: Record<string, string>[] = [
  { type: "request", department: "call_center" },
  { status: "closed", channel: "web" },
  { type: "complaint", status: "closed" },
  { category: "claim", department: "claims" },
  { type: "praise", channel: "counter" },
  { status: "in_progress", department: "cs" },
];

const log = (l: string) => process.stderr.write(`${l}\n`);
const ms = (x: number) => Math.round(x * 10) / 10;

/** The current sources compiled to a private folder (bench/lib/compile-server.ts), or tsx when that fails. */
function compileServer(): { command: string; args: string[]; how: string } {
  const script = compileServerInto(SERVER_DIR, log);
  if (script) {
    return {
      command: process.execPath,
      args: [script, "serve"],
      how: "node bin/koe.js serve (sources compiled by tsc)",
    };
  }
  log("compiled server not found: falling back to tsx");
  return {
    command: process.execPath,
    args: ["--import", "tsx", join(ROOT, "src", "cli", "main.ts"), "serve"],
    how: "node --import tsx src/cli/main.ts serve (tsx loader included in RSS)",
  };
}

function rssMb(pid: number): { rss: number; hwm: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const kb = (key: string) => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { rss: Math.round(kb("VmRSS") / 1024), hwm: Math.round(kb("VmHWM") / 1024) };
}

async function waitHealthy(base: string, child: ChildProcess): Promise<void> {
  const until = Date.now() + 120_000;
  while (Date.now() < until) {
    if (child.exitCode !== null) throw new Error(`server exited with code ${child.exitCode}`);
    try {
      const r = await fetch(`${base}/healthz`);
      if (r.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error("server did not become healthy in 120 s");
}

/** Turns a generated demo voice into what a person types into the registration form. */
export function toInput(v: DemoVoice, receivedAt: Date): CreateVoiceInput {
  const c = v.customer;
  return {
    receivedAt: receivedAt.toISOString(),
    channel: v.channelCode,
    type: v.typeCode,
    category: v.categoryCode,
    productLine: v.productLineCode,
    department: v.departmentCode,
    content: v.content,
    remedySought: v.remedySought,
    priority: v.priority,
    customer: c
      ? {
          name: c.name,
          kana: c.kana,
          memberNumber: c.memberNumber,
          phone: c.phone,
          email: c.email,
          prefecture: c.prefecture,
          address: c.address,
          ageBand: c.ageBand,
          gender: c.gender,
          contactConsent: c.contactConsent,
        }
      : null,
  };
}

function registrationInputs(n: number): CreateVoiceInput[] {
  // A seed the fixture never used, sampled across a year so types, channels and lengths vary.
  const out: CreateVoiceInput[] = [];
  const now = Date.now();
  let i = 0;
  for (const v of generateDemoVoices({
    latestFiscalYear: 2030,
    fiscalYearStartMonth: 4,
    now: new Date("2031-04-01T00:00:00Z"),
    seed: 0xbe4c4,
  })) {
    if (i++ % 97 !== 0) continue;
    out.push(toInput(v, new Date(now - (n - out.length) * 60_000)));
    if (out.length >= n) break;
  }
  return out;
}

interface Session {
  cookie: string;
  csrf: string;
}

async function login(base: string): Promise<Session> {
  const r = await fetch(`${base}/api/v1/session`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ email: BENCH_EMAIL, password: BENCH_PASSWORD }),
  });
  if (r.status !== 200) throw new Error(`login failed: ${r.status} ${await r.text()}`);
  const cookie = (r.headers.getSetCookie()[0] ?? "").split(";")[0] ?? "";
  const body = (await r.json()) as { csrfToken: string };
  return { cookie, csrf: body.csrfToken };
}

async function timed(fn: () => Promise<Response>, expect: number): Promise<number> {
  const t0 = performance.now();
  const r = await fn();
  const text = await r.text();
  const t = performance.now() - t0;
  if (r.status !== expect) throw new Error(`HTTP ${r.status} (expected ${expect}): ${text.slice(0, 300)}`);
  return t;
}

interface PlanLine {
  filter: string;
  count: { ms: number; n: number; plan: string[] };
  page20: { ms: number; plan: string[] };
}

/** EXPLAIN QUERY PLAN and direct timings of the list's two queries, for each filter pair, on the database. */
function diagnoseList(raw: SQLite.Database): PlanLine[] {
  const labelId = (kind: string, code: string) =>
    kind === "department"
      ? (raw.prepare("select id from departments where code = ?").get(code) as { id: number }).id
      : (
          raw.prepare("select id from taxonomy_labels where kind = ? and code = ?").get(kind, code) as {
            id: number;
          }
        ).id;
  const column: Record<string, string> = {
    type: "type_id",
    category: "category_id",
    channel: "channel_id",
    department: "department_id",
    status: "status",
  };
  const out: PlanLine[] = [];
  for (const f of LIST_FILTERS) {
    const where: string[] = [];
    const params: (string | number)[] = [];
    for (const [k, v] of Object.entries(f)) {
      where.push(`v.${column[k]} in (?)`);
      params.push(k === "status" ? v : labelId(k, v));
    }
    const w = where.join(" and ");
    // The shape list-voices.ts sends (Kysely: count, then the page with the assignee's name).
    const countSql = `select count(*) as n from voices as v where ${w}`;
    const pageSql = `select v.id, v.receipt_number, v.received_at, v.content, v.status, a.name as assignee_name
      from voices as v left join users as a on a.id = v.assignee_id where ${w}
      order by v.received_at desc, v.id desc limit 50 offset 950`;
    const plan = (q: string) =>
      (raw.prepare(`explain query plan ${q}`).all(...params) as { detail: string }[]).map((r) => r.detail);
    const time = (q: string) => {
      const st = raw.prepare(q);
      st.all(...params);
      const t0 = performance.now();
      const rows = st.all(...params) as { n?: number }[];
      return { ms: ms(performance.now() - t0), n: Number(rows[0]?.n ?? rows.length) };
    };
    const c = time(countSql);
    out.push({
      filter: new URLSearchParams(f).toString(),
      count: { ms: c.ms, n: c.n, plan: plan(countSql) },
      page20: { ms: time(pageSql).ms, plan: plan(pageSql) },
    });
  }
  return out;
}

export interface SpineResult {
  date: string;
  database: string;
  server: string;
  loadAverage: { before: number[]; after: number[] };
  register: ReturnType<typeof summarize>;
  list: ReturnType<typeof summarize>;
  listByFilter: { filter: string; p50: number; p95: number; max: number }[];
  rss: { idleMb: number; afterMb: number; peakMb: number };
  plans: PlanLine[];
  goals: typeof GOALS;
}

/**
 * `dbPath` runs against that file as it is (it gains the bench's voices), e.g. a copy of the fixture with an index
 * change to try; by default the bench works on a fresh copy of the fixture.
 */
export async function run(opts: { dbPath?: string } = {}): Promise<SpineResult> {
  const dbPath = opts.dbPath ?? COPY_PATH;
  if (!opts.dbPath) {
    const fixture = await ensureMillionVoicesDb({ log });
    // The bench writes voices: work on a copy so the shared fixture stays at exactly 1,000,000.
    for (const p of [COPY_PATH, `${COPY_PATH}-wal`, `${COPY_PATH}-shm`]) rmSync(p, { force: true });
    copyFileSync(fixture, COPY_PATH);
  }
  const kdb = await openTarget({ dialect: "sqlite", path: dbPath });
  try {
    await prepareDatabase(kdb);
    const found = await kdb.db
      .selectFrom("users")
      .select("id")
      .where("email", "=", BENCH_EMAIL)
      .executeTakeFirst();
    if (!found)
      await createUser(kdb.db, {
        email: BENCH_EMAIL,
        name: "ベンチ 相談",
        role: "cs",
        departmentCode: "cs",
        password: BENCH_PASSWORD,
      });
  } finally {
    await kdb.close();
  }

  log("compiling the server…");
  const server = compileServer();
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const serverLog = openSync(join(BENCH_DATA_DIR, "spine-server.log"), "w");
  const child = spawn(server.command, server.args, {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: `sqlite:${dbPath}`,
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: "info",
      NODE_ENV: "production",
    },
    stdio: ["ignore", serverLog, serverLog],
  });
  const loadBefore = loadavg();
  try {
    await waitHealthy(base, child);
    const pid = child.pid as number;
    const idle = rssMb(pid);
    const s = await login(base);
    const headers = { "content-type": "application/json", cookie: s.cookie, "x-csrf-token": s.csrf };

    log(`registering ${REGISTER_WARMUP} + ${REGISTER_N} voices…`);
    const inputs = registrationInputs(REGISTER_WARMUP + REGISTER_N);
    const reg: number[] = [];
    for (const [i, input] of inputs.entries()) {
      const t = await timed(
        () => fetch(`${base}/api/v1/voices`, { method: "POST", headers, body: JSON.stringify(input) }),
        201,
      );
      if (i >= REGISTER_WARMUP) reg.push(t);
    }

    log(`listing ${LIST_WARMUP} + ${LIST_N} pages…`);
    const list: number[] = [];
    const byFilter = new Map<string, number[]>();
    for (let i = 0; i < LIST_WARMUP + LIST_N; i++) {
      const f = LIST_FILTERS[i % LIST_FILTERS.length] ?? {};
      const page = (Math.floor(i / LIST_FILTERS.length) % 20) + 1;
      const key = new URLSearchParams(f).toString();
      const t = await timed(
        () => fetch(`${base}/api/v1/voices?${key}&page=${page}`, { headers: { cookie: s.cookie } }),
        200,
      );
      if (i < LIST_WARMUP) continue;
      list.push(t);
      const arr = byFilter.get(key) ?? [];
      arr.push(t);
      byFilter.set(key, arr);
    }
    const after = rssMb(pid);
    const loadAfter = loadavg();
    child.kill("SIGTERM");
    await new Promise((r) => child.once("exit", r));

    log("explaining the list queries…");
    const diag = await openTarget({ dialect: "sqlite", path: dbPath });
    let plans: PlanLine[] = [];
    try {
      if (diag.sqlite) plans = diagnoseList(diag.sqlite);
    } finally {
      await diag.close();
    }
    const result: SpineResult = {
      date: new Date().toISOString(),
      database: dbPath,
      server: server.how,
      loadAverage: { before: loadBefore.map(ms), after: loadAfter.map(ms) },
      register: summarize(reg),
      list: summarize(list),
      listByFilter: [...byFilter].map(([filter, xs]) => {
        const sorted = [...xs].sort((a, b) => a - b);
        return {
          filter,
          p50: ms(percentile(sorted, 50)),
          p95: ms(percentile(sorted, 95)),
          max: ms(sorted.at(-1) ?? 0),
        };
      }),
      rss: { idleMb: idle.rss, afterMb: after.rss, peakMb: after.hwm },
      plans,
      goals: GOALS,
    };
    if (!opts.dbPath)
      writeFileSync(join(BENCH_DATA_DIR, "spine-result.json"), `${JSON.stringify(result, null, 2)}\n`);
    print(result);
    return result;
  } finally {
    if (child.exitCode === null && child.signalCode === null) child.kill("SIGTERM");
  }
}

function print(r: SpineResult) {
  const ok = (v: number, goal: number) => (v < goal ? "met" : "**missed**");
  console.log(`\nSpine at 1,000,000 voices — ${r.date}; database ${r.database}; server: ${r.server}`);
  console.log(
    `load average before ${r.loadAverage.before.join(" ")}, after ${r.loadAverage.after.join(" ")}\n`,
  );
  console.log("| measure | p50 | p95 | max | goal | |");
  console.log("| --- | ---: | ---: | ---: | ---: | --- |");
  console.log(
    `| register (POST /api/v1/voices, n=${r.register.n}) | ${r.register.p50} ms | ${r.register.p95} ms | ${r.register.max} ms | p95 < ${r.goals.registerP95} ms | ${ok(r.register.p95, r.goals.registerP95)} |`,
  );
  console.log(
    `| list, two filters, pages 1–20 (n=${r.list.n}) | ${r.list.p50} ms | ${r.list.p95} ms | ${r.list.max} ms | p95 < ${r.goals.listP95} ms | ${ok(r.list.p95, r.goals.listP95)} |`,
  );
  console.log(
    `| server RSS idle / after / peak | ${r.rss.idleMb} MB | ${r.rss.afterMb} MB | ${r.rss.peakMb} MB | < ${r.goals.rssMb} MB | ${ok(r.rss.peakMb, r.goals.rssMb)} |`,
  );
  console.log("\n| list filter | p50 | p95 | max | count(*) alone | rows | page 20 alone |");
  console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: |");
  for (const f of r.listByFilter) {
    const p = r.plans.find((x) => x.filter === f.filter);
    console.log(
      `| ${f.filter} | ${f.p50} ms | ${f.p95} ms | ${f.max} ms | ${p?.count.ms ?? "?"} ms | ${p?.count.n ?? "?"} | ${p?.page20.ms ?? "?"} ms |`,
    );
  }
  console.log("\nQuery plans (count / page):");
  for (const p of r.plans)
    console.log(`  ${p.filter}: ${p.count.plan.join("; ")} / ${p.page20.plan.join("; ")}`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const i = process.argv.indexOf("--db");
  await run(i > 0 && process.argv[i + 1] ? { dbPath: process.argv[i + 1] } : {});
}
