// The koe servers of the load benches: compiled from the current sources (or the repository's dist/), started as
// real `koe serve` processes on a free loopback port, each logging to data/bench/load-server-N.log.

import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, openSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { compileServerInto } from "./compile-server.js";

const ROOT = join(import.meta.dirname, "..", "..");
export const BENCH_DATA = join(ROOT, "data", "bench");
const SERVER_DIR = join(BENCH_DATA, "load-server");
const DATA = BENCH_DATA;
const log = (l: string) => process.stderr.write(`${l}\n`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export async function freePort(): Promise<number> {
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
export function compileServer(useDist: boolean): string[] {
  if (useDist) {
    if (!existsSync(join(ROOT, "dist", "cli", "main.js")))
      throw new Error("no dist/: run npm run build:server");
    return [join(ROOT, "bin", "koe.js"), "serve"];
  }
  const script = compileServerInto(SERVER_DIR, log);
  if (!script) throw new Error("the server did not compile");
  return [script, "serve"];
}

export interface Server {
  base: string;
  child: ChildProcess;
}

export async function startServer(
  args: string[],
  n: number,
  opts: { databaseUrl: string; profileDir?: string | undefined },
): Promise<Server> {
  const port = await freePort();
  const out = openSync(join(DATA, `load-server-${n}.log`), "w");
  // --profile DIR: each server writes a V8 CPU profile there when it stops (open it in Chrome's DevTools).
  const profile = opts.profileDir ? ["--cpu-prof", `--cpu-prof-dir=${opts.profileDir}`] : [];
  const child = spawn(process.execPath, [...profile, ...args], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: opts.databaseUrl,
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

/** Stops the servers (SIGTERM: they finish what they answer) and waits for them to exit. */
export async function stopServers(servers: readonly Server[]): Promise<void> {
  for (const s of servers) s.child.kill("SIGTERM");
  await Promise.all(
    servers.map((s) => new Promise((r) => (s.child.exitCode !== null ? r(null) : s.child.once("exit", r)))),
  );
}
