/** Reads settings from the environment; a wrong setting stops start-up with one clear line. */
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
}

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];

export class ConfigError extends Error {}

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
  };
}
