/** The optional route sets and authenticators wired into the running server (one list, used by serve and tests). */
import type { FastifyInstance } from "fastify";
import type { Db } from "../db/database.js";
import type { TokenAuthenticator } from "./authentication.js";

export const appPlugins: ((app: FastifyInstance, db: Db) => void | Promise<void>)[] = [];

export const tokenAuthenticator: TokenAuthenticator | undefined = undefined;
