/** What the authentication hook attaches to a request (the type lives with the services that resolve it). */
import type { RequestAuth } from "../services/auth-types.js";

export type { RequestAuth, RequestUser } from "../services/auth-types.js";

declare module "fastify" {
  interface FastifyRequest {
    auth: RequestAuth | null;
  }
}
