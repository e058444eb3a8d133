/**
 * APPI requests (保有個人データの開示・訂正・利用停止・消去), admins only: look a member up, handle a request, get
 * the disclosure file, list the requests handled. Every lookup shows personal data unmasked, so each is audited.
 */
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../../db/database.js";
import { maskedLookup } from "../../domain/personal-data-request.js";
import { canHandlePersonalDataRequests } from "../../domain/roles.js";
import { requireAllowed } from "../../http/permissions.js";
import { recordAudit } from "../../services/audit.js";
import { nowIso } from "../../services/clock.js";
import { errorResponses } from "../../shared/api-contract.js";
import {
  customerLookupInput,
  customerRecordsSchema,
  personalDataRequestInput,
  personalDataRequestListSchema,
  personalDataRequestSchema,
} from "./contract.js";
import { disclosureXlsx } from "./disclosure-file.js";
import { findCustomerRecords } from "./find-customer-records.js";
import { checkedLookup, handlePersonalDataRequest } from "./handle-request.js";
import { getPersonalDataRequest, listPersonalDataRequests } from "./list-requests.js";

const TAGS = ["personal-data-requests"];
const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export function personalDataRequestRoutes(app: FastifyInstance, db: Db) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post(
    "/api/v1/personal-data-requests/lookup",
    {
      schema: {
        tags: TAGS,
        summary: "会員番号・電話番号・メールアドレスで、お客さまの記録（声・アンケート回答）を探す",
        description: "個人情報をマスクせずに返すため、管理者だけが使え、毎回監査ログに残ります。",
        body: customerLookupInput,
        response: { 200: customerRecordsSchema, ...errorResponses },
      },
    },
    async (request) => {
      const user = requireAllowed(request, canHandlePersonalDataRequests);
      const lookup = checkedLookup(request.body);
      const records = await findCustomerRecords(db, lookup);
      await recordAudit(db, {
        userId: user.id,
        action: "customer_viewed",
        detail: `保有個人データの検索（${maskedLookup(lookup)}、記録 ${records.customers.length + records.answers.length} 件）`,
        ip: request.ip,
      });
      return records;
    },
  );
  r.get(
    "/api/v1/personal-data-requests",
    {
      schema: {
        tags: TAGS,
        summary: "対応した開示・訂正・利用停止・消去の請求（新しい順）",
        response: { 200: personalDataRequestListSchema, ...errorResponses },
      },
    },
    async (request) => {
      requireAllowed(request, canHandlePersonalDataRequests);
      return { items: await listPersonalDataRequests(db) };
    },
  );
  r.post(
    "/api/v1/personal-data-requests",
    {
      schema: {
        tags: TAGS,
        summary: "請求に対応する（開示・訂正・利用停止・消去）",
        description:
          "消去: 氏名・フリガナ・会員番号・電話番号・メールアドレス・住所を消し、声の本文と対応記録からもそれらを取り除きます。" +
          "声の件数・種別・分類・本文（統計用）と、都道府県・年代・性別は残ります。請求の記録には検索に使った値をマスクして残します。",
        body: personalDataRequestInput,
        response: { 201: personalDataRequestSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = requireAllowed(request, canHandlePersonalDataRequests);
      const { id } = await db
        .transaction()
        .execute((trx) => handlePersonalDataRequest(trx, user, request.body, nowIso()));
      return reply.status(201).send(await getPersonalDataRequest(db, id));
    },
  );
  r.post(
    "/api/v1/personal-data-requests/disclosure-file",
    {
      schema: {
        tags: TAGS,
        summary: "開示の請求に対応し、開示用のファイル（Excel）を受け取る",
        body: personalDataRequestInput.omit({ kind: true, correction: true }),
        response: {
          200: {
            description: "保有個人データの一覧（お客さま情報・お客さまの声・アンケート回答の3シート）",
            content: { [XLSX_TYPE]: { schema: z.unknown().meta({ type: "string", format: "binary" }) } },
          },
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const user = requireAllowed(request, canHandlePersonalDataRequests);
      const file = await db.transaction().execute(async (trx) => {
        const { records } = await handlePersonalDataRequest(
          trx,
          user,
          { ...request.body, kind: "disclosure" },
          nowIso(),
        );
        return disclosureXlsx(trx, records);
      });
      const name = "保有個人データの開示.xlsx";
      return reply
        .header(
          "content-disposition",
          `attachment; filename="disclosure.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`,
        )
        .type(XLSX_TYPE)
        .send(file);
    },
  );
}
