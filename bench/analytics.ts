// The dashboard's analytics API at 1,000,000 voices on SQLite and PostgreSQL: p50/p95 of each call through HTTP
// (Fastify in process: routing, authentication, validation, the use case, the response schema, JSON), beside the
// raw GROUP BY that answers the same question for the same period on the same database in the same run, and the
// ratio of the two p95s. Goal (issue 11): every call p95 < 100 ms and ≤ 3× the raw GROUP BY.
// The raw query counts one period; koe's calls also count the comparison period (前年同期), so a ratio near 2 is
// the cost of the comparison, not overhead.
// Then registers voices while a reader walks the dashboard's calls without pause: the register p95 (goal < 30 ms)
// alone and under that read, on a copy of each fixture (SQLite: a file copy; PostgreSQL: a database made from the
// fixture as its template), dropped afterwards.
// Then the dashboard page in Chromium (/usr/bin/chromium through playwright-core, the built UI in dist/web: run
// `npm run build` first): from navigation to the first meaningful paint, the moment the tiles show the period's
// numbers (goal < 1.5 s), each load in a fresh browser context (nothing cached). The page's requests are answered
// by the same in-process app (Playwright's request interception → Fastify inject), so nothing listens and the word
// indexer of a listening server does not write to the fixture.
// Run: node --import tsx bench/analytics.ts [--sqlite-only | --pg-only] [--db FILE.sqlite] [--pg URL] [--n 40]
//        [--no-register] [--no-paint] [--paint-n 10]
// The fixtures are bench/million-voices.ts (SQLite) and bench/million-voices-pg.ts (PostgreSQL); nothing is written
// to either (the caller is a cs user authenticated by a bench-only token check, without a session row).
import { copyFileSync, existsSync, rmSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { FastifyInstance } from "fastify";
import { type RawBuilder, sql } from "kysely";
import { type Db, type KoeDatabase, migrateToLatest, openTarget } from "../src/db/database.js";
import { jstDateOf, jstMonthOf } from "../src/db/dialect.js";
import { fiscalYearPeriod, periodInstants } from "../src/domain/analysis-period.js";
import { jstToday } from "../src/domain/jst.js";
import { buildApp, DEFAULT_WEB_DIR } from "../src/http/app.js";
import type { RequestAuth } from "../src/http/request-context.js";
import { adminQuery, databaseName } from "./lib/pg-database.js";
import { summarize } from "./lib/stats.js";
import { BENCH_DATA_DIR, ensureMillionVoicesDb } from "./million-voices.js";
import { DEFAULT_PG_FIXTURE_URL, ensurePgFixture } from "./million-voices-pg.js";

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};

/** The fixture's last complete fiscal year (April years, FIXTURE_NOW 2026-11-01) and the one before. */
const FY = 2025;

interface Call {
  name: string;
  url: string;
  /** the raw SQL answering the same question for FY alone */
  raw: (db: Db) => Promise<unknown>;
}

function calls(dialect: KoeDatabase["dialect"]): Call[] {
  const { fromIso, toIsoExclusive } = periodInstants(fiscalYearPeriod(FY, 4));
  const today = jstToday();
  const groupBy = (cols: RawBuilder<unknown>) => (db: Db) =>
    sql`select ${cols}, count(*) as n from voices
        where received_at >= ${fromIso} and received_at < ${toIsoExclusive} and status <> 'voided'
        group by ${cols}`.execute(db);
  const q = (by: string) => `/api/v1/analysis/counts?period=fy${FY}&by=${by}`;
  const jst = (c: string) => jstDateOf(dialect, sql.ref(c));
  return [
    { name: "counts by type (tiles)", url: q("type"), raw: groupBy(sql`type_id`) },
    { name: "counts by type × category", url: q("type,category"), raw: groupBy(sql`type_id, category_id`) },
    {
      name: "counts by month (trend)",
      url: q("month"),
      raw: groupBy(jstMonthOf(dialect, sql.ref("received_at"))),
    },
    { name: "counts by channel", url: q("channel"), raw: groupBy(sql`channel_id`) },
    {
      name: "counts by department × category",
      url: q("department,category"),
      raw: groupBy(sql`department_id, category_id`),
    },
    {
      name: "handling figures",
      url: `/api/v1/analysis/handling?period=fy${FY}`,
      // The same figures by hand: the deadline sums over the period's voices, then the receipt/close day pairs.
      raw: async (db) => {
        await sql`select department_id,
            sum(case when acknowledge_by is not null and (coalesce(acknowledged_at, resolved_at, closed_at) is not null or acknowledge_by < ${today}) then 1 else 0 end) as ack_due,
            sum(case when acknowledge_by is not null and ${jstDateOf(dialect, sql`coalesce(acknowledged_at, resolved_at, closed_at)`)} <= acknowledge_by then 1 else 0 end) as ack_within,
            sum(case when resolve_by is not null and (status in ('resolved', 'closed') or resolve_by < ${today}) then 1 else 0 end) as res_due,
            sum(case when resolve_by is not null and status in ('resolved', 'closed') and ${jstDateOf(dialect, sql`coalesce(resolved_at, closed_at)`)} <= resolve_by then 1 else 0 end) as res_within
          from voices where received_at >= ${fromIso} and received_at < ${toIsoExclusive} and status <> 'voided'
          group by department_id`.execute(db);
        await sql`select department_id, type_id, ${jst("received_at")}, ${jst("closed_at")}, count(*) from voices
          where received_at >= ${fromIso} and received_at < ${toIsoExclusive} and status = 'closed'
            and type_id in (select id from taxonomy_labels where kind = 'type' and code in ('complaint', 'request'))
          group by 1, 2, 3, 4`.execute(db);
      },
    },
    {
      name: "work queues (cs)",
      url: "/api/v1/analysis/queues",
      raw: async (db) => {
        await sql`select count(*) from voices where status = 'resolved'
          and type_id = (select id from taxonomy_labels where kind = 'type' and code = 'complaint')`.execute(
          db,
        );
        await sql`select count(*) from voices where assignee_id is null and status in ('received', 'in_progress')`.execute(
          db,
        );
        await sql`select count(*) from voices where status in ('received', 'in_progress')
          and (resolve_by < ${today} or (status = 'received' and acknowledge_by < ${today}))`.execute(db);
      },
    },
  ];
}

/** Not on the dashboard, measured for the record: the customer's prefecture needs a join per voice. */
function extraCalls(dialect: KoeDatabase["dialect"]): Call[] {
  const { fromIso, toIsoExclusive } = periodInstants(fiscalYearPeriod(FY, 4));
  void dialect;
  return [
    {
      name: "(extra) counts by prefecture",
      url: `/api/v1/analysis/counts?period=fy${FY}&by=prefecture`,
      raw: (db) =>
        sql`select c.prefecture, count(*) from voices v left join customers c on c.id = v.customer_id
          where v.received_at >= ${fromIso} and v.received_at < ${toIsoExclusive} and v.status <> 'voided'
          group by c.prefecture`.execute(db),
    },
  ];
}

interface Result {
  name: string;
  koe: ReturnType<typeof summarize>;
  raw: ReturnType<typeof summarize>;
  ratio: number;
  met: boolean;
}

/** The app with every feature's routes, answering a bench-only bearer token as a cs user (no session row is written). */
async function benchApp(kdb: KoeDatabase, webDir = "/nonexistent"): Promise<FastifyInstance> {
  const user = await kdb.db
    .selectFrom("users")
    .select(["id", "email", "name"])
    .orderBy("id")
    .limit(1)
    .executeTakeFirstOrThrow();
  // A cs caller without a session row, so the fixture stays untouched.
  const auth: RequestAuth = {
    user: { ...user, role: "cs", departmentId: null, departmentName: null },
    via: "token",
    csrfToken: null,
    sessionToken: null,
    scopes: ["voices:read", "voices:write"],
  };
  return buildApp({
    db: kdb.db,
    dialect: kdb.dialect,
    webDir,
    tokenAuthenticator: async (_db, bearer) => (bearer === "bench" ? auth : null),
  });
}

const getter = (app: FastifyInstance) => async (url: string) => {
  const res = await app.inject({ method: "GET", url, headers: { authorization: "Bearer bench" } });
  if (res.statusCode !== 200) throw new Error(`${url}: ${res.statusCode} ${res.body.slice(0, 300)}`);
  return res;
};

async function measure(kdb: KoeDatabase, n: number, log: (l: string) => void): Promise<Result[]> {
  const app = await benchApp(kdb);
  const get = getter(app);
  const list = [...calls(kdb.dialect), ...extraCalls(kdb.dialect)];
  const times = new Map(list.map((c) => [c.name, { koe: [] as number[], raw: [] as number[] }]));
  try {
    for (let round = -3; round < n; round++) {
      // Interleaved, so both sides of each ratio meet the same load.
      for (const c of list) {
        let t = performance.now();
        await get(c.url);
        const koe = performance.now() - t;
        t = performance.now();
        await c.raw(kdb.db);
        const raw = performance.now() - t;
        if (round >= 0) {
          times.get(c.name)?.koe.push(koe);
          times.get(c.name)?.raw.push(raw);
        }
      }
    }
  } finally {
    await app.close();
  }
  const out: Result[] = [];
  for (const c of list) {
    const t = times.get(c.name);
    if (!t) continue;
    const koe = summarize(t.koe);
    const raw = summarize(t.raw);
    const ratio = Math.round((koe.p95 / Math.max(raw.p95, 0.1)) * 10) / 10;
    const met = koe.p95 < 100 && ratio <= 3;
    out.push({ name: c.name, koe, raw, ratio, met });
    log(
      `  ${c.name.padEnd(34)} koe p50 ${String(koe.p50).padStart(6)} p95 ${String(koe.p95).padStart(6)} ms | raw GROUP BY p50 ${String(raw.p50).padStart(6)} p95 ${String(raw.p95).padStart(6)} ms | ×${ratio}${c.name.startsWith("(extra)") ? "" : met ? "  met" : "  NOT MET"}`,
    );
  }
  return out;
}

const TEXTS = [
  "コールセンターに電話したが、なかなかつながらず待ち時間が長かった。",
  "窓口の職員の方がとても丁寧に説明してくださり、安心して手続きできました。",
  "共済金の請求書類が多く、書き方も分かりにくいので簡単にしてほしい。",
  "住所変更をホームページからできるようにしてほしい。",
  "更新の案内が届くのが遅く、掛金の引き落とし日に間に合わなかった。",
];

/** Register p50/p95 alone, then while one reader calls the dashboard's endpoints back to back. */
async function measureRegister(
  kdb: KoeDatabase,
  log: (l: string) => void,
): Promise<{ alone: ReturnType<typeof summarize>; underRead: ReturnType<typeof summarize>; reads: number }> {
  const app = await benchApp(kdb);
  const get = getter(app);
  let k = 0;
  const register = async () => {
    const i = k++;
    const body = {
      receivedAt: new Date().toISOString(),
      channel: ["call_center", "counter", "web"][i % 3],
      type: ["praise", "request", "complaint"][i % 3],
      category: ["handling", "servicing", "claim", "product"][i % 4],
      department: ["call_center", "tokyo_branch", "claims"][i % 3],
      content: `${TEXTS[i % TEXTS.length]}（ベンチ ${i}）`,
      customer: { name: "山田 花子", phone: "090-1234-5678", prefecture: "福井県" },
    };
    const t = performance.now();
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/voices",
      headers: { authorization: "Bearer bench" },
      payload: body,
    });
    const ms = performance.now() - t;
    if (res.statusCode !== 201) throw new Error(`register: ${res.statusCode} ${res.body.slice(0, 300)}`);
    return ms;
  };
  try {
    for (let i = 0; i < 20; i++) await register();
    const alone: number[] = [];
    for (let i = 0; i < 150; i++) alone.push(await register());
    let reading = true;
    let reads = 0;
    // The dashboard's calls, then its rising words (a year of voices' words counted in JavaScript).
    const { from, to } = fiscalYearPeriod(FY, 4);
    const urls = [
      ...calls(kdb.dialect).map((c) => c.url),
      `/api/v1/analysis/words?from=${from}&to=${to}&limit=100`,
    ];
    const reader = (async () => {
      while (reading)
        for (const url of urls) {
          await get(url);
          reads++;
          // Requests reach a server through sockets, between which the event loop turns; in process, a reader that
          // never yields would starve the register's request (its body arrives as a stream event).
          await new Promise((resolve) => setImmediate(resolve));
        }
    })();
    const underRead: number[] = [];
    for (let i = 0; i < 300; i++) underRead.push(await register());
    reading = false;
    await reader;
    const r = { alone: summarize(alone), underRead: summarize(underRead), reads };
    log(
      `  register alone p50 ${r.alone.p50} p95 ${r.alone.p95} ms; while the dashboard is read (${reads} calls) p50 ${r.underRead.p50} p95 ${r.underRead.p95} max ${r.underRead.max} ms (goal p95 < 30 ms)${r.underRead.p95 < 30 ? "  met" : "  NOT MET"}`,
    );
    return r;
  } finally {
    await app.close();
  }
}

/**
 * The dashboard's first meaningful paint in Chromium: navigation start → the page's `koe:dashboard-numbers` mark
 * (the tiles show the period's numbers; the charts fill in after). Each load in a fresh context: nothing cached.
 */
async function measurePaint(
  kdb: KoeDatabase,
  n: number,
  log: (l: string) => void,
): Promise<ReturnType<typeof summarize> | null> {
  if (!existsSync(join(DEFAULT_WEB_DIR, "index.html"))) {
    log("  first meaningful paint: skipped (no dist/web; run `npm run build`)");
    return null;
  }
  const { chromium } = await import("playwright-core");
  const app = await benchApp(kdb, DEFAULT_WEB_DIR);
  const browser = await chromium.launch({
    executablePath: "/usr/bin/chromium",
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"],
  });
  const times: number[] = [];
  try {
    for (let i = -1; i < n; i++) {
      const context = await browser.newContext({ viewport: { width: 1366, height: 900 }, locale: "ja-JP" });
      await context.route("http://koe.bench/**", async (route) => {
        const req = route.request();
        const url = new URL(req.url());
        const res = await app.inject({
          method: req.method() as "GET",
          url: `${url.pathname}${url.search}`,
          headers: { ...(await req.allHeaders()), authorization: "Bearer bench" },
          ...(req.postDataBuffer() ? { payload: req.postDataBuffer() as Buffer } : {}),
        });
        const headers: Record<string, string> = {};
        for (const [k, v] of Object.entries(res.headers)) if (v !== undefined) headers[k] = String(v);
        await route.fulfill({ status: res.statusCode, headers, body: res.rawPayload });
      });
      const page = await context.newPage();
      await page.goto("http://koe.bench/");
      // The page marks the moment its tiles' numbers are on screen (dashboard-page.tsx); ms from navigation start.
      const mark = await page.waitForFunction(
        () => performance.getEntriesByName("koe:dashboard-numbers")[0]?.startTime,
        undefined,
        { polling: 50, timeout: 120_000 },
      );
      const ms = Number(await mark.jsonValue());
      if (process.argv.includes("--paint-trace") && i === 0) {
        const trace = await page.evaluate(() =>
          performance
            .getEntriesByType("resource")
            .map(
              (e) =>
                `${e.name.replace(location.origin, "")} ${Math.round(e.startTime)}–${Math.round((e as PerformanceResourceTiming).responseEnd)}`,
            ),
        );
        log(`  paint trace (ms from navigation): ${trace.join(", ")}`);
      }
      if (i >= 0) times.push(ms); // the first load warms the server's caches and the workers
      await context.close();
    }
  } finally {
    await browser.close();
    await app.close();
  }
  const r = summarize(times);
  log(
    `  dashboard first meaningful paint (Chromium, ${n} cold loads) p50 ${r.p50} p95 ${r.p95} max ${r.max} ms (goal < 1500 ms)${r.p95 < 1500 ? "  met" : "  NOT MET"}`,
  );
  return r;
}

/** A writable copy of the fixture for the register run, removed by the returned function. */
async function writableCopy(
  engine: "sqlite" | "postgres",
  source: string,
): Promise<{ kdb: KoeDatabase; drop: () => Promise<void> }> {
  if (engine === "sqlite") {
    const path = join(BENCH_DATA_DIR, "analytics-write.sqlite");
    for (const suffix of ["", "-wal", "-shm"]) rmSync(`${path}${suffix}`, { force: true });
    copyFileSync(source, path);
    const kdb = await openTarget({ dialect: "sqlite", path });
    return {
      kdb,
      drop: async () => {
        await kdb.close();
        for (const suffix of ["", "-wal", "-shm"]) rmSync(`${path}${suffix}`, { force: true });
      },
    };
  }
  const url = new URL(source);
  const copy = `${databaseName(source)}_analytics_write`;
  await adminQuery(source, `drop database if exists ${copy} with (force)`);
  await adminQuery(source, `create database ${copy} template ${databaseName(source)}`);
  url.pathname = `/${copy}`;
  const kdb = await openTarget({ dialect: "postgres", url: url.toString() });
  return {
    kdb,
    drop: async () => {
      await kdb.close();
      await adminQuery(source, `drop database if exists ${copy} with (force)`);
    },
  };
}

export async function run(): Promise<void> {
  const n = Number(arg("--n") ?? 40);
  const engines: ("sqlite" | "postgres")[] = process.argv.includes("--pg-only")
    ? ["postgres"]
    : process.argv.includes("--sqlite-only")
      ? ["sqlite"]
      : ["sqlite", "postgres"];
  const log = (l: string) => console.log(l);
  const report: Record<string, unknown> = { at: new Date().toISOString(), n, fiscalYear: FY };
  for (const engine of engines) {
    const source =
      engine === "sqlite"
        ? (arg("--db") ?? (await ensureMillionVoicesDb()))
        : await ensurePgFixture(arg("--pg") ?? DEFAULT_PG_FIXTURE_URL);
    const kdb =
      engine === "sqlite"
        ? await openTarget({ dialect: "sqlite", path: source })
        : await openTarget({ dialect: "postgres", url: source });
    let entry: Record<string, unknown> = {};
    try {
      if (engine === "postgres") {
        // An older PostgreSQL fixture gets the analytics indexes the way the app's start-up would add them.
        const applied = await migrateToLatest(kdb.db);
        if (applied.length) {
          log(`  applied ${applied.join(", ")} to the PostgreSQL fixture; vacuum analyze voices …`);
          await sql`vacuum analyze voices`.execute(kdb.db);
        }
      }
      const voices = await kdb.db
        .selectFrom("voices")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow();
      const before = loadavg().map((x) => x.toFixed(2));
      log(
        `analytics on ${engine}: ${Number(voices.n).toLocaleString("en")} voices, FY${FY} vs FY${FY - 1}, ${n} runs per call, load ${before.join(" ")}`,
      );
      const results = await measure(kdb, n, log);
      const after = loadavg().map((x) => x.toFixed(2));
      const dashboard = results.filter((r) => !r.name.startsWith("(extra)"));
      const worst = Math.max(...dashboard.map((r) => r.koe.p95));
      log(
        `  every dashboard call: p95 ≤ ${worst} ms, ratio ≤ ×${Math.max(...dashboard.map((r) => r.ratio))}: ${dashboard.every((r) => r.met) ? "goal met" : "goal NOT met"} (load after ${after.join(" ")})`,
      );
      entry = { voices: Number(voices.n), loadBefore: before, loadAfter: after, results };
      if (!process.argv.includes("--no-paint")) {
        const paint = await measurePaint(kdb, Number(arg("--paint-n") ?? 10), log);
        if (paint) entry.paint = { ...paint, load: loadavg().map((x) => x.toFixed(2)) };
      }
    } finally {
      await kdb.close();
    }
    if (!process.argv.includes("--no-register")) {
      log(`  copying the ${engine} fixture for the register run …`);
      const copy = await writableCopy(engine, source);
      try {
        entry.register = {
          ...(await measureRegister(copy.kdb, log)),
          load: loadavg().map((x) => x.toFixed(2)),
        };
      } finally {
        await copy.drop();
      }
    }
    report[engine] = entry;
  }
  writeFileSync(join(BENCH_DATA_DIR, "analytics-result.json"), `${JSON.stringify(report, null, 2)}\n`);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run();
