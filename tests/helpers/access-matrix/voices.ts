/** The access matrix's calls to voices: register, edit, act on, merge, similar voices. */
import type { RouteKey } from "../../../src/shared/api-routes.js";
import { CUSTOMERS, type Fixture, OWN, voiceBody } from "./world.js";

export const voiceFixtures = {
  "GET /api/v1/voices": () => ({ url: "/api/v1/voices?limit=100" }),
  "POST /api/v1/voices": () => ({ url: "/api/v1/voices", body: voiceBody(OWN) }),
  "GET /api/v1/voices/:id": (w) => ({ url: `/api/v1/voices/${w.voice}` }),
  "PATCH /api/v1/voices/:id": async (w) => {
    const v = await w.freshVoice();
    return {
      url: `/api/v1/voices/${v.id}`,
      body: {
        version: v.version,
        remedySought: "書類の到着を確認してほしい",
        customer: { ...CUSTOMERS[OWN], contactConsent: true },
      },
    };
  },
  "POST /api/v1/voices/:id/actions": (w) => ({
    url: `/api/v1/voices/${w.voice}/actions`,
    body: { action: "comment", body: "書類の受付状況を支払部に確認中です。" },
  }),
  "POST /api/v1/voices/:id/insurer-report": async (w) => {
    const v = await w.freshVoice();
    return {
      url: `/api/v1/voices/${v.id}/insurer-report`,
      body: { insurer: "全国共済連", reportedAt: "2026/11/17 15:00" },
    };
  },
  "POST /api/v1/voices/:id/merge": async (w) => {
    const duplicate = await w.freshVoice();
    const survivor = await w.freshVoice();
    return { url: `/api/v1/voices/${duplicate.id}/merge`, body: { intoId: survivor.id } };
  },
  "POST /api/v1/voices/similar": () => ({
    url: "/api/v1/voices/similar",
    body: { text: "請求書類を送ったのに連絡がありません" },
  }),
  "GET /api/v1/voices/:id/similar": (w) => ({ url: `/api/v1/voices/${w.voice}/similar` }),
  "GET /api/v1/voices/:id/improvements": (w) => ({ url: `/api/v1/voices/${w.voice}/improvements` }),
} satisfies Partial<Record<RouteKey, Fixture>>;
