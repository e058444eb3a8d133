/**
 * The closed loop: a dissatisfied answer (やや不満/不満 on the headline question) or a comment the classifier
 * reads as a complaint becomes one voice on the survey channel, in the answer's handling department (else the
 * survey kind's), with the normal deadlines, in the caller's transaction. The voice's 外部ID links it back to
 * the answer, and the answer keeps the voice's id.
 */
import type { Db } from "../../db/database.js";
import { DISSATISFIED_AT_MOST, satisfactionLabel } from "../../domain/satisfaction.js";
import { CONTENT_MAX } from "../../domain/voice-rules.js";
import type { Actor } from "../../domain/voice-workflow.js";
import { nowIso } from "../../services/clock.js";
import { classifyText } from "../text/classifier-model.js";
import { registerVoice } from "../voices/register-voice.js";
import type { CheckedAnswer } from "./answer-rules.js";
import type { SurveyRecord } from "./survey-store.js";

// The survey registers on behalf of nobody, like the public form: created_by stays null.
const SURVEY_ACTOR: Actor = { id: 0, role: "cs", departmentId: null };
export const SURVEY_CHANNEL = { code: "survey", name: "アンケート" } as const;

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

/** Creates the answer's voice when the loop calls for one; returns its id and receipt number, or null. */
export async function voiceFromAnswer(
  db: Db,
  survey: SurveyRecord,
  a: AnswerForVoice,
): Promise<{ id: number; receiptNumber: string } | null> {
  const dissatisfied = a.answer.headlineValue !== null && a.answer.headlineValue <= DISSATISFIED_AT_MOST;
  const commentText = a.answer.comments.map((c) => c.text).join("\n");
  const suggestion = commentText ? await classifyText(db, commentText) : null;
  const complaintComment = suggestion?.type.code === "complaint";
  if (!dissatisfied && !complaintComment) return null;

  await ensureSurveyChannel(db);
  const department =
    a.departmentId ??
    (survey.kind.departmentCode
      ? (
          await db
            .selectFrom("departments")
            .select("id")
            .where("code", "=", survey.kind.departmentCode)
            .where("active", "=", 1)
            .executeTakeFirst()
        )?.id
      : undefined) ??
    "cs";
  const category = suggestion?.category?.code ?? KIND_CATEGORY[survey.kind.code] ?? "other";
  const c = a.contact;
  return registerVoice(
    db,
    SURVEY_ACTOR,
    {
      receivedAt: a.answeredAt,
      channel: SURVEY_CHANNEL.code,
      // A dissatisfied level is a complaint by the co-op's own definition (an expression of dissatisfaction).
      type: "complaint",
      category,
      productLine: a.productLineId,
      department,
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
    { source: "survey", externalId: answerVoiceExternalId(survey.id, a.answerId), createdBy: null },
  );
}
