/** What the authentication hook attaches to a request. */
import type { Actor } from "../domain/voice-workflow.js";
import type { SessionUser } from "../shared/api-contract.js";

export type RequestUser = SessionUser & Actor;

export interface RequestAuth {
  user: RequestUser;
  /** how the caller proved who they are: a browser session cookie, or an API token */
  via: "session" | "token";
  csrfToken: string | null;
  sessionToken: string | null;
  scopes: string[] | null;
}

declare module "fastify" {
  interface FastifyRequest {
    auth: RequestAuth | null;
  }
}
