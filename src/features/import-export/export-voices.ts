/**
 * Exports the voices of a list filter as rows for src/io (labels by name, so the file re-imports losslessly),
 * read from the database page by page; customer columns only when the caller may see them; every export audited.
 */
import type { Db } from "../../db/database.js";
import { dialectOf } from "../../db/dialect.js";
import { jstToday } from "../../domain/jst.js";
import type { Actor } from "../../domain/voice-workflow.js";
import type { ExportRow } from "../../io/export-voices.js";
import { cliOrigin, recordAudit } from "../../services/audit.js";
import type { VoiceListQuery } from "../../shared/api-contract.js";
import { type TaxonomyIndex, taxonomyIndex } from "../users-and-settings/taxonomy.js";
import { applyVoiceFilter, parseVoiceFilter, type VoiceFilter } from "../voices/list-voices.js";
import { VOICE_ROW_COLUMNS } from "../voices/voice-presenter.js";

const PAGE = 2000;

export interface ExportRequest {
  query: VoiceListQuery;
  format: "csv" | "xlsx";
  encoding?: "utf8" | "sjis";
  includeCustomer: boolean;
  /** who exports: a user, or null for the CLI */
  userId: number | null;
  ip?: string | null;
  /** recorded in the audit detail, e.g. "cli" */
  via: "web" | "api" | "cli";
}

export interface PreparedExport {
  count: number;
  fileName: string;
  rows: AsyncGenerator<ExportRow>;
}

export function exportFileName(format: "csv" | "xlsx", now = new Date()): string {
  return `koe-voices-${jstToday(now).replaceAll("-", "")}.${format}`;
}

/** Validates the filter, counts and audits the export, and returns the rows to write. */
export async function prepareExport(db: Db, actor: Actor, req: ExportRequest): Promise<PreparedExport> {
  const tax = await taxonomyIndex(db);
  const filter = parseVoiceFilter(req.query, tax, actor, dialectOf(db));
  const today = jstToday();
  const counted = await applyVoiceFilter(db.selectFrom("voices as v"), filter, today)
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  const count = Number(counted.n);
  await recordAudit(db, {
    userId: req.userId,
    action: "voices_exported",
    detail: JSON.stringify({
      filter: req.query,
      rows: count,
      format: req.format,
      ...(req.format === "csv" ? { encoding: req.encoding ?? "utf8" } : {}),
      customer: req.includeCustomer,
      via: req.via,
      // a `koe export` has no user: who ran it on the server
      ...(req.via === "cli" ? { by: cliOrigin() } : {}),
    }),
    ip: req.ip ?? null,
  });
  return {
    count,
    fileName: exportFileName(req.format),
    rows: exportRows(db, filter, tax, req.includeCustomer, today),
  };
}

async function* exportRows(
  db: Db,
  filter: VoiceFilter,
  tax: TaxonomyIndex,
  includeCustomer: boolean,
  today: string,
): AsyncGenerator<ExportRow> {
  const name = (kind: "channel" | "type" | "category" | "product_line" | "department", id: number | null) =>
    id === null ? null : (tax.byId(kind, id)?.name ?? String(id));
  let after: { receivedAt: string; id: number } | null = null;
  for (;;) {
    let q = applyVoiceFilter(db.selectFrom("voices as v"), filter, today)
      .leftJoin("users as a", "a.id", "v.assignee_id")
      .leftJoin("customers as c", "c.id", "v.customer_id")
      .select([
        ...VOICE_ROW_COLUMNS,
        "v.remedy_sought",
        "v.external_id",
        "v.customer_id",
        "c.name as c_name",
        "c.member_number as c_member_number",
        "c.phone as c_phone",
        "c.email as c_email",
        "c.prefecture as c_prefecture",
        "c.age_band as c_age_band",
        "c.gender as c_gender",
      ])
      .orderBy("v.received_at", "asc")
      .orderBy("v.id", "asc")
      .limit(PAGE);
    if (after) {
      const { receivedAt, id } = after;
      q = q.where((eb) =>
        eb.or([
          eb("v.received_at", ">", receivedAt),
          eb.and([eb("v.received_at", "=", receivedAt), eb("v.id", ">", id)]),
        ]),
      );
    }
    const rows = await q.execute();
    for (const r of rows) {
      yield {
        receiptNumber: r.receipt_number,
        receivedAt: r.received_at,
        channel: name("channel", r.channel_id) ?? "",
        type: name("type", r.type_id) ?? "",
        category: name("category", r.category_id),
        productLine: name("product_line", r.product_line_id),
        department: name("department", r.department_id) ?? "",
        content: r.content,
        remedySought: r.remedy_sought,
        customer:
          includeCustomer && r.customer_id !== null
            ? {
                name: r.c_name,
                memberNumber: r.c_member_number,
                phone: r.c_phone,
                email: r.c_email,
                prefecture: r.c_prefecture,
                ageBand: r.c_age_band,
                gender: r.c_gender,
              }
            : null,
        externalId: r.external_id,
        status: r.status,
        assignee: r.assignee_name,
        resolveBy: r.resolve_by,
      };
    }
    const last = rows[rows.length - 1];
    if (!last || rows.length < PAGE) return;
    after = { receivedAt: last.received_at, id: last.id };
  }
}
