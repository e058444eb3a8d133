/**
 * Who is calling: what a session cookie or an API token resolves to. The services that resolve them (sessions,
 * API tokens) and the HTTP layer that attaches it to the request (request.auth) share this type.
 */
import type { Actor } from "../domain/voice-workflow.js";
import type { SessionUser } from "../features/users-and-settings/contract.js";

export type RequestUser = SessionUser & Actor;

export interface RequestAuth {
  user: RequestUser;
  /** how the caller proved who they are: a browser session cookie, or an API token */
  via: "session" | "token";
  csrfToken: string | null;
  sessionToken: string | null;
  scopes: string[] | null;
}
