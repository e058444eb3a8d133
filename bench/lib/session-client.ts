// One staff session of the load benches: a single keep-alive connection (undici's Client) sending its next request
// at most `rate` times a second, each answer timed from sending to its last byte.
//
// Why not one autocannon instance per session: the load runs on the same two cores as koe and PostgreSQL, and 200
// autocannon instances (each with its own histograms and timers) cost the bench process 1.1–1.6 ms of CPU per
// request, about a quarter of a core at 200 requests a second, taken from the servers it measures. A person's
// browser is on another machine; the client here costs a fraction of that (the bench prints it: "bench client").
import { Client } from "undici";

export interface SessionRequest {
  method: "GET" | "POST" | "PATCH";
  path: string;
  headers: Record<string, string>;
  body?: string;
}

export interface SessionRun {
  errors: number;
  timeouts: number;
  requests: number;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Runs one session for `seconds`: requests from `next()`, one at a time, no more than `rate` a second (a late answer
 * sends the next one at once, as autocannon's connectionRate does). `onAnswer` gets each answer's status and time.
 */
export async function runSession(opts: {
  base: string;
  seconds: number;
  rate: number;
  next: () => SessionRequest;
  onAnswer: (status: number, ms: number) => void;
  timeoutMs?: number;
}): Promise<SessionRun> {
  const timeoutMs = opts.timeoutMs ?? 30_000;
  const client = new Client(opts.base, {
    pipelining: 1,
    headersTimeout: timeoutMs,
    bodyTimeout: timeoutMs,
    keepAliveTimeout: 60_000,
  });
  const run: SessionRun = { errors: 0, timeouts: 0, requests: 0 };
  const interval = 1000 / opts.rate;
  const end = performance.now() + opts.seconds * 1000;
  try {
    while (performance.now() < end) {
      const sent = performance.now();
      const r = opts.next();
      try {
        const res = await client.request({
          method: r.method,
          path: r.path,
          headers: r.headers,
          body: r.body,
        });
        await res.body.dump({ limit: Number.POSITIVE_INFINITY });
        run.requests++;
        opts.onAnswer(res.statusCode, performance.now() - sent);
      } catch (err) {
        const code = (err as { code?: string }).code ?? "";
        if (code.includes("TIMEOUT")) run.timeouts++;
        else run.errors++;
      }
      const wait = sent + interval - performance.now();
      if (wait > 0 && performance.now() + wait < end) await sleep(wait);
      else if (wait > 0) break;
    }
  } finally {
    await client.close().catch(() => client.destroy());
  }
  return run;
}
