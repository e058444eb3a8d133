/**
 * Refusals answered before Fastify sees the request: a post from an address the rate limiter already knows is over
 * its limit (rate-limit-store.ts, ExceededWindows) gets the limiter's 429 straight from the HTTP server.
 *
 * Why: under a flood every refused post still went through routing, the hooks, the limiter, an error object, the
 * error handler, the response schema and two log lines: 0.34 ms of a core each, so 2,000 posts a few seconds apart
 * took most of a core from the staff (docs/performance.md). The answer is the same one — status, body, the
 * limiter's and the security headers — and the address is the one Fastify would see (the same trusted proxies).
 *
 * A refusal answered here is sent after a pause (REFUSAL_PAUSE_MS): a client that keeps posting while refused gets
 * one answer per connection per pause, so however fast it sends, its flood costs the servers a few refusals a
 * second per connection instead of as many as it can send (a tarpit). Nobody else waits: the pause is a timer, and
 * the first refusal (the limiter's, through Fastify) is answered at once. Past MAX_PAUSED answers waiting at once
 * (a flood over thousands of connections), refusals are answered without the pause, as before.
 */
import { createServer, type IncomingMessage, type RequestListener, type ServerResponse } from "node:http";
import proxyAddr from "@fastify/proxy-addr";

/** A refusal: the status, the headers and the JSON body to answer with. */
export interface Refusal {
  status: number;
  headers: Record<string, string | number>;
  body: unknown;
}

/** A route whose refusals can be answered early: given the client's address, a refusal or undefined (go on). */
export type EarlyRefuser = (ip: string, now: number) => Refusal | undefined;

/** How long a refusal answered early waits before it is sent. */
export const REFUSAL_PAUSE_MS = 500;
/** How many early refusals may wait at once; more are answered at once (each waiting one holds a connection). */
export const MAX_PAUSED = 2_000;

export class EarlyRefusals {
  readonly #routes = new Map<string, EarlyRefuser>();
  readonly #ipOf: (req: IncomingMessage) => string | undefined;
  readonly #pauseMs: number;
  #fixedHeaders: Record<string, string> = {};
  #paused = 0;

  constructor(trustProxy: string[] | false, pauseMs = REFUSAL_PAUSE_MS) {
    this.#pauseMs = pauseMs;
    if (trustProxy && trustProxy.length > 0) {
      const trusted = proxyAddr.compile(trustProxy);
      this.#ipOf = (req) => proxyAddr.all(req, trusted).at(-1);
    } else {
      this.#ipOf = (req) => req.socket.remoteAddress;
    }
  }

  /** Headers every answer carries (the security headers and no-store), as the app's onSend hooks add them. */
  setFixedHeaders(headers: Record<string, string>): void {
    this.#fixedHeaders = headers;
  }

  /** Registers the refuser of one route (its method and path, without a query string). */
  add(method: string, path: string, refuser: EarlyRefuser): void {
    this.#routes.set(`${method} ${path}`, refuser);
  }

  /** Answers `req` when its route refuses it now; returns whether it did. */
  answer(req: IncomingMessage, res: ServerResponse): boolean {
    if (this.#routes.size === 0) return false;
    const url = req.url ?? "";
    const q = url.indexOf("?");
    const refuser = this.#routes.get(`${req.method} ${q < 0 ? url : url.slice(0, q)}`);
    if (!refuser) return false;
    const ip = this.#ipOf(req);
    const refusal = ip === undefined ? undefined : refuser(ip, Date.now());
    if (!refusal) return false;
    if (this.#pauseMs > 0 && this.#paused < MAX_PAUSED) {
      this.#paused++;
      setTimeout(() => {
        this.#paused--;
        this.#send(res, refusal);
      }, this.#pauseMs);
    } else {
      this.#send(res, refusal);
    }
    return true;
  }

  /** How many refusals are waiting for their pause to end. */
  get paused(): number {
    return this.#paused;
  }

  #send(res: ServerResponse, refusal: Refusal): void {
    // The client may have gone during the pause: nothing to answer.
    if (res.destroyed || res.writableEnded) return;
    const body = JSON.stringify(refusal.body);
    res.writeHead(refusal.status, {
      ...this.#fixedHeaders,
      ...refusal.headers,
      "content-type": "application/json; charset=utf-8",
      "content-length": Buffer.byteLength(body),
    });
    // The unread body of the post is discarded by Node once the answer is sent; the connection stays usable.
    res.end(body);
  }
}

/** Fastify's `serverFactory`: an HTTP server that lets `refusals` answer first. */
export function serverWithEarlyRefusals(refusals: EarlyRefusals) {
  return (handler: RequestListener) =>
    createServer((req, res) => {
      if (!refusals.answer(req, res)) handler(req, res);
    });
}
