/**
 * Input at the boundary, on every database: ids beyond PostgreSQL's integer, control characters and lone
 * surrogates, dates outside koe's era, user names, passwords and settings. Each answers 400 or 404 in Japanese,
 * naming the field, the same way on SQLite and PostgreSQL (never 500).
 */
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ImportResult } from "../../src/features/import-export/contract.js";
import type { PublicVoiceReceipt } from "../../src/features/public-form/contract.js";
import type { ApiTokenInfo, CreatedApiToken } from "../../src/features/tokens/contract.js";
import type { VoiceDetail } from "../../src/shared/api-contract.js";
import { type ApiClient, clientAs, seedUsers, testApp } from "../helpers/api-client.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../helpers/test-database.js";

const dialects = await testDialects();

interface ErrorBody {
  error: { code: string; message: string; fields?: Record<string, string> };
}

const complaint = {
  receivedAt: "2025/6/2 9:15",
  channel: "call_center",
  type: "complaint",
  category: "handling",
  department: "call_center",
  content: "窓口で長時間待たされたうえ、説明も不十分でした。改善をお願いします。",
  customer: { name: "山田 花子", phone: "090-1234-5678" },
};

/** characters PostgreSQL refuses in text (NUL) or the tokenizer cannot read (other controls, a lone surrogate) */
const NUL = "\u0000";
const BELL = "\u0007";
const C1 = "\u0085";
const LONE = "\uD83D"; // the first half of 😀 without its second half

/** one past the largest PostgreSQL integer (2³¹ − 1) */
const TOO_BIG = "2147483648";

describe.each(dialects)("input validation on %s", (dialect) => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  let users: Awaited<ReturnType<typeof seedUsers>>;
  let admin: ApiClient;
  let cs: ApiClient;
  let voice: VoiceDetail;

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    app = await testApp(tdb);
    users = await seedUsers(tdb);
    admin = await clientAs(app, "admin@example.jp", "admin-password-1");
    cs = await clientAs(app, "cs@example.jp");
    const created = await cs.post<VoiceDetail>("/api/v1/voices", complaint);
    expect(created.status).toBe(201);
    voice = created.body;
  });
  afterAll(async () => {
    await app?.close();
    await tdb?.drop();
  });

  const upload = async (csv: string, dryRun: boolean) => {
    const res = await app.inject({
      method: "POST",
      url: `/api/v1/imports?dryRun=${dryRun}`,
      headers: {
        cookie: cs.cookie ?? "",
        "x-csrf-token": cs.csrf ?? "",
        "content-type": "application/octet-stream",
        "x-file-name": encodeURIComponent("声.csv"),
      },
      payload: Buffer.from(csv, "utf8"),
    });
    return { status: res.statusCode, body: JSON.parse(res.body) as ImportResult & ErrorBody };
  };

  describe("ids beyond 2³¹ − 1", () => {
    it("answers 404 for an id in the path, like a missing record", async () => {
      const paths: [ApiClient, string, string, unknown?][] = [
        [cs, "GET", `/api/v1/voices/${TOO_BIG}`],
        [cs, "GET", "/api/v1/voices/100000000000000000000"],
        [cs, "PATCH", `/api/v1/voices/${TOO_BIG}`, { version: 1, content: "内容を直しました。" }],
        [cs, "POST", `/api/v1/voices/${TOO_BIG}/actions`, { action: "start" }],
        [cs, "GET", `/api/v1/voices/${TOO_BIG}/similar`],
        [cs, "POST", `/api/v1/voices/${TOO_BIG}/merge`, { intoId: voice.id }],
        [admin, "PATCH", `/api/v1/users/${TOO_BIG}`, { name: "佐藤 美咲" }],
        [admin, "PATCH", `/api/v1/departments/${TOO_BIG}`, { name: "本店営業部" }],
        [admin, "PATCH", `/api/v1/taxonomy/category/${TOO_BIG}`, { name: "手続き" }],
        [admin, "DELETE", `/api/v1/tokens/${TOO_BIG}`],
      ];
      for (const [client, method, url, body] of paths) {
        const res = await client.request<ErrorBody>(method, url, body);
        expect(res.status, `${method} ${url}`).toBe(404);
        expect(res.body.error.code).toBe("not_found");
        expect(res.body.error.message).toMatch(/見つかりません/);
      }
      // the largest id that can exist is looked up and simply not found
      const largest = await cs.get<ErrorBody>("/api/v1/voices/2147483647");
      expect(largest.status).toBe(404);
      expect(largest.body.error.message).toBe("声が見つかりません");
    });

    it("answers 400 naming the field for an id in a body or a query", async () => {
      const cases: [ApiClient, string, string, unknown, string][] = [
        [cs, "POST", `/api/v1/voices/${voice.id}/merge`, { intoId: 2147483648 }, "intoId"],
        [cs, "POST", "/api/v1/voices", { ...complaint, assigneeId: 2147483648 }, "assigneeId"],
        [cs, "POST", "/api/v1/voices", { ...complaint, department: 2147483648 }, "department"],
        [cs, "PATCH", `/api/v1/voices/${voice.id}`, { version: 2147483648, priority: "high" }, "version"],
        [
          cs,
          "POST",
          `/api/v1/voices/${voice.id}/actions`,
          { action: "assign", assigneeId: 2147483648 },
          "assigneeId",
        ],
        [
          cs,
          "POST",
          "/api/v1/voices/similar",
          { text: "窓口で待たされた", excludeId: 2147483648 },
          "excludeId",
        ],
        [
          admin,
          "POST",
          "/api/v1/users",
          {
            email: "sato@example.jp",
            name: "佐藤 美咲",
            role: "staff",
            departmentId: 2147483648,
            password: "sato-misaki-2025",
          },
          "departmentId",
        ],
        [admin, "PATCH", `/api/v1/users/${users.staff.id}`, { departmentId: 2147483648 }, "departmentId"],
        [admin, "GET", `/api/v1/audit?voiceId=${TOO_BIG}`, undefined, "voiceId"],
        [cs, "GET", `/api/v1/voices?assignee=${TOO_BIG}`, undefined, "assignee"],
        [cs, "GET", "/api/v1/voices?assignee=100000000000000000000", undefined, "assignee"],
        [cs, "GET", "/api/v1/voices?assignee=1e20", undefined, "assignee"],
        [cs, "GET", `/api/v1/exports/voices?assignee=me,${TOO_BIG}`, undefined, "assignee"],
      ];
      for (const [client, method, url, body, field] of cases) {
        const res = await client.request<ErrorBody>(method, url, body);
        expect(res.status, `${method} ${url} ${JSON.stringify(body)}`).toBe(400);
        expect(res.body.error.code).toBe("invalid_input");
        expect(res.body.error.fields?.[field], `${method} ${url}`).toMatch(/[ぁ-んァ-ン一-龯]/);
      }
      // ids inside the range still work
      const mine = await cs.get<{ total: number }>(`/api/v1/voices?assignee=me,none,2147483647`);
      expect(mine.status).toBe(200);
      expect(mine.body.total).toBe(1);
    });
  });

  describe("control characters and lone surrogates", () => {
    it("stores a public voice without NUL, other controls or a lone surrogate", async () => {
      const res = await app.inject({
        method: "POST",
        url: "/api/v1/public/voices",
        remoteAddress: "198.51.100.90",
        payload: {
          topic: "request",
          content: `ご意見${NUL}です。窓口${BELL}の案内${C1}が丁寧でした${LONE}。`,
          name: `山田${NUL} 花子`,
          email: `hanako${NUL}@example.jp`,
          privacyConsent: true,
        },
      });
      expect(res.statusCode, res.body).toBe(201);
      const receipt = JSON.parse(res.body) as PublicVoiceReceipt;
      const row = await tdb.db
        .selectFrom("voices")
        .select(["id", "content"])
        .where("receipt_number", "=", receipt.receiptNumber)
        .executeTakeFirstOrThrow();
      expect(row.content).toBe("ご意見です。窓口の案内が丁寧でした\uFFFD。");
      const v = (await cs.get<VoiceDetail>(`/api/v1/voices/${row.id}`)).body;
      expect(v.customer?.name).toBe("山田 花子");
      expect(v.customer?.email).toBe("hanako@example.jp");
    });

    it("cleans every text field of staff requests: voice, customer, action, user, token, label", async () => {
      const created = await cs.post<VoiceDetail>("/api/v1/voices", {
        ...complaint,
        content: `電話が${NUL}つながりません${LONE}`,
        remedySought: `折り返し${NUL}の電話`,
        customer: {
          name: `佐藤${NUL} 一郎`,
          email: `ichiro${NUL}@example.jp`,
          address: `福井県${BELL}福井市`,
        },
      });
      expect(created.status, JSON.stringify(created.body)).toBe(201);
      expect(created.body.content).toBe("電話がつながりません\uFFFD");
      expect(created.body.remedySought).toBe("折り返しの電話");
      expect(created.body.customer).toMatchObject({
        name: "佐藤 一郎",
        email: "ichiro@example.jp",
        address: "福井県福井市",
      });
      const commented = await cs.post<VoiceDetail>(`/api/v1/voices/${created.body.id}/actions`, {
        action: "comment",
        body: `折り返し${NUL}済み`,
      });
      expect(commented.status).toBe(200);
      expect(JSON.stringify(commented.body.timeline)).toContain("折り返し済み");
      const search = await cs.get<{ total: number }>(
        `/api/v1/voices?q=${encodeURIComponent(`つながりません${NUL}`)}`,
      );
      expect(search.status).toBe(200);

      const user = await admin.post<{ email: string; name: string }>("/api/v1/users", {
        email: `nul${NUL}@example.jp`,
        name: `高橋${NUL} 由美`,
        role: "viewer",
        password: "takahashi-yumi-2025",
      });
      expect(user.status, JSON.stringify(user.body)).toBe(201);
      expect(user.body).toMatchObject({ email: "nul@example.jp", name: "高橋 由美" });

      const token = await admin.post<CreatedApiToken>("/api/v1/tokens", {
        name: `基幹${NUL}システム`,
        scopes: ["voices:read"],
      });
      expect(token.status, JSON.stringify(token.body)).toBe(201);
      expect(token.body.name).toBe("基幹システム");
      const tokens = await admin.get<{ items: ApiTokenInfo[] }>("/api/v1/tokens");
      expect(tokens.body.items.map((t) => t.name)).toContain("基幹システム");

      const dept = await admin.post<{ name: string }>("/api/v1/departments", {
        code: "kobe_branch",
        name: `神戸${NUL}支店`,
      });
      expect(dept.status, JSON.stringify(dept.body)).toBe(201);
      expect(dept.body.name).toBe("神戸支店");
    });

    it("never answers 500 for NUL in a status lookup or a login", async () => {
      const lookup = await app.inject({
        method: "GET",
        url: `/api/v1/public/voices/2025-000001${encodeURIComponent(NUL)}?code=${encodeURIComponent(`AB${NUL}CD`)}`,
        remoteAddress: "198.51.100.91",
      });
      expect(lookup.statusCode, lookup.body).toBe(404);
      // the login e-mail is cleaned like every other text: a wrong password is a plain 401 on both databases
      const login = await app.inject({
        method: "POST",
        url: "/api/v1/session",
        payload: { email: `cs${NUL}@example.jp`, password: "not-the-password-1" },
        remoteAddress: "198.51.100.92",
      });
      expect(login.statusCode, login.body).toBe(401);
      expect((JSON.parse(login.body) as ErrorBody).error.message).toMatch(/[ぁ-んァ-ン一-龯]/);
    });

    it("imports cells with NUL and a lone surrogate, stored clean", async () => {
      const csv = [
        "受付日時,受付チャネル,種別,分類,部署,内容,お客さま氏名,外部ID",
        `2025/6/3 10:00,call_center,request,servicing,call_center,書類${NUL}を減らしてほしい${LONE},鈴木${NUL} 花子,CTRL-001`,
      ].join("\n");
      const dry = await upload(csv, true);
      expect(dry.status, JSON.stringify(dry.body)).toBe(200);
      expect(dry.body.problems).toEqual([]);
      const done = await upload(csv, false);
      expect(done.status, JSON.stringify(done.body)).toBe(200);
      expect(done.body.imported).toBe(1);
      const row = await tdb.db
        .selectFrom("voices")
        .select(["content"])
        .where("external_id", "=", "CTRL-001")
        .executeTakeFirstOrThrow();
      expect(row.content).toBe("書類を減らしてほしい\uFFFD");
    });
  });

  describe("dates outside koe's era", () => {
    const YEAR_TYPO = /扱えない日付です（1900年〜2999年/;

    it("refuses a received date before 1990 or with a mistyped year, naming the field", async () => {
      const cases: [string, RegExp][] = [
        ["0999-12-31T00:00:00Z", YEAR_TYPO],
        ["0000-01-01T00:00:00Z", YEAR_TYPO],
        ["0001-01-01T00:00:00Z", YEAR_TYPO],
        ["0025/6/1 10:00", YEAR_TYPO],
        ["1899/12/31", YEAR_TYPO],
        ["1989/12/31 23:59", /受付日時は1990年1月1日以降の日付を入力してください/],
        ["昭和60年4月1日", /受付日時は1990年1月1日以降の日付を入力してください/],
      ];
      for (const [receivedAt, message] of cases) {
        const res = await cs.post<ErrorBody>("/api/v1/voices", { ...complaint, receivedAt });
        expect(res.status, `${receivedAt}: ${JSON.stringify(res.body)}`).toBe(400);
        expect(res.body.error.fields?.receivedAt, receivedAt).toMatch(message);
        const edit = await cs.patch<ErrorBody>(`/api/v1/voices/${voice.id}`, {
          version: voice.version,
          receivedAt,
        });
        expect(edit.status, `PATCH ${receivedAt}`).toBe(400);
        expect(edit.body.error.fields?.receivedAt, `PATCH ${receivedAt}`).toMatch(message);
      }
      const reported = await cs.post<ErrorBody>("/api/v1/voices", {
        ...complaint,
        insurerReport: { insurer: "共栄火災", reportedAt: "1985/4/1" },
      });
      expect(reported.status).toBe(400);
      expect(reported.body.error.fields?.["insurerReport.reportedAt"]).toBe(
        "報告日時は1990年1月1日以降の日付を入力してください",
      );
      // the first day of the span is a voice like any other
      const first = await cs.post<VoiceDetail>("/api/v1/voices", {
        ...complaint,
        receivedAt: "1990/1/1 9:00",
      });
      expect(first.status, JSON.stringify(first.body)).toBe(201);
      expect(first.body.receiptNumber).toBe("1989-000001"); // fiscal year 1989 (April start)
    });

    it("refuses a response dated before 1990 or after tomorrow, naming respondedAt", async () => {
      const current = await cs.get<VoiceDetail>(`/api/v1/voices/${voice.id}`);
      for (const [respondedAt, message] of [
        ["1985/4/1 10:00", /回答日時は1990年1月1日以降の日付を入力してください/],
        ["2999/1/1 10:00", /回答日時は明日（.+）までの日付を入力してください/],
      ] as const) {
        const res = await cs.post<ErrorBody>(`/api/v1/voices/${voice.id}/actions`, {
          action: "respond",
          version: current.body.version,
          method: "電話",
          content: "お詫びのうえ、改善策をご説明しました。",
          respondedAt,
        });
        expect(res.status, JSON.stringify(res.body)).toBe(400);
        expect(res.body.error.fields?.respondedAt).toMatch(message);
      }
    });

    it("refuses a list filter with a mistyped year instead of failing", async () => {
      for (const q of ["from=0999/12/31", "to=0001-01-01", "from=0025/6/1"]) {
        const res = await cs.get<ErrorBody>(`/api/v1/voices?${q}`);
        expect(res.status, q).toBe(400);
        expect(Object.values(res.body.error.fields ?? {})[0]).toMatch(YEAR_TYPO);
      }
    });

    it("refuses the same dates in an import, by row and column", async () => {
      const csv = [
        "受付日時,受付チャネル,種別,分類,部署,内容",
        "0025/6/1 10:00,call_center,request,servicing,call_center,書類を減らしてほしい",
        "1899/12/31,call_center,request,servicing,call_center,書類を減らしてほしい",
        "1989/12/31,call_center,request,servicing,call_center,書類を減らしてほしい",
        "0999-12-31T00:00:00Z,call_center,request,servicing,call_center,書類を減らしてほしい",
      ].join("\n");
      const res = await upload(csv, false);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.imported).toBe(0);
      expect(res.body.problems.map((p) => [p.row, p.column])).toEqual([
        [2, "受付日時"],
        [3, "受付日時"],
        [4, "受付日時"],
        [5, "受付日時"],
      ]);
      expect(res.body.problems[2]?.reason).toBe("受付日時は1990年1月1日以降の日付を入力してください");
      expect(res.body.problems[0]?.reason).toMatch(YEAR_TYPO);
    });
  });

  describe("names, passwords, settings and messages", () => {
    const newUser = (over: Record<string, unknown>) =>
      admin.post<ErrorBody & { id: number; name: string }>("/api/v1/users", {
        email: "kimura@example.jp",
        name: "木村 誠",
        role: "viewer",
        password: "kimura-makoto-2025",
        ...over,
      });

    it("limits a user's name to 100 characters, on create and edit", async () => {
      for (const name of ["あ".repeat(101), "a".repeat(600_000)]) {
        const res = await newUser({ name });
        expect(res.status, `${name.length}`).toBe(400);
        expect(res.body.error.fields?.name).toBe("氏名は100文字以内で入力してください");
      }
      const hundred = "𠮷".repeat(100); // 100 characters, 200 UTF-16 units
      const ok = await newUser({ name: hundred });
      expect(ok.status, JSON.stringify(ok.body)).toBe(201);
      const edit = await admin.patch<ErrorBody>(`/api/v1/users/${ok.body.id}`, { name: `${hundred}a` });
      expect(edit.status).toBe(400);
      expect(edit.body.error.fields?.name).toBe("氏名は100文字以内で入力してください");
      const options = await cs.get<{ items: { name: string }[] }>("/api/v1/users/options");
      expect(Math.max(...options.body.items.map((u) => Array.from(u.name).length))).toBeLessThanOrEqual(100);
    });

    it("refuses short passwords, only spaces, one repeated character, the e-mail address or a common one", async () => {
      const SHORT = "パスワードは12文字以上にしてください";
      const SPACES = "空白だけのパスワードは使えません";
      const REPEATED = "同じ文字を繰り返しただけのパスワードは使えません";
      const EMAIL = "メールアドレスと同じパスワードは使えません";
      const COMMON = "よく使われているパスワードのため使えません。推測されにくい言葉を組み合わせてください";
      // each case gives the password for a user's own e-mail address
      const cases: [(email: string) => string, string][] = [
        [() => "nakamura-25", SHORT],
        [() => " ".repeat(12), SPACES],
        [() => "\u3000".repeat(12), SPACES],
        [() => "aaaaaaaaaaaa", REPEATED],
        [() => "１１１１１１１１１１１１", REPEATED],
        [(email) => email, EMAIL],
        [(email) => ` ${email.toUpperCase()} `, EMAIL],
        [() => "qwerty123456", COMMON],
        [() => "ＱＷＥＲＴＹ１２３４５６", COMMON],
        [() => "Iloveyou-2025!", COMMON],
      ];
      for (const [password, message] of cases) {
        const res = await newUser({
          email: "nakamura@example.jp",
          password: password("nakamura@example.jp"),
        });
        expect(res.status, password("nakamura@example.jp")).toBe(400);
        expect(res.body.error.fields?.password).toBe(message);
        const reset = await admin.patch<ErrorBody>(`/api/v1/users/${users.staff.id}`, {
          password: password("staff@example.jp"),
        });
        expect(reset.status, `reset ${password("staff@example.jp")}`).toBe(400);
        expect(reset.body.error.fields?.password).toBe(message);
      }
      // the staff member still signs in with the old password
      expect((await clientAs(app, "staff@example.jp")).cookie).toBeTruthy();
    });

    it("accepts deadline rules only for voice types that exist", async () => {
      const bad = await admin.request<ErrorBody>("PUT", "/api/v1/settings", {
        deadlineRules: {
          complaint: { acknowledgeDays: 1, resolveDays: 5 },
          kujou: { acknowledgeDays: 1, resolveDays: 3 },
        },
      });
      expect(bad.status).toBe(400);
      expect(bad.body.error.fields).toEqual({
        "deadlineRules.kujou": "「kujou」は登録されていない種別のコードです",
      });
      const good = await admin.request<{ deadlineRules: Record<string, unknown> }>(
        "PUT",
        "/api/v1/settings",
        {
          deadlineRules: { complaint: { acknowledgeDays: 1, resolveDays: 4 } },
        },
      );
      expect(good.status).toBe(200);
      expect(good.body.deadlineRules.complaint).toEqual({ acknowledgeDays: 1, resolveDays: 4 });
      expect(good.body.deadlineRules).not.toHaveProperty("kujou");
    });

    it("answers a too-long login e-mail with its limit, and every length limit in plain Japanese", async () => {
      const login = await app.inject({
        method: "POST",
        url: "/api/v1/session",
        payload: { email: `${"a".repeat(300)}@example.jp`, password: "correct-horse-battery" },
      });
      expect(login.statusCode).toBe(400);
      expect((JSON.parse(login.body) as ErrorBody).error.fields?.email).toBe(
        "メールアドレスは200文字以内で入力してください",
      );

      const long = await cs.post<ErrorBody>("/api/v1/voices", {
        ...complaint,
        receivedAt: "2025/6/2 9:15".padEnd(61, " "),
        customer: { name: "山".repeat(101), prefecture: "北海道北海道北海道北海道" },
      });
      expect(long.status).toBe(400);
      expect(long.body.error.fields).toMatchObject({
        receivedAt: "60文字以内で入力してください",
        "customer.name": "100文字以内で入力してください",
        "customer.prefecture": "10文字以内で入力してください",
      });
      const search = await cs.get<ErrorBody>(`/api/v1/voices?q=${encodeURIComponent("あ".repeat(201))}`);
      expect(search.body.error.fields?.q).toBe("200文字以内で入力してください");
      const audit = await admin.get<ErrorBody>("/api/v1/audit?limit=500");
      expect(audit.body.error.fields?.limit).toBe("200以下で指定してください");
      for (const message of Object.values({ ...long.body.error.fields, ...audit.body.error.fields })) {
        expect(message).not.toMatch(/大きすぎる値|string|number|必要があります/);
      }
    });
  });
});
