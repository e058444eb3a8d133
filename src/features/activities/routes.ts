/**
 * Activity-record routes under /api/v1/activities: the staff roster, trainings, events, monthly business figures
 * (grid or CSV/XLSX), audits, elderly-customer handling and intent records, and their editable lists.
 * Thin: validate → one use case in a transaction (a bad row stores nothing) → the declared shape.
 */
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../../db/database.js";
import { jstToday } from "../../domain/jst.js";
import { canRecordActivities, canViewActivities } from "../../domain/roles.js";
import { invalidInput } from "../../errors.js";
import { requireAllowed } from "../../http/permissions.js";
import { IMPORT_LIMITS } from "../../io/import-limits.js";
import { errorResponses, inputText, pathIdParams } from "../../shared/api-contract.js";
import { parseDateTimeJa } from "../../shared/japanese-date.js";
import { acceptFileUploads, fileNameOf, uploadedFile } from "../import-export/routes.js";
import { createActivityLabel, listActivityLabels, updateActivityLabel } from "./activity-labels.js";
import {
  createAudit,
  deleteAudit,
  linkAuditItemImprovement,
  listAudits,
  registerAuditItemImprovement,
  updateAudit,
} from "./audits.js";
import { deleteBusinessFigure, listBusinessFigures, saveBusinessFigures } from "./business-figures.js";
import {
  auditImprovementInputSchema,
  auditInputSchema,
  auditItemImprovementSchema,
  auditItemLinkInputSchema,
  auditPatchSchema,
  auditSchema,
  BUSINESS_METRICS,
  businessFigureImportQuerySchema,
  businessFigureImportResultSchema,
  businessFigureSchema,
  businessFiguresInputSchema,
  elderlyHandlingInputSchema,
  elderlyHandlingPatchSchema,
  elderlyHandlingSchema,
  idResponseSchema,
  intentRecordInputSchema,
  intentRecordPatchSchema,
  intentRecordSchema,
  LABEL_KINDS,
  labelInputSchema,
  labelPatchSchema,
  labelSchema,
  outreachEventInputSchema,
  outreachEventPatchSchema,
  outreachEventSchema,
  staffInputSchema,
  staffSchema,
  trainingInputSchema,
  trainingPatchSchema,
  trainingSchema,
} from "./contract.js";
import {
  createElderlyHandling,
  createIntentRecord,
  deleteElderlyHandling,
  deleteIntentRecord,
  elderlyHandlingCounts,
  listElderlyHandlings,
  listIntentRecords,
  updateElderlyHandling,
  updateIntentRecord,
} from "./customer-protection.js";
import { importBusinessFigures } from "./import-business-figures.js";
import { createStaffMember, listStaff, updateStaffMember } from "./staff.js";
import {
  createOutreachEvent,
  createTraining,
  deleteOutreachEvent,
  deleteTraining,
  listOutreachEvents,
  listTrainings,
  updateOutreachEvent,
  updateTraining,
} from "./trainings.js";

const TAG = ["activities"];
const rangeQuery = z
  .object({
    from: inputText().optional().describe("この日以降（2023/1/1 など）"),
    to: inputText().optional().describe("この日まで（この日を含む）"),
  })
  .strict();

/** from/to as typed → YYYY-MM-DD, or a 400 naming the field. */
function readRange(q: { from?: string; to?: string }): { from?: string; to?: string } {
  const out: { from?: string; to?: string } = {};
  for (const key of ["from", "to"] as const) {
    const v = q[key];
    if (!v) continue;
    const d = parseDateTimeJa(v);
    if (!d.ok) throw invalidInput({ [key]: d.message });
    out[key] = d.date;
  }
  return out;
}

const items = <T extends z.ZodType>(s: T) => z.object({ items: z.array(s) });

export function activityRoutes(app: FastifyInstance, db: Db) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tx = <T>(f: (trx: Db) => Promise<T>) => db.transaction().execute(f);

  r.get(
    "/api/v1/activities/labels",
    {
      schema: {
        tags: TAG,
        summary: "編集できる一覧（資格・研修の種類・高齢者対応の方法）",
        querystring: z.object({ kind: z.enum(LABEL_KINDS).optional() }).strict(),
        response: { 200: items(labelSchema), ...errorResponses },
      },
    },
    async (request) => {
      requireAllowed(request, canViewActivities);
      return { items: await listActivityLabels(db, request.query.kind) };
    },
  );
  r.post(
    "/api/v1/activities/labels",
    {
      schema: {
        tags: TAG,
        summary: "一覧に項目を追加（例: 資格「証券外務員」）",
        body: labelInputSchema,
        response: { 201: idResponseSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      requireAllowed(request, canRecordActivities);
      return reply.status(201).send({ id: await tx((trx) => createActivityLabel(trx, request.body)) });
    },
  );
  r.patch(
    "/api/v1/activities/labels/:id",
    {
      schema: {
        tags: TAG,
        summary: "一覧の項目の名前・並び順・資格の扱い・使用の可否を変更（過去の記録は元の項目のまま）",
        params: pathIdParams("項目"),
        body: labelPatchSchema,
        response: { 200: idResponseSchema, ...errorResponses },
      },
    },
    async (request) => {
      requireAllowed(request, canRecordActivities);
      await tx((trx) => updateActivityLabel(trx, request.params.id, request.body));
      return { id: request.params.id };
    },
  );

  r.get(
    "/api/v1/activities/staff",
    {
      schema: {
        tags: TAG,
        summary: "職員名簿と資格",
        response: { 200: items(staffSchema), ...errorResponses },
      },
    },
    async (request) => {
      requireAllowed(request, canViewActivities);
      return { items: await listStaff(db) };
    },
  );
  r.post(
    "/api/v1/activities/staff",
    {
      schema: {
        tags: TAG,
        summary: "職員を追加（koe の利用者でなくてよい。資格と取得日を添えて）",
        body: staffInputSchema,
        response: { 201: idResponseSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      requireAllowed(request, canRecordActivities);
      return reply
        .status(201)
        .send({ id: await tx((trx) => createStaffMember(trx, request.body, jstToday())) });
    },
  );
  r.put(
    "/api/v1/activities/staff/:id",
    {
      schema: {
        tags: TAG,
        summary: "職員名簿の項目を変更（氏名・部署・雇用形態・在籍期間・資格の一覧をまとめて置き換え）",
        params: pathIdParams("職員"),
        body: staffInputSchema,
        response: { 200: idResponseSchema, ...errorResponses },
      },
    },
    async (request) => {
      requireAllowed(request, canRecordActivities);
      await tx((trx) => updateStaffMember(trx, request.params.id, request.body, jstToday()));
      return { id: request.params.id };
    },
  );

  r.get(
    "/api/v1/activities/trainings",
    {
      schema: {
        tags: TAG,
        summary: "研修の記録",
        querystring: rangeQuery,
        response: { 200: items(trainingSchema), ...errorResponses },
      },
    },
    async (request) => {
      requireAllowed(request, canViewActivities);
      return { items: await listTrainings(db, readRange(request.query)) };
    },
  );
  r.post(
    "/api/v1/activities/trainings",
    {
      schema: {
        tags: TAG,
        summary: "研修を記録（種類は 実務・商品・マナー・コンプライアンス・その他 など、名前かコード）",
        body: trainingInputSchema,
        response: { 201: idResponseSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      requireAllowed(request, canRecordActivities);
      return reply.status(201).send({ id: await tx((trx) => createTraining(trx, request.body, jstToday())) });
    },
  );
  r.patch(
    "/api/v1/activities/trainings/:id",
    {
      schema: {
        tags: TAG,
        summary: "研修の記録を変更（指定した項目だけ。種類は名前かコード）",
        params: pathIdParams("研修"),
        body: trainingPatchSchema,
        response: { 200: idResponseSchema, ...errorResponses },
      },
    },
    async (request) => {
      requireAllowed(request, canRecordActivities);
      await tx((trx) => updateTraining(trx, request.params.id, request.body, jstToday()));
      return { id: request.params.id };
    },
  );
  r.delete(
    "/api/v1/activities/trainings/:id",
    {
      schema: {
        tags: TAG,
        summary: "研修の記録を削除",
        params: pathIdParams("研修"),
        response: { 200: idResponseSchema, ...errorResponses },
      },
    },
    async (request) => {
      requireAllowed(request, canRecordActivities);
      await tx((trx) => deleteTraining(trx, request.params.id));
      return { id: request.params.id };
    },
  );

  r.get(
    "/api/v1/activities/events",
    {
      schema: {
        tags: TAG,
        summary: "イベント・セミナー・相談会の記録",
        querystring: rangeQuery,
        response: { 200: items(outreachEventSchema), ...errorResponses },
      },
    },
    async (request) => {
      requireAllowed(request, canViewActivities);
      return { items: await listOutreachEvents(db, readRange(request.query)) };
    },
  );
  r.post(
    "/api/v1/activities/events",
    {
      schema: {
        tags: TAG,
        summary: "イベント・セミナー・相談会を記録（参加人数つき）",
        body: outreachEventInputSchema,
        response: { 201: idResponseSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      requireAllowed(request, canRecordActivities);
      return reply
        .status(201)
        .send({ id: await tx((trx) => createOutreachEvent(trx, request.body, jstToday())) });
    },
  );
  r.patch(
    "/api/v1/activities/events/:id",
    {
      schema: {
        tags: TAG,
        summary: "イベント・セミナー・相談会の記録を変更（指定した項目だけ）",
        params: pathIdParams("開催記録"),
        body: outreachEventPatchSchema,
        response: { 200: idResponseSchema, ...errorResponses },
      },
    },
    async (request) => {
      requireAllowed(request, canRecordActivities);
      await tx((trx) => updateOutreachEvent(trx, request.params.id, request.body, jstToday()));
      return { id: request.params.id };
    },
  );
  r.delete(
    "/api/v1/activities/events/:id",
    {
      schema: {
        tags: TAG,
        summary: "イベント・セミナー・相談会の記録を削除",
        params: pathIdParams("開催記録"),
        response: { 200: idResponseSchema, ...errorResponses },
      },
    },
    async (request) => {
      requireAllowed(request, canRecordActivities);
      await tx((trx) => deleteOutreachEvent(trx, request.params.id));
      return { id: request.params.id };
    },
  );

  r.get(
    "/api/v1/activities/business-figures",
    {
      schema: {
        tags: TAG,
        summary: "月次の業務実績（保障相談・新規契約・早期消滅・失効・継続率）",
        querystring: rangeQuery.extend({ metric: z.enum(BUSINESS_METRICS).optional() }),
        response: { 200: items(businessFigureSchema), ...errorResponses },
      },
    },
    async (request) => {
      requireAllowed(request, canViewActivities);
      return {
        items: await listBusinessFigures(db, { ...readRange(request.query), metric: request.query.metric }),
      };
    },
  );
  r.put(
    "/api/v1/activities/business-figures",
    {
      schema: {
        tags: TAG,
        summary:
          "月次の業務実績を保存（表の行をまとめて。同じ月・項目・種目は置き換え、1行でも誤りがあれば何も保存しません）",
        body: businessFiguresInputSchema,
        response: { 200: z.object({ saved: z.number() }), ...errorResponses },
      },
    },
    async (request) => {
      requireAllowed(request, canRecordActivities);
      return { saved: await tx((trx) => saveBusinessFigures(trx, request.body.rows, jstToday())) };
    },
  );
  r.delete(
    "/api/v1/activities/business-figures/:id",
    {
      schema: {
        tags: TAG,
        summary: "月次の業務実績を1件削除（ある月の1項目、継続率は1種目）",
        params: pathIdParams("月次実績"),
        response: { 200: idResponseSchema, ...errorResponses },
      },
    },
    async (request) => {
      requireAllowed(request, canRecordActivities);
      await tx((trx) => deleteBusinessFigure(trx, request.params.id));
      return { id: request.params.id };
    },
  );

  r.get(
    "/api/v1/activities/audits",
    {
      schema: {
        tags: TAG,
        summary: "自主点検・内部監査・外部監査の記録（改善項目つき）",
        querystring: rangeQuery,
        response: { 200: items(auditSchema), ...errorResponses },
      },
    },
    async (request) => {
      requireAllowed(request, canViewActivities);
      return { items: await listAudits(db, readRange(request.query)) };
    },
  );
  r.post(
    "/api/v1/activities/audits",
    {
      schema: {
        tags: TAG,
        summary: "点検・監査を記録（実施者、指摘事項、改善項目）",
        body: auditInputSchema,
        response: { 201: idResponseSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = requireAllowed(request, canRecordActivities);
      return reply
        .status(201)
        .send({ id: await tx((trx) => createAudit(trx, request.body, jstToday(), user)) });
    },
  );
  r.post(
    "/api/v1/activities/audit-items/:id/improvement",
    {
      schema: {
        tags: TAG,
        summary: "点検・監査の改善項目を改善課題として登録（改善として登録）",
        description:
          "改善項目から改善課題（状態: 提案）を作り、改善項目に紐づけます。改善課題の画面にも元の点検・監査が表示されます。" +
          "すでに改善課題になっている項目は 409 です。",
        params: pathIdParams("改善項目"),
        body: auditImprovementInputSchema,
        response: { 201: auditItemImprovementSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = requireAllowed(request, canRecordActivities);
      const improvementId = await tx((trx) =>
        registerAuditItemImprovement(trx, request.params.id, request.body, user),
      );
      return reply.status(201).send({ id: request.params.id, improvementId });
    },
  );
  r.patch(
    "/api/v1/activities/audits/:id",
    {
      schema: {
        tags: TAG,
        summary: "点検・監査の記録を変更（実施日・種類・実施者・指摘事項・改善項目）",
        description:
          "items を送ると改善項目をまとめて置き換えます。id つきの項目はその項目のまま（文言の変更可、改善課題との紐づけは残ります）、" +
          "id のない項目は追加、送らなかった項目は削除です。改善課題になっている項目は外せません（409）。",
        params: pathIdParams("点検・監査"),
        body: auditPatchSchema,
        response: { 200: idResponseSchema, ...errorResponses },
      },
    },
    async (request) => {
      requireAllowed(request, canRecordActivities);
      await tx((trx) => updateAudit(trx, request.params.id, request.body, jstToday()));
      return { id: request.params.id };
    },
  );
  r.post(
    "/api/v1/activities/audit-items/:id/improvement-link",
    {
      schema: {
        tags: TAG,
        summary: "点検・監査の改善項目を既存の改善課題に紐づけ",
        description:
          "改善項目を、すでにある改善課題に紐づけます（1つの改善課題に複数の改善項目を紐づけられます）。" +
          "改善課題の画面にも元の点検・監査が表示されます。すでに改善課題に紐づいている項目は 409 です。",
        params: pathIdParams("改善項目"),
        body: auditItemLinkInputSchema,
        response: { 200: auditItemImprovementSchema, ...errorResponses },
      },
    },
    async (request) => {
      const user = requireAllowed(request, canRecordActivities);
      const { improvementId } = request.body;
      await tx((trx) => linkAuditItemImprovement(trx, request.params.id, improvementId, user));
      return { id: request.params.id, improvementId };
    },
  );
  r.delete(
    "/api/v1/activities/audits/:id",
    {
      schema: {
        tags: TAG,
        summary: "点検・監査の記録を削除",
        params: pathIdParams("点検・監査"),
        response: { 200: idResponseSchema, ...errorResponses },
      },
    },
    async (request) => {
      requireAllowed(request, canRecordActivities);
      await tx((trx) => deleteAudit(trx, request.params.id));
      return { id: request.params.id };
    },
  );

  r.get(
    "/api/v1/activities/elderly-handlings",
    {
      schema: {
        tags: TAG,
        summary: "高齢のお客さまへの対応の記録と、方法別の件数",
        querystring: rangeQuery,
        response: {
          200: items(elderlyHandlingSchema).extend({
            total: z.number(),
            byMeasure: z.array(z.object({ code: z.string(), name: z.string(), count: z.number() })),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      requireAllowed(request, canViewActivities);
      const range = readRange(request.query);
      const counts = await elderlyHandlingCounts(db, {
        from: range.from ?? "0000-01-01",
        to: range.to ?? "9999-12-31",
      });
      return { items: await listElderlyHandlings(db, range), ...counts };
    },
  );
  r.post(
    "/api/v1/activities/elderly-handlings",
    {
      schema: {
        tags: TAG,
        summary: "高齢のお客さまへの対応を記録（親族同席・複数募集人・複数回面談・電話での確認 など）",
        body: elderlyHandlingInputSchema,
        response: { 201: idResponseSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      requireAllowed(request, canRecordActivities);
      return reply
        .status(201)
        .send({ id: await tx((trx) => createElderlyHandling(trx, request.body, jstToday())) });
    },
  );

  r.patch(
    "/api/v1/activities/elderly-handlings/:id",
    {
      schema: {
        tags: TAG,
        summary:
          "高齢のお客さまへの対応の記録を変更（指定した項目だけ。対応方法は名前かコードの一覧で置き換え）",
        params: pathIdParams("高齢者対応の記録"),
        body: elderlyHandlingPatchSchema,
        response: { 200: idResponseSchema, ...errorResponses },
      },
    },
    async (request) => {
      requireAllowed(request, canRecordActivities);
      await tx((trx) => updateElderlyHandling(trx, request.params.id, request.body, jstToday()));
      return { id: request.params.id };
    },
  );
  r.delete(
    "/api/v1/activities/elderly-handlings/:id",
    {
      schema: {
        tags: TAG,
        summary: "高齢のお客さまへの対応の記録を削除",
        params: pathIdParams("高齢者対応の記録"),
        response: { 200: idResponseSchema, ...errorResponses },
      },
    },
    async (request) => {
      requireAllowed(request, canRecordActivities);
      await tx((trx) => deleteElderlyHandling(trx, request.params.id));
      return { id: request.params.id };
    },
  );

  r.get(
    "/api/v1/activities/intent-records",
    {
      schema: {
        tags: TAG,
        summary: "意向把握・確認の記録と、足りない項目（incomplete=true で不足のあるものだけ）",
        querystring: rangeQuery.extend({ incomplete: z.enum(["true", "false"]).optional() }),
        response: { 200: items(intentRecordSchema), ...errorResponses },
      },
    },
    async (request) => {
      requireAllowed(request, canViewActivities);
      return {
        items: await listIntentRecords(db, {
          ...readRange(request.query),
          incompleteOnly: request.query.incomplete === "true",
        }),
      };
    },
  );
  r.post(
    "/api/v1/activities/intent-records",
    {
      schema: {
        tags: TAG,
        summary: "意向把握・確認を記録（不足があっても保存でき、一覧で足りない項目が示されます）",
        body: intentRecordInputSchema,
        response: { 201: idResponseSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      requireAllowed(request, canRecordActivities);
      return reply
        .status(201)
        .send({ id: await tx((trx) => createIntentRecord(trx, request.body, jstToday())) });
    },
  );
  r.patch(
    "/api/v1/activities/intent-records/:id",
    {
      schema: {
        tags: TAG,
        summary: "意向把握・確認の記録を変更（指定した項目だけ。null で項目を空に）",
        params: pathIdParams("意向把握・確認の記録"),
        body: intentRecordPatchSchema,
        response: { 200: idResponseSchema, ...errorResponses },
      },
    },
    async (request) => {
      requireAllowed(request, canRecordActivities);
      await tx((trx) => updateIntentRecord(trx, request.params.id, request.body, jstToday()));
      return { id: request.params.id };
    },
  );
  r.delete(
    "/api/v1/activities/intent-records/:id",
    {
      schema: {
        tags: TAG,
        summary: "意向把握・確認の記録を削除",
        params: pathIdParams("意向把握・確認の記録"),
        response: { 200: idResponseSchema, ...errorResponses },
      },
    },
    async (request) => {
      requireAllowed(request, canRecordActivities);
      await tx((trx) => deleteIntentRecord(trx, request.params.id));
      return { id: request.params.id };
    },
  );
}

/** The file import of monthly figures: its own scope, where every body arrives as bytes. */
export async function activityImportRoutes(app: FastifyInstance, db: Db): Promise<void> {
  await app.register(async (scope) => {
    acceptFileUploads(scope);
    const r = scope.withTypeProvider<ZodTypeProvider>();
    r.post(
      "/api/v1/activities/business-figures/import",
      {
        bodyLimit: IMPORT_LIMITS.maxBytes,
        schema: {
          tags: TAG,
          summary: "月次の業務実績を CSV・Excel から取り込み（1行でも誤りがあれば何も保存しません）",
          description:
            "ファイルをそのまま本文で送ります（ファイル名は X-File-Name、日本語はパーセントエンコード）。" +
            "見出し: 月・項目（保障相談件数・新規契約件数・早期消滅・失効件数・継続率）・種目・件数（継続率は継続件数）・満期件数。" +
            "dryRun=true は確認だけで何も保存しません。誤りは行ごとに（3行目: …）最大50件返します。",
          querystring: businessFigureImportQuerySchema,
          headers: z.object({ "x-file-name": z.string().optional() }),
          response: { 200: businessFigureImportResultSchema, ...errorResponses },
        },
      },
      async (request) => {
        requireAllowed(request, canRecordActivities);
        // as the other imports take their file: raw or multipart (a multipart body was read as the CSV itself,
        // answering 「見出しに「月」の列がありません」), JSON refused with what to send instead
        const file = uploadedFile(
          request.body,
          request.headers["content-type"] ?? "",
          fileNameOf(request.headers["x-file-name"]),
        );
        const name = file.fileName || "figures.csv";
        const dryRun = request.query.dryRun === "true";
        return db
          .transaction()
          .execute((trx) => importBusinessFigures(trx, file.data, name, jstToday(), { dryRun }));
      },
    );
  });
}
