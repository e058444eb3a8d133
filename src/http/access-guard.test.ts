import Fastify from "fastify";
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from "fastify-type-provider-zod";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import type { RequestAuth } from "../services/auth-types.js";
import { registerAccessPolicies } from "./access-guard.js";
import { errorHandler } from "./error-handler.js";

/** A bare app with the guard, where a header names the caller's role (the real app reads the session). */
function bareApp() {
  const app = Fastify();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.setErrorHandler(errorHandler);
  app.decorateRequest("auth", null);
  app.addHook("onRequest", async (request) => {
    const role = request.headers["x-role"];
    if (typeof role !== "string") return;
    request.auth = {
      user: { id: 7, email: "x@example.jp", name: "試験 太郎", role, departmentId: 1 },
      via: "session",
      csrfToken: null,
      sessionToken: null,
      scopes: null,
    } as RequestAuth;
  });
  registerAccessPolicies(app);
  return app;
}

describe("the access guard", () => {
  it("refuses to register an /api/v1 route without a declared policy, naming it", async () => {
    const app = bareApp();
    expect(() => app.get("/api/v1/undeclared", async () => ({}))).toThrow(
      "GET /api/v1/undeclared のアクセス方針がありません",
    );
    await app.close();
  });

  it("applies the caller rule before the body is validated: 401 for nobody, 403 for a refused role", async () => {
    const app = bareApp();
    let handled = 0;
    // POST /api/v1/users: administrators only (canAdminister)
    app
      .withTypeProvider<ZodTypeProvider>()
      .post("/api/v1/users", { schema: { body: z.object({ email: z.string() }) } }, async () => {
        handled += 1;
        return { ok: true };
      });
    const post = (role: string | null, payload: unknown) =>
      app.inject({
        method: "POST",
        url: "/api/v1/users",
        payload: payload as object,
        headers: role ? { "x-role": role } : {},
      });
    expect((await post(null, { nothing: 1 })).statusCode).toBe(401);
    const refused = await post("staff", { nothing: 1 });
    expect(refused.statusCode).toBe(403);
    expect(refused.json()).toMatchObject({ error: { code: "forbidden" } });
    expect((await post("admin", { nothing: 1 })).statusCode).toBe(400);
    expect((await post("admin", { email: "new@example.jp" })).statusCode).toBe(200);
    expect(handled).toBe(1);
    await app.close();
  });

  it("leaves routes outside /api/v1 alone", async () => {
    const app = bareApp();
    app.get("/healthz", async () => ({ ok: true }));
    expect((await app.inject({ method: "GET", url: "/healthz" })).statusCode).toBe(200);
    await app.close();
  });
});
