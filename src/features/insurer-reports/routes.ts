/** Insurer report routes: the rule (admins), recording a report, the list of reports due and overdue. */
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Db } from "../../db/database.js";
import { canAdminister } from "../../domain/roles.js";
import { requireScope, requireUser } from "../../http/authentication.js";
import { requireAllowed } from "../../http/permissions.js";
import { errorResponses, pathIdParams, voiceDetailSchema } from "../../shared/api-contract.js";
import { getVoice } from "../voices/get-voice.js";
import {
  insurerReportListQuery,
  insurerReportListSchema,
  insurerReportRuleInput,
  insurerReportRuleSchema,
  recordInsurerReportInput,
} from "./contract.js";
import { listInsurerReports } from "./list-reports.js";
import { recordInsurerReport } from "./record-report.js";
import { getInsurerReportRule, saveInsurerReportRule } from "./rule-settings.js";

export function insurerReportRoutes(app: FastifyInstance, db: Db) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    "/api/v1/insurer-reports",
    {
      schema: {
        tags: ["insurer-reports"],
        summary: "保険会社への報告が必要で未報告の声（期限超過を先に）",
        description:
          "設定（報告が必要な種別・商品、受付から何営業日以内）により報告が必要で、まだ報告日の記録がない声。" +
          "state=overdue で期限を過ぎたものだけ。担当者・責任者は所属部署の声だけを見られます。",
        querystring: insurerReportListQuery,
        response: { 200: insurerReportListSchema, ...errorResponses },
      },
    },
    async (request) => {
      const user = requireUser(request);
      requireScope(request, "voices:read");
      return listInsurerReports(db, user, { state: request.query.state ?? "pending", now: new Date() });
    },
  );
  r.post(
    "/api/v1/voices/:id/insurer-report",
    {
      schema: {
        tags: ["insurer-reports"],
        summary: "保険会社へ報告した日時と、保険会社からの回答を記録",
        description:
          "完了した声にも記録できます（回答は後から届くため）。報告が必要な苦情は、報告日時を記録するまで完了できません。",
        params: pathIdParams("声"),
        body: recordInsurerReportInput,
        response: { 200: voiceDetailSchema, ...errorResponses },
      },
    },
    async (request) => {
      const user = requireUser(request);
      requireScope(request, "voices:write");
      await db
        .transaction()
        .execute((trx) => recordInsurerReport(trx, user, request.params.id, request.body));
      return getVoice(db, user, request.params.id, { ip: request.ip });
    },
  );
  r.get(
    "/api/v1/settings/insurer-reports",
    {
      schema: {
        tags: ["settings"],
        summary: "保険会社への報告の設定",
        response: { 200: insurerReportRuleSchema, ...errorResponses },
      },
    },
    async (request) => {
      requireUser(request);
      return getInsurerReportRule(db);
    },
  );
  r.put(
    "/api/v1/settings/insurer-reports",
    {
      schema: {
        tags: ["settings"],
        summary: "保険会社への報告の設定を変更（管理者）",
        body: insurerReportRuleInput,
        response: { 200: insurerReportRuleSchema, ...errorResponses },
      },
    },
    async (request) => {
      requireAllowed(request, canAdminister);
      return db.transaction().execute((trx) => saveInsurerReportRule(trx, request.body));
    },
  );
}
