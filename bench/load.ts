// Load (issue 17 §6): 200 staff sessions of mixed reads and writes against two `koe serve` processes on one
// PostgreSQL database, then the same staff load beside a flood of 2,000 public-form posts. Loopback only and
// bounded (it creates its own database and drops it). Not part of `npm test` nor of `npm run bench` (no run()):
//   node --import tsx bench/load.ts [--voices 50000] [--seconds 60] [--rate 1] [--use-dist] [--keep] [--flood-nice 0] [--profile DIR]
//
// Each staff session is one autocannon connection with its own session cookie, sending one request a second at
// most (autocannon's connectionRate; a person clicks far less often), started 5 ms apart so the sessions do not
// fire in step. Sessions by what they do: 100 list pages (two filters, pages 1–5), 40 open a voice of their own
// department (an audited unmasked view), 40 register a voice, 20 comment on voices of their own department; half
// of each group on each process (as a load balancer would spread them). Beside koe's figures the raw parts: the
// list's own SQL replayed through plain pg at the two processes' pool size, and /healthz (HTTP plus one trivial
// query) under the same 200 sessions.
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { createHash, randomBytes } from "node:crypto";
import { copyFileSync, existsSync, mkdirSync, openSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { loadavg } from "node:os";
import { join } from "node:path";
import autocannon from "autocannon";
import { Kysely, PostgresDialect, sql } from "kysely";
import pg from "pg";
import { prepareDatabase } from "../src/bootstrap.js";
import { openTarget } from "../src/db/database.js";
import type { Database } from "../src/db/schema.js";
import { generateDemoVoices } from "../src/demo/demo-plan.js";
import { loadDemo } from "../src/demo/load-demo.js";
import { indexAllMissingWords } from "../src/features/text/word-index.js";
import type { CreateVoiceInput } from "../src/features/voices/contract.js";
import { listVoices } from "../src/features/voices/list-voices.js";
import { fillMissingWordKeys } from "../src/search/word-key-index.js";
import { closeTokenizeWorker } from "../src/text/worker-pool.js";
import { adminQuery, databaseName, recreateDatabase } from "./lib/pg-database.js";
import { summarize } from "./lib/stats.js";
import { LIST_FILTERS, toInput } from "./spine.js";

const ROOT = join(import.meta.dirname, "..");
const DATA = join(ROOT, "data", "bench");
const SERVER_DIR = join(DATA, "load-server");
const DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/koe_bench_load";
const GOALS = { listP95: 300, registerP95: 100, floodFactor: 2 };
const SESSIONS = { list: 100, show: 40, register: 40, comment: 20 } as const;
type Kind = keyof typeof SESSIONS;
const KINDS = Object.keys(SESSIONS) as Kind[];
const WARMUP_S = 5;
const FLOOD_POSTS = 2_000;
const FLOOD_CONNECTIONS = 50;
const FLOOD_PHASE_S = 40;
const RAW_SECONDS = 15;
const HEALTHZ_SECONDS = 10;

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const VOICES = Number(arg("--voices") ?? 50_000);
const SECONDS = Number(arg("--seconds") ?? 60);
const RATE = Number(arg("--rate") ?? 1);
const FLOOD_NICE = Number(arg("--flood-nice") ?? 0);
const PROFILE_DIR = arg("--profile");
const URL_ = arg("--pg") ?? DEFAULT_URL;
const log = (l: string) => process.stderr.write(`${l}\n`);
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(" ");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// Loopback only: the bench never sends load anywhere else.
const LOOPBACK = new Set(["127.0.0.1", "localhost", "[::1]", "::1"]);
if (!LOOPBACK.has(new URL(URL_).hostname))
  throw new Error(`--pg must be on this machine (loopback): ${URL_}`);

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once("error", reject);
    s.listen(0, "127.0.0.1", () => {
      const a = s.address();
      const port = typeof a === "object" && a ? a.port : 0;
      s.close(() => resolve(port));
    });
  });
}

/**
 * The current sources compiled to a private folder (the repository's dist/ may be another build); with
 * --use-dist, the repository's own dist/ as `npm run build:server` left it (one compile less on a shared machine).
 */
function compileServer(): string[] {
  if (process.argv.includes("--use-dist")) {
    if (!existsSync(join(ROOT, "dist", "cli", "main.js")))
      throw new Error("no dist/: run npm run build:server");
    return [join(ROOT, "bin", "koe.js"), "serve"];
  }
  const out = join(SERVER_DIR, "dist");
  rmSync(SERVER_DIR, { recursive: true, force: true });
  mkdirSync(join(SERVER_DIR, "bin"), { recursive: true });
  try {
    execFileSync(join(ROOT, "node_modules", ".bin", "tsc"), ["-p", "tsconfig.build.json", "--outDir", out], {
      cwd: ROOT,
      stdio: "pipe",
    });
  } catch (err) {
    log(`tsc reported errors: ${String((err as { stdout?: Buffer }).stdout ?? err).slice(0, 400)}`);
  }
  if (!existsSync(join(out, "cli", "main.js"))) throw new Error("the server did not compile");
  copyFileSync(join(ROOT, "bin", "koe.js"), join(SERVER_DIR, "bin", "koe.js"));
  return [join(SERVER_DIR, "bin", "koe.js"), "serve"];
}

interface Server {
  base: string;
  child: ChildProcess;
}

async function startServer(args: string[], n: number): Promise<Server> {
  const port = await freePort();
  const out = openSync(join(DATA, `load-server-${n}.log`), "w");
  // --profile DIR: each server writes a V8 CPU profile there when it stops (open it in Chrome's DevTools).
  const profile = PROFILE_DIR ? ["--cpu-prof", `--cpu-prof-dir=${PROFILE_DIR}`] : [];
  const child = spawn(process.execPath, [...profile, ...args], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: URL_,
      PORT: String(port),
      HOST: "127.0.0.1",
      LOG_LEVEL: "info",
      NODE_ENV: "production",
    },
    stdio: ["ignore", out, out],
  });
  const base = `http://127.0.0.1:${port}`;
  const until = Date.now() + 120_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server ${n} exited (${child.exitCode}); see its log`);
    try {
      if ((await fetch(`${base}/healthz`)).ok) return { base, child };
    } catch {
      // not listening yet
    }
    if (Date.now() > until) throw new Error(`server ${n} did not start in 120 s`);
    await sleep(200);
  }
}

interface StaffSession {
  cookie: string;
  csrf: string;
  userId: number;
  role: string;
  departmentId: number | null;
  /** voices this session opens or comments on: its own slice, so no two sessions touch one voice */
  voiceIds: number[];
}

/**
 * Sessions written as a login writes them (sessions.ts: sha-256 of the token), for demo staff of every
 * department (cs, lead, staff): 200 password checks would only measure argon2.
 */
async function makeSessions(db: Kysely<Database>, count: number): Promise<StaffSession[]> {
  const users = await db
    .selectFrom("users")
    .select(["id", "role", "department_id"])
    .where("role", "in", ["cs", "lead", "staff"])
    .where("email", "like", "%@demo.koe.jp")
    .orderBy("id")
    .execute();
  const out: StaffSession[] = [];
  const now = Date.now();
  for (let i = 0; i < count; i++) {
    const u = users[i % users.length] as (typeof users)[number];
    const token = randomBytes(32).toString("base64url");
    const csrf = randomBytes(24).toString("base64url");
    await db
      .insertInto("sessions")
      .values({
        token_hash: createHash("sha256").update(token).digest("hex"),
        user_id: u.id,
        csrf_token: csrf,
        created_at: new Date(now).toISOString(),
        expires_at: new Date(now + 12 * 3_600_000).toISOString(),
        ip: "127.0.0.1",
      })
      .execute();
    out.push({
      cookie: `koe_session=${token}`,
      csrf,
      userId: u.id,
      role: u.role,
      departmentId: u.department_id,
      voiceIds: [],
    });
  }
  // Each session's own voices: of its department (cs: any), not voided, dealt out in turn.
  const voices = await db
    .selectFrom("voices")
    .select(["id", "department_id"])
    .where("status", "!=", "voided")
    .orderBy("id", "desc")
    .execute();
  const free = new Map<number | null, number[]>();
  for (const v of voices) {
    const list = free.get(v.department_id) ?? [];
    list.push(v.id);
    free.set(v.department_id, list);
  }
  for (let round = 0; round < 30; round++)
    for (const s of out) {
      // cs handles every department: it takes from the department with the most voices left.
      const pool =
        s.role === "cs"
          ? [...free.values()].sort((a, b) => b.length - a.length)[0]
          : free.get(s.departmentId);
      const id = pool?.pop();
      if (id !== undefined) s.voiceIds.push(id);
    }
  return out;
}

function registrationInputs(n: number): CreateVoiceInput[] {
  const out: CreateVoiceInput[] = [];
  let i = 0;
  for (const v of generateDemoVoices({
    latestFiscalYear: 2030,
    fiscalYearStartMonth: 4,
    now: new Date("2031-04-01T00:00:00Z"),
    seed: 0x10ad,
  })) {
    if (i++ % 11 !== 0) continue;
    out.push(toInput(v, new Date(Date.now() - (n - out.length) * 60_000)));
    if (out.length >= n) break;
  }
  return out;
}

const COMMENTS = [
  "お客さまへ折り返しの電話を入れ、書類の再送をご案内した。",
  "支所に確認したところ、担当者が不在のため明日回答するとのこと。",
  "同様のお問い合わせが先週もあったため、FAQへの追加を検討する。",
  "請求書類の到着を確認。記入漏れがあるため再度ご連絡する。",
];

/**
 * The flood against one server from a child process (bench/lib/flood-client.ts), at `FLOOD_NICE` (the attacker's
 * machine is not koe's: with --flood-nice 10 its client takes what the servers leave of the two cores).
 */
function floodFrom(server: Server, posts: number) {
  const child = spawn(
    "nice",
    [
      "-n",
      String(FLOOD_NICE),
      process.execPath,
      "--import",
      "tsx",
      join(ROOT, "bench", "lib", "flood-client.ts"),
      server.base,
      String(posts),
      String(FLOOD_CONNECTIONS / 2),
    ],
    { cwd: ROOT, stdio: ["ignore", "pipe", "inherit"] },
  );
  let buffered = "";
  const lines: ((l: Record<string, unknown>) => void)[] = [];
  child.stdout.on("data", (d: Buffer) => {
    buffered += d.toString();
    for (let i = buffered.indexOf("\n"); i >= 0; i = buffered.indexOf("\n")) {
      const line = buffered.slice(0, i);
      buffered = buffered.slice(i + 1);
      lines.shift()?.(JSON.parse(line) as Record<string, unknown>);
    }
  });
  const next = () => new Promise<Record<string, unknown>>((r) => lines.push(r));
  const started = next().then(() => performance.now());
  const done = started
    .then(next)
    .then((r) => ({ statuses: r.statuses as Record<string, number>, errors: Number(r.errors) }));
  return { started, done };
}

interface Sample {
  kind: Kind | "healthz";
  at: number;
  ms: number;
  status: number;
}

/** One autocannon connection per session; returns when every session has run `seconds`. */
async function staffLoad(
  servers: Server[],
  sessions: Map<Kind, StaffSession[]>,
  seconds: number,
  samples: Sample[],
  inputs: CreateVoiceInput[],
): Promise<{ errors: number; timeouts: number; requests: number }> {
  const runs: PromiseLike<{ errors: number; timeouts: number; requests: { total: number } }>[] = [];
  let started = 0;
  let nextInput = 0;
  for (const kind of KINDS) {
    for (const [i, s] of (sessions.get(kind) ?? []).entries()) {
      const server = servers[i % servers.length] as Server;
      const read = { cookie: s.cookie };
      const headers = { cookie: s.cookie, "x-csrf-token": s.csrf, "content-type": "application/json" };
      let n = 0;
      const setupRequest = () => {
        n++;
        const id = s.voiceIds[n % Math.max(1, s.voiceIds.length)];
        switch (kind) {
          case "list": {
            const f = new URLSearchParams(LIST_FILTERS[n % LIST_FILTERS.length]);
            f.set("page", String((n % 5) + 1));
            return { method: "GET", path: `/api/v1/voices?${f}`, headers: read };
          }
          case "show":
            return { method: "GET", path: `/api/v1/voices/${id}`, headers: read };
          case "register":
            return {
              method: "POST",
              path: "/api/v1/voices",
              headers,
              body: JSON.stringify(inputs[nextInput++ % inputs.length]),
            };
          case "comment":
            return {
              method: "POST",
              path: `/api/v1/voices/${id}/actions`,
              headers,
              body: JSON.stringify({ action: "comment", body: COMMENTS[n % COMMENTS.length] }),
            };
        }
      };
      // Spread the sessions' starts over a second so their once-a-second requests do not come in step.
      const delay = (started++ * 1000) / 200;
      runs.push(
        sleep(delay).then(() => {
          const inst = autocannon({
            url: server.base,
            connections: 1,
            connectionRate: RATE,
            duration: seconds,
            timeout: 30,
            requests: [{ setupRequest }],
          });
          inst.on("response", (_c: unknown, status: number, _b: number, ms: number) => {
            samples.push({ kind, at: performance.now(), ms, status });
          });
          return inst;
        }),
      );
    }
  }
  const results = await Promise.all(runs);
  return {
    errors: results.reduce((a, r) => a + r.errors, 0),
    timeouts: results.reduce((a, r) => a + r.timeouts, 0),
    requests: results.reduce((a, r) => a + r.requests.total, 0),
  };
}

function figures(samples: readonly Sample[], kinds: readonly Sample["kind"][]) {
  const out: Record<string, ReturnType<typeof summarize> & { non2xx: number }> = {};
  for (const k of kinds) {
    const mine = samples.filter((s) => s.kind === k);
    out[k] = {
      ...summarize(mine.map((s) => s.ms)),
      non2xx: mine.filter((s) => s.status < 200 || s.status > 299).length,
    };
  }
  return out;
}

/** The list's own SQL: listVoices run once per filter and page through a Kysely that records what it sends. */
async function captureListSql(session: StaffSession): Promise<{ text: string; values: unknown[] }[][]> {
  const recorded: { text: string; values: unknown[] }[] = [];
  const pool = new pg.Pool({ connectionString: URL_, max: 2 });
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

async function rawListReplay(lists: { text: string; values: unknown[] }[][], concurrency: number) {
  const pool = new pg.Pool({ connectionString: URL_, max: concurrency });
  const times: number[] = [];
  const until = performance.now() + RAW_SECONDS * 1000;
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

async function main() {
  mkdirSync(DATA, { recursive: true });
  const loads: Record<string, string> = { start: load() };
  log(`load average at start: ${loads.start}`);

  // 1. The database: created fresh, the demo federation's voices loaded in bulk, words analysed beforehand so the
  //    servers start with nothing to catch up on (their indexer still analyses what the bench registers).
  await recreateDatabase(URL_);
  const kdb = await openTarget({ dialect: "postgres", url: URL_ }, { poolSize: 4 });
  let seedSeconds = 0;
  let wordSeconds = 0;
  let sessions: StaffSession[] = [];
  try {
    await prepareDatabase(kdb, { email: "admin@bench.koe.local", password: "bench-admin-password-1" });
    const seeded = await loadDemo(kdb, { maxVoices: VOICES, now: new Date() });
    seedSeconds = seeded.seconds;
    log(`seeded ${seeded.voices} voices, ${seeded.events} events in ${seedSeconds.toFixed(1)} s`);
    const t = performance.now();
    const analysed = await indexAllMissingWords(kdb.db);
    while ((await fillMissingWordKeys(kdb.db)) > 0) {
      // the search word keys of the seeded voices
    }
    await closeTokenizeWorker();
    wordSeconds = (performance.now() - t) / 1000;
    log(`analysed the words of ${analysed} voices in ${wordSeconds.toFixed(1)} s`);
    await sql`vacuum analyze`.execute(kdb.db);
    const total = SESSIONS.list + SESSIONS.show + SESSIONS.register + SESSIONS.comment;
    sessions = await makeSessions(kdb.db, total);
  } finally {
    await kdb.close();
  }
  // Sessions with voices of their own to open or comment on do that; the others list and register.
  const byKind = new Map<Kind, StaffSession[]>();
  const ordered = [
    ...sessions.filter((x) => x.voiceIds.length >= 10),
    ...sessions.filter((x) => x.voiceIds.length < 10),
  ];
  for (const kind of ["comment", "show", "list", "register"] as const)
    byKind.set(kind, ordered.splice(0, SESSIONS[kind]));
  const inputs = registrationInputs(4_000);

  log("compiling the server…");
  const args = compileServer();
  const servers: Server[] = [];
  try {
    servers.push(...(await Promise.all([startServer(args, 1), startServer(args, 2)])));

    // 2. Quiet: the 200 sessions for the warm-up and SECONDS; the warm-up's answers are left out.
    loads.quiet = load();
    log(`quiet phase: ${WARMUP_S + SECONDS} s, load average ${loads.quiet}`);
    const quiet: Sample[] = [];
    const t0 = performance.now();
    const quietRun = await staffLoad(servers, byKind, WARMUP_S + SECONDS, quiet, inputs);
    const measured = quiet.filter((s) => s.at - t0 > WARMUP_S * 1000 + 1000);
    const quietFigures = figures(measured, KINDS);
    const quietNon2xx = quiet.filter((s) => s.status < 200 || s.status > 299);
    const quietSeconds = (performance.now() - t0) / 1000 - WARMUP_S;
    loads.afterQuiet = load();

    // 3. The flood beside the staff load: 2,000 public-form posts from one address as fast as they are answered.
    log(`flood phase: ${FLOOD_PHASE_S} s, load average ${load()}`);
    const during: Sample[] = [];
    const floodStatuses = new Map<number, number>();
    let floodWindow = { from: 0, to: 0 };
    const staffDuringFlood = staffLoad(servers, byKind, FLOOD_PHASE_S, during, inputs);
    await sleep(8_000);
    const floods = servers.map((s) => floodFrom(s, FLOOD_POSTS / servers.length));
    floodWindow.from = Math.max(...(await Promise.all(floods.map((f) => f.started))));
    const floodResults = await Promise.all(floods.map((f) => f.done));
    for (const r of floodResults)
      for (const [status, n] of Object.entries(r.statuses))
        floodStatuses.set(Number(status), (floodStatuses.get(Number(status)) ?? 0) + n);
    floodWindow = { ...floodWindow, to: performance.now() };
    loads.flood = load();
    const duringRun = await staffDuringFlood;
    const inWindow = during.filter((s) => s.at >= floodWindow.from && s.at <= floodWindow.to);
    const floodFigures = figures(inWindow, KINDS);
    const floodSeconds = (floodWindow.to - floodWindow.from) / 1000;

    // 4. The raw parts: the list's SQL through plain pg at the processes' pool size (2 × 10), and /healthz.
    await sleep(3_000);
    loads.raw = load();
    log(`raw parts, load average ${loads.raw}`);
    const lists = await captureListSql(byKind.get("list")?.[0] as StaffSession);
    const rawList = await rawListReplay(lists, 20);
    const healthz: Sample[] = [];
    const healthRuns: PromiseLike<{ errors: number }>[] = [];
    for (let i = 0; i < 200; i++) {
      const server = servers[i % servers.length] as Server;
      healthRuns.push(
        sleep((i * 1000) / 200).then(() => {
          const inst = autocannon({
            url: `${server.base}/healthz`,
            connections: 1,
            connectionRate: RATE,
            duration: HEALTHZ_SECONDS,
          });
          inst.on("response", (_c: unknown, status: number, _b: number, ms: number) => {
            healthz.push({ kind: "healthz", at: performance.now(), ms, status });
          });
          return inst;
        }),
      );
    }
    await Promise.all(healthRuns);
    const healthzFigures = figures(healthz, ["healthz"]).healthz;
    loads.end = load();

    // 5. Report.
    const ms = (x: number | undefined) => `${x ?? "?"} ms`;
    const result = {
      measuredAt: new Date().toISOString(),
      voices: VOICES,
      sessions: SESSIONS,
      ratePerSession: RATE,
      seedSeconds,
      wordSeconds,
      loads,
      quiet: {
        seconds: quietSeconds,
        requests: measured.length,
        perSecond: measured.length / SECONDS,
        errors: quietRun.errors,
        timeouts: quietRun.timeouts,
        non2xx: quietNon2xx.length,
        non2xxStatuses: [...new Set(quietNon2xx.map((s) => s.status))],
        figures: quietFigures,
      },
      flood: {
        posts: FLOOD_POSTS,
        seconds: floodSeconds,
        statuses: Object.fromEntries(floodStatuses),
        errors: floodResults.reduce((a, r) => a + r.errors, 0),
        staffErrors: duringRun.errors + duringRun.timeouts,
        staffNon2xx: during.filter((s) => s.status < 200 || s.status > 299).length,
        staffInWindow: inWindow.length,
        figures: floodFigures,
      },
      raw: { listSql: rawList, healthz: healthzFigures },
    };
    writeFileSync(join(DATA, "load-result.json"), `${JSON.stringify(result, null, 2)}\n`);

    console.log(
      `\nLoad: ${VOICES.toLocaleString("en")} voices on PostgreSQL, 2 koe processes, 200 staff sessions at ≤ ${RATE} request/s each`,
    );
    console.log(`seed ${seedSeconds.toFixed(1)} s, word analysis ${wordSeconds.toFixed(1)} s`);
    console.log(
      `load average: ${Object.entries(loads)
        .map(([k2, v]) => `${k2} ${v}`)
        .join(" | ")}`,
    );
    console.log(
      `\nQuiet, ${SECONDS} s: ${measured.length} requests (${(measured.length / SECONDS).toFixed(0)}/s), ` +
        `errors ${quietRun.errors}, timeouts ${quietRun.timeouts}, non-2xx ${quietNon2xx.length}`,
    );
    console.log("| kind | sessions | n | p50 | p95 | max | non-2xx | goal p95 |");
    console.log("| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |");
    for (const kind of KINDS) {
      const f = quietFigures[kind];
      const goal =
        kind === "list" ? `${GOALS.listP95} ms` : kind === "register" ? `${GOALS.registerP95} ms` : "";
      console.log(
        `| ${kind} | ${SESSIONS[kind]} | ${f?.n} | ${ms(f?.p50)} | ${ms(f?.p95)} | ${ms(f?.max)} | ${f?.non2xx} | ${goal} |`,
      );
    }
    console.log(
      `\nFlood: ${FLOOD_POSTS} posts in ${floodSeconds.toFixed(1)} s, statuses ${JSON.stringify(Object.fromEntries(floodStatuses))}, ` +
        `flood errors ${result.flood.errors}; staff during the flood: ${inWindow.length} answers, ` +
        `errors ${result.flood.staffErrors}, non-2xx ${result.flood.staffNon2xx}`,
    );
    console.log("| kind | quiet p95 | flood p95 | ratio (goal ≤ 2) |");
    console.log("| --- | ---: | ---: | ---: |");
    for (const kind of KINDS) {
      const q = quietFigures[kind]?.p95 ?? 0;
      const f = floodFigures[kind]?.p95 ?? 0;
      console.log(
        `| ${kind} | ${ms(q)} | ${ms(f)} (n ${floodFigures[kind]?.n}) | ${q ? (f / q).toFixed(2) : "?"} |`,
      );
    }
    console.log("\nRaw parts:");
    console.log(
      `| list: koe over HTTP (quiet) | ${ms(quietFigures.list?.p50)} p50 | ${ms(quietFigures.list?.p95)} p95 |`,
    );
    console.log(
      `| list: its SQL (count + page) through plain pg, 20 at once, ${RAW_SECONDS} s | ${ms(rawList.p50)} p50 | ${ms(rawList.p95)} p95 | n ${rawList.n} |`,
    );
    console.log(
      `| /healthz (HTTP + one trivial query), 200 sessions | ${ms(healthzFigures?.p50)} p50 | ${ms(healthzFigures?.p95)} p95 | n ${healthzFigures?.n} |`,
    );
  } finally {
    for (const s of servers) s.child.kill("SIGTERM");
    await Promise.all(
      servers.map((s) => new Promise((r) => (s.child.exitCode !== null ? r(null) : s.child.once("exit", r)))),
    );
    if (!process.argv.includes("--keep"))
      await adminQuery(URL_, `drop database if exists ${databaseName(URL_)} with (force)`);
  }
}

await main();
