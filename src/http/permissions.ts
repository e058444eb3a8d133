// Route guards that ask src/domain/roles.ts: routes name the rule (canAdminister, canImport…), never a role list.
import type { FastifyRequest } from "fastify";
import type { Actor } from "../domain/roles.js";
import { AppError } from "../errors.js";
import { requireUser } from "./authentication.js";

/** The signed-in user if the rule allows them, else 403 (401 when nobody is signed in). */
export function requireAllowed(request: FastifyRequest, allowed: (actor: Actor) => boolean) {
  const user = requireUser(request);
  if (!allowed(user)) throw new AppError("forbidden", "この操作を行う権限がありません");
  return user;
}
