/** Admin routes of the search synonyms (search-synonyms.ts). */
import type { FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import type { Db } from "../../db/database.js";
import { canAdminister } from "../../domain/roles.js";
import { requireAllowed } from "../../http/permissions.js";
import { errorResponses } from "../../shared/api-contract.js";
import { synonymsInput, synonymsResponseSchema } from "./contract.js";
import { listSynonyms, saveSynonyms } from "./search-synonyms.js";

export function synonymRoutes(app: FastifyInstance, db: Db) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    "/api/v1/search/synonyms",
    {
      schema: {
        tags: ["text"],
        summary: "検索の同義語と単語の索引の進み具合（管理者）",
        response: { 200: synonymsResponseSchema, ...errorResponses },
      },
    },
    async (request) => {
      requireAllowed(request, canAdminister);
      return listSynonyms(db);
    },
  );
  r.put(
    "/api/v1/search/synonyms",
    {
      schema: {
        tags: ["text"],
        summary: "検索の同義語を保存（すべてのグループを置き換え、管理者）",
        body: synonymsInput,
        response: { 200: synonymsResponseSchema, ...errorResponses },
      },
    },
    async (request) => {
      const user = requireAllowed(request, canAdminister);
      return saveSynonyms(db, user.id, request.body.groups);
    },
  );
}
