// What a refused public-form post costs (issue 17 §6's flood, alone): 2,000 posts from one address at one `koe serve`
// on the load bench's kept database, with the CPU of the server and of the flood's client read off /proc.
// Not part of `npm test` nor of `npm run bench`:
//   node --import tsx bench/flood-cost.ts [--posts 2000] [--connections 25] [--use-dist] [--pg URL] [--profile DIR]
import { spawn } from "node:child_process";
import { join } from "node:path";
import { cpuSnapshot, processMs } from "./lib/cpu-usage.js";
import { compileServer, startServer, stopServers } from "./lib/load-servers.js";
import { databaseName, onThisMachine } from "./lib/pg-database.js";

const arg = (name: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
};
const URL_ = arg("--pg") ?? "postgres://postgres@127.0.0.1:5432/koe_bench_load";
if (!onThisMachine(URL_)) throw new Error("--pg must be on this machine");
const POSTS = Number(arg("--posts") ?? 2000);
const CONNECTIONS = Number(arg("--connections") ?? 25);
const ROOT = join(import.meta.dirname, "..");

const server = await startServer(compileServer(process.argv.includes("--use-dist")), 1, {
  databaseUrl: URL_,
  profileDir: arg("--profile"),
});
try {
  const pid = server.child.pid ?? 0;
  const client = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      join(ROOT, "bench", "lib", "flood-client.ts"),
      server.base,
      String(POSTS),
      String(CONNECTIONS),
    ],
    { cwd: ROOT, stdio: ["pipe", "pipe", "inherit"] },
  );
  let out = "";
  let clientMs = 0;
  let loaded = () => {};
  const ready = new Promise<void>((r) => (loaded = r));
  client.stdout.on("data", (d: Buffer) => {
    out += d.toString();
    if (out.includes('"ready"')) loaded();
  });
  // Its start-up (tsx, autocannon) is not the flood: measured from its signal on.
  await ready;
  const clientAtStart = processMs(client.pid ?? 0);
  const before = cpuSnapshot([pid], databaseName(URL_));
  const started = performance.now();
  client.stdin.end("go\n");
  // A probe beside the flood: /healthz every 10 ms, one at a time (what a staff request waits for, at the least).
  const probe: number[] = [];
  let flooding = true;
  const probing = (async () => {
    while (flooding) {
      const t = performance.now();
      await (await fetch(`${server.base}/healthz`)).arrayBuffer();
      probe.push(performance.now() - t);
      await new Promise((r) => setTimeout(r, 10));
    }
  })();
  // The client's own CPU, read just before it exits (its last line is printed when the flood is done).
  const timer = setInterval(() => {
    clientMs = Math.max(clientMs, processMs(client.pid ?? 0));
  }, 20);
  await new Promise((r) => client.once("exit", r));
  clearInterval(timer);
  flooding = false;
  await probing;
  const seconds = (performance.now() - started) / 1000;
  const after = cpuSnapshot([pid], databaseName(URL_));
  const last = out.trim().split("\n").at(-1) ?? "{}";
  console.log(`flood of ${POSTS} posts, ${CONNECTIONS} connections: ${seconds.toFixed(2)} s, ${last}`);
  const sorted = [...probe].sort((a, b) => a - b);
  const at = (q: number) => (sorted[Math.floor((sorted.length - 1) * q)] ?? 0).toFixed(1);
  console.log(
    `/healthz beside the flood: n ${probe.length}, p50 ${at(0.5)} ms, p95 ${at(0.95)} ms, max ${at(1)} ms`,
  );
  console.log(
    `per post (ms of one core): server ${((after.processes - before.processes) / POSTS).toFixed(3)}, ` +
      `PostgreSQL ${([...after.postgres].reduce((a, [p, ms]) => a + ms - (before.postgres.get(p) ?? 0), 0) / POSTS).toFixed(3)}, ` +
      `flood client ≥ ${((clientMs - clientAtStart) / POSTS).toFixed(3)}, machine ${((after.machine - before.machine) / POSTS).toFixed(3)}`,
  );
} finally {
  await stopServers([server]);
}
