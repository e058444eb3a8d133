// The 1,000,000-voice SQLite fixture the benches share: built once, reused while the schema and plan are unchanged.
// Run: node --import tsx bench/million-voices.ts [--rebuild]
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { prepareDatabase } from "../src/bootstrap.js";
import { migrateToLatest, openTarget } from "../src/db/database.js";
import { bulkLoadVoices } from "./lib/bulk-voices.js";

const here = dirname(fileURLToPath(import.meta.url));
export const BENCH_DATA_DIR = join(here, "..", "data", "bench");
export const MILLION_DB_PATH = join(BENCH_DATA_DIR, "million.sqlite");
const MARKER_PATH = `${MILLION_DB_PATH}.json`;
const LOCK_PATH = `${MILLION_DB_PATH}.lock`;
export const MILLION_VOICES = 1_000_000;
/** Bump when the loader writes different rows, so old fixtures are rebuilt. */
const FIXTURE_VERSION = 2;
/** The fixture's "today": fixed, so every build holds the same voices (FY2010–FY2025 with April years). */
export const FIXTURE_NOW = new Date("2026-11-01T00:00:00Z");

export interface FixtureMarker {
  fixtureVersion: number;
  voices: number;
  migrations: string[];
  builtAt: string;
  build: {
    seconds: number;
    /** generate + insert, without the final search-index optimize (absent in markers of older builds) */
    loadSeconds?: number;
    rows: number;
    rowsPerSecond: number;
    fileBytes: number;
    customers: number;
    events: number;
    fiscalYears: number[];
    search: string;
    loadAverage: number[];
  };
}

/** Every migration the code has now, in order: what prepareDatabase would apply to an empty database. */
async function codeMigrations(): Promise<string[]> {
  const mem = await openTarget({ dialect: "sqlite", path: ":memory:" });
  try {
    return await migrateToLatest(mem.db);
  } finally {
    await mem.close();
  }
}

export function readFixtureMarker(): FixtureMarker | null {
  if (!existsSync(MARKER_PATH) || !existsSync(MILLION_DB_PATH)) return null;
  try {
    return JSON.parse(readFileSync(MARKER_PATH, "utf8")) as FixtureMarker;
  } catch {
    return null;
  }
}

function sameList(a: string[], b: string[]) {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}

async function withLock<T>(fn: () => Promise<T>, log: (line: string) => void): Promise<T> {
  // Another bench (or engineer) may be building the same file: wait for it instead of building twice.
  mkdirSync(BENCH_DATA_DIR, { recursive: true });
  for (let waited = 0; ; waited++) {
    try {
      closeSync(openSync(LOCK_PATH, "wx"));
      writeFileSync(LOCK_PATH, String(process.pid));
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
      const pid = Number(readFileSync(LOCK_PATH, "utf8")) || 0;
      let alive = false;
      try {
        if (pid > 0) {
          process.kill(pid, 0);
          alive = true;
        }
      } catch {
        alive = false;
      }
      if (!alive && waited > 0) rmSync(LOCK_PATH, { force: true });
      else {
        if (waited % 15 === 0) log(`waiting for process ${pid} building the fixture…`);
        await new Promise((r) => setTimeout(r, 2000));
      }
    }
  }
  try {
    return await fn();
  } finally {
    rmSync(LOCK_PATH, { force: true });
  }
}

/**
 * Returns the path of the 1M-voice SQLite fixture, building it first when it is missing, from an older loader,
 * or made under a different list of migrations. Other benches import this; they must not write to the file
 * (copy it first, as bench/spine.ts does).
 */
export async function ensureMillionVoicesDb(
  opts: { rebuild?: boolean; log?: (line: string) => void } = {},
): Promise<string> {
  const log = opts.log ?? ((l: string) => process.stderr.write(`${l}\n`));
  return withLock(async () => {
    const migrations = await codeMigrations();
    const m = readFixtureMarker();
    if (!opts.rebuild && m) {
      if (
        m.fixtureVersion === FIXTURE_VERSION &&
        m.voices === MILLION_VOICES &&
        sameList(m.migrations, migrations)
      )
        return MILLION_DB_PATH;
      const why =
        m.fixtureVersion !== FIXTURE_VERSION
          ? `loader version ${m.fixtureVersion} → ${FIXTURE_VERSION}`
          : m.voices !== MILLION_VOICES
            ? `${m.voices} voices`
            : `migrations ${m.migrations.join(", ")} → ${migrations.join(", ")}`;
      log(`fixture out of date (${why}): rebuilding`);
    }
    await buildFixture(migrations, log);
    return MILLION_DB_PATH;
  }, log);
}

async function buildFixture(migrations: string[], log: (line: string) => void): Promise<FixtureMarker> {
  const tmp = `${MILLION_DB_PATH}.building`;
  for (const p of [tmp, `${tmp}-wal`, `${tmp}-shm`]) rmSync(p, { force: true });
  log(`building ${MILLION_VOICES.toLocaleString("en")} voices into ${MILLION_DB_PATH} …`);
  const kdb = await openTarget({ dialect: "sqlite", path: tmp });
  let result: Awaited<ReturnType<typeof bulkLoadVoices>>;
  let applied: string[];
  try {
    // The normal start-up path: migrations (whatever exists today), default labels, first admin.
    applied = (
      await prepareDatabase(kdb, { email: "admin@bench.koe.local", password: "bench-admin-password-1" })
    ).migrations;
    result = await bulkLoadVoices(kdb, {
      target: MILLION_VOICES,
      now: FIXTURE_NOW,
      onProgress: (n) => {
        if (n % 200_000 === 0) log(`  ${n.toLocaleString("en")} voices`);
      },
    });
    kdb.sqlite?.pragma("wal_checkpoint(TRUNCATE)");
  } finally {
    await kdb.close();
  }
  if (!sameList(applied, migrations))
    throw new Error(`applied ${applied.join(",")} but expected ${migrations.join(",")}`);
  for (const p of [MILLION_DB_PATH, `${MILLION_DB_PATH}-wal`, `${MILLION_DB_PATH}-shm`])
    rmSync(p, { force: true });
  renameSync(tmp, MILLION_DB_PATH);
  const rows = result.voices + result.customers + result.events;
  const marker: FixtureMarker = {
    fixtureVersion: FIXTURE_VERSION,
    voices: result.voices,
    migrations,
    builtAt: new Date().toISOString(),
    build: {
      seconds: Math.round(result.seconds * 10) / 10,
      loadSeconds: Math.round(result.loadSeconds * 10) / 10,
      rows,
      rowsPerSecond: Math.round(rows / result.seconds),
      fileBytes: statSync(MILLION_DB_PATH).size,
      customers: result.customers,
      events: result.events,
      fiscalYears: result.fiscalYears,
      search: result.search,
      loadAverage: (await import("node:os")).loadavg().map((x) => Math.round(x * 100) / 100),
    },
  };
  writeFileSync(MARKER_PATH, `${JSON.stringify(marker, null, 2)}\n`);
  return marker;
}

export function describeFixture(m: FixtureMarker): string[] {
  const b = m.build;
  return [
    `fixture: ${MILLION_DB_PATH}`,
    `  ${m.voices.toLocaleString("en")} voices, ${b.customers.toLocaleString("en")} customers, ${b.events.toLocaleString("en")} events; fiscal years ${b.fiscalYears[0]}–${b.fiscalYears.at(-1)}`,
    `  built ${m.builtAt} in ${b.seconds} s: ${Math.round(m.voices / b.seconds).toLocaleString("en")} voices/s, ${b.rowsPerSecond.toLocaleString("en")} rows/s (all three tables), load average ${b.loadAverage.join(" ")}`,
    ...(b.loadSeconds !== undefined
      ? [
          `  of which generate + insert ${b.loadSeconds} s, search-index optimize ${Math.round((b.seconds - b.loadSeconds) * 10) / 10} s`,
        ]
      : []),
    `  file ${(b.fileBytes / 1024 / 1024).toFixed(0)} MB; migrations ${m.migrations.join(", ")}`,
    `  search index: ${b.search}`,
  ];
}

export async function run(): Promise<void> {
  await ensureMillionVoicesDb({ rebuild: process.argv.includes("--rebuild") });
  const m = readFixtureMarker();
  if (m) for (const l of describeFixture(m)) console.log(l);
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await run();
