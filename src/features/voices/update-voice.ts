/**
 * Edits a voice under optimistic locking; the timeline records every changed field before and after. A change
 * of type away from complaint is the domain's decideTypeChange (a lead of the department, cs or an admin,
 * with a reason) and gets its own "type_changed" event. Runs in the caller's transaction; when the content changed,
 * the caller tells the word indexer after the commit (wordsChanged).
 */
import type { Db } from "../../db/database.js";
import { computeDeadlines } from "../../domain/deadlines.js";
import { fiscalYearOf } from "../../domain/fiscal-period.js";
import {
  type Actor,
  canEditVoice,
  decideTypeChange,
  TYPE_CHANGED_EVENT,
} from "../../domain/voice-workflow.js";
import { AppError, forbidden, invalidInput, staleVersion } from "../../errors.js";
import { indexVoice } from "../../search/search-index.js";
import { nowIso } from "../../services/clock.js";
import { normalizeText } from "../../shared/normalize.js";
import { voiceLabelsEdited } from "../classifier/settle-review.js";
import { forgetWords } from "../text/word-index.js";
import { getSettings } from "../users-and-settings/settings.js";
import { taxonomyIndex } from "../users-and-settings/taxonomy.js";
import type { UpdateVoiceInput } from "./contract.js";
import { customerRow, insertCustomer } from "./customers.js";
import { loadVoiceRow } from "./get-voice.js";
import { appendEvent } from "./voice-events.js";
import { resolveVoiceInput } from "./voice-input.js";

type Change = { before: unknown; after: unknown };

// PostgreSQL reads booleans back as true/false; koe writes 0/1.
const asStored = (x: unknown) => (typeof x === "boolean" ? Number(x) : x);

// The API's names for customer columns, so the timeline never shows database names.
const CUSTOMER_FIELD_NAMES: Record<string, string> = {
  member_number: "memberNumber",
  age_band: "ageBand",
  contact_consent: "contactConsent",
};

export async function updateVoice(
  db: Db,
  actor: Actor,
  id: number,
  input: UpdateVoiceInput,
): Promise<{ contentChanged: boolean }> {
  const { version, typeChangeReason, ...patch } = input;
  const [row, tax, settings] = await Promise.all([loadVoiceRow(db, id), taxonomyIndex(db), getSettings(db)]);
  if (
    !canEditVoice(actor, {
      departmentId: row.department_id,
      assigneeId: row.assignee_id,
      status: row.status as never,
    })
  )
    throw forbidden("この声を編集する権限がありません");
  if (row.version !== version) throw staleVersion();
  const v = resolveVoiceInput(patch, tax, { creating: false });
  let leavesComplaint = false;
  if (v.typeId !== undefined && v.typeId !== row.type_id) {
    const d = decideTypeChange(
      {
        fromCode: tax.byId("type", row.type_id)?.code ?? "other",
        toCode: tax.byId("type", v.typeId)?.code ?? "other",
        departmentId: row.department_id,
        reason: typeChangeReason,
      },
      actor,
    );
    if (!d.ok) throw d.code === "forbidden" ? forbidden(d.message) : invalidInput({ [d.field]: d.message });
    leavesComplaint = d.leavesComplaint;
  }

  const changes: Record<string, Change> = {};
  const set: Record<string, unknown> = {};
  const labelName = (kind: Parameters<typeof tax.byId>[0], lid: number | null) =>
    tax.byId(kind, lid)?.name ?? null;
  const track = (
    field: string,
    column: string,
    before: unknown,
    after: unknown,
    shown?: [unknown, unknown],
  ) => {
    if (after === undefined || before === after) return;
    set[column] = after;
    changes[field] = { before: shown ? shown[0] : before, after: shown ? shown[1] : after };
  };
  track("receivedAt", "received_at", row.received_at, v.receivedAt);
  track("channel", "channel_id", row.channel_id, v.channelId, [
    labelName("channel", row.channel_id),
    labelName("channel", v.channelId ?? null),
  ]);
  const typeShown: [unknown, unknown] = [labelName("type", row.type_id), labelName("type", v.typeId ?? null)];
  // Leaving the complaint rules is its own event, with the reason, not a line of the ordinary edit.
  let typeChanged: Change | undefined;
  if (leavesComplaint) {
    set.type_id = v.typeId;
    typeChanged = { before: typeShown[0], after: typeShown[1] };
  } else track("type", "type_id", row.type_id, v.typeId, typeShown);
  track("category", "category_id", row.category_id, v.categoryId, [
    labelName("category", row.category_id),
    labelName("category", v.categoryId ?? null),
  ]);
  track("productLine", "product_line_id", row.product_line_id, v.productLineId, [
    labelName("product_line", row.product_line_id),
    labelName("product_line", v.productLineId ?? null),
  ]);
  track("department", "department_id", row.department_id, v.departmentId, [
    labelName("department", row.department_id),
    labelName("department", v.departmentId ?? null),
  ]);
  track("content", "content", row.content, v.content);
  track("remedySought", "remedy_sought", row.remedy_sought, v.remedySought);
  track("priority", "priority", row.priority, v.priority);
  if (v.insurer !== undefined) {
    track("insurer", "insurer_name", row.insurer_name, v.insurer?.insurer ?? null);
    track("insurerReportedAt", "insurer_reported_at", row.insurer_reported_at, v.insurer?.reportedAt ?? null);
    track("insurerAnswer", "insurer_answer", row.insurer_answer, v.insurer?.answer ?? null);
  }
  if (set.received_at !== undefined || set.type_id !== undefined) {
    const receivedAt = (set.received_at as string | undefined) ?? row.received_at;
    const typeCode = tax.byId("type", (set.type_id as number | undefined) ?? row.type_id)?.code ?? "other";
    const d = computeDeadlines(receivedAt, settings.deadlineRules[typeCode]);
    set.acknowledge_by = d.acknowledgeBy;
    set.resolve_by = d.resolveBy;
    set.fiscal_year = fiscalYearOf(receivedAt, settings.fiscalYearStartMonth);
  }
  const customerChanged = v.customer !== undefined;
  if (Object.keys(set).length === 0 && !customerChanged) return { contentChanged: false };

  const at = nowIso();
  if (customerChanged) {
    // Personal data never enters the timeline (everyone reads it): record which fields changed, not values.
    const before = row.customer_id
      ? await db.selectFrom("customers").selectAll().where("id", "=", row.customer_id).executeTakeFirst()
      : undefined;
    const after = v.customer ? customerRow(v.customer) : null;
    const changedFields = Object.entries(after ?? {})
      .filter(([k, val]) => asStored((before as Record<string, unknown> | undefined)?.[k]) !== val)
      .map(([k]) => CUSTOMER_FIELD_NAMES[k] ?? k);
    if (after && row.customer_id) {
      await db.updateTable("customers").set(after).where("id", "=", row.customer_id).execute();
    } else if (after) {
      set.customer_id = await insertCustomer(db, v.customer as NonNullable<typeof v.customer>);
    } else if (row.customer_id) {
      set.customer_id = null;
    }
    if (changedFields.length || !after)
      changes.customer = { before: null, after: { fields: changedFields, removed: !after } };
  }
  const res = await db
    .updateTable("voices")
    .set({ ...set, updated_at: at, version: row.version + 1 })
    .where("id", "=", id)
    .where("version", "=", version)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw staleVersion();
  if (Object.keys(changes).length)
    await appendEvent(db, { voiceId: id, kind: "updated", actorId: actor.id, at, data: { changes } });
  if (typeChanged) {
    await appendEvent(db, {
      voiceId: id,
      kind: TYPE_CHANGED_EVENT,
      actorId: actor.id,
      at,
      data: {
        changes: { type: typeChanged },
        fromCode: tax.byId("type", row.type_id)?.code ?? null,
        toCode: tax.byId("type", v.typeId ?? null)?.code ?? null,
        reason: normalizeText(typeChangeReason ?? ""),
      },
    });
  }
  // A changed type or category is a label the next retraining learns from; a changed type settles 確認待ち.
  if ("type_id" in set || "category_id" in set) {
    const code = (kind: "type" | "category", lid: unknown) =>
      tax.byId(kind, lid as number | null)?.code ?? null;
    await voiceLabelsEdited(db, {
      voiceId: id,
      actorId: actor.id,
      before: { type: code("type", row.type_id), category: code("category", row.category_id) },
      after: {
        type: code("type", "type_id" in set ? set.type_id : row.type_id),
        category: code("category", "category_id" in set ? set.category_id : row.category_id),
      },
    });
  }
  if (typeof set.content === "string") {
    await indexVoice(db, id, set.content);
    await forgetWords(db, id);
  }
  return { contentChanged: typeof set.content === "string" };
}

export { AppError };
