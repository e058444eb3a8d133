/**
 * X-Forwarded-For is a header any client can send: by default it must not choose the address that the public
 * form's per-address limits and the audit log see. KOE_TRUST_PROXY names the reverse proxies that may set it.
 */
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, parseTrustProxy, readConfig } from "../../src/config.js";
import type { PublicVoiceReceipt } from "../../src/features/public-form/contract.js";
import { buildApp } from "../../src/http/app.js";
import { type ApiClient, clientAs, seedUsers } from "../helpers/api-client.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../helpers/test-database.js";

const dialects = await testDialects();

const form = {
  topic: "request",
  content: "共済金の請求書類の書き方が分かりにくいので、記入例を同封していただけると助かります。",
  name: "佐藤 美咲",
  email: "misaki@example.jp",
  phone: "080-2345-6789",
  contactConsent: true,
  privacyConsent: true,
  website: "",
};

describe("KOE_TRUST_PROXY", () => {
  it("is off unless set, and takes addresses, CIDRs and proxy-addr's range names", () => {
    expect(readConfig({}).trustProxy).toBe(false);
    expect(parseTrustProxy("")).toBe(false);
    expect(parseTrustProxy("false")).toBe(false);
    expect(parseTrustProxy("127.0.0.1")).toEqual(["127.0.0.1"]);
    expect(parseTrustProxy(" 10.0.0.0/8, 192.168.1.20 ,::1, fd00::/8, loopback")).toEqual([
      "10.0.0.0/8",
      "192.168.1.20",
      "::1",
      "fd00::/8",
      "loopback",
    ]);
    expect(parseTrustProxy("10.0.0.0/255.0.0.0")).toEqual(["10.0.0.0/255.0.0.0"]);
  });

  it("refuses anything else with one Japanese line naming the variable and the wrong entry", () => {
    for (const bad of ["true", "*", "proxy.example.jp", "10.0.0.0/33", "::1/129", "127.0.0.1,192.168.1"]) {
      let err: unknown;
      try {
        readConfig({ KOE_TRUST_PROXY: bad });
      } catch (e) {
        err = e;
      }
      expect(err, bad).toBeInstanceOf(ConfigError);
      const message = (err as Error).message;
      expect(message).toContain("KOE_TRUST_PROXY");
      expect(message).toContain("IP アドレス");
      expect(message.split("\n")).toHaveLength(1);
    }
    expect(() => readConfig({ KOE_TRUST_PROXY: "127.0.0.1,192.168.1" })).toThrow("「192.168.1」");
  });
});

describe.each(dialects)("forwarded headers on %s", (dialect) => {
  let tdb: TestDatabase;
  let plain: FastifyInstance;
  let proxied: FastifyInstance;
  let cs: ApiClient;

  const build = (trustProxy: string[] | false) =>
    buildApp({
      db: tdb.db,
      dialect: tdb.dialect,
      webDir: "/nonexistent",
      trustProxy,
    });
  // inject() speaks from 127.0.0.1 unless remoteAddress says otherwise
  const submit = (app: FastifyInstance, forwardedFor: string, remoteAddress = "127.0.0.1") =>
    app.inject({
      method: "POST",
      url: "/api/v1/public/voices",
      remoteAddress,
      headers: { "x-forwarded-for": forwardedFor },
      payload: form,
    });
  const voiceCount = async () =>
    Number(
      (
        await tdb.db
          .selectFrom("voices")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .executeTakeFirstOrThrow()
      ).n,
    );
  /** Opens a voice with its customer as the 相談室 user and returns the address the audit log recorded. */
  const auditedAddress = async (app: FastifyInstance, forwardedFor: string, remoteAddress: string) => {
    const sent = await submit(app, "192.0.2.200", "192.0.2.200");
    expect(sent.statusCode).toBe(201);
    const { receiptNumber } = JSON.parse(sent.body) as PublicVoiceReceipt;
    const voice = await tdb.db
      .selectFrom("voices")
      .select("id")
      .where("receipt_number", "=", receiptNumber)
      .executeTakeFirstOrThrow();
    const res = await app.inject({
      method: "GET",
      url: `/api/v1/voices/${voice.id}`,
      remoteAddress,
      headers: { cookie: cs.cookie ?? "", "x-forwarded-for": forwardedFor },
    });
    expect(res.statusCode).toBe(200);
    const row = await tdb.db
      .selectFrom("audit_log")
      .select("ip")
      .where("action", "=", "customer_viewed")
      .where("voice_id", "=", voice.id)
      .executeTakeFirstOrThrow();
    return row.ip;
  };

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    await seedUsers(tdb);
    plain = await build(readConfig({}).trustProxy);
    proxied = await build(readConfig({ KOE_TRUST_PROXY: "127.0.0.1" }).trustProxy);
    cs = await clientAs(plain, "cs@example.jp");
  });
  afterAll(async () => {
    await plain?.close();
    await proxied?.close();
    await tdb?.drop();
  });

  it("by default ignores a client's X-Forwarded-For: the 6th post from one address is refused", async () => {
    const before = await voiceCount();
    const statuses: number[] = [];
    for (let i = 1; i <= 12; i++) statuses.push((await submit(plain, `10.9.${i}.1`)).statusCode);
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429, 429, 429, 429, 429, 429, 429]);
    expect(await voiceCount()).toBe(before + 5);
  });

  it("by default keeps the status lookup limit whatever X-Forwarded-For says", async () => {
    const statuses: number[] = [];
    for (let i = 1; i <= 31; i++) {
      const res = await plain.inject({
        method: "GET",
        url: "/api/v1/public/voices/2026-000001?code=AAAA-BBBB",
        remoteAddress: "192.0.2.31",
        headers: { "x-forwarded-for": `10.8.${i}.1` },
      });
      statuses.push(res.statusCode);
    }
    expect(statuses.slice(0, 30).every((s) => s === 404)).toBe(true);
    expect(statuses[30]).toBe(429);
  });

  it("by default records the real peer address in the audit log, not the forged one", async () => {
    expect(await auditedAddress(plain, "203.0.113.66", "192.0.2.77")).toBe("192.0.2.77");
  });

  it("with KOE_TRUST_PROXY=127.0.0.1 takes the client address from that proxy's header", async () => {
    const statuses: number[] = [];
    for (let i = 1; i <= 12; i++) statuses.push((await submit(proxied, `10.7.${i}.1`)).statusCode);
    expect(statuses.every((s) => s === 201)).toBe(true);
    // one client behind the proxy still gets only 5
    const same: number[] = [];
    for (let i = 0; i < 6; i++) same.push((await submit(proxied, "10.6.0.1")).statusCode);
    expect(same).toEqual([201, 201, 201, 201, 201, 429]);
    expect(await auditedAddress(proxied, "203.0.113.67", "127.0.0.1")).toBe("203.0.113.67");
  });

  it("with KOE_TRUST_PROXY=127.0.0.1 still ignores the header from any other peer", async () => {
    const statuses: number[] = [];
    for (let i = 1; i <= 6; i++)
      statuses.push((await submit(proxied, `10.5.${i}.1`, "192.0.2.99")).statusCode);
    expect(statuses).toEqual([201, 201, 201, 201, 201, 429]);
    expect(await auditedAddress(proxied, "203.0.113.68", "192.0.2.98")).toBe("192.0.2.98");
  });
});
