/**
 * Request and response shapes of API tokens (for systems that register or read voices). Shared by the server
 * (validation, OpenAPI) and the web UI; browser-safe: imports only src/shared and src/domain.
 */
import { z } from "zod";
import { inputText } from "../../shared/api-contract.js";
import { API_SCOPES } from "../../shared/constants.js";

export const createApiTokenInput = z.object({
  name: inputText({ error: "名前を入力してください" })
    .trim()
    .min(1, "名前を入力してください")
    .max(100, "名前は100文字以内で入力してください")
    .meta({ example: "基幹システム連携" }),
  scopes: z
    .array(z.enum(API_SCOPES, { error: "権限は voices:read か voices:write です" }))
    .min(1, "権限を1つ以上選んでください")
    .meta({ example: ["voices:write"] }),
});
export type CreateApiTokenInput = z.infer<typeof createApiTokenInput>;

export const apiTokenInfoSchema = z
  .object({
    id: z.int(),
    name: z.string(),
    /** the first characters of the token, to recognize it */
    prefix: z.string().describe("トークンの先頭（見分けるため）"),
    scopes: z.array(z.enum(API_SCOPES)),
    createdAt: z.string(),
    createdBy: z.object({ id: z.int(), name: z.string() }).nullable(),
    lastUsedAt: z.string().nullable(),
    revokedAt: z.string().nullable(),
  })
  .describe("API トークン（本体は含みません）");
export type ApiTokenInfo = z.infer<typeof apiTokenInfoSchema>;
export const apiTokenListSchema = z
  .object({ items: z.array(apiTokenInfoSchema) })
  .describe("API トークンの一覧（新しい順）");
export type ApiTokenList = z.infer<typeof apiTokenListSchema>;

export const createdApiTokenSchema = apiTokenInfoSchema
  .extend({
    /** the secret, shown this once; only its hash is stored */
    token: z.string().describe("トークン本体（この応答でだけ表示されます）"),
  })
  .meta({
    description: "作成した API トークン（token はこの応答でだけ表示されます）",
    example: {
      id: 1,
      name: "基幹システム連携",
      prefix: "koe_Ab3dE9",
      scopes: ["voices:write"],
      createdAt: "2026-11-23T01:30:00.000Z",
      createdBy: { id: 1, name: "管理者" },
      lastUsedAt: null,
      revokedAt: null,
      token: "koe_Ab3dE9...（43文字）",
    },
  });
export type CreatedApiToken = z.infer<typeof createdApiTokenSchema>;

// This area's routes in the typed client's map (src/shared/api-routes.ts).
declare module "../../shared/api-routes.js" {
  interface ApiRoutes {
    "GET /api/v1/tokens": { response: ApiTokenList };
    "POST /api/v1/tokens": { body: CreateApiTokenInput; response: CreatedApiToken };
    "DELETE /api/v1/tokens/:id": { response: ApiTokenInfo };
  }
}
