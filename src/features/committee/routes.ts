/** The CS committee under /api/v1/committees and /api/v1/meetings. Thin: validate → one use case → the shape. */
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Db } from "../../db/database.js";
import { canAdminister, canRunCommittee } from "../../domain/roles.js";
import { notFound } from "../../errors.js";
import { requireScope, requireUser } from "../../http/authentication.js";
import { requireAllowed } from "../../http/permissions.js";
import { errorResponses, pathIdParams } from "../../shared/api-contract.js";
import { createCommittee, getCommittee, listCommittees, updateCommittee } from "./committees.js";
import {
  agendaEditInput,
  committeeListSchema,
  committeeSchema,
  createCommitteeInput,
  createMeetingInput,
  decisionInput,
  meetingDetailSchema,
  meetingListQuery,
  meetingListSchema,
  proposedAgendaSchema,
  updateCommitteeInput,
} from "./contract.js";
import { createMeeting, editAgenda, getMeeting, listMeetings, meetingWindow } from "./meetings.js";
import { proposeAgenda } from "./propose-agenda.js";
import { recordDecision } from "./record-decision.js";

const tags = ["committee"];
const committeeId = pathIdParams("委員会");
const meetingId = pathIdParams("委員会の開催");

export function committeeRoutes(app: FastifyInstance, db: Db) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const reader = (request: FastifyRequest) => {
    const user = requireUser(request);
    requireScope(request, "voices:read");
    return user;
  };
  const secretary = (request: FastifyRequest) => {
    requireScope(request, "voices:write");
    return requireAllowed(request, canRunCommittee);
  };

  r.get(
    "/api/v1/committees",
    { schema: { tags, summary: "委員会の一覧", response: { 200: committeeListSchema, ...errorResponses } } },
    async (request) => {
      reader(request);
      return { items: await listCommittees(db) };
    },
  );
  r.post(
    "/api/v1/committees",
    {
      schema: {
        tags,
        summary: "委員会の追加（管理者）",
        body: createCommitteeInput,
        response: { 201: committeeSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      requireAllowed(request, canAdminister);
      const id = await db.transaction().execute((trx) => createCommittee(trx, request.body));
      return reply.status(201).send(await getCommittee(db, id));
    },
  );
  r.patch(
    "/api/v1/committees/:id",
    {
      schema: {
        tags,
        summary: "委員会の変更（管理者）",
        params: committeeId,
        body: updateCommitteeInput,
        response: { 200: committeeSchema, ...errorResponses },
      },
    },
    async (request) => {
      requireAllowed(request, canAdminister);
      await db.transaction().execute((trx) => updateCommittee(trx, request.params.id, request.body));
      return getCommittee(db, request.params.id);
    },
  );

  r.get(
    "/api/v1/meetings",
    {
      schema: {
        tags,
        summary: "委員会の開催一覧（未完了の決定事項つき）",
        querystring: meetingListQuery,
        response: { 200: meetingListSchema, ...errorResponses },
      },
    },
    async (request) => {
      reader(request);
      return listMeetings(db, request.query);
    },
  );
  r.post(
    "/api/v1/meetings",
    {
      schema: {
        tags,
        summary: "委員会の開催を登録（前回以降の議題案を koe が作成）",
        body: createMeetingInput,
        response: { 201: meetingDetailSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = secretary(request);
      const id = await db.transaction().execute((trx) => createMeeting(trx, user, request.body));
      return reply.status(201).send(await getMeeting(db, id));
    },
  );
  r.get(
    "/api/v1/meetings/:id",
    {
      schema: {
        tags,
        summary: "委員会の開催（議題・決定事項・議事録）",
        params: meetingId,
        response: { 200: meetingDetailSchema, ...errorResponses },
      },
    },
    async (request) => {
      reader(request);
      return getMeeting(db, request.params.id);
    },
  );
  r.get(
    "/api/v1/meetings/:id/proposed-agenda",
    {
      schema: {
        tags,
        summary: "議題案を今の状況で作り直して見る（保存はしません）",
        params: meetingId,
        response: { 200: proposedAgendaSchema, ...errorResponses },
      },
    },
    async (request) => {
      const user = secretary(request);
      const m = await db
        .selectFrom("meetings")
        .select(["committee_id", "held_on", "since"])
        .where("id", "=", request.params.id)
        .executeTakeFirst();
      if (!m) throw notFound("委員会の開催");
      return proposeAgenda(db, user, await meetingWindow(db, m.committee_id, m.held_on, m.since));
    },
  );
  r.put(
    "/api/v1/meetings/:id/agenda",
    {
      schema: {
        tags,
        summary: "議題・出席者・議事メモの編集（事務局）",
        params: meetingId,
        body: agendaEditInput,
        response: { 200: meetingDetailSchema, ...errorResponses },
      },
    },
    async (request) => {
      const user = secretary(request);
      await db.transaction().execute((trx) => editAgenda(trx, user, request.params.id, request.body));
      return getMeeting(db, request.params.id);
    },
  );
  r.post(
    "/api/v1/meetings/:id/decisions",
    {
      schema: {
        tags,
        summary: "決定事項の記録（改善課題の作成または担当・期限の更新）",
        params: meetingId,
        body: decisionInput,
        response: { 201: meetingDetailSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = secretary(request);
      await db.transaction().execute((trx) => recordDecision(trx, user, request.params.id, request.body));
      return reply.status(201).send(await getMeeting(db, request.params.id));
    },
  );
}
