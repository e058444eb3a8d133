/** Administration: users, departments, labels, settings, audit log; plus read-only lists every user needs. */
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../../db/database.js";
import { canAdminister, canChangeOwnAccount } from "../../domain/roles.js";
import { AppError } from "../../errors.js";
import { requireUser } from "../../http/authentication.js";
import { requireAllowed } from "../../http/permissions.js";
import { listAudit, recordAudit } from "../../services/audit.js";
import {
  departmentListSchema,
  departmentSchema,
  errorResponses,
  labelSchema,
  noContentSchema,
  pathIdParams,
  TAXONOMY_KINDS,
  taxonomySchema,
} from "../../shared/api-contract.js";
import { forgetAllWords } from "../text/word-index.js";
import {
  adminUserListSchema,
  adminUserSchema,
  auditPageSchema,
  auditQuery,
  createUserInput,
  labelCreateInput,
  labelUpdateInput,
  settingsInput,
  settingsSchema,
  updateUserInput,
  userOptionListSchema,
} from "./contract.js";
import { endAllSessions } from "./sessions.js";
import { changedSettingNames, getSettings, updateSettings } from "./settings.js";
import { createDepartment, createLabel, loadTaxonomy, updateDepartment, updateLabel } from "./taxonomy.js";
import { resetTwoFactor } from "./two-factor.js";
import { createUser, getUser, listUserOptions, listUsers, updateUser } from "./users.js";

export function adminRoutes(app: FastifyInstance, db: Db) {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get(
    "/api/v1/taxonomy",
    {
      schema: {
        tags: ["settings"],
        summary: "種別・分類・チャネル・商品・部署",
        response: { 200: taxonomySchema, ...errorResponses },
      },
    },
    async (request) => {
      requireUser(request);
      return loadTaxonomy(db);
    },
  );
  r.post(
    "/api/v1/taxonomy/:kind",
    {
      schema: {
        tags: ["settings"],
        params: z.object({ kind: z.enum(TAXONOMY_KINDS) }),
        body: labelCreateInput,
        response: { 201: labelSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      requireAllowed(request, canAdminister);
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
        body: labelUpdateInput,
        response: { 200: labelSchema, ...errorResponses },
      },
    },
    async (request) => {
      requireAllowed(request, canAdminister);
      return updateLabel(db, request.params.kind, request.params.id, request.body);
    },
  );

  r.get(
    "/api/v1/departments",
    { schema: { tags: ["settings"], response: { 200: departmentListSchema, ...errorResponses } } },
    async (request) => {
      requireUser(request);
      return { items: (await loadTaxonomy(db)).departments };
    },
  );
  r.post(
    "/api/v1/departments",
    {
      schema: {
        tags: ["settings"],
        body: labelCreateInput,
        response: { 201: departmentSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      requireAllowed(request, canAdminister);
      return reply.status(201).send(await createDepartment(db, request.body));
    },
  );
  r.patch(
    "/api/v1/departments/:id",
    {
      schema: {
        tags: ["settings"],
        params: pathIdParams("部署"),
        body: labelUpdateInput,
        response: { 200: departmentSchema, ...errorResponses },
      },
    },
    async (request) => {
      requireAllowed(request, canAdminister);
      return updateDepartment(db, request.params.id, request.body);
    },
  );

  r.get(
    "/api/v1/users/options",
    {
      schema: {
        tags: ["users"],
        summary: "担当者の選択肢",
        response: { 200: userOptionListSchema, ...errorResponses },
      },
    },
    async (request) => {
      requireUser(request);
      return { items: await listUserOptions(db) };
    },
  );
  r.get(
    "/api/v1/users",
    { schema: { tags: ["users"], response: { 200: adminUserListSchema, ...errorResponses } } },
    async (request) => {
      requireAllowed(request, canAdminister);
      return { items: await listUsers(db) };
    },
  );
  r.post(
    "/api/v1/users",
    {
      schema: {
        tags: ["users"],
        body: createUserInput,
        response: { 201: adminUserSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const admin = requireAllowed(request, canAdminister);
      return reply.status(201).send(await createUser(db, request.body, { actor: admin, ip: request.ip }));
    },
  );
  r.patch(
    "/api/v1/users/:id",
    {
      schema: {
        tags: ["users"],
        params: pathIdParams("ユーザー"),
        body: updateUserInput,
        response: { 200: adminUserSchema, ...errorResponses },
      },
    },
    async (request) => {
      const admin = requireAllowed(request, canAdminister);
      if (!canChangeOwnAccount(admin, request.params.id, request.body)) {
        throw new AppError("conflict", "自分自身の管理者権限は外せません");
      }
      return updateUser(db, request.params.id, request.body, { actor: admin, ip: request.ip });
    },
  );
  r.delete(
    "/api/v1/users/:id/sessions",
    {
      schema: {
        tags: ["users"],
        summary: "ユーザーをすべての端末からログアウトさせる",
        params: pathIdParams("ユーザー"),
        response: { 204: noContentSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const admin = requireAllowed(request, canAdminister);
      const target = await getUser(db, request.params.id);
      const ended = await endAllSessions(db, target.id);
      await recordAudit(db, {
        userId: admin.id,
        action: "logout_everywhere",
        detail: `対象: ${target.name}（${ended}件のセッション）`,
        ip: request.ip,
      });
      return reply.status(204).send(null);
    },
  );
  r.delete(
    "/api/v1/users/:id/two-factor",
    {
      schema: {
        tags: ["users"],
        summary: "ユーザーの二段階認証を解除する（端末と回復コードをなくしたとき）",
        params: pathIdParams("ユーザー"),
        response: { 204: noContentSchema, ...errorResponses },
      },
    },
    async (request, reply) => {
      const admin = requireAllowed(request, canAdminister);
      const target = await getUser(db, request.params.id);
      await resetTwoFactor(db, admin, target, request.ip);
      return reply.status(204).send(null);
    },
  );

  r.get(
    "/api/v1/settings",
    { schema: { tags: ["settings"], response: { 200: settingsSchema, ...errorResponses } } },
    async (request) => {
      requireUser(request);
      return getSettings(db);
    },
  );
  r.put(
    "/api/v1/settings",
    {
      schema: {
        tags: ["settings"],
        body: settingsInput,
        response: { 200: settingsSchema, ...errorResponses },
      },
    },
    async (request) => {
      const admin = requireAllowed(request, canAdminister);
      const before = await getSettings(db);
      const after = await db.transaction().execute(async (trx) => {
        const next = await updateSettings(trx, request.body);
        const changed = changedSettingNames(before, next);
        if (changed.length > 0)
          await recordAudit(trx, {
            userId: admin.id,
            action: "settings_changed",
            detail: changed.join("、"),
            ip: request.ip,
          });
        return next;
      });
      if (before.userDictionary.join("\n") !== after.userDictionary.join("\n")) await forgetAllWords(db);
      return after;
    },
  );

  r.get(
    "/api/v1/audit",
    {
      schema: {
        tags: ["audit"],
        summary: "監査ログ（個人情報の閲覧・出力、ログイン、権限と設定の変更の記録）",
        querystring: auditQuery,
        response: { 200: auditPageSchema, ...errorResponses },
      },
    },
    async (request) => {
      requireAllowed(request, canAdminister);
      const { page = 1, limit = 50, voiceId } = request.query;
      return listAudit(db, { page, limit, voiceId });
    },
  );
}
