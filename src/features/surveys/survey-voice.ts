/**
 * The closed loop: a dissatisfied answer (やや不満/不満 on the headline question) or a comment the classifier
 * reads as a complaint becomes one voice on the survey channel, in the answer's handling department (else the
 * survey kind's), with the normal deadlines, in the caller's transaction. The voice's 外部ID links it back to
 * the answer, and the answer keeps the voice's id.
 */
import type SQLite from "better-sqlite3";
import type { Db } from "../../db/database.js";
import { DISSATISFIED_AT_MOST, satisfactionLabel } from "../../domain/satisfaction.js";
import { CONTENT_MAX } from "../../domain/voice-rules.js";
import type { Actor } from "../../domain/voice-workflow.js";
import { nowIso } from "../../services/clock.js";
import { forgetConfig } from "../../services/config-cache.js";
import { type BulkVoice, importVoices } from "../import-export/import-voices.js";
import { textClassifier } from "../text/classifier-model.js";
import type { ClassifyResponse } from "../text/contract.js";
import { taxonomyIndex } from "../users-and-settings/taxonomy.js";
import type { CreateVoiceInput } from "../voices/contract.js";
import { classifiedEvent, type NewVoice } from "../voices/new-voice.js";
import { registerVoice } from "../voices/register-voice.js";
import { resolveVoiceInput } from "../voices/voice-input.js";
import type { CheckedAnswer } from "./answer-rules.js";
import type { SurveyRecord } from "./survey-store.js";

// The survey registers on behalf of nobody, like the public form: created_by stays null.
const SURVEY_ACTOR: Actor = { id: 0, role: "cs", departmentId: null };
export const SURVEY_CHANNEL = { code: "survey", name: "アンケート" } as const;
const EVENT_BATCH = 2000;

/** Where a kind's voice falls when the classifier has no category for it. */
const KIND_CATEGORY: Readonly<Record<string, string>> = {
  payment: "claim",
  servicing: "servicing",
  staff_quality: "handling",
};

/** The 外部ID of an answer's voice: the link from the voice back to the answer. */
export const answerVoiceExternalId = (surveyId: number, answerId: number) =>
  `survey:${surveyId}:answer:${answerId}`;

/** The survey channel exists on every installation that seeded labels; one retired or deleted is added back. */
export async function ensureSurveyChannel(db: Db): Promise<void> {
  await db
    .insertInto("taxonomy_labels")
    .values({
      kind: "channel",
      code: SURVEY_CHANNEL.code,
      name: SURVEY_CHANNEL.name,
      description: null,
      active: 1,
      sort_order: 50,
      created_at: nowIso(),
    })
    .onConflict((oc) => oc.columns(["kind", "code"]).doNothing())
    .execute();
  forgetConfig(db);
}

export interface AnswerForVoice {
  answerId: number;
  answeredAt: string;
  answer: CheckedAnswer;
  departmentId: number | null;
  productLineId: number | null;
  ageBand: string | null;
  prefecture: string | null;
  contact: {
    name: string | null;
    email: string | null;
    phone: string | null;
    contactConsent: boolean;
  } | null;
}

function voiceContent(survey: SurveyRecord, a: AnswerForVoice): string {
  const headline = survey.questions.find((q) => q.headline);
  const lines = [`アンケート「${survey.name}」の回答（回答番号 ${a.answerId}）`];
  if (headline && a.answer.headlineValue !== null)
    lines.push(`${headline.label}: ${satisfactionLabel(a.answer.headlineValue)}`);
  for (const c of a.answer.comments) lines.push(`${c.question}: ${c.text}`);
  const text = lines.join("\n");
  return [...text].length > CONTENT_MAX ? `${[...text].slice(0, CONTENT_MAX - 1).join("")}…` : text;
}

/** What deciding an answer's voice needs, read once for any number of answers. */
export interface SurveyVoiceContext {
  classify: (text: string) => ClassifyResponse;
  /** the survey kind's department, for answers that name none */
  kindDepartmentId: number | null;
}

export async function surveyVoiceContext(db: Db, survey: SurveyRecord): Promise<SurveyVoiceContext> {
  const [classify, kindDepartment] = await Promise.all([
    textClassifier(db),
    survey.kind.departmentCode
      ? db
          .selectFrom("departments")
          .select("id")
          .where("code", "=", survey.kind.departmentCode)
          .where("active", "=", 1)
          .executeTakeFirst()
      : undefined,
  ]);
  return { classify, kindDepartmentId: kindDepartment?.id ?? null };
}

/** The voice an answer calls for, as registration's input with its 外部ID; null when the loop calls for none. */
export function surveyVoiceInput(
  survey: SurveyRecord,
  a: AnswerForVoice,
  ctx: SurveyVoiceContext,
): { input: CreateVoiceInput; externalId: string } | null {
  const dissatisfied = a.answer.headlineValue !== null && a.answer.headlineValue <= DISSATISFIED_AT_MOST;
  const commentText = a.answer.comments.map((c) => c.text).join("\n");
  const suggestion = commentText ? ctx.classify(commentText) : null;
  const complaintComment = suggestion?.type.code === "complaint";
  if (!dissatisfied && !complaintComment) return null;
  const c = a.contact;
  return {
    externalId: answerVoiceExternalId(survey.id, a.answerId),
    input: {
      receivedAt: a.answeredAt,
      channel: SURVEY_CHANNEL.code,
      // A dissatisfied level is a complaint by the co-op's own definition (an expression of dissatisfaction).
      type: "complaint",
      category: suggestion?.category?.code ?? KIND_CATEGORY[survey.kind.code] ?? "other",
      productLine: a.productLineId,
      department: a.departmentId ?? ctx.kindDepartmentId ?? "cs",
      content: voiceContent(survey, a),
      customer:
        c || a.ageBand || a.prefecture
          ? {
              name: c?.name ?? null,
              email: c?.email ?? null,
              phone: c?.phone ?? null,
              contactConsent: c?.contactConsent ?? false,
              ageBand: a.ageBand,
              prefecture: a.prefecture,
            }
          : null,
      classification: suggestion
        ? {
            suggestedType: suggestion.type.code,
            suggestedCategory: suggestion.category?.code ?? null,
            typeConfidence: suggestion.type.confidence,
            categoryConfidence: suggestion.category?.confidence ?? null,
          }
        : null,
    },
  };
}

/** Creates the answer's voice when the loop calls for one; returns its id and receipt number, or null. */
export async function voiceFromAnswer(
  db: Db,
  survey: SurveyRecord,
  a: AnswerForVoice,
): Promise<{ id: number; receiptNumber: string } | null> {
  const planned = surveyVoiceInput(survey, a, await surveyVoiceContext(db, survey));
  if (!planned) return null;
  await ensureSurveyChannel(db);
  return registerVoice(db, SURVEY_ACTOR, planned.input, {
    source: "survey",
    externalId: planned.externalId,
    createdBy: null,
  });
}

/**
 * The voices of many answers at once (the answer import), in the caller's import transaction: the same voices
 * voiceFromAnswer registers one by one, written in bulk by the voice import's path (numbered per fiscal year,
 * multi-row inserts or prepared statements, one search-index fill). Returns each answer's voice id.
 */
export async function voicesFromAnswers(
  trx: Db,
  survey: SurveyRecord,
  answers: readonly AnswerForVoice[],
  opts: { sqlite?: SQLite.Database } = {},
): Promise<Map<number, number>> {
  const ctx = await surveyVoiceContext(trx, survey);
  const planned = answers.flatMap((a) => {
    const p = surveyVoiceInput(survey, a, ctx);
    return p ? [{ answerId: a.answerId, ...p }] : [];
  });
  const out = new Map<number, number>();
  if (planned.length === 0) return out;
  await ensureSurveyChannel(trx);
  const tax = await taxonomyIndex(trx);
  // Resolved as registration resolves its input: the same labels, checks and Japanese errors.
  const rows = planned.map((p) => {
    const v = resolveVoiceInput(p.input, tax, { creating: true });
    const row: BulkVoice = { ...(v as NewVoice), externalId: p.externalId, customer: v.customer ?? null };
    return { p, v, row };
  });
  const written = await importVoices(
    trx,
    null,
    rows.map((r) => r.row),
    { source: "survey", ...(opts.sqlite ? { sqlite: opts.sqlite } : {}) },
  );
  const by = { actorId: null, at: nowIso() };
  const classified = [];
  for (const { p, v, row } of rows) {
    const id = written.idOf.get(row);
    if (id === undefined) continue;
    out.set(p.answerId, id);
    if (p.input.classification)
      classified.push(
        classifiedEvent(
          id,
          p.input.classification,
          {
            typeCode: v.typeCode ?? null,
            categoryCode: tax.byId("category", v.categoryId ?? null)?.code ?? null,
          },
          by,
        ),
      );
  }
  for (let i = 0; i < classified.length; i += EVENT_BATCH)
    await trx
      .insertInto("voice_events")
      .values(classified.slice(i, i + EVENT_BATCH))
      .execute();
  return out;
}
