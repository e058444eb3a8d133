/**
 * Early refusals alone (no HTTP server): which requests are refused, and the pause before a refusal is sent — a
 * flooding connection gets one answer per pause, the pause is bounded in how many it holds, and a client that
 * left during the pause is not written to.
 */
import type { IncomingMessage, ServerResponse } from "node:http";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { EarlyRefusals, MAX_PAUSED, REFUSAL_PAUSE_MS, type Refusal } from "./early-refusals.js";

const refusal: Refusal = {
  status: 429,
  headers: { "retry-after": 600 },
  body: {
    error: { code: "throttled", message: "短い時間に続けて送信されたため、受け付けを一時停止しています。" },
  },
};

function request(url: string, ip: string, method = "POST") {
  return { method, url, headers: {}, socket: { remoteAddress: ip } } as unknown as IncomingMessage;
}

function response() {
  const sent: { status?: number; headers?: Record<string, unknown>; body?: string } = {};
  const res = {
    destroyed: false,
    writableEnded: false,
    writeHead(status: number, headers: Record<string, unknown>) {
      sent.status = status;
      sent.headers = headers;
    },
    end(body: string) {
      sent.body = body;
      res.writableEnded = true;
    },
  };
  return { res: res as unknown as ServerResponse & { destroyed: boolean }, sent };
}

describe("EarlyRefusals", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  const flooder = "203.0.113.7";
  const refusals = (pauseMs?: number) => {
    const r = new EarlyRefusals(false, pauseMs);
    r.setFixedHeaders({ "x-content-type-options": "nosniff" });
    r.add("POST", "/api/v1/public/voices", (ip) => (ip === flooder ? refusal : undefined));
    return r;
  };

  it("leaves other routes, methods and addresses to Fastify", () => {
    const r = refusals();
    for (const req of [
      request("/api/v1/public/voices", "203.0.113.8"),
      request("/api/v1/public/voices/2026-000001", flooder),
      request("/api/v1/public/voices", flooder, "GET"),
    ])
      expect(r.answer(req, response().res)).toBe(false);
    expect(r.paused).toBe(0);
  });

  it("sends the refusal after the pause, with the fixed and the refusal's headers", () => {
    const r = refusals();
    const { res, sent } = response();
    expect(r.answer(request("/api/v1/public/voices?x=1", flooder), res)).toBe(true);
    expect(r.paused).toBe(1);
    vi.advanceTimersByTime(REFUSAL_PAUSE_MS - 1);
    expect(sent.status).toBeUndefined();
    vi.advanceTimersByTime(1);
    expect(sent.status).toBe(429);
    expect(sent.headers).toMatchObject({
      "x-content-type-options": "nosniff",
      "retry-after": 600,
      "content-type": "application/json; charset=utf-8",
    });
    expect(JSON.parse(sent.body ?? "")).toEqual(refusal.body);
    expect(sent.headers?.["content-length"]).toBe(Buffer.byteLength(sent.body ?? ""));
    expect(r.paused).toBe(0);
  });

  it("answers at once past the number it may hold, and when the pause is off", () => {
    const r = refusals();
    const held = Array.from({ length: MAX_PAUSED }, () => response());
    for (const h of held) r.answer(request("/api/v1/public/voices", flooder), h.res);
    expect(r.paused).toBe(MAX_PAUSED);
    const over = response();
    r.answer(request("/api/v1/public/voices", flooder), over.res);
    expect(over.sent.status).toBe(429);
    expect(held.every((h) => h.sent.status === undefined)).toBe(true);
    vi.advanceTimersByTime(REFUSAL_PAUSE_MS);
    expect(held.every((h) => h.sent.status === 429)).toBe(true);
    expect(r.paused).toBe(0);

    const off = refusals(0);
    const now = response();
    off.answer(request("/api/v1/public/voices", flooder), now.res);
    expect(now.sent.status).toBe(429);
  });

  it("does not write to a client that left during the pause", () => {
    const r = refusals();
    const { res, sent } = response();
    r.answer(request("/api/v1/public/voices", flooder), res);
    res.destroyed = true;
    vi.advanceTimersByTime(REFUSAL_PAUSE_MS);
    expect(sent.status).toBeUndefined();
    expect(r.paused).toBe(0);
  });
});
