// Bench databases on a PostgreSQL server: created when missing, dropped on request (benches only).
import pg from "pg";

export function databaseName(url: string): string {
  const name = decodeURIComponent(new URL(url).pathname.replace(/^\//, ""));
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`database name ${name} is not a plain identifier`);
  return name;
}

/** Whether `url` names a PostgreSQL on this machine: loopback, or its Unix socket (a host that is a folder). */
export function onThisMachine(url: string): boolean {
  const host = decodeURIComponent(new URL(url).hostname);
  return ["127.0.0.1", "localhost", "[::1]", "::1"].includes(host) || host.startsWith("/");
}

/** Runs one statement on the server's `postgres` database (for create / drop database). */
export async function adminQuery(url: string, text: string): Promise<pg.QueryResult> {
  const admin = new URL(url);
  admin.pathname = "/postgres";
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    return await client.query(text);
  } finally {
    await client.end();
  }
}

export async function databaseExists(url: string): Promise<boolean> {
  const r = await adminQuery(url, `select 1 from pg_database where datname = '${databaseName(url)}'`);
  return (r.rowCount ?? 0) > 0;
}

/** Creates the database of `url` unless it exists; returns whether it was created. */
export async function ensureDatabase(url: string): Promise<boolean> {
  if (await databaseExists(url)) return false;
  await adminQuery(url, `create database ${databaseName(url)}`);
  return true;
}

/** Drops the database of `url` (connections are closed) and creates it empty. */
export async function recreateDatabase(url: string): Promise<void> {
  const name = databaseName(url);
  await adminQuery(url, `drop database if exists ${name} with (force)`);
  await adminQuery(url, `create database ${name}`);
}
