// CPU time spent on this machine, read from /proc (Linux): the whole machine's busy time, PostgreSQL's processes and
// a given set of processes (the koe servers). A bench divides the difference of two snapshots by the requests
// answered in between: what one request costs, which a saturated machine's latencies cannot show.
import { readdirSync, readFileSync } from "node:fs";

const TICK_MS = 10; // USER_HZ is 100 on every Linux this runs on

export interface CpuSnapshot {
  at: number;
  /** busy milliseconds of the whole machine (all cores) */
  machine: number;
  /** milliseconds of PostgreSQL's own processes and of the backends of one database (others' tests are not ours), by pid */
  postgres: Map<string, number>;
  /** milliseconds of the processes asked for */
  processes: number;
  /** milliseconds of this process: the bench's own client */
  client: number;
}

/** utime + stime of one process in ms, 0 when it is gone. */
export function processMs(pid: number | string): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name is in parentheses and may hold spaces: the fields after it are fixed.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(fields[11]) + Number(fields[12])) * TICK_MS;
  } catch {
    return 0;
  }
}

function commOf(pid: string): string {
  try {
    return readFileSync(`/proc/${pid}/comm`, "utf8").trim();
  } catch {
    return "";
  }
}

/**
 * A PostgreSQL process that works for `database`: its backends (their title is "postgres: 15/main: USER DATABASE
 * HOST(PORT) STATE") and the server's own processes (WAL writer, checkpointer: a title without a database).
 */
function worksFor(pid: string, database: string): boolean {
  try {
    const title = readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ");
    const backend = /^postgres: [^:]+: \S+ (\S+) (\S+\(\d+\)|\[local\])/.exec(title);
    return !backend || backend[1] === database;
  } catch {
    return false;
  }
}

function machineBusyMs(): number {
  const line = readFileSync("/proc/stat", "utf8").split("\n")[0] ?? "";
  const [, user, nice, system, , , irq, softirq, steal] = line.trim().split(/\s+/).map(Number);
  return ((user ?? 0) + (nice ?? 0) + (system ?? 0) + (irq ?? 0) + (softirq ?? 0) + (steal ?? 0)) * TICK_MS;
}

/**
 * The CPU used so far by the machine, PostgreSQL for `database` and `pids` (with their threads: /proc/PID/stat
 * counts them).
 */
export function cpuSnapshot(pids: readonly number[], database: string): CpuSnapshot {
  const postgres = new Map<string, number>();
  for (const pid of readdirSync("/proc"))
    if (/^\d+$/.test(pid) && commOf(pid) === "postgres" && worksFor(pid, database))
      postgres.set(pid, processMs(pid));
  return {
    at: performance.now(),
    machine: machineBusyMs(),
    postgres,
    processes: pids.reduce((a, p) => a + processMs(p), 0),
    client: cpuOfThisProcessMs(),
  };
}

/** CPU milliseconds per request between two snapshots, and how busy the machine's cores were. */
export function costPerRequest(from: CpuSnapshot, to: CpuSnapshot, requests: number) {
  const per = (x: number) => (requests > 0 ? x / requests : 0);
  return {
    requests,
    machineMs: per(to.machine - from.machine),
    // By process: a backend that ended in between (an idle pool connection closed) takes its time with it.
    postgresMs: per([...to.postgres].reduce((a, [pid, ms]) => a + ms - (from.postgres.get(pid) ?? 0), 0)),
    serversMs: per(to.processes - from.processes),
    clientMs: per(to.client - from.client),
    busyCores: (to.machine - from.machine) / (to.at - from.at),
  };
}

function cpuOfThisProcessMs(): number {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
}
