/**
 * The route table of the API with each route's zod schemas (body, querystring, params), read from the same list
 * of route sets buildApp registers (src/http/feature-routes.ts): property tests and checks walk every route
 * without a hand-kept list, so a new route is covered the day it is added.
 */
import Fastify from "fastify";
import { serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import type { z } from "zod";
import type { Db } from "../../src/db/database.js";
import { featureRoutes } from "../../src/http/feature-routes.js";

export interface RouteSchemas {
  body?: z.ZodType;
  querystring?: z.ZodType;
  params?: z.ZodType;
}

export interface ApiRoute {
  method: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  url: string;
  /** "POST /api/v1/voices" */
  key: string;
  schema: RouteSchemas;
}

const isZod = (v: unknown): v is z.ZodType =>
  typeof v === "object" && v !== null && "_zod" in (v as Record<string, unknown>);

/** Every /api/v1 route (HEAD routes Fastify adds for GET left out), sorted by path then method. */
export async function apiRouteTable(db: Db): Promise<ApiRoute[]> {
  const app = Fastify({ logger: false });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const routes: ApiRoute[] = [];
  app.addHook("onRoute", (route) => {
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    const schema = (route.schema ?? {}) as Record<string, unknown>;
    for (const method of methods) {
      if (method === "HEAD" || !route.url.startsWith("/api/v1/")) continue;
      routes.push({
        method: method as ApiRoute["method"],
        url: route.url,
        key: `${method} ${route.url}`,
        schema: {
          ...(isZod(schema.body) ? { body: schema.body } : {}),
          ...(isZod(schema.querystring) ? { querystring: schema.querystring } : {}),
          ...(isZod(schema.params) ? { params: schema.params } : {}),
        },
      });
    }
  });
  for (const register of featureRoutes) await register(app, db, { secureCookie: false });
  await app.ready();
  await app.close();
  return routes.sort((a, b) => a.url.localeCompare(b.url) || a.method.localeCompare(b.method));
}

/** The routes that take a file as their body (the imports): driven by the file suites, not by JSON bodies. */
export const FILE_ROUTES = new Set([
  "POST /api/v1/imports",
  "POST /api/v1/surveys/:id/answers/import",
  "POST /api/v1/activities/business-figures/import",
]);
