/**
 * The login throttle and the public form's limit hold across two `koe serve` processes on one PostgreSQL: both
 * count in the database, so the attempts sent to both processes together are limited as if they went to one —
 * in turn and all at once. (Counted in each process's memory, two processes would allow twice as many.)
 * Needs `dist/`.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LOGIN_THROTTLE } from "../../src/features/users-and-settings/login-throttle.js";
import { type ServerProcess, startServerProcess } from "../helpers/server-process.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../helpers/test-database.js";

const hasPostgres = (await testDialects()).includes("postgres");
/** The form's limit per address and window (public-form/routes.ts; KOE_PUBLIC_FORM_LIMIT is not set here). */
const FORM_LIMIT = 5;

describe.skipIf(!hasPostgres)("limits across two app processes on one PostgreSQL", () => {
  let tdb: TestDatabase;
  let a: ServerProcess;
  let b: ServerProcess;

  beforeAll(async () => {
    tdb = await createTestDatabase("postgres");
    const env = {
      DATABASE_URL: tdb.url,
      KOE_ADMIN_EMAIL: "admin@example.jp",
      KOE_ADMIN_PASSWORD: "admin-password-1",
      KOE_SCHEDULER_INTERVAL_MS: "0",
    };
    delete process.env.KOE_PUBLIC_FORM_LIMIT;
    [a, b] = await Promise.all([startServerProcess(env), startServerProcess(env)]);
  }, 120_000);
  afterAll(async () => {
    await Promise.all([a?.stop(), b?.stop()]);
    await tdb?.drop();
  });

  const login = async (server: ServerProcess, email: string, password: string) => {
    const r = await fetch(`${server.url}/api/v1/session`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email, password }),
    });
    await r.arrayBuffer();
    return { status: r.status, retryAfter: r.headers.get("retry-after") };
  };

  it("delays the sixth failed login whichever process it reaches, and lets the owner in once the delay passed", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < LOGIN_THROTTLE.freePerEmail; i++)
      statuses.push((await login(i % 2 === 0 ? a : b, "admin@example.jp", `まちがい${i}`)).status);
    expect(statuses).toEqual(Array(LOGIN_THROTTLE.freePerEmail).fill(401));
    // The failures were counted across both: the next attempt, right password or not, waits on either process.
    expect(await login(b, "admin@example.jp", "admin-password-1")).toEqual({ status: 429, retryAfter: "2" });
    expect((await login(a, "admin@example.jp", "まちがい-5")).status).toBe(429);
    await new Promise((r) => setTimeout(r, 2_200));
    expect((await login(a, "admin@example.jp", "admin-password-1")).status).toBe(200);
  });

  it("checks at most the free number of passwords when many guesses reach both processes at once", async () => {
    const guesses = 4 * LOGIN_THROTTLE.freePerEmail;
    const answers = await Promise.all(
      Array.from({ length: guesses }, (_, i) =>
        login(i % 2 === 0 ? a : b, "sato.hanako@example.jp", `推測${i}`),
      ),
    );
    const checked = answers.filter((x) => x.status === 401).length;
    const refused = answers.filter((x) => x.status === 429).length;
    expect(checked + refused).toBe(guesses);
    // As for one process: no more than the free failures reach the password check; per-process counts would let
    // through twice as many.
    expect(checked).toBeGreaterThan(0);
    expect(checked).toBeLessThanOrEqual(LOGIN_THROTTLE.freePerEmail);
    const counted = await tdb.db
      .selectFrom("login_failures")
      .select("id")
      .where("email", "=", "sato.hanako@example.jp")
      .execute();
    expect(counted).toHaveLength(checked);
  });

  it("accepts the public form's limit once when posts reach both processes at once", async () => {
    const form = {
      topic: "request",
      content: "掛金の口座振替日を、給料日の後に変更できるようにしてほしいです。",
      privacyConsent: true,
      website: "",
    };
    const posts = 3 * FORM_LIMIT;
    const statuses = await Promise.all(
      Array.from({ length: posts }, async (_, i) => {
        const r = await fetch(`${(i % 2 === 0 ? a : b).url}/api/v1/public/voices`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(form),
        });
        await r.arrayBuffer();
        return r.status;
      }),
    );
    expect(statuses.filter((s) => s === 201)).toHaveLength(FORM_LIMIT);
    expect(statuses.filter((s) => s === 429)).toHaveLength(posts - FORM_LIMIT);
    const stored = await tdb.db
      .selectFrom("voices")
      .select("id")
      .where("content", "=", form.content)
      .execute();
    expect(stored).toHaveLength(FORM_LIMIT);
  });
});
