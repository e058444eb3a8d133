/**
 * Registers a voice: validates, numbers it, sets its deadlines and writes it with its first timeline events, its
 * search document and its content words, in the caller's transaction (the route:
 * `db.transaction().execute((trx) => registerVoice(trx, user, body))`). When the analyzer failed (`analysed`
 * false), the caller tells the word indexer after the commit (wordsChanged), and it tries again in the background.
 */
import type { Db } from "../../db/database.js";
import { fiscalYearOf } from "../../domain/fiscal-period.js";
import { type Actor, canRegister } from "../../domain/voice-workflow.js";
import { forbidden, invalidInput } from "../../errors.js";
import { writeAnalysedDocuments } from "../../search/word-key-index.js";
import { nowIso } from "../../services/clock.js";
import { setUserDictionary } from "../../text/tokenizer.js";
import { wordsAndKeysInWorker } from "../../text/worker-pool.js";
import { recordCorrections } from "../classifier/corrections.js";
import { storeWords } from "../text/word-index.js";
import { getSettings } from "../users-and-settings/settings.js";
import { taxonomyIndex } from "../users-and-settings/taxonomy.js";
import type { CreateVoiceInput } from "./contract.js";
import {
  classifiedEvent,
  insertNewVoice,
  type NewVoice,
  newVoiceRows,
  provisionalReceiptNumber,
} from "./new-voice.js";
import { numberProvisionalVoice } from "./receipt-numbers.js";
import { appendEvent } from "./voice-events.js";
import { resolveVoiceInput } from "./voice-input.js";

export interface RegisterOptions {
  /** recorded in the timeline when the voice came from another system or an import */
  source?: string;
  externalId?: string | null;
  /** who is recorded as the creator; null for the public form (a member, not a user). Defaults to the actor. */
  createdBy?: number | null;
}

export async function registerVoice(
  db: Db,
  actor: Actor,
  input: CreateVoiceInput,
  opts: RegisterOptions = {},
): Promise<{ id: number; receiptNumber: string; analysed: boolean }> {
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
  // resolveVoiceInput throws unless every required field resolved; they are present from here on.
  const voice = {
    ...(v as NewVoice),
    assigneeId: input.assigneeId ?? null,
    externalId: opts.externalId ?? null,
    customer: v.customer ?? null,
  };
  // The analysis runs in the worker thread while the rows below are written: the transaction (and its pooled
  // connection) is not held open waiting for it.
  const analysing = analyseNewText(voice.content, settings.userDictionary);
  const fiscalYear = fiscalYearOf(voice.receivedAt, settings.fiscalYearStartMonth);
  const at = nowIso();
  const createdBy = opts.createdBy === undefined ? actor.id : opts.createdBy;
  const rows = newVoiceRows({ rules: settings.deadlineRules, tax, createdBy, at });

  // The year's receipt counter is one row every registration updates, and its lock is held until the commit: it is
  // taken last, so registrations wait for each other only over the three writes below, not over the whole
  // transaction (on PostgreSQL with 40 registrations a second, 8 of them queued on it and the p95 was 290 ms).
  const placeholder = provisionalReceiptNumber();
  const id = await insertNewVoice(db, rows, voice, { receiptNumber: placeholder, fiscalYear }, opts.source);
  if (input.assigneeId) {
    await appendEvent(db, {
      voiceId: id,
      kind: "assigned",
      actorId: actor.id,
      at,
      data: { assigneeId: input.assigneeId },
    });
  }
  const c = input.classification;
  if (c) {
    const kept = {
      typeCode: v.typeCode ?? null,
      categoryCode: tax.byId("category", voice.categoryId ?? null)?.code ?? null,
    };
    await db
      .insertInto("voice_events")
      .values(classifiedEvent(id, c, kept, { actorId: createdBy, at }))
      .execute();
    // A changed suggestion is a label the next retraining learns from.
    if (v.typeCode)
      await recordCorrections(db, {
        voiceId: id,
        actorId: createdBy,
        suggestedType: c.suggestedType,
        chosenType: v.typeCode,
        suggestedCategory: c.suggestedCategory ?? null,
        chosenCategory: kept.categoryCode,
      });
  }
  const analysed = await analysing;
  await writeAnalysedDocuments(db, [{ id, content: voice.content }], [analysed?.keys ?? null]);
  if (analysed) await storeWords(db, [{ voiceId: id, words: analysed.words }]);
  const receiptNumber = await numberProvisionalVoice(db, {
    voiceId: id,
    fiscalYear,
    provisional: placeholder,
  });
  return { id, receiptNumber, analysed: analysed !== null };
}

/**
 * The content words and search keys of a new voice from one analysis in the worker thread, or null when the
 * analyzer fails (the voice is written with its bigrams alone, and the background indexer analyses it later).
 */
async function analyseNewText(content: string, userDictionary: string[]) {
  try {
    setUserDictionary(userDictionary);
    return (await wordsAndKeysInWorker([content]))[0] ?? null;
  } catch {
    return null;
  }
}
