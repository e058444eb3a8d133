/**
 * The CS committee's API contract (CS向上委員会): committees, meetings with attendees, the agenda koe proposes and
 * the secretary edits, decisions that create or update improvements. Browser-safe.
 */
import { z } from "zod";
import { isIsoDate } from "../../domain/jst.js";
import { idInput, inputText, labelRefSchema, userRefSchema } from "../../shared/api-contract.js";
import { createImprovementInput, improvementRefSchema } from "../improvements/contract.js";

export const AGENDA_KINDS = [
  "new_complaints",
  "theme",
  "overdue_voices",
  "overdue_improvements",
  "awaiting_effect_check",
  "other",
] as const;
export type AgendaKind = (typeof AGENDA_KINDS)[number];
export const AGENDA_KIND_LABELS: Readonly<Record<AgendaKind, string>> = {
  new_complaints: "新しい苦情",
  theme: "繰り返し寄せられている声",
  overdue_voices: "期限超過の声",
  overdue_improvements: "期限を過ぎた改善課題",
  awaiting_effect_check: "効果確認待ちの改善課題",
  other: "その他",
};

const isoDay = (what: string) =>
  inputText({ error: `${what}を YYYY-MM-DD で入力してください` })
    .trim()
    .refine(isIsoDate, `${what}を YYYY-MM-DD（例: 2026-12-10）で入力してください`);

// ---------------------------------------------------------------- committees

export const committeeSchema = z.object({
  id: z.int(),
  name: z.string(),
  description: z.string().nullable(),
  active: z.boolean(),
});
export type Committee = z.infer<typeof committeeSchema>;
export const committeeListSchema = z.object({ items: z.array(committeeSchema) });
export type CommitteeList = z.infer<typeof committeeListSchema>;

export const createCommitteeInput = z.object({
  name: inputText({ error: "委員会の名前を入力してください" })
    .trim()
    .min(1, "委員会の名前を入力してください")
    .max(100, "委員会の名前は100文字以内で入力してください"),
  description: inputText().trim().max(300).nullish(),
});
export type CreateCommitteeInput = z.infer<typeof createCommitteeInput>;
export const updateCommitteeInput = createCommitteeInput.partial().extend({
  active: z.boolean({ error: "有効は true か false で指定してください" }).optional(),
});
export type UpdateCommitteeInput = z.infer<typeof updateCommitteeInput>;

// ---------------------------------------------------------------- meetings: requests

const attendeeInput = z.object({
  name: inputText({ error: "出席者の名前を入力してください" })
    .trim()
    .min(1, "出席者の名前を入力してください")
    .max(100, "出席者の名前は100文字以内で入力してください"),
  userId: idInput("出席者のユーザーIDは1以上の整数です").nullish(),
});

export const createMeetingInput = z.object({
  committeeId: idInput("委員会を選んでください", "委員会を選んでください"),
  heldOn: isoDay("開催日"),
  since: isoDay("議題の対象期間の開始日").nullish(),
  attendees: z
    .array(attendeeInput, { error: "出席者を1人以上入力してください" })
    .min(1, "出席者を1人以上入力してください")
    .max(100, "出席者は100人までです"),
});
export type CreateMeetingInput = z.infer<typeof createMeetingInput>;

export const agendaEditInput = z.object({
  items: z
    .array(
      z.object({
        id: idInput("議題のIDは1以上の整数です").nullish(),
        title: inputText({ error: "議題の見出しを入力してください" })
          .trim()
          .min(1, "議題の見出しを入力してください")
          .max(200, "議題の見出しは200文字以内で入力してください"),
        body: inputText().trim().max(10_000).default(""),
      }),
    )
    .max(100, "議題は100件までです"),
  notes: inputText().trim().max(20_000).nullish(),
  attendees: z
    .array(attendeeInput)
    .min(1, "出席者を1人以上入力してください")
    .max(100, "出席者は100人までです")
    .optional(),
});
export type AgendaEditInput = z.infer<typeof agendaEditInput>;

export const decisionInput = z
  .object({
    agendaItemId: idInput("議題のIDは1以上の整数です").nullish(),
    text: inputText({ error: "決定事項を入力してください" })
      .trim()
      .min(1, "決定事項を入力してください")
      .max(4000, "決定事項は4,000文字以内で入力してください"),
    create: createImprovementInput
      .partial({ problem: true })
      .optional()
      .describe("新しい改善課題（声を省略すると、議題の声が紐づきます）"),
    update: z
      .object({
        improvementId: idInput("改善課題のIDは1以上の整数です", "改善課題を選んでください"),
        ownerDepartmentId: idInput("担当部署を選んでください").optional(),
        ownerUserId: idInput("担当者のIDは1以上の整数です").nullish(),
        dueDate: isoDay("期限").optional(),
      })
      .optional()
      .describe("既存の改善課題の担当・期限の変更"),
  })
  .refine((d) => (d.create ? 1 : 0) + (d.update ? 1 : 0) === 1, {
    message: "決定は、改善課題の作成（create）か更新（update）のどちらか一つを指定してください",
    path: ["create"],
  });
export type DecisionInput = z.infer<typeof decisionInput>;

export const meetingListQuery = z.object({
  committeeId: z.coerce.number().int().min(1).optional(),
});

// ---------------------------------------------------------------- meetings: responses

export const agendaWordSchema = z.object({ word: z.string(), count: z.int(), previousCount: z.int() });

export const agendaVoiceSchema = z.object({ id: z.int(), receiptNumber: z.string(), excerpt: z.string() });

export const proposedAgendaItemSchema = z.object({
  kind: z.enum(AGENDA_KINDS),
  title: z.string(),
  body: z.string(),
  count: z.int().describe("件数"),
  voices: z.array(agendaVoiceSchema).describe("代表的な声（最大20件）"),
  voiceIds: z.array(z.int()).describe("議題の声（全件、最大500件）"),
  words: z.array(agendaWordSchema).describe("増えている言葉（前の同じ長さの期間との比較）"),
  improvements: z.array(improvementRefSchema),
});
export type ProposedAgendaItem = z.infer<typeof proposedAgendaItemSchema>;

export const proposedAgendaSchema = z.object({
  since: z.string(),
  until: z.string(),
  items: z.array(proposedAgendaItemSchema),
});
export type ProposedAgenda = z.infer<typeof proposedAgendaSchema>;

export const decisionSchema = z.object({
  id: z.int(),
  agendaItemId: z.int().nullable(),
  text: z.string(),
  improvement: improvementRefSchema
    .extend({ ownerDepartment: labelRefSchema, owner: userRefSchema.nullable() })
    .nullable(),
  open: z.boolean().describe("改善課題がまだ完了・見送りになっていない"),
  createdAt: z.string(),
});
export type Decision = z.infer<typeof decisionSchema>;

export const agendaItemSchema = proposedAgendaItemSchema.extend({ id: z.int(), position: z.int() });
export type AgendaItem = z.infer<typeof agendaItemSchema>;

export const attendeeSchema = z.object({ name: z.string(), userId: z.int().nullable() });

export const meetingDetailSchema = z.object({
  id: z.int(),
  committee: committeeSchema,
  heldOn: z.string(),
  since: z.string(),
  notes: z.string().nullable(),
  attendees: z.array(attendeeSchema),
  agenda: z.array(agendaItemSchema),
  decisions: z.array(decisionSchema),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type MeetingDetail = z.infer<typeof meetingDetailSchema>;

export const meetingSummarySchema = z.object({
  id: z.int(),
  committee: committeeSchema,
  heldOn: z.string(),
  attendeeCount: z.int(),
  agendaCount: z.int(),
  decisionCount: z.int(),
  openDecisions: z.array(decisionSchema),
});
export type MeetingSummary = z.infer<typeof meetingSummarySchema>;
export const meetingListSchema = z.object({ items: z.array(meetingSummarySchema) });
export type MeetingList = z.infer<typeof meetingListSchema>;
