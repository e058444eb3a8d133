/**
 * What differs between SQLite and PostgreSQL, one function per difference with both versions side by side
 * (issue 10 makes this the one home of such differences; the analytics are its first tenants).
 */
import { type Expression, type Kysely, PostgresAdapter, type RawBuilder, sql } from "kysely";
import type { Dialect } from "./database.js";

// biome-ignore lint/suspicious/noExplicitAny: any Kysely instance or transaction, whatever its tables
export function dialectOf(db: Kysely<any>): Dialect {
  return db.getExecutor().adapter instanceof PostgresAdapter ? "postgres" : "sqlite";
}

/**
 * The Japanese calendar date (YYYY-MM-DD, UTC+9: Japan has no daylight saving) of a timestamp column, comparable
 * with a deadline date column (`acknowledge_by`, `resolve_by`) and read back as a YYYY-MM-DD string on both.
 * SQLite keeps timestamps as ISO 8601 text, PostgreSQL as timestamptz (and deadlines as `date`).
 */
export function jstDateOf(dialect: Dialect, column: Expression<unknown>): RawBuilder<string | null> {
  return dialect === "postgres"
    ? sql<string | null>`((${column}) at time zone 'Asia/Tokyo')::date`
    : sql<string | null>`date(${column}, '+9 hours')`;
}
