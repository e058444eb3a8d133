// The staff of the load benches: sessions written as a login writes them, the registrations they send, and one
// connection per session (session-client.ts) sending its kind of request (list, open, register, comment).
import { createHash, randomBytes } from "node:crypto";
import type { Kysely } from "kysely";
import type { Database } from "../../src/db/schema.js";
import { generateDemoVoices } from "../../src/demo/demo-plan.js";
import type { CreateVoiceInput } from "../../src/features/voices/contract.js";
import { LIST_FILTERS, toInput } from "../spine.js";
import { costPerRequest, cpuSnapshot } from "./cpu-usage.js";
import type { Server } from "./load-servers.js";
import { runSession, type SessionRequest, type SessionRun } from "./session-client.js";
import { summarize } from "./stats.js";

/** How many sessions of each kind: 200 staff at once. */
export const SESSIONS = { list: 100, show: 40, register: 40, comment: 20 } as const;
export type Kind = keyof typeof SESSIONS;
export const KINDS = Object.keys(SESSIONS) as Kind[];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const GOLDEN = (Math.sqrt(5) - 1) / 2;

export interface StaffSession {
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
export async function makeSessions(db: Kysely<Database>, count: number): Promise<StaffSession[]> {
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

export function registrationInputs(n: number): CreateVoiceInput[] {
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

export interface Sample {
  kind: Kind | "healthz";
  at: number;
  ms: number;
  status: number;
}

/** One connection per session (session-client.ts); returns when every session has run `seconds`. */
export async function staffLoad(
  servers: readonly Server[],
  sessions: Map<Kind, StaffSession[]>,
  seconds: number,
  samples: Sample[],
  inputs: CreateVoiceInput[],
  rate = 1,
): Promise<{ errors: number; timeouts: number; requests: number }> {
  const runs: Promise<SessionRun>[] = [];
  let started = 0;
  let nextInput = 0;
  for (const kind of KINDS) {
    for (const [i, s] of (sessions.get(kind) ?? []).entries()) {
      const server = servers[i % servers.length] as Server;
      const read = { cookie: s.cookie };
      const headers = { cookie: s.cookie, "x-csrf-token": s.csrf, "content-type": "application/json" };
      let n = 0;
      const next = (): SessionRequest => {
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
      // Each session starts at its own point of the request period (1/rate s), spread evenly over it whatever its kind
      // (the golden ratio's multiples modulo 1): people are not in step. Starting them 5 ms apart in the order of
      // KINDS put the 40 registrations within the same 0.2 s of every second, a burst no staff makes.
      const delay = ((started++ * GOLDEN) % 1) * (1000 / rate);
      runs.push(
        sleep(delay).then(() =>
          runSession({
            base: server.base,
            seconds,
            rate,
            next,
            onAnswer: (status, ms) => samples.push({ kind, at: performance.now(), ms, status }),
          }),
        ),
      );
    }
  }
  const results = await Promise.all(runs);
  return {
    errors: results.reduce((a, r) => a + r.errors, 0),
    timeouts: results.reduce((a, r) => a + r.timeouts, 0),
    requests: results.reduce((a, r) => a + r.requests, 0),
  };
}

export function figures(samples: readonly Sample[], kinds: readonly Sample["kind"][]) {
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

/** Deals the sessions out by kind: those with voices of their own open or comment on them, the others list and register. */
export function sessionsByKind(sessions: readonly StaffSession[]): Map<Kind, StaffSession[]> {
  const byKind = new Map<Kind, StaffSession[]>();
  const ordered = [
    ...sessions.filter((x) => x.voiceIds.length >= 10),
    ...sessions.filter((x) => x.voiceIds.length < 10),
  ];
  for (const kind of ["comment", "show", "list", "register"] as const)
    byKind.set(kind, ordered.splice(0, SESSIONS[kind]));
  return byKind;
}

/**
 * What a request costs: each kind of session alone for `seconds`, the CPU read off /proc divided by the requests
 * answered (machine, PostgreSQL, the servers). Latencies on a saturated machine show queueing; this shows the work.
 */
export async function costsByKind(
  servers: readonly Server[],
  byKind: Map<Kind, StaffSession[]>,
  seconds: number,
  inputs: CreateVoiceInput[],
  database: string,
  kinds: readonly Kind[] = KINDS,
): Promise<Partial<Record<Kind, ReturnType<typeof costPerRequest>>>> {
  const costs: Partial<Record<Kind, ReturnType<typeof costPerRequest>>> = {};
  const pids = servers.map((s) => s.child.pid ?? 0);
  for (const kind of kinds) {
    const before = cpuSnapshot(pids, database);
    const run = await staffLoad(servers, new Map([[kind, byKind.get(kind) ?? []]]), seconds, [], inputs);
    costs[kind] = costPerRequest(before, cpuSnapshot(pids, database), run.requests);
  }
  return costs;
}

/** The costs as a Markdown table (ms of one core per answered request). */
export function costTable(costs: Partial<Record<Kind, ReturnType<typeof costPerRequest>>>): string[] {
  const lines = [
    "| kind | answered | machine | PostgreSQL | koe's 2 processes | bench client | rest (kernel, other) | cores busy |",
    "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |",
  ];
  for (const kind of KINDS) {
    const c = costs[kind];
    if (!c) continue;
    const rest = c.machineMs - c.postgresMs - c.serversMs - c.clientMs;
    lines.push(
      `| ${kind} | ${c.requests} | ${c.machineMs.toFixed(1)} | ${c.postgresMs.toFixed(1)} | ${c.serversMs.toFixed(1)} | ${c.clientMs.toFixed(1)} | ${rest.toFixed(1)} | ${c.busyCores.toFixed(2)} |`,
    );
  }
  return lines;
}
