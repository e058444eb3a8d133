/**
 * Sessions, passwords, two-factor login and their audit entries through HTTP, on every database: a new session
 * id at every login, idle and absolute timeouts from the settings (on a clock the test moves), logging out
 * everywhere, sessions ending with a disabled account or a new role, the password rule, and TOTP with recovery
 * codes (codes made here with otpauth, as an authenticator app would).
 */
import type { FastifyInstance } from "fastify";
import * as OTPAuth from "otpauth";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { buildApp } from "../../src/http/app.js";
import { ApiClient, clientAs, PASSWORD, seedUsers } from "../helpers/api-client.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../helpers/test-database.js";

const dialects = await testDialects();
const MINUTE = 60_000;

interface AuditItem {
  action: string;
  user: { id: number; name: string } | null;
  detail: string | null;
  ip: string | null;
}

describe.each(dialects)("sessions, passwords and two-factor login on %s", (dialect) => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  let users: Awaited<ReturnType<typeof seedUsers>>;
  let admin: ApiClient;
  let now = Date.now();
  const wait = (ms: number) => {
    now += ms;
  };

  /** A login by hand, sending the cookie given (if any); answers the status, body and the new cookie. */
  async function rawLogin(email: string, password: string, cookie?: string, remoteAddress = "192.0.2.50") {
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/session",
      remoteAddress,
      payload: { email, password },
      ...(cookie ? { headers: { cookie } } : {}),
    });
    const set = res.headers["set-cookie"];
    const first = Array.isArray(set) ? set[0] : set;
    return {
      status: res.statusCode,
      body: JSON.parse(res.body) as Record<string, unknown>,
      cookie: first?.split(";")[0] ?? null,
      setCookie: first ?? null,
    };
  }

  async function secondStep(challenge: string, code: string, remoteAddress = "192.0.2.50", cookie?: string) {
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/session/two-factor",
      remoteAddress,
      payload: { challenge, code },
      ...(cookie ? { headers: { cookie } } : {}),
    });
    const set = res.headers["set-cookie"];
    const first = Array.isArray(set) ? set[0] : set;
    return {
      status: res.statusCode,
      body: JSON.parse(res.body) as Record<string, unknown> & { error?: { message: string } },
      retryAfter: (res.headers["retry-after"] as string | undefined) ?? null,
      cookie: first?.split(";")[0] ?? null,
    };
  }

  const sessionStatus = async (cookie: string | null) =>
    (await app.inject({ method: "GET", url: "/api/v1/session", headers: cookie ? { cookie } : {} }))
      .statusCode;

  /** The audit log as an administrator reads it (signed in afresh: the test moves the clock past timeouts). */
  async function auditActions(since = 0): Promise<AuditItem[]> {
    const reader = await clientAs(app, "admin@example.jp", "admin-password-1");
    const r = await reader.get<{ items: (AuditItem & { id: number })[] }>("/api/v1/audit?limit=200");
    return r.body.items.filter((i) => i.id > since);
  }
  const lastAuditId = async () =>
    (await admin.get<{ items: { id: number }[] }>("/api/v1/audit?limit=1")).body.items[0]?.id ?? 0;

  beforeEach(async () => {
    admin = await clientAs(app, "admin@example.jp", "admin-password-1");
  });

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    users = await seedUsers(tdb);
    app = await buildApp({ db: tdb.db, dialect: tdb.dialect, webDir: "/nonexistent", clock: () => now });
  });
  afterAll(async () => {
    await app?.close();
    await tdb?.drop();
  });

  it("gives a new session id at every login and ends the one the browser brought (no fixation)", async () => {
    const first = await rawLogin("viewer@example.jp", PASSWORD);
    expect(first.status).toBe(200);
    expect(first.setCookie).toMatch(/HttpOnly/i);
    expect(first.setCookie).toMatch(/Max-Age=43200/); // 12 hours, the default absolute timeout
    const second = await rawLogin("viewer@example.jp", PASSWORD, first.cookie ?? undefined);
    expect(second.cookie).not.toBe(first.cookie);
    expect(await sessionStatus(first.cookie)).toBe(401);
    expect(await sessionStatus(second.cookie)).toBe(200);
    // a cookie planted before login is never what the login answers with, nor does it become valid
    const planted = "koe_session=chosen-by-someone-else-0123456789";
    const third = await rawLogin("viewer@example.jp", PASSWORD, planted);
    expect(third.cookie).not.toBe(planted);
    expect(await sessionStatus(planted)).toBe(401);
    expect(await sessionStatus(third.cookie)).toBe(200);
  });

  it("ends a session unused for the idle timeout, and any session at the absolute timeout", async () => {
    const lead = await clientAs(app, "lead@example.jp");
    wait(29 * MINUTE);
    expect((await lead.get("/api/v1/session")).status).toBe(200);
    wait(29 * MINUTE); // used 29 minutes ago: still open
    expect((await lead.get("/api/v1/session")).status).toBe(200);
    wait(31 * MINUTE);
    expect((await lead.get("/api/v1/session")).status).toBe(401);

    // the settings change the timeouts of open sessions too
    admin = await clientAs(app, "admin@example.jp", "admin-password-1");
    const put = await admin.request<Record<string, number>>("PUT", "/api/v1/settings", {
      sessionIdleMinutes: 10,
      sessionAbsoluteHours: 1,
    });
    expect(put.status, JSON.stringify(put.body)).toBe(200);
    expect(put.body).toMatchObject({ sessionIdleMinutes: 10, sessionAbsoluteHours: 1 });
    const again = await clientAs(app, "lead@example.jp");
    for (let i = 0; i < 6; i++) {
      wait(9 * MINUTE);
      expect((await again.get("/api/v1/session")).status, `after ${(i + 1) * 9} minutes`).toBe(200);
    }
    wait(7 * MINUTE); // 61 minutes after login, used 7 minutes ago
    expect((await again.get("/api/v1/session")).status).toBe(401);
    const idle = await clientAs(app, "lead@example.jp");
    wait(11 * MINUTE);
    expect((await idle.get("/api/v1/session")).status).toBe(401);

    admin = await clientAs(app, "admin@example.jp", "admin-password-1");
    const bad = await admin.request<{ error: { fields: Record<string, string> } }>(
      "PUT",
      "/api/v1/settings",
      {
        sessionIdleMinutes: 3,
        sessionAbsoluteHours: 200,
      },
    );
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields).toEqual({
      sessionIdleMinutes: "操作がないときのログアウトは5〜1440分の整数で指定してください",
      sessionAbsoluteHours: "ログインの有効時間は1〜168時間の整数で指定してください",
    });
    const longer = await admin.request<{ error: { fields: Record<string, string> } }>(
      "PUT",
      "/api/v1/settings",
      { sessionIdleMinutes: 120 },
    );
    expect(longer.body.error.fields.sessionIdleMinutes).toBe(
      "操作がないときのログアウトは、ログインの有効時間より短くしてください",
    );
    const back = await admin.request("PUT", "/api/v1/settings", {
      sessionIdleMinutes: 30,
      sessionAbsoluteHours: 12,
    });
    expect(back.status).toBe(200);
    const changes = (await auditActions()).filter((a) => a.action === "settings_changed");
    expect(changes.map((c) => c.detail)).toContain(
      "操作がないときのログアウト: 10 → 30、ログインの有効時間: 1 → 12",
    );
  });

  it("logs out everywhere: oneself from every browser, and a user by an administrator", async () => {
    const since = await lastAuditId();
    const pc = await clientAs(app, "staff2@example.jp");
    const phone = await clientAs(app, "staff2@example.jp");
    const ended = await pc.request("DELETE", "/api/v1/session/all");
    expect(ended.status).toBe(204);
    expect((await pc.get("/api/v1/session")).status).toBe(401);
    expect((await phone.get("/api/v1/session")).status).toBe(401);

    const a = await clientAs(app, "tokyo@example.jp");
    const b = await clientAs(app, "tokyo@example.jp");
    const staff = await clientAs(app, "staff@example.jp");
    expect((await staff.request("DELETE", `/api/v1/users/${users.otherStaff.id}/sessions`)).status).toBe(403);
    expect((await a.get("/api/v1/session")).status).toBe(200);
    expect((await admin.request("DELETE", `/api/v1/users/${users.otherStaff.id}/sessions`)).status).toBe(204);
    expect((await a.get("/api/v1/session")).status).toBe(401);
    expect((await b.get("/api/v1/session")).status).toBe(401);
    expect((await staff.get("/api/v1/session")).status).toBe(200);

    const entries = (await auditActions(since)).filter((e) => e.action === "logout_everywhere");
    expect(entries.map((e) => [e.user?.name, e.detail])).toEqual([
      ["管理者", "対象: 東京 四郎（2件のセッション）"],
      ["担当 三郎", "対象: 担当 三郎（2件のセッション）"],
    ]);
  });

  it("ends a user's sessions when they are disabled or their role changes, and audits both", async () => {
    const since = await lastAuditId();
    const viewer = await clientAs(app, "viewer@example.jp");
    const changed = await admin.patch<{ role: string }>(`/api/v1/users/${users.viewer.id}`, {
      role: "staff",
      departmentId: users.staff.departmentId,
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect((await viewer.get("/api/v1/session")).status).toBe(401);
    const asStaff = await clientAs(app, "viewer@example.jp");
    expect((await asStaff.get<{ user: { role: string } }>("/api/v1/session")).body.user.role).toBe("staff");
    // a change of name alone keeps the session
    expect((await admin.patch(`/api/v1/users/${users.viewer.id}`, { name: "閲覧 五郎" })).status).toBe(200);
    expect((await asStaff.get("/api/v1/session")).status).toBe(200);

    expect((await admin.patch(`/api/v1/users/${users.viewer.id}`, { active: false })).status).toBe(200);
    expect((await asStaff.get("/api/v1/session")).status).toBe(401);
    expect((await rawLogin("viewer@example.jp", PASSWORD)).status).toBe(401);
    expect((await admin.patch(`/api/v1/users/${users.viewer.id}`, { active: true })).status).toBe(200);
    expect((await rawLogin("viewer@example.jp", PASSWORD)).status).toBe(200);

    const entries = await auditActions(since);
    const of = (action: string) => entries.filter((e) => e.action === action).map((e) => e.detail);
    expect(of("user_role_changed")).toEqual(["対象: 閲覧 五郎、役割: 閲覧者 → 担当者"]);
    expect(of("user_disabled")).toEqual(["対象: 閲覧 五郎、無効にしました"]);
    expect(of("user_enabled")).toEqual(["対象: 閲覧 五郎、有効にしました"]);
    expect(of("login_failed")).toEqual(["メールアドレス: viewer@example.jp"]);
    expect(entries.filter((e) => e.action === "login" && e.user?.id === users.viewer.id)).toHaveLength(3);
    for (const e of entries) expect(e.user, e.action).not.toBeNull();
  });

  it("audits logins, failed logins, logouts, new users and file exports", async () => {
    const since = await lastAuditId();
    expect(
      (await rawLogin("nobody@example.jp", "まちがったパスワード", undefined, "198.51.100.7")).status,
    ).toBe(401);
    const cs = await clientAs(app, "cs@example.jp");
    expect((await cs.request("DELETE", "/api/v1/session")).status).toBe(204);
    const made = await admin.post("/api/v1/users", {
      email: "mori@example.jp",
      name: "森 さくら",
      role: "viewer",
      password: "mori-sakura-2025",
    });
    expect(made.status).toBe(201);
    const download = await admin.get("/api/v1/analysis/counts/download?period=fy2024&by=type&format=csv");
    expect(download.status).toBe(200);
    const flag = await admin.request("PUT", "/api/v1/model/settings", { flagThreshold: 0.3 });
    expect(flag.status).toBe(200);
    const entries = await auditActions(since);
    const failed = entries.find((e) => e.action === "login_failed");
    expect(failed).toMatchObject({
      user: null,
      detail: "メールアドレス: nobody@example.jp",
      ip: "198.51.100.7",
    });
    expect(entries.filter((e) => e.action === "login" && e.user?.name === "相談 花子")).toHaveLength(1);
    expect(entries.filter((e) => e.action === "logout" && e.user?.name === "相談 花子")).toHaveLength(1);
    expect(entries.find((e) => e.action === "user_created")?.detail).toBe(
      "対象: 森 さくら（mori@example.jp）、役割: 閲覧者",
    );
    expect(entries.find((e) => e.action === "file_exported")?.detail).toMatch(/^種別別の件数_.+\.csv$/);
    expect(entries.find((e) => e.action === "settings_changed")?.detail).toBe(
      '苦情の見逃し防止の設定: {"flagThreshold":0.3}',
    );
  });

  it("refuses short and common passwords with Japanese messages", async () => {
    const res = await admin.post<{ error: { fields: Record<string, string> } }>("/api/v1/users", {
      email: "ueda@example.jp",
      name: "上田 翔",
      role: "viewer",
      password: "password1234",
    });
    expect(res.status).toBe(400);
    expect(res.body.error.fields.password).toBe(
      "よく使われているパスワードのため使えません。推測されにくい言葉を組み合わせてください",
    );
    const short = await admin.patch<{ error: { fields: Record<string, string> } }>(
      `/api/v1/users/${users.staff.id}`,
      { password: "ueda-sho-25" },
    );
    expect(short.body.error.fields.password).toBe("パスワードは12文字以上にしてください");
  });

  describe("two-factor login", () => {
    let secret: string;
    let recoveryCodes: string[];
    const code = (at = now) =>
      OTPAuth.TOTP.generate({ secret: OTPAuth.Secret.fromBase32(secret), timestamp: at });

    it("is only for admin and cs, and asks for the current password to start", async () => {
      const staff = await clientAs(app, "staff@example.jp");
      expect((await staff.get("/api/v1/account/two-factor")).body).toEqual({
        available: false,
        enabled: false,
        recoveryCodesLeft: 0,
      });
      const refused = await staff.post<{ error: { message: string } }>("/api/v1/account/two-factor/setup", {
        password: PASSWORD,
      });
      expect(refused.status).toBe(403);
      expect(refused.body.error.message).toBe("二段階認証は管理者とCS部門のアカウントで使えます");

      const cs = await clientAs(app, "cs@example.jp");
      const wrong = await cs.post<{ error: { fields: Record<string, string> } }>(
        "/api/v1/account/two-factor/setup",
        { password: "違うパスワードです" },
      );
      expect(wrong.status).toBe(400);
      expect(wrong.body.error.fields.password).toBe("パスワードが正しくありません");
    });

    it("enrols with a code from the app, then asks every login for a code; a code works once", async () => {
      const cs = await clientAs(app, "cs@example.jp");
      const setup = await cs.post<{ secret: string; uri: string }>("/api/v1/account/two-factor/setup", {
        password: PASSWORD,
      });
      expect(setup.status).toBe(200);
      secret = setup.body.secret;
      expect(setup.body.uri).toMatch(/^otpauth:\/\/totp\/koe:cs%40example\.jp\?/);
      expect(setup.body.uri).toContain(`secret=${secret}`);
      // not in force before it is confirmed
      expect((await rawLogin("cs@example.jp", PASSWORD)).body).toHaveProperty("csrfToken");

      const badCode = await cs.post<{ error: { fields: Record<string, string> } }>(
        "/api/v1/account/two-factor/confirm",
        { code: "000000" === code() ? "111111" : "000000" },
      );
      expect(badCode.status).toBe(400);
      expect(badCode.body.error.fields.code).toContain("確認コードが正しくありません");
      const confirmed = await cs.post<{ recoveryCodes: string[] }>("/api/v1/account/two-factor/confirm", {
        code: code(),
      });
      expect(confirmed.status).toBe(200);
      recoveryCodes = confirmed.body.recoveryCodes;
      expect(recoveryCodes).toHaveLength(10);
      expect(new Set(recoveryCodes).size).toBe(10);
      for (const c of recoveryCodes) expect(c).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
      expect((await cs.get("/api/v1/account/two-factor")).body).toEqual({
        available: true,
        enabled: true,
        recoveryCodesLeft: 10,
      });
      // stored hashed: no recovery code and no plain copy of them in the database
      const stored = await tdb.db.selectFrom("recovery_codes").select("code_hash").execute();
      for (const c of recoveryCodes) expect(JSON.stringify(stored)).not.toContain(c);

      const password = await rawLogin("cs@example.jp", PASSWORD);
      expect(password.status).toBe(200);
      expect(password.cookie).toBeNull();
      expect(password.body).toEqual({ twoFactorRequired: true, challenge: expect.any(String) });
      const challenge = password.body.challenge as string;
      const wrong = await secondStep(challenge, code() === "123456" ? "654321" : "123456");
      expect(wrong.status).toBe(401);
      expect(wrong.body.error?.message).toBe("確認コードが正しくありません");
      // the code used to confirm the enrolment is used up; the app's next code signs in
      expect((await secondStep(challenge, code())).status).toBe(401);
      wait(30_000);
      const right = await secondStep(challenge, code());
      expect(right.status).toBe(200);
      expect(right.body).toHaveProperty("csrfToken");
      expect(await sessionStatus(right.cookie)).toBe(200);
      // the challenge is spent, and the same code does not sign in again
      expect((await secondStep(challenge, code())).status).toBe(401);
      const replay = await rawLogin("cs@example.jp", PASSWORD);
      expect((await secondStep(replay.body.challenge as string, code())).status).toBe(401);
      wait(30_000);
      // the browser still holds the earlier session's cookie (and no CSRF token): the login goes through and
      // ends that session instead of keeping it
      const again = await secondStep(replay.body.challenge as string, code(), undefined, right.cookie ?? "");
      expect(again.status).toBe(200);
      expect(again.cookie).not.toBe(right.cookie);
      expect(await sessionStatus(right.cookie)).toBe(401);
      expect(await sessionStatus(again.cookie)).toBe(200);

      const entries = await auditActions();
      expect(entries.find((e) => e.action === "two_factor_enabled")?.user?.name).toBe("相談 花子");
      expect(entries.filter((e) => e.action === "login" && e.detail === "二段階認証").length).toBe(2);
      expect(
        entries.filter((e) => e.action === "login_failed" && e.detail === "二段階認証の確認コードの誤り")
          .length,
      ).toBe(3);
      wait(60 * MINUTE); // the failures above are forgotten
    });

    it("takes each recovery code once, in any case and with or without the hyphen", async () => {
      const [first, second] = recoveryCodes as [string, string];
      const a = await rawLogin("cs@example.jp", PASSWORD);
      const used = await secondStep(a.body.challenge as string, ` ${first.toUpperCase()} `);
      expect(used.status).toBe(200);
      const b = await rawLogin("cs@example.jp", PASSWORD);
      expect((await secondStep(b.body.challenge as string, first)).status).toBe(401);
      expect((await secondStep(b.body.challenge as string, second.replace("-", ""))).status).toBe(200);
      const entries = await auditActions();
      expect(entries.filter((e) => e.detail === "二段階認証（回復コードを使用）")).toHaveLength(2);
      wait(60 * MINUTE);
    });

    it("ends a challenge after five wrong codes and throttles code guessing like passwords", async () => {
      const a = await rawLogin("cs@example.jp", PASSWORD, undefined, "203.0.113.9");
      const challenge = a.body.challenge as string;
      const guesses: number[] = [];
      const wrongCode = () => (code() === "999999" ? "999998" : "999999");
      for (let i = 0; i < 5; i++) {
        const r = await secondStep(challenge, wrongCode(), "203.0.113.9");
        guesses.push(r.status);
        if (r.status === 429) wait(Number(r.retryAfter) * 1000);
      }
      expect(guesses).toEqual([401, 401, 401, 401, 401]);
      const gone = await secondStep(challenge, code(), "203.0.113.9");
      expect(gone.status).toBe(401);
      // five failures on the account's e-mail: the next login waits, the right password included
      const next = await rawLogin("cs@example.jp", PASSWORD, undefined, "203.0.113.9");
      expect(next.status).toBe(429);
      wait(2000);
      const b = await rawLogin("cs@example.jp", PASSWORD, undefined, "203.0.113.9");
      expect(b.body).toHaveProperty("challenge");
      wait(30_000);
      // a right password alone does not clear the failures: a wrong code now waits longer
      expect((await secondStep(b.body.challenge as string, wrongCode(), "203.0.113.9")).status).toBe(401);
      const throttled = await secondStep(b.body.challenge as string, code(), "203.0.113.9");
      expect(throttled.status).toBe(429);
      expect(throttled.body.error?.message).toContain("しばらくログインできません");
      wait(Number(throttled.retryAfter) * 1000);
      expect((await secondStep(b.body.challenge as string, code(), "203.0.113.9")).status).toBe(200);
    });

    it("is turned off by the user with their password, or lifted by an administrator", async () => {
      // sign in as cs through both steps
      wait(30_000);
      const a = await rawLogin("cs@example.jp", PASSWORD);
      const signed = await secondStep(a.body.challenge as string, code());
      const cs = new ApiClient(app);
      cs.cookie = signed.cookie;
      cs.csrf = signed.body.csrfToken as string;
      expect(
        (await cs.post("/api/v1/account/two-factor/disable", { password: "違うパスワードです" })).status,
      ).toBe(400);
      expect((await cs.post("/api/v1/account/two-factor/disable", { password: PASSWORD })).status).toBe(204);
      expect((await rawLogin("cs@example.jp", PASSWORD)).body).toHaveProperty("csrfToken");
      expect(await tdb.db.selectFrom("recovery_codes").select("id").execute()).toEqual([]);

      // enrolled again, then lifted by an administrator (a lost phone)
      const again = await clientAs(app, "cs@example.jp");
      const setup = await again.post<{ secret: string }>("/api/v1/account/two-factor/setup", {
        password: PASSWORD,
      });
      secret = setup.body.secret;
      expect((await again.post("/api/v1/account/two-factor/confirm", { code: code() })).status).toBe(200);
      const list = await admin.get<{ items: { id: number; twoFactorEnabled: boolean }[] }>("/api/v1/users");
      expect(list.body.items.find((u) => u.id === users.cs.id)?.twoFactorEnabled).toBe(true);
      expect((await again.request("DELETE", `/api/v1/users/${users.cs.id}/two-factor`)).status).toBe(403);
      expect((await admin.request("DELETE", `/api/v1/users/${users.cs.id}/two-factor`)).status).toBe(204);
      expect((await rawLogin("cs@example.jp", PASSWORD)).body).toHaveProperty("csrfToken");
      const entries = await auditActions();
      expect(entries.find((e) => e.action === "two_factor_disabled")?.user?.name).toBe("相談 花子");
      expect(entries.find((e) => e.action === "two_factor_reset")?.detail).toBe("対象: 相談 花子");
    });
  });
});
