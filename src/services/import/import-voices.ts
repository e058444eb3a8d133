/**
 * Bulk import of validated voice rows: all rows or none in one transaction, receipt numbers reserved per fiscal
 * year in one counter update, deadlines from the domain rules, multi-row inserts; rows whose 外部ID was
 * imported before are skipped and counted.
 */
import { PostgresAdapter, sql } from "kysely";
import type { Db, KoeDatabase } from "../../db/database.js";
import { computeDeadlines } from "../../domain/deadlines.js";
import { fiscalYearOf } from "../../domain/fiscal-period.js";
import { jstDate } from "../../domain/jst.js";
import { formatReceiptNumber } from "../../domain/receipt-number.js";
import { forbidden } from "../../errors.js";
import type { ImportRow } from "../../io/voice-import-rows.js";
import type { Role } from "../../shared/api-contract.js";
import { nowIso } from "../clock.js";
import { getSettings } from "../settings.js";
import { taxonomyIndex } from "../taxonomy.js";

/** The importing user; null when the CLI imports (it has database access: a system import). */
export type ImportActor = { id: number; role: Role } | null;

export const IMPORT_ROLES: readonly Role[] = ["admin", "cs"];

export interface ImportWriteResult {
  imported: number;
  skipped: number;
  /** ids of the voices written, in the order of their receipt numbers */
  voiceIds: number[];
}

export type ImportProgress = (written: number, total: number) => void;

// Rows per multi-row insert: voices have 31 columns; 500 rows stay below SQLite's and PostgreSQL's
// bound-parameter limits (32,766 and 65,535).
const VOICE_BATCH = 500;
const CUSTOMER_BATCH = 1000;
const EVENT_BATCH = 2000;
const LOOKUP_BATCH = 500;

function* chunks<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

/** The 外部IDs among `ids` that voices already carry. */
export async function existingExternalIds(db: Db, ids: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (const part of chunks([...new Set(ids)], LOOKUP_BATCH)) {
    const rows = await db
      .selectFrom("voices")
      .select("external_id")
      .where("external_id", "in", part)
      .execute();
    for (const r of rows) if (r.external_id !== null) found.add(r.external_id);
  }
  return found;
}

/** Accepts a Kysely instance or an opened KoeDatabase (the CLI and benches pass the latter). */
function dbOf(target: Db | KoeDatabase): Db {
  return "db" in target && "dialect" in target ? target.db : (target as Db);
}

export async function importVoices(
  target: Db | KoeDatabase,
  actor: ImportActor,
  rows: readonly ImportRow[],
  opts: { onProgress?: ImportProgress; afterInsert?: (trx: Db, ids: number[]) => Promise<void> } = {},
): Promise<ImportWriteResult> {
  if (actor && !IMPORT_ROLES.includes(actor.role))
    throw forbidden("声の取り込みは CS部門と管理者のみが行えます");
  const db = dbOf(target);
  const [settings, tax] = await Promise.all([getSettings(db), taxonomyIndex(db)]);
  const typeCodeOf = new Map(tax.taxonomy.type.map((t) => [t.id, t.code]));
  const at = nowIso();
  const actorId = actor?.id ?? null;

  return db.transaction().execute(async (trx) => {
    if (trx.getExecutor().adapter instanceof PostgresAdapter) {
      // Two imports at once must not both pass the 外部ID check: serialize imports (released at commit).
      await sql`select pg_advisory_xact_lock(hashtext('koe_import'))`.execute(trx);
    }
    const external = rows.flatMap((r) => (r.externalId === null ? [] : [r.externalId]));
    const seen = external.length ? await existingExternalIds(trx, external) : new Set<string>();
    const fresh = rows.filter((r) => r.externalId === null || !seen.has(r.externalId));
    const skipped = rows.length - fresh.length;
    if (fresh.length === 0) return { imported: 0, skipped, voiceIds: [] };

    // Number each fiscal year in order of receipt, as if the voices had been registered one by one.
    const prepared = fresh
      .map((r) => ({ r, fy: fiscalYearOf(r.receivedAt, settings.fiscalYearStartMonth) }))
      .sort(
        (a, b) =>
          a.fy - b.fy || (a.r.receivedAt < b.r.receivedAt ? -1 : a.r.receivedAt > b.r.receivedAt ? 1 : 0),
      );
    const perYear = new Map<number, number>();
    for (const p of prepared) perYear.set(p.fy, (perYear.get(p.fy) ?? 0) + 1);
    const nextSeq = new Map<number, number>();
    for (const [fy, n] of perYear) {
      const r = await trx
        .insertInto("receipt_counters")
        .values({ fiscal_year: fy, last_number: n })
        .onConflict((oc) =>
          oc
            .column("fiscal_year")
            .doUpdateSet({ last_number: sql<number>`receipt_counters.last_number + ${n}` }),
        )
        .returning("last_number")
        .executeTakeFirstOrThrow();
      nextSeq.set(fy, Number(r.last_number) - n + 1);
    }

    // Customers first: multi-row insert, ids come back in VALUES order.
    const withCustomer = prepared.filter((p) => p.r.customer !== null);
    const customerIds: number[] = [];
    for (const part of chunks(withCustomer, CUSTOMER_BATCH)) {
      const ids = await trx
        .insertInto("customers")
        .values(
          part.map(({ r }) => {
            const c = r.customer as NonNullable<ImportRow["customer"]>;
            return {
              name: c.name,
              kana: null,
              member_number: c.memberNumber,
              phone: c.phone,
              email: c.email,
              prefecture: c.prefecture,
              address: null,
              age_band: c.ageBand,
              gender: c.gender,
              contact_consent: 0,
            };
          }),
        )
        .returning("id")
        .execute();
      for (const x of ids) customerIds.push(x.id);
    }
    const customerOf = new Map<ImportRow, number>();
    withCustomer.forEach((p, i) => {
      const id = customerIds[i];
      if (id !== undefined) customerOf.set(p.r, id);
    });

    // Deadlines depend on the JST date and the type only: 100,000 rows share a few thousand combinations.
    const deadlineCache = new Map<string, ReturnType<typeof computeDeadlines>>();
    const deadlinesOf = (receivedAt: string, typeCode: string) => {
      const key = `${jstDate(receivedAt)}|${typeCode}`;
      let d = deadlineCache.get(key);
      if (!d) {
        d = computeDeadlines(receivedAt, settings.deadlineRules[typeCode]);
        deadlineCache.set(key, d);
      }
      return d;
    };

    const voiceIds: number[] = [];
    let written = 0;
    for (const part of chunks(prepared, VOICE_BATCH)) {
      const values = part.map(({ r, fy }) => {
        const seq = nextSeq.get(fy) ?? 1;
        nextSeq.set(fy, seq + 1);
        const d = deadlinesOf(r.receivedAt, typeCodeOf.get(r.typeId) ?? "other");
        return {
          receipt_number: formatReceiptNumber(fy, seq),
          fiscal_year: fy,
          received_at: r.receivedAt,
          channel_id: r.channelId,
          type_id: r.typeId,
          category_id: r.categoryId,
          product_line_id: r.productLineId,
          department_id: r.departmentId,
          content: r.content,
          remedy_sought: r.remedySought,
          customer_id: customerOf.get(r) ?? null,
          status: "received",
          priority: "normal",
          assignee_id: null,
          acknowledge_by: d.acknowledgeBy,
          resolve_by: d.resolveBy,
          acknowledged_at: null,
          resolved_by: null,
          resolved_at: null,
          closed_at: null,
          void_reason: null,
          response_count: 0,
          insurer_name: null,
          insurer_reported_at: null,
          insurer_answer: null,
          external_id: r.externalId,
          created_by: actorId,
          created_at: at,
          updated_at: at,
          version: 1,
        };
      });
      const inserted = await trx
        .insertInto("voices")
        .values(values)
        .returning(["id", "receipt_number"])
        .execute();
      // Match by receipt number (unique), not by position, so the event rows can never point at the wrong voice.
      const idOf = new Map(inserted.map((x) => [x.receipt_number, x.id]));
      const events = values.map((v) => {
        const id = idOf.get(v.receipt_number) as number;
        voiceIds.push(id);
        return {
          voice_id: id,
          kind: "created",
          actor_id: actorId,
          at,
          data: JSON.stringify({
            receiptNumber: v.receipt_number,
            source: "import",
            ...(v.external_id ? { externalId: v.external_id } : {}),
          }),
        };
      });
      for (const ev of chunks(events, EVENT_BATCH)) await trx.insertInto("voice_events").values(ev).execute();
      written += part.length;
      opts.onProgress?.(written, prepared.length);
    }
    await opts.afterInsert?.(trx, voiceIds);
    return { imported: voiceIds.length, skipped, voiceIds };
  });
}
