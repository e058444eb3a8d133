// What one request of each kind costs in CPU (issue 17 §6's load, taken apart): the load bench's database, its two
// `koe serve` processes on PostgreSQL and its staff sessions, but each kind of session alone, with the CPU of the
// machine, of PostgreSQL and of the servers read off /proc and divided by the requests answered. For comparing a
// change: run it before and after on the same database (the first run seeds and keeps it; later ones reuse it).
// Not part of `npm test` nor of `npm run bench`:
//   node --import tsx bench/load-cost.ts [--kind list,register] [--seconds 15] [--use-dist] [--profile DIR] [--fresh]
import { mkdirSync } from "node:fs";
import { prepareLoadDatabase } from "./lib/load-database.js";
import { BENCH_DATA, compileServer, type Server, startServer, stopServers } from "./lib/load-servers.js";
import {
  costsByKind,
  costTable,
  KINDS,
  type Kind,
  registrationInputs,
  sessionsByKind,
} from "./lib/load-staff.js";
import { databaseName, onThisMachine } from "./lib/pg-database.js";

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const URL_ = arg("--pg") ?? "postgres://postgres@127.0.0.1:5432/koe_bench_load";
if (!onThisMachine(URL_)) throw new Error("--pg must be on this machine");
const SECONDS = Number(arg("--seconds") ?? 15);
const kinds = (arg("--kind")?.split(",") ?? KINDS) as Kind[];
for (const k of kinds)
  if (!KINDS.includes(k)) throw new Error(`--kind: ${k} is not one of ${KINDS.join(", ")}`);

mkdirSync(BENCH_DATA, { recursive: true });
const { sessions } = await prepareLoadDatabase(URL_, {
  voices: 50_000,
  reuse: !process.argv.includes("--fresh"),
});
const byKind = sessionsByKind(sessions);
const args = compileServer(process.argv.includes("--use-dist"));
const servers: Server[] = [];
try {
  const opts = { databaseUrl: URL_, profileDir: arg("--profile") };
  servers.push(...(await Promise.all([startServer(args, 1, opts), startServer(args, 2, opts)])));
  // A first pass warms the servers and PostgreSQL's backends (their first statements plan against cold caches).
  await costsByKind(servers, byKind, 3, registrationInputs(4_000), databaseName(URL_), kinds);
  const costs = await costsByKind(
    servers,
    byKind,
    SECONDS,
    registrationInputs(4_000),
    databaseName(URL_),
    kinds,
  );
  console.log(
    `CPU per request, each kind alone for ${SECONDS} s (ms of one core), ${new Date().toISOString()}:`,
  );
  for (const line of costTable(costs)) console.log(line);
} finally {
  await stopServers(servers);
}
