/** Label aliases in settings: list them, and replace one label's aliases (admins). */
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Db } from "../../db/database.js";
import { canAdminister } from "../../domain/roles.js";
import { requireUser } from "../../http/authentication.js";
import { requireAllowed } from "../../http/permissions.js";
import { errorResponses } from "../../shared/api-contract.js";
import {
  labelAliasesParams,
  labelAliasesSchema,
  labelAliasListSchema,
  setLabelAliasesInput,
} from "./contract.js";
import { listLabelAliases, setLabelAliases } from "./label-aliases.js";

export function labelAliasRoutes(app: FastifyInstance, db: Db) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    "/api/v1/label-aliases",
    {
      schema: {
        tags: ["settings"],
        summary: "ラベル・部署の別名の一覧（取り込みで他システムの言葉を koe のラベルに対応づけます）",
        response: { 200: labelAliasListSchema, ...errorResponses },
      },
    },
    async (request) => {
      requireUser(request);
      return listLabelAliases(db);
    },
  );
  r.put(
    "/api/v1/label-aliases/:kind/:id",
    {
      schema: {
        tags: ["settings"],
        summary: "ラベル（または部署）の別名をまとめて設定（管理者）",
        description:
          "kind は type・category・channel・product_line・department。aliases の一覧で置き換えます（空の配列で全削除）。" +
          "別名は名称と同じく正規化し（全角・半角、大文字・小文字、空白の違いは同じ言葉）、同じ種類の中で1つのラベルにだけ対応できます。" +
          "空の別名、他のラベルの名称・コード・別名と同じ別名は、項目ごとの日本語のエラーになり、何も保存しません。",
        params: labelAliasesParams,
        body: setLabelAliasesInput,
        response: { 200: labelAliasesSchema, ...errorResponses },
      },
    },
    async (request) => {
      const user = requireAllowed(request, canAdminister);
      const { kind, id } = request.params;
      return db.transaction().execute((trx) => setLabelAliases(trx, user, kind, id, request.body.aliases));
    },
  );
}
