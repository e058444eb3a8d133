/**
 * A new voice as it is written: its customer, the voice row (受付, nothing done yet) and its first timeline event,
 * built in one place so that a registered voice and an imported one are the same record. Registration writes one
 * (insertNewVoice); the import writes many at once from the same builder.
 */
import { randomBytes } from "node:crypto";
import type { Insertable } from "kysely";
import type { Db } from "../../db/database.js";
import { computeDeadlines, type DeadlineRules } from "../../domain/deadlines.js";
import { jstDate } from "../../domain/jst.js";
import type { TaxonomyIndex } from "../users-and-settings/taxonomy.js";
import type { CreateVoiceInput } from "./contract.js";
import { type CustomerFields, insertCustomer } from "./customers.js";
import type { VoiceEventsTable, VoicesTable } from "./tables.js";
import type { ResolvedVoiceFields } from "./voice-input.js";

/** The automatic classification shown when the voice was written (registration form, survey comment). */
export type VoiceClassification = NonNullable<CreateVoiceInput["classification"]>;

/**
 * The checked fields of a new voice: what registration resolves from its input, or an import's file row (the
 * optional ones are left empty when absent; an import sets none but the 外部ID).
 */
export type NewVoice = Required<
  Pick<ResolvedVoiceFields, "receivedAt" | "channelId" | "typeId" | "departmentId" | "content">
> &
  Pick<ResolvedVoiceFields, "categoryId" | "productLineId" | "remedySought" | "priority" | "insurer"> & {
    assigneeId?: number | null;
    externalId?: string | null;
  };

/** Where a new voice stands in its fiscal year's numbering. */
export interface Numbered {
  receiptNumber: string;
  fiscalYear: number;
}

export type NewVoiceRows = ReturnType<typeof newVoiceRows>;

/**
 * Builds the rows of new voices written at `at` by `createdBy` (null: the public form, or the CLI's system import),
 * with deadlines from the settings' rules for each voice's type.
 */
export function newVoiceRows(ctx: {
  rules: DeadlineRules;
  tax: TaxonomyIndex;
  createdBy: number | null;
  at: string;
}) {
  const typeCodeOf = new Map(ctx.tax.taxonomy.type.map((t) => [t.id, t.code]));
  // Deadlines depend only on the Japanese date of receipt and the type: an import computes each pair once.
  const deadlineCache = new Map<string, ReturnType<typeof computeDeadlines>>();
  const deadlinesOf = (receivedAt: string, typeId: number) => {
    const typeCode = typeCodeOf.get(typeId) ?? "other";
    const key = `${jstDate(receivedAt)}|${typeCode}`;
    let d = deadlineCache.get(key);
    if (!d) {
      d = computeDeadlines(receivedAt, ctx.rules[typeCode]);
      deadlineCache.set(key, d);
    }
    return d;
  };
  return {
    voice(v: NewVoice, n: Numbered, customerId: number | null): Insertable<VoicesTable> {
      const d = deadlinesOf(v.receivedAt, v.typeId);
      return {
        receipt_number: n.receiptNumber,
        fiscal_year: n.fiscalYear,
        received_at: v.receivedAt,
        channel_id: v.channelId,
        type_id: v.typeId,
        category_id: v.categoryId ?? null,
        product_line_id: v.productLineId ?? null,
        department_id: v.departmentId,
        content: v.content,
        remedy_sought: v.remedySought ?? null,
        customer_id: customerId,
        status: "received",
        priority: v.priority ?? "normal",
        assignee_id: v.assigneeId ?? null,
        acknowledge_by: d.acknowledgeBy,
        resolve_by: d.resolveBy,
        acknowledged_at: null,
        resolved_by: null,
        resolved_at: null,
        closed_at: null,
        void_reason: null,
        response_count: 0,
        insurer_name: v.insurer?.insurer ?? null,
        insurer_reported_at: v.insurer?.reportedAt ?? null,
        insurer_answer: v.insurer?.answer ?? null,
        external_id: v.externalId ?? null,
        created_by: ctx.createdBy,
        created_at: ctx.at,
        updated_at: ctx.at,
        version: 1,
      };
    },
    /** The "created" event; `source` says where the voice came from (public_form, import), when not staff. */
    created(
      voiceId: number,
      receiptNumber: string,
      from: { source?: string; externalId?: string | null },
    ): Insertable<VoiceEventsTable> {
      return {
        voice_id: voiceId,
        kind: "created",
        actor_id: ctx.createdBy,
        at: ctx.at,
        data: JSON.stringify({
          receiptNumber,
          ...(from.source ? { source: from.source } : {}),
          ...(from.externalId ? { externalId: from.externalId } : {}),
        }),
      };
    },
  };
}

/**
 * The "classified" event: what was suggested and whether the voice kept it (how often staff accept the suggestion
 * is the classifier's real-world accuracy).
 */
export function classifiedEvent(
  voiceId: number,
  c: VoiceClassification,
  kept: { typeCode: string | null; categoryCode: string | null },
  by: { actorId: number | null; at: string },
): Insertable<VoiceEventsTable> {
  return {
    voice_id: voiceId,
    kind: "classified",
    actor_id: by.actorId,
    at: by.at,
    data: JSON.stringify({
      suggestedType: c.suggestedType,
      suggestedCategory: c.suggestedCategory ?? null,
      typeConfidence: c.typeConfidence,
      categoryConfidence: c.categoryConfidence ?? null,
      acceptedType: c.suggestedType === kept.typeCode,
      acceptedCategory: (c.suggestedCategory ?? null) === kept.categoryCode,
      complaintFlagged: c.complaintFlagged ?? false,
      pComplaint: c.pComplaint ?? null,
      typeConfirmed: c.typeConfirmed ?? false,
    }),
  };
}

/**
 * A unique stand-in for a receipt number, for a voice numbered at the end of its transaction (receipt-numbers.ts,
 * numberProvisionalVoice). No other transaction ever sees it: the number replaces it before the commit.
 */
export function provisionalReceiptNumber(): string {
  return `tmp-${randomBytes(8).toString("hex")}`;
}

/** Writes one new voice with its customer and its "created" event, in the caller's transaction; returns its id. */
export async function insertNewVoice(
  trx: Db,
  rows: NewVoiceRows,
  v: NewVoice & { customer: CustomerFields | null },
  n: Numbered,
  source?: string,
): Promise<number> {
  const customerId = v.customer ? await insertCustomer(trx, v.customer) : null;
  const { id } = await trx
    .insertInto("voices")
    .values(rows.voice(v, n, customerId))
    .returning("id")
    .executeTakeFirstOrThrow();
  await trx
    .insertInto("voice_events")
    .values(rows.created(id, n.receiptNumber, { ...(source ? { source } : {}), externalId: v.externalId }))
    .execute();
  return id;
}
