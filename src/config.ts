/** Reads settings from the environment; a wrong setting stops start-up with one clear line. */
import { isIP, isIPv4 } from "node:net";
import { type DatabaseTarget, DEFAULT_DATABASE_URL, parseDatabaseUrl } from "./db/database-url.js";

export interface Config {
  port: number;
  host: string;
  database: DatabaseTarget;
  databaseUrl: string;
  adminEmail: string | null;
  adminPassword: string | null;
  logLevel: string;
  secureCookie: boolean;
  /**
   * Reverse proxies whose X-Forwarded-For / -Host / -Proto are believed (addresses or CIDRs), or false: then the
   * client address is the TCP peer, so a client cannot pick its own address for the per-address limits and the audit log.
   */
  trustProxy: string[] | false;
  /** how often the scheduled jobs run (digest, reminders, overdue reports, mail); 0 = not in this process */
  schedulerIntervalMs: number;
  /** the address staff open koe at, for links in mails (KOE_BASE_URL); null = mails carry no link */
  baseUrl: string | null;
  /** how long a SIGTERM waits for requests in flight before cutting them off (KOE_SHUTDOWN_TIMEOUT_MS) */
  shutdownTimeoutMs: number;
}

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];

export class ConfigError extends Error {}

// Named ranges that proxy-addr (Fastify's trustProxy) understands.
const PROXY_RANGE_NAMES = ["loopback", "linklocal", "uniquelocal"];

function isProxyEntry(entry: string): boolean {
  if (PROXY_RANGE_NAMES.includes(entry)) return true;
  const [addr = "", mask, ...rest] = entry.split("/");
  if (rest.length || !isIP(addr)) return false;
  if (mask === undefined) return true;
  if (/^\d{1,3}$/.test(mask)) return Number(mask) <= (isIPv4(addr) ? 32 : 128);
  // proxy-addr also takes an IPv4 netmask: 10.0.0.0/255.0.0.0
  return isIPv4(addr) && isIPv4(mask);
}

/** KOE_TRUST_PROXY: unset, empty or "false" trusts no proxy; otherwise a comma-separated list of addresses/CIDRs. */
export function parseTrustProxy(text: string | undefined): string[] | false {
  const value = text?.trim() ?? "";
  if (value === "" || value.toLowerCase() === "false") return false;
  const entries = value
    .split(",")
    .map((e) => e.trim())
    .filter(Boolean);
  const bad = entries.find((e) => !isProxyEntry(e));
  if (bad !== undefined) {
    throw new ConfigError(
      `KOE_TRUST_PROXY の「${bad}」は IP アドレスでも CIDR でもありません。信頼するリバースプロキシのアドレスをカンマ区切りで指定してください（例: 127.0.0.1,10.0.0.0/8）`,
    );
  }
  return entries;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const portText = env.PORT ?? "3000";
  const port = Number(portText);
  if (!/^\d+$/.test(portText) || port < 1 || port > 65535) {
    throw new ConfigError(`PORT の値「${portText}」は 1〜65535 の数値にしてください`);
  }
  const logLevel = (env.LOG_LEVEL ?? "info").toLowerCase();
  if (!LOG_LEVELS.includes(logLevel)) {
    throw new ConfigError(
      `LOG_LEVEL の値「${env.LOG_LEVEL}」は ${LOG_LEVELS.join(", ")} のいずれかにしてください`,
    );
  }
  const intervalText = env.KOE_SCHEDULER_INTERVAL_MS?.trim() || "60000";
  const schedulerIntervalMs = Number(intervalText);
  if (!/^\d+$/.test(intervalText) || (schedulerIntervalMs > 0 && schedulerIntervalMs < 100)) {
    throw new ConfigError(
      `KOE_SCHEDULER_INTERVAL_MS の値「${intervalText}」は 100 以上のミリ秒か、0（このプロセスでは定期処理をしない）にしてください`,
    );
  }
  const baseUrl = env.KOE_BASE_URL?.trim() || null;
  if (baseUrl !== null && !/^https?:\/\/[^\s]+$/.test(baseUrl)) {
    throw new ConfigError(
      `KOE_BASE_URL の値「${baseUrl}」は http:// か https:// で始まるアドレスにしてください`,
    );
  }
  const shutdownText = env.KOE_SHUTDOWN_TIMEOUT_MS?.trim() || "10000";
  const shutdownTimeoutMs = Number(shutdownText);
  if (!/^\d+$/.test(shutdownText) || shutdownTimeoutMs > 600_000) {
    throw new ConfigError(
      `KOE_SHUTDOWN_TIMEOUT_MS の値「${shutdownText}」は 0〜600000 のミリ秒にしてください（停止の合図から処理中のリクエストを待つ時間）`,
    );
  }
  const databaseUrl = env.DATABASE_URL?.trim() || DEFAULT_DATABASE_URL;
  let database: DatabaseTarget;
  try {
    database = parseDatabaseUrl(databaseUrl);
  } catch (err) {
    throw new ConfigError((err as Error).message);
  }
  return {
    port,
    host: env.HOST?.trim() || "127.0.0.1",
    database,
    databaseUrl,
    adminEmail: env.KOE_ADMIN_EMAIL?.trim() || null,
    adminPassword: env.KOE_ADMIN_PASSWORD || null,
    logLevel,
    secureCookie: env.KOE_COOKIE_SECURE === "true",
    trustProxy: parseTrustProxy(env.KOE_TRUST_PROXY),
    schedulerIntervalMs,
    baseUrl,
    shutdownTimeoutMs,
  };
}
