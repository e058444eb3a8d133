/**
 * Applies src/http/access-policy.ts to every /api route as it is registered: a route without a declared policy
 * stops the app from starting (so no route ships without one), and the policy's caller rule runs before the
 * body is validated — a caller who may not use the route learns nothing about its input (401 or 403 first).
 * The routes keep their own checks; the record rules stay in the use cases, which alone know the record.
 */
import type { FastifyInstance, FastifyRequest, RouteOptions } from "fastify";
import { forbidden } from "../errors.js";
import { type AccessPolicy, accessPolicyOf } from "./access-policy.js";
import { requireUser } from "./authentication.js";

function guard(policy: AccessPolicy) {
  const { caller } = policy;
  return async (request: FastifyRequest) => {
    if (caller === "public") return;
    const user = requireUser(request);
    if (caller !== "signed-in" && !caller(user)) throw forbidden(policy.refusal);
  };
}

export function registerAccessPolicies(app: FastifyInstance): void {
  app.addHook("onRoute", (route: RouteOptions) => {
    if (!route.url.startsWith("/api/v1/")) return;
    const methods = Array.isArray(route.method) ? route.method : [route.method];
    for (const method of methods) {
      // Fastify answers HEAD with the GET route's handler: the GET route's policy holds.
      const key = `${method === "HEAD" ? "GET" : method} ${route.url}`;
      const policy = accessPolicyOf(key);
      if (!policy) {
        throw new Error(
          `${key} のアクセス方針がありません。src/http/access-policy.ts に、誰が呼べるか（caller）と部署の規則を宣言してください`,
        );
      }
      const existing = route.preValidation ?? [];
      route.preValidation = [...(Array.isArray(existing) ? existing : [existing]), guard(policy)];
    }
  });
}
