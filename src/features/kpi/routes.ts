/** KPI register routes under /api/v1/kpis. Thin: validate → one use case in a transaction → the declared shape. */
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../../db/database.js";
import { jstToday } from "../../domain/jst.js";
import { canManageKpis, canViewKpis } from "../../domain/roles.js";
import { requireAllowed } from "../../http/permissions.js";
import { errorResponses, pathIdParams } from "../../shared/api-contract.js";
import {
  KPI_TREND_YEARS,
  kpiEntryInputSchema,
  kpiHistorySchema,
  kpiInputSchema,
  kpiPatchSchema,
  kpiRegisterSchema,
  kpiReportingSchema,
  kpiSchema,
  kpiValueSchema,
  themeInputSchema,
  themePatchSchema,
  themeSchema,
} from "./contract.js";
import { kpiHistory } from "./kpi-history.js";
import {
  applyKpiTemplate,
  createKpi,
  createTheme,
  kpiRegister,
  listKpis,
  retireKpi,
  retireTheme,
  saveKpiEntry,
  updateKpi,
  updateTheme,
} from "./kpi-register.js";
import { kpiValue } from "./kpi-value.js";
import { getKpiReporting, reportingPeriod, setKpiReporting } from "./reporting-period.js";

const idParams = pathIdParams("指標");
const themeIdParams = pathIdParams("テーマ");
const retiredBody = z.object({ retired: z.boolean({ error: "retired は true か false です" }) }).strict();
const YEAR_MESSAGE = "年は2000〜2100の整数で指定してください（例: year=2023）";
const yearQuery = z
  .object({
    year: z.coerce
      .number({ error: YEAR_MESSAGE })
      .int(YEAR_MESSAGE)
      .min(2000, YEAR_MESSAGE)
      .max(2100, YEAR_MESSAGE),
  })
  .strict();
const definitionsSchema = z.object({
  themes: z.array(themeSchema),
  kpis: z.array(kpiSchema),
});
const PERIOD_DOC =
  "year は報告期間の年です。設定（GET /api/v1/kpis/settings）が calendar なら1〜12月（2023 → 2023年）、fiscal なら年度（開始月は組織の設定）。" +
  "まだ始まっていない年は 400 です。";

export function kpiRoutes(app: FastifyInstance, db: Db) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    "/api/v1/kpis",
    {
      schema: {
        tags: ["kpis"],
        summary: "KPI の一覧（テーマ別、値・内訳・前年比の文言・根拠の記録つき）",
        description: `${PERIOD_DOC} 廃止した指標も、その年に有効だった期間の値は表示されます。`,
        querystring: yearQuery,
        response: { 200: kpiRegisterSchema, ...errorResponses },
      },
    },
    async (request) => {
      requireAllowed(request, canViewKpis);
      return kpiRegister(db, request.query.year);
    },
  );
  r.get(
    "/api/v1/kpis/definitions",
    {
      schema: {
        tags: ["kpis"],
        summary: "KPI の定義（テーマと指標、廃止済みを含む。廃止したテーマは retiredAt つき）",
        response: { 200: definitionsSchema, ...errorResponses },
      },
    },
    async (request) => {
      requireAllowed(request, canViewKpis);
      return listKpis(db);
    },
  );
  r.get(
    "/api/v1/kpis/settings",
    {
      schema: {
        tags: ["kpis"],
        summary: "KPI の報告期間（暦年・年度）と率の増減の書き方（ポイント・％）",
        response: { 200: kpiReportingSchema, ...errorResponses },
      },
    },
    async (request) => {
      requireAllowed(request, canViewKpis);
      return getKpiReporting(db);
    },
  );
  r.put(
    "/api/v1/kpis/settings",
    {
      schema: {
        tags: ["kpis"],
        summary: "KPI の報告期間と率の増減の書き方を変更（CS部門・管理者）",
        body: kpiReportingSchema,
        response: { 200: kpiReportingSchema, ...errorResponses },
      },
    },
    async (request) => {
      requireAllowed(request, canManageKpis);
      await db.transaction().execute((trx) => setKpiReporting(trx, request.body));
      return getKpiReporting(db);
    },
  );
  r.post(
    "/api/v1/kpis/template",
    {
      schema: {
        tags: ["kpis"],
        summary: "ひな形から5テーマ・13指標を作成（指標が1つもないときだけ）",
        response: { 201: z.object({ created: z.number() }), ...errorResponses },
      },
    },
    async (request, reply) => {
      requireAllowed(request, canManageKpis);
      const created = await db.transaction().execute((trx) => applyKpiTemplate(trx));
      return reply.status(201).send({ created });
    },
  );
  r.post(
    "/api/v1/kpis/themes",
    {
      schema: {
        tags: ["kpis"],
        summary: "テーマ（方針の柱）を追加",
        body: themeInputSchema,
        response: { 201: z.object({ id: z.number() }), ...errorResponses },
      },
    },
    async (request, reply) => {
      requireAllowed(request, canManageKpis);
      const id = await db.transaction().execute((trx) => createTheme(trx, request.body));
      return reply.status(201).send({ id });
    },
  );
  r.patch(
    "/api/v1/kpis/themes/:id",
    {
      schema: {
        tags: ["kpis"],
        summary: "テーマの名前・番号を変更（指標と過去の値・記述はそのまま）",
        params: themeIdParams,
        body: themePatchSchema,
        response: { 200: themeSchema, ...errorResponses },
      },
    },
    async (request) => {
      requireAllowed(request, canManageKpis);
      return db.transaction().execute((trx) => updateTheme(trx, request.params.id, request.body));
    },
  );
  r.post(
    "/api/v1/kpis/themes/:id/retire",
    {
      schema: {
        tags: ["kpis"],
        summary: "テーマを廃止（retired=false で戻す）",
        description:
          "廃止したテーマとその指標は、廃止した年までの一覧と各指標の履歴に残ります。廃止したテーマには指標を追加・移動できません。",
        params: themeIdParams,
        body: retiredBody,
        response: { 200: themeSchema, ...errorResponses },
      },
    },
    async (request) => {
      requireAllowed(request, canManageKpis);
      return db.transaction().execute((trx) => retireTheme(trx, request.params.id, request.body.retired));
    },
  );
  r.post(
    "/api/v1/kpis",
    {
      schema: {
        tags: ["kpis"],
        summary: "指標を追加",
        body: kpiInputSchema,
        response: { 201: kpiSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      requireAllowed(request, canManageKpis);
      const kpi = await db.transaction().execute((trx) => createKpi(trx, request.body));
      return reply.status(201).send(kpi);
    },
  );
  r.patch(
    "/api/v1/kpis/:id",
    {
      schema: {
        tags: ["kpis"],
        summary: "指標を変更",
        params: idParams,
        body: kpiPatchSchema,
        response: { 200: kpiSchema, ...errorResponses },
      },
    },
    async (request) => {
      requireAllowed(request, canManageKpis);
      return db.transaction().execute((trx) => updateKpi(trx, request.params.id, request.body));
    },
  );
  r.post(
    "/api/v1/kpis/:id/retire",
    {
      schema: {
        tags: ["kpis"],
        summary: "指標を廃止（retired=false で戻す）。過去の値と記述は残ります",
        params: idParams,
        body: retiredBody,
        response: { 200: kpiSchema, ...errorResponses },
      },
    },
    async (request) => {
      requireAllowed(request, canManageKpis);
      return db.transaction().execute((trx) => retireKpi(trx, request.params.id, request.body.retired));
    },
  );
  r.get(
    "/api/v1/kpis/:id/value",
    {
      schema: {
        tags: ["kpis"],
        summary: "1つの指標の値（内訳、前年の値と文言、値のもとになった記録）",
        description: PERIOD_DOC,
        params: idParams,
        querystring: yearQuery,
        response: { 200: kpiValueSchema, ...errorResponses },
      },
    },
    async (request) => {
      requireAllowed(request, canViewKpis);
      return kpiValue(db, request.params.id, request.query.year);
    },
  );
  r.get(
    "/api/v1/kpis/:id/history",
    {
      schema: {
        tags: ["kpis"],
        summary: "1つの指標の過去の値と取り組み・評価（新しい年から。廃止した指標も読めます）",
        description: `${PERIOD_DOC} years は遡る年数（1〜10、省略時は5）。`,
        params: idParams,
        querystring: yearQuery.extend({
          years: z.coerce
            .number({ error: "years は1〜10の整数です" })
            .int("years は1〜10の整数です")
            .min(1, "years は1〜10の整数です")
            .max(10, "years は1〜10の整数です")
            .optional(),
        }),
        response: { 200: kpiHistorySchema, ...errorResponses },
      },
    },
    async (request) => {
      requireAllowed(request, canViewKpis);
      return kpiHistory(db, request.params.id, request.query.year, request.query.years ?? KPI_TREND_YEARS);
    },
  );
  r.put(
    "/api/v1/kpis/:id/entries",
    {
      schema: {
        tags: ["kpis"],
        summary: "その年の手入力の値（根拠つき）・内訳・取り組みと評価の記述を保存",
        description: `${PERIOD_DOC} 値を手入力できるのは「手入力」の指標だけです。率は0〜100。`,
        params: idParams,
        querystring: yearQuery,
        body: kpiEntryInputSchema,
        response: { 200: kpiValueSchema, ...errorResponses },
      },
    },
    async (request) => {
      const user = requireAllowed(request, canManageKpis);
      const today = jstToday();
      const period = await reportingPeriod(db, request.query.year);
      await db
        .transaction()
        .execute((trx) => saveKpiEntry(trx, request.params.id, period, request.body, user.id, today));
      return kpiValue(db, request.params.id, request.query.year);
    },
  );
}
