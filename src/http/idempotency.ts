/**
 * Idempotency-Key for POST /api/v1/voices (hooks around the voice route): a retried request with the same
 * key, from the same user or token, answers the voice the first request created instead of creating another.
 */
import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Db } from "../db/database.js";
import { AppError } from "../errors.js";
import { getVoice } from "../features/voices/get-voice.js";
import {
  completeIdempotencyKey,
  releaseIdempotencyKey,
  reserveIdempotencyKey,
} from "../features/voices/idempotency-keys.js";

const ROUTE = "/api/v1/voices";
const KEY_RE = /^[\x21-\x7e]{1,200}$/;

export function registerIdempotency(app: FastifyInstance, db: Db): void {
  const reservations = new WeakMap<FastifyRequest, number>();

  app.addHook("preHandler", async (request, reply) => {
    if (request.method !== "POST" || request.routeOptions.url !== ROUTE) return;
    const header = request.headers["idempotency-key"];
    if (header === undefined || !request.auth) return;
    const key = Array.isArray(header) ? header[0] : header;
    if (!key || !KEY_RE.test(key)) {
      throw new AppError(
        "invalid_input",
        "Idempotency-Key は 1〜200 文字の半角英数字・記号で指定してください",
        {
          "Idempotency-Key": "形式が正しくありません",
        },
      );
    }
    const user = request.auth.user;
    const r = await reserveIdempotencyKey(db, user.id, key);
    if (r.kind === "done") {
      const voice = await getVoice(db, user, r.voiceId, { ip: request.ip });
      return reply.status(201).header("idempotent-replayed", "true").send(voice);
    }
    if (r.kind === "in_flight") {
      throw new AppError(
        "conflict",
        "同じ Idempotency-Key の要求を処理しています。しばらく待ってから再度お試しください",
      );
    }
    reservations.set(request, r.id);
  });

  app.addHook("onSend", async (request, reply, payload) => {
    const id = reservations.get(request);
    if (id === undefined) return payload;
    reservations.delete(request);
    let voiceId: number | null = null;
    if (reply.statusCode === 201 && typeof payload === "string") {
      try {
        const body = JSON.parse(payload) as { id?: unknown };
        if (typeof body.id === "number") voiceId = body.id;
      } catch {
        voiceId = null;
      }
    }
    if (voiceId !== null) await completeIdempotencyKey(db, id, voiceId);
    else await releaseIdempotencyKey(db, id);
    return payload;
  });
}
