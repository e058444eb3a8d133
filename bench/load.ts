// Load (issue 17 §6): 200 staff sessions of mixed reads and writes against two `koe serve` processes on one
// PostgreSQL database, then the same staff load beside a flood of 2,000 public-form posts. Loopback only and
// bounded (it creates its own database and drops it). Not part of `npm test` nor of `npm run bench` (no run()):
//   node --import tsx bench/load.ts [--voices 50000] [--seconds 60] [--rate 0.5] [--use-dist] [--keep] [--reuse]
//     [--flood-nice 0] [--profile DIR]
// --keep leaves the database; --reuse starts from a kept one instead of seeding again (runs made to compare changes).
//
// Each staff session is one keep-alive connection with its own session cookie (bench/lib/session-client.ts), sending
// a request every 2 s at most (--rate 0.5: 100 requests a second from the 200; a person at a co-op's counter or
// call centre clicks every 10–30 s), each at its own point of the period so the sessions do not fire in step.
// With --rate 1 (200 a second) the cost phase's figures add up to more work than this two-core machine does, so
// its latencies are queueing (docs/performance.md). Sessions by what they do: 100 list pages (two filters, pages
// 1–5), 40 open a voice of their own department (an audited unmasked view), 40 register a voice, 20 comment on
// voices of their own department; half of each group on each process (as a load balancer would spread them).
// Beside koe's figures the raw parts: the list's own SQL replayed through plain pg at the two processes' pool
// size, and /healthz (HTTP plus one trivial query) under the same 200 sessions. Before the quiet phase each kind of
// session runs alone for a few seconds and the CPU it costs per request is read off /proc (machine, PostgreSQL,
// koe's processes): on a machine too slow for the load, latencies only show queueing, and the cost says what to
// make cheaper.
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { join } from "node:path";
import { prepareLoadDatabase } from "./lib/load-database.js";
import { captureListSql, rawListReplay } from "./lib/load-raw-list.js";
import { BENCH_DATA, compileServer, type Server, startServer, stopServers } from "./lib/load-servers.js";
import {
  costsByKind,
  costTable,
  figures,
  KINDS,
  registrationInputs,
  type Sample,
  SESSIONS,
  type StaffSession,
  sessionsByKind,
  staffLoad,
} from "./lib/load-staff.js";
import { adminQuery, databaseName, onThisMachine } from "./lib/pg-database.js";
import { runSession } from "./lib/session-client.js";
import { summarize } from "./lib/stats.js";

const ROOT = join(import.meta.dirname, "..");
const DATA = BENCH_DATA;
const DEFAULT_URL = "postgres://postgres@127.0.0.1:5432/koe_bench_load";
const GOALS = { listP95: 300, registerP95: 100, floodFactor: 2 };
const WARMUP_S = 5;
const FLOOD_POSTS = 2_000;
const FLOOD_CONNECTIONS = 50;
const FLOOD_PHASE_S = 40;
const RAW_SECONDS = 15;
const HEALTHZ_SECONDS = 10;
const COST_SECONDS = 10;

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const VOICES = Number(arg("--voices") ?? 50_000);
const SECONDS = Number(arg("--seconds") ?? 60);
const RATE = Number(arg("--rate") ?? 0.5);
const FLOOD_NICE = Number(arg("--flood-nice") ?? 0);
const PROFILE_DIR = arg("--profile");
const URL_ = arg("--pg") ?? DEFAULT_URL;
const log = (l: string) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${l}\n`);
const load = () =>
  loadavg()
    .map((x) => x.toFixed(2))
    .join(" ");
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// Loopback only: the bench never sends load anywhere else.
if (!onThisMachine(URL_))
  throw new Error(`--pg must be on this machine (loopback or its Unix socket): ${URL_}`);

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
    { cwd: ROOT, stdio: ["pipe", "pipe", "inherit"] },
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
  // Loaded and waiting: its start-up is over before the flood begins.
  const ready = next();
  let started: Promise<number> | undefined;
  const go = () => {
    started = next().then(() => performance.now());
    child.stdin.end("go\n");
    return started;
  };
  const done = () =>
    (started ?? go())
      .then(next)
      .then((r) => ({ statuses: r.statuses as Record<string, number>, errors: Number(r.errors) }));
  return { ready, go, done };
}

async function main() {
  mkdirSync(DATA, { recursive: true });
  const loads: Record<string, string> = { start: load() };
  log(`load average at start: ${loads.start}`);

  // 1. The database: the demo federation's voices with their words analysed (bench/lib/load-database.ts).
  const { seedSeconds, wordSeconds, sessions } = await prepareLoadDatabase(URL_, {
    voices: VOICES,
    reuse: process.argv.includes("--reuse"),
  });
  const byKind = sessionsByKind(sessions);
  const inputs = registrationInputs(4_000);

  log("compiling the server…");
  const args = compileServer(process.argv.includes("--use-dist"));
  const servers: Server[] = [];
  try {
    const opts = { databaseUrl: URL_, profileDir: PROFILE_DIR };
    servers.push(...(await Promise.all([startServer(args, 1, opts), startServer(args, 2, opts)])));

    // 2. What a request costs: each kind of session alone, after a first pass that warms the servers (JIT, the
    //    analyzer's dictionary) and PostgreSQL's backends (their first statements plan against cold caches).
    await costsByKind(servers, byKind, 3, inputs, databaseName(URL_));
    const costs = await costsByKind(servers, byKind, COST_SECONDS, inputs, databaseName(URL_));
    for (const line of costTable(costs)) log(line);

    // 3. Quiet: the 200 sessions for the warm-up and SECONDS; the warm-up's answers are left out.
    loads.quiet = load();
    log(`quiet phase: ${WARMUP_S + SECONDS} s, load average ${loads.quiet}`);
    const quiet: Sample[] = [];
    const t0 = performance.now();
    const quietRun = await staffLoad(servers, byKind, WARMUP_S + SECONDS, quiet, inputs, RATE);
    const measured = quiet.filter((s) => s.at - t0 > WARMUP_S * 1000 + 1000);
    const quietFigures = figures(measured, KINDS);
    // The slowest answers by 5-s window: a tail from periodic work (a job, a checkpoint) shows as a few bad windows.
    const windows = new Map<number, number[]>();
    for (const x of measured) {
      const w = Math.floor((x.at - t0) / 5000);
      windows.set(w, [...(windows.get(w) ?? []), x.ms]);
    }
    const quietWindows = [...windows]
      .sort((a, b) => a[0] - b[0])
      .map(([w, ms]) => ({ from: w * 5, ...summarize(ms) }));
    const quietNon2xx = quiet.filter((s) => s.status < 200 || s.status > 299);
    const quietSeconds = (performance.now() - t0) / 1000 - WARMUP_S;
    loads.afterQuiet = load();

    // 4. The flood beside the staff load: 2,000 public-form posts from one address as fast as they are answered.
    log(`flood phase: ${FLOOD_PHASE_S} s, load average ${load()}`);
    const during: Sample[] = [];
    const floodStatuses = new Map<number, number>();
    let floodWindow = { from: 0, to: 0 };
    // The flood's clients start (and load) before the staff do, and wait for their signal.
    const floods = servers.map((s) => floodFrom(s, FLOOD_POSTS / servers.length));
    await Promise.all(floods.map((f) => f.ready));
    const staffDuringFlood = staffLoad(servers, byKind, FLOOD_PHASE_S, during, inputs, RATE);
    await sleep(8_000);
    floodWindow.from = Math.max(...(await Promise.all(floods.map((f) => f.go()))));
    log("the flood has started");
    const floodResults = await Promise.all(floods.map((f) => f.done()));
    for (const r of floodResults)
      for (const [status, n] of Object.entries(r.statuses))
        floodStatuses.set(Number(status), (floodStatuses.get(Number(status)) ?? 0) + n);
    floodWindow = { ...floodWindow, to: performance.now() };
    log("the flood has ended");
    loads.flood = load();
    const duringRun = await staffDuringFlood;
    const inWindow = during.filter((s) => s.at >= floodWindow.from && s.at <= floodWindow.to);
    const floodFigures = figures(inWindow, KINDS);
    const floodSeconds = (floodWindow.to - floodWindow.from) / 1000;
    // The staff's answers around the flood by half second (by when they were sent): where the slow ones fall.
    const floodTimeline = new Map<number, number[]>();
    for (const x of during) {
      const sentAt = x.at - x.ms - floodWindow.from;
      if (sentAt < -3000 || sentAt > floodWindow.to - floodWindow.from + 3000) continue;
      const bin = Math.floor(sentAt / 500) * 0.5;
      floodTimeline.set(bin, [...(floodTimeline.get(bin) ?? []), x.ms]);
    }
    const floodBins = [...floodTimeline]
      .sort((a, b) => a[0] - b[0])
      .map(([from, ms]) => ({ from, n: ms.length, p95: summarize(ms).p95 }));

    // 5. The raw parts: the list's SQL through plain pg at the processes' pool size (2 × 10), and /healthz.
    await sleep(3_000);
    loads.raw = load();
    log(`raw parts, load average ${loads.raw}`);
    const lists = await captureListSql(URL_, byKind.get("list")?.[0] as StaffSession);
    const rawList = await rawListReplay(URL_, lists, 20, RAW_SECONDS);
    const healthz: Sample[] = [];
    const healthRuns: Promise<{ errors: number }>[] = [];
    for (let i = 0; i < 200; i++) {
      const server = servers[i % servers.length] as Server;
      healthRuns.push(
        sleep((i * 1000) / 200).then(() =>
          runSession({
            base: server.base,
            seconds: HEALTHZ_SECONDS,
            rate: RATE,
            next: () => ({ method: "GET", path: "/healthz", headers: {} }),
            onAnswer: (status, ms) => healthz.push({ kind: "healthz", at: performance.now(), ms, status }),
          }),
        ),
      );
    }
    await Promise.all(healthRuns);
    const healthzFigures = figures(healthz, ["healthz"]).healthz;
    loads.end = load();

    // 6. Report.
    const ms = (x: number | undefined) => `${x ?? "?"} ms`;
    const result = {
      measuredAt: new Date().toISOString(),
      voices: VOICES,
      sessions: SESSIONS,
      ratePerSession: RATE,
      seedSeconds,
      wordSeconds,
      loads,
      costs,
      quiet: {
        seconds: quietSeconds,
        requests: measured.length,
        perSecond: measured.length / SECONDS,
        errors: quietRun.errors,
        timeouts: quietRun.timeouts,
        non2xx: quietNon2xx.length,
        non2xxStatuses: [...new Set(quietNon2xx.map((s) => s.status))],
        figures: quietFigures,
        windows: quietWindows,
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
        timeline: floodBins,
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
    console.log(`\nCPU per request, each kind alone for ${COST_SECONDS} s (ms of one core):`);
    for (const line of costTable(costs)) console.log(line);
    // What the sessions ask of the machine at RATE, from the costs above (each kind alone, so shared work counts
    // once per kind): above the cores there are, latencies are queueing.
    const offered = KINDS.reduce((a, k) => a + SESSIONS[k] * RATE * (costs[k]?.machineMs ?? 0), 0) / 1000;
    console.log(
      `offered work at ${RATE} request/s a session: ${offered.toFixed(2)} cores of ${cpus().length}`,
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
      `p95 by 5-s window (s: ms): ${quietWindows.map((w) => `${w.from}: ${Math.round(w.p95)}`).join(", ")}`,
    );
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
    console.log(
      `staff p95 by half second sent, from the flood's start (s: ms): ${floodBins.map((b) => `${b.from}: ${Math.round(b.p95 ?? 0)}`).join(", ")}`,
    );
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
    await stopServers(servers);
    if (!process.argv.includes("--keep"))
      await adminQuery(URL_, `drop database if exists ${databaseName(URL_)} with (force)`);
  }
}

await main();
