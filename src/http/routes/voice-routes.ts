/** Voices: list, register, read, edit, and workflow actions. Routes stay thin: validate → one service call. */
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../../db/database.js";
import { actOnVoice } from "../../services/voices/act-on-voice.js";
import { getVoice } from "../../services/voices/get-voice.js";
import { listVoices } from "../../services/voices/list-voices.js";
import { registerVoice } from "../../services/voices/register-voice.js";
import { updateVoice } from "../../services/voices/update-voice.js";
import {
  createVoiceInput,
  inputText,
  MAX_ID,
  pathIdParams,
  updateVoiceInput,
  VOICE_SORTS,
  voiceActionInput,
} from "../../shared/api-contract.js";
import { requireScope, requireUser } from "../authentication.js";

const idParams = pathIdParams("声");
const ASSIGNEE_MESSAGE = "担当者はユーザーID、me、none のいずれかで指定してください（カンマ区切りで複数）";

/** me, none or a user id within MAX_ID: a larger id would reach PostgreSQL's integer column and fail there. */
function isAssigneeList(value: string): boolean {
  return value
    .split(",")
    .map((a) => a.trim())
    .filter(Boolean)
    .every(
      (a) => a === "me" || a === "none" || (/^\d{1,10}$/.test(a) && Number(a) >= 1 && Number(a) <= MAX_ID),
    );
}

export const voiceListQuerySchema = z.object({
  from: inputText().optional().describe("受付日の開始（2025/4/1 など）"),
  to: inputText().optional().describe("受付日の終了（この日を含む）"),
  type: inputText().optional().describe("種別コード（カンマ区切りで複数）"),
  category: inputText().optional(),
  channel: inputText().optional(),
  status: inputText().optional().describe("received,in_progress,resolved,closed,voided"),
  department: inputText().optional(),
  assignee: inputText().refine(isAssigneeList, ASSIGNEE_MESSAGE).optional().describe("ユーザーID、me、none"),
  overdue: z.enum(["true", "false"], { error: "overdue は true か false です" }).optional(),
  q: inputText().max(200).optional().describe("キーワード"),
  sort: z.enum(VOICE_SORTS, { error: "並び順の指定が正しくありません" }).optional(),
  page: z.coerce.number({ error: "page は数値です" }).int().min(1).optional(),
  limit: z.coerce
    .number({ error: "limit は数値です" })
    .int()
    .min(1)
    .max(200, "limit は200以下です")
    .optional(),
});

export function voiceRoutes(app: FastifyInstance, db: Db) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    "/api/v1/voices",
    { schema: { tags: ["voices"], summary: "声の一覧", querystring: voiceListQuerySchema } },
    async (request) => {
      const user = requireUser(request);
      requireScope(request, "voices:read");
      return listVoices(db, user, request.query);
    },
  );
  r.post(
    "/api/v1/voices",
    { schema: { tags: ["voices"], summary: "声の登録", body: createVoiceInput } },
    async (request, reply) => {
      const user = requireUser(request);
      requireScope(request, "voices:write");
      const { id } = await registerVoice(db, user, request.body);
      return reply.status(201).send(await getVoice(db, user, id, { ip: request.ip }));
    },
  );
  r.get(
    "/api/v1/voices/:id",
    { schema: { tags: ["voices"], summary: "声の詳細（対応履歴つき）", params: idParams } },
    async (request) => {
      const user = requireUser(request);
      requireScope(request, "voices:read");
      return getVoice(db, user, request.params.id, { ip: request.ip });
    },
  );
  r.patch(
    "/api/v1/voices/:id",
    {
      schema: {
        tags: ["voices"],
        summary: "声の編集（version 必須）",
        params: idParams,
        body: updateVoiceInput,
      },
    },
    async (request) => {
      const user = requireUser(request);
      requireScope(request, "voices:write");
      await updateVoice(db, user, request.params.id, request.body);
      return getVoice(db, user, request.params.id, { ip: request.ip });
    },
  );
  r.post(
    "/api/v1/voices/:id/actions",
    {
      schema: {
        tags: ["voices"],
        summary: "対応の操作（担当設定・回答記録・対応済・承認・完了・再開・取消など）",
        params: idParams,
        body: voiceActionInput,
      },
    },
    async (request) => {
      const user = requireUser(request);
      requireScope(request, "voices:write");
      await actOnVoice(db, user, request.params.id, request.body);
      return getVoice(db, user, request.params.id, { ip: request.ip });
    },
  );
}
