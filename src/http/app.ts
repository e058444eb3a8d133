/** Builds the Fastify application: cookies, OpenAPI, authentication, every feature's routes and the web UI. */
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import fastifyCookie from "@fastify/cookie";
import fastifyStatic from "@fastify/static";
import fastifySwagger from "@fastify/swagger";
import Fastify, { type FastifyInstance, type FastifyServerOptions } from "fastify";
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db, Dialect } from "../db/database.js";
import { registerAccessPolicies } from "./access-guard.js";
import { registerAuthentication, type TokenAuthenticator } from "./authentication.js";
import { errorHandler, frameworkErrorHandler, notFoundHandler } from "./error-handler.js";
import "./request-context.js";
import type { RetrainJobOptions } from "../features/classifier/retrain-job.js";
import { authenticateApiToken } from "../features/tokens/api-tokens.js";
import { EarlyRefusals, serverWithEarlyRefusals } from "./early-refusals.js";
import { featureRoutes } from "./feature-routes.js";
import { registerSecurityHeaders, securityHeaders } from "./security-headers.js";

// Validation messages from zod in Japanese, for every field without a message of its own.
z.config(z.locales.ja());

export interface AppOptions {
  db: Db;
  dialect: Dialect;
  logger?: FastifyServerOptions["logger"];
  secureCookie?: boolean;
  /** where the built web UI lives; defaults to dist/web next to this package */
  webDir?: string;
  /** how a Bearer token becomes a request's identity; defaults to the API tokens admins issue */
  tokenAuthenticator?: TokenAuthenticator;
  /**
   * Proxies whose X-Forwarded-* headers are believed (KOE_TRUST_PROXY). Default none: otherwise any client could
   * name its own address and escape the per-address limits, and the audit log would record the forged one.
   */
  trustProxy?: string[] | false;
  /** the clock (milliseconds) of the login throttle and the sessions' timeouts; tests pass one they can move */
  clock?: () => number;
  /** how long a flood's refusals answered before Fastify wait (early-refusals.ts); default REFUSAL_PAUSE_MS */
  refusalPauseMs?: number;
  /** how the classifier's retraining jobs train; defaults to the built-in corpus in a worker thread */
  classifierRetrain?: RetrainJobOptions;
}

const here = dirname(fileURLToPath(import.meta.url));
export const DEFAULT_WEB_DIR = join(here, "..", "..", "dist", "web");

/** Logs requests without query strings or bodies: searches and forms carry personal data. */
export const requestLogSerializers = {
  req(req: { method: string; url: string; ip?: string }) {
    return { method: req.method, url: req.url.split("?")[0] };
  },
};

export async function buildApp(opts: AppOptions): Promise<FastifyInstance> {
  const trustProxy = opts.trustProxy && opts.trustProxy.length > 0 ? opts.trustProxy : false;
  // A flood's refusals are answered by the HTTP server itself, before Fastify (early-refusals.ts).
  const earlyRefusals = new EarlyRefusals(trustProxy, opts.refusalPauseMs);
  earlyRefusals.setFixedHeaders({
    ...securityHeaders({ secureCookie: opts.secureCookie ?? false }),
    "cache-control": "no-store",
  });
  const app = Fastify({
    logger: opts.logger ?? false,
    trustProxy,
    bodyLimit: 2 * 1024 * 1024,
    frameworkErrors: frameworkErrorHandler,
    serverFactory: serverWithEarlyRefusals(earlyRefusals),
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  // API answers carry customers' names and contacts: no browser cache (a shared PC) or proxy may keep them.
  // Added before any route or plugin, so every encapsulated route set inherits it; errors pass through onSend too.
  app.addHook("onSend", async (request, reply) => {
    if (request.url.startsWith("/api/")) reply.header("cache-control", "no-store");
  });
  registerSecurityHeaders(app, { secureCookie: opts.secureCookie ?? false });

  await app.register(fastifyCookie);
  await app.register(fastifySwagger, {
    openapi: {
      openapi: "3.0.3",
      info: {
        title: "koe API",
        description:
          "koe（声）: お客さまの声の登録・対応・分析のための API。エラーは常に {error: {code, message, fields}} の形です。",
        version: "1.0.0",
      },
      components: {
        securitySchemes: {
          session: { type: "apiKey", in: "cookie", name: "koe_session" },
          bearer: { type: "http", scheme: "bearer" },
        },
      },
    },
    transform: jsonSchemaTransform,
  });
  registerAuthentication(app, opts.db, {
    tokenAuthenticator: opts.tokenAuthenticator ?? authenticateApiToken,
    clock: opts.clock,
  });

  app.get("/healthz", { schema: { hide: true } }, async (_request, reply) => {
    try {
      await opts.db.selectFrom("settings").select("key").limit(1).execute();
      return { status: "ok", database: opts.dialect };
    } catch {
      return reply.status(503).send({ status: "error", database: opts.dialect });
    }
  });
  // Before any feature's routes: each is checked for a declared access policy as it registers.
  registerAccessPolicies(app);
  const context = {
    secureCookie: opts.secureCookie ?? false,
    clock: opts.clock,
    classifierRetrain: opts.classifierRetrain,
    earlyRefusals,
  };
  for (const routes of featureRoutes) await routes(app, opts.db, context);
  app.get("/api/openapi.json", { schema: { hide: true } }, async () => app.swagger());

  const webDir = opts.webDir ?? DEFAULT_WEB_DIR;
  if (existsSync(join(webDir, "index.html"))) {
    await app.register(fastifyStatic, { root: webDir, prefix: "/", wildcard: false, index: ["index.html"] });
    // The UI routes on the client: any non-API page gets index.html.
    app.setNotFoundHandler((request, reply) => {
      // Client routes get index.html; a missing asset (e.g. after a rebuild) is a real 404, not HTML.
      if (request.method === "GET" && !request.url.startsWith("/api/") && !request.url.startsWith("/assets/"))
        return reply.sendFile("index.html");
      return notFoundHandler(request, reply);
    });
  } else {
    app.setNotFoundHandler((request, reply) => {
      if (request.method === "GET" && request.url === "/") {
        return reply
          .type("text/plain; charset=utf-8")
          .send(
            "画面が見つかりません。`npm run build` で web UI をビルドしてください。API は /api/v1 で動いています。",
          );
      }
      return notFoundHandler(request, reply);
    });
  }
  return app;
}
