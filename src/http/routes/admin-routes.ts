/** Administration: users, departments, labels, settings, audit log; plus read-only lists every user needs. */
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../../db/database.js";
import { AppError } from "../../errors.js";
import { forgetAllWords } from "../../services/analysis/word-index.js";
import { listAudit } from "../../services/audit.js";
import { getSettings, updateSettings } from "../../services/settings.js";
import {
  createDepartment,
  createLabel,
  loadTaxonomy,
  updateDepartment,
  updateLabel,
} from "../../services/taxonomy.js";
import { createUser, listUserOptions, listUsers, updateUser } from "../../services/users.js";
import {
  idInput,
  inputText,
  MAX_ID,
  pathIdParams,
  queryIdInput,
  ROLES,
  TAXONOMY_KINDS,
} from "../../shared/api-contract.js";
import { requireRole, requireUser } from "../authentication.js";

const labelBody = z.object({ code: inputText().trim(), name: inputText().trim() });
const labelPatch = z.object({ name: inputText().trim().optional(), active: z.boolean().optional() });
const deadlineRule = z.object({
  acknowledgeDays: z.number().int().min(0).max(60).nullable(),
  resolveDays: z.number().int().min(0).max(60).nullable(),
});

export function adminRoutes(app: FastifyInstance, db: Db) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    "/api/v1/taxonomy",
    { schema: { tags: ["settings"], summary: "種別・分類・チャネル・商品・部署" } },
    async (request) => {
      requireUser(request);
      return loadTaxonomy(db);
    },
  );
  r.post(
    "/api/v1/taxonomy/:kind",
    { schema: { tags: ["settings"], params: z.object({ kind: z.enum(TAXONOMY_KINDS) }), body: labelBody } },
    async (request, reply) => {
      requireRole(request, ["admin"]);
      return reply.status(201).send(await createLabel(db, request.params.kind, request.body));
    },
  );
  r.patch(
    "/api/v1/taxonomy/:kind/:id",
    {
      schema: {
        tags: ["settings"],
        summary: "ラベルの名称変更・廃止（過去の声は同じラベルのまま読めます）",
        params: pathIdParams("ラベル").extend({ kind: z.enum(TAXONOMY_KINDS) }),
        body: labelPatch,
      },
    },
    async (request) => {
      requireRole(request, ["admin"]);
      return updateLabel(db, request.params.kind, request.params.id, request.body);
    },
  );

  r.get("/api/v1/departments", { schema: { tags: ["settings"] } }, async (request) => {
    requireUser(request);
    return { items: (await loadTaxonomy(db)).departments };
  });
  r.post(
    "/api/v1/departments",
    { schema: { tags: ["settings"], body: labelBody } },
    async (request, reply) => {
      requireRole(request, ["admin"]);
      return reply.status(201).send(await createDepartment(db, request.body));
    },
  );
  r.patch(
    "/api/v1/departments/:id",
    { schema: { tags: ["settings"], params: pathIdParams("部署"), body: labelPatch } },
    async (request) => {
      requireRole(request, ["admin"]);
      return updateDepartment(db, request.params.id, request.body);
    },
  );

  r.get(
    "/api/v1/users/options",
    { schema: { tags: ["users"], summary: "担当者の選択肢" } },
    async (request) => {
      requireUser(request);
      return { items: await listUserOptions(db) };
    },
  );
  r.get("/api/v1/users", { schema: { tags: ["users"] } }, async (request) => {
    requireRole(request, ["admin"]);
    return { items: await listUsers(db) };
  });
  r.post(
    "/api/v1/users",
    {
      schema: {
        tags: ["users"],
        body: z.object({
          email: inputText(),
          name: inputText(),
          role: z.enum(ROLES, { error: `役割は ${ROLES.join(", ")} のいずれかです` }),
          departmentId: idInput(`部署のIDは1〜${MAX_ID}の整数で指定してください`).nullable().optional(),
          password: z.string(),
        }),
      },
    },
    async (request, reply) => {
      requireRole(request, ["admin"]);
      return reply.status(201).send(await createUser(db, request.body));
    },
  );
  r.patch(
    "/api/v1/users/:id",
    {
      schema: {
        tags: ["users"],
        params: pathIdParams("ユーザー"),
        body: z.object({
          name: inputText().optional(),
          role: z.enum(ROLES).optional(),
          departmentId: idInput(`部署のIDは1〜${MAX_ID}の整数で指定してください`).nullable().optional(),
          active: z.boolean().optional(),
          password: z.string().optional(),
        }),
      },
    },
    async (request) => {
      const admin = requireRole(request, ["admin"]);
      if (
        request.params.id === admin.id &&
        (request.body.active === false || (request.body.role && request.body.role !== "admin"))
      ) {
        throw new AppError("conflict", "自分自身の管理者権限は外せません");
      }
      return updateUser(db, request.params.id, request.body);
    },
  );

  r.get("/api/v1/settings", { schema: { tags: ["settings"] } }, async (request) => {
    requireUser(request);
    return getSettings(db);
  });
  r.put(
    "/api/v1/settings",
    {
      schema: {
        tags: ["settings"],
        body: z.object({
          fiscalYearStartMonth: z
            .number()
            .int()
            .min(1, "1〜12で指定してください")
            .max(12, "1〜12で指定してください")
            .optional(),
          deadlineRules: z.record(inputText(), deadlineRule).optional(),
          userDictionary: z
            .array(inputText().max(60))
            .optional()
            .describe("形態素解析で1語として扱う保険・共済の用語（既定の辞書に追加）"),
        }),
      },
    },
    async (request) => {
      requireRole(request, ["admin"]);
      const before = await getSettings(db);
      const after = await updateSettings(db, request.body);
      if (before.userDictionary.join("\n") !== after.userDictionary.join("\n")) await forgetAllWords(db);
      return after;
    },
  );

  r.get(
    "/api/v1/audit",
    {
      schema: {
        tags: ["audit"],
        summary: "監査ログ（個人情報の閲覧・出力の記録）",
        querystring: z.object({
          page: z.coerce.number().int().min(1).optional(),
          limit: z.coerce.number().int().min(1).max(200).optional(),
          voiceId: queryIdInput(`声のIDは1〜${MAX_ID}の整数で指定してください`).optional(),
        }),
      },
    },
    async (request) => {
      requireRole(request, ["admin"]);
      const { page = 1, limit = 50, voiceId } = request.query;
      return listAudit(db, { page, limit, voiceId });
    },
  );
}
