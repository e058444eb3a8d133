/** Registers a voice: validates, numbers it, sets its deadlines and writes it with its first timeline event. */
import type { Db } from "../../db/database.js";
import { computeDeadlines } from "../../domain/deadlines.js";
import { fiscalYearOf } from "../../domain/fiscal-period.js";
import { type Actor, canRegister } from "../../domain/voice-workflow.js";
import { forbidden, invalidInput } from "../../errors.js";
import { indexVoice } from "../../search/search-index.js";
import type { CreateVoiceInput } from "../../shared/api-contract.js";
import { wordsChanged } from "../analysis/word-index.js";
import { nowIso } from "../clock.js";
import { getSettings } from "../settings.js";
import { taxonomyIndex } from "../taxonomy.js";
import { insertCustomer } from "./customers.js";
import { nextReceiptNumber } from "./receipt-numbers.js";
import { appendEvent } from "./voice-events.js";
import { resolveVoiceInput } from "./voice-input.js";

export interface RegisterOptions {
  /** recorded in the timeline when the voice came from another system or an import */
  source?: string;
  externalId?: string | null;
  /** who is recorded as the creator; null for the public form (a member, not a user). Defaults to the actor. */
  createdBy?: number | null;
  /** runs inside the registering transaction after the voice row is written (e.g. the public receipt) */
  afterInsert?: (trx: Db, voice: { id: number; receiptNumber: string }) => Promise<void>;
}

export async function registerVoice(
  db: Db,
  actor: Actor,
  input: CreateVoiceInput,
  opts: RegisterOptions = {},
): Promise<{ id: number; receiptNumber: string }> {
  if (!canRegister(actor)) throw forbidden("声を登録する権限がありません");
  const [tax, settings] = await Promise.all([taxonomyIndex(db), getSettings(db)]);
  const v = resolveVoiceInput(input, tax, { creating: true });
  if (input.assigneeId) {
    const u = await db
      .selectFrom("users")
      .select(["id", "active"])
      .where("id", "=", input.assigneeId)
      .executeTakeFirst();
    if (!u?.active) throw invalidInput({ assigneeId: "指定された担当者が見つかりません" });
  }
  // resolveVoiceInput throws unless every required field resolved; these are present from here on.
  const receivedAt = v.receivedAt as string;
  const typeCode = v.typeCode as string;
  const fiscalYear = fiscalYearOf(receivedAt, settings.fiscalYearStartMonth);
  const deadlines = computeDeadlines(receivedAt, settings.deadlineRules[typeCode]);
  const at = nowIso();
  const createdBy = opts.createdBy === undefined ? actor.id : opts.createdBy;

  const created = await db.transaction().execute(async (trx) => {
    const receiptNumber = await nextReceiptNumber(trx, fiscalYear);
    const customerId = v.customer ? await insertCustomer(trx, v.customer) : null;
    const row = await trx
      .insertInto("voices")
      .values({
        receipt_number: receiptNumber,
        fiscal_year: fiscalYear,
        received_at: receivedAt,
        channel_id: v.channelId as number,
        type_id: v.typeId as number,
        category_id: v.categoryId ?? null,
        product_line_id: v.productLineId ?? null,
        department_id: v.departmentId as number,
        content: v.content as string,
        remedy_sought: v.remedySought ?? null,
        customer_id: customerId,
        status: "received",
        priority: v.priority ?? "normal",
        assignee_id: input.assigneeId ?? null,
        acknowledge_by: deadlines.acknowledgeBy,
        resolve_by: deadlines.resolveBy,
        acknowledged_at: null,
        resolved_by: null,
        resolved_at: null,
        closed_at: null,
        void_reason: null,
        response_count: 0,
        insurer_name: v.insurer?.insurer ?? null,
        insurer_reported_at: v.insurer?.reportedAt ?? null,
        insurer_answer: v.insurer?.answer ?? null,
        external_id: opts.externalId ?? null,
        created_by: createdBy,
        created_at: at,
        updated_at: at,
        version: 1,
      })
      .returning("id")
      .executeTakeFirstOrThrow();
    await appendEvent(trx, {
      voiceId: row.id,
      kind: "created",
      actorId: createdBy,
      at,
      data: { receiptNumber, ...(opts.source ? { source: opts.source } : {}) },
    });
    if (input.assigneeId) {
      await appendEvent(trx, {
        voiceId: row.id,
        kind: "assigned",
        actorId: actor.id,
        at,
        data: { assigneeId: input.assigneeId },
      });
    }
    const c = input.classification;
    if (c) {
      // How often staff accept the suggestion is the classifier's real-world accuracy.
      const categoryCode = tax.byId("category", v.categoryId ?? null)?.code ?? null;
      await appendEvent(trx, {
        voiceId: row.id,
        kind: "classified",
        actorId: createdBy,
        at,
        data: {
          suggestedType: c.suggestedType,
          suggestedCategory: c.suggestedCategory ?? null,
          typeConfidence: c.typeConfidence,
          categoryConfidence: c.categoryConfidence ?? null,
          acceptedType: c.suggestedType === typeCode,
          acceptedCategory: (c.suggestedCategory ?? null) === categoryCode,
        },
      });
    }
    await indexVoice(trx, row.id, v.content as string);
    await opts.afterInsert?.(trx, { id: row.id, receiptNumber });
    return { id: row.id, receiptNumber };
  });
  wordsChanged();
  return created;
}
