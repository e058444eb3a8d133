/**
 * The analytics API on every database: after random registrations, edits, status changes, voids, merges and an
 * import (all through the API), every count equals the raw SQL count of the same voices; bad input is a Japanese
 * 400 naming the field; staff see their own department only; the routes and their response shapes are in OpenAPI.
 */
import type { FastifyInstance } from "fastify";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRandom } from "../../src/demo/random.js";
import { fiscalYearPeriod } from "../../src/domain/analysis-period.js";
import { jstDate, jstDateTimeToIso } from "../../src/domain/jst.js";
import type {
  CountsResponse,
  HandlingResponse,
  QueuesResponse,
} from "../../src/features/analytics/contract.js";
import type { VoiceList } from "../../src/features/voices/contract.js";
import type { ApiError, VoiceDetail } from "../../src/shared/api-contract.js";
import { type ApiClient, clientAs, seedUsers, testApp } from "../helpers/api-client.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../helpers/test-database.js";

const dialects = await testDialects();

const TYPES = ["praise", "request", "complaint", "other"] as const;
const CATEGORIES = ["handling", "servicing", "product", "application", "claim", "other"] as const;
const CHANNELS = ["counter", "call_center", "web", "consultation_office", "survey", "visit"] as const;
const DEPARTMENTS = ["call_center", "tokyo_branch", "osaka_branch", "claims"] as const;
const PREFECTURES = ["北海道", "東京都", "大阪府", "福井県", null] as const;
const TEXTS = [
  "電話がなかなかつながらず、待ち時間が長かった。",
  "担当の方の説明がとても丁寧で、安心して手続きできました。",
  "共済金の請求書類をもう少し簡単にしてほしい。",
  "住所変更の手続きをホームページでもできるようにしてほしい。",
  "窓口の職員の言葉づかいが気になりました。",
];

describe.each(dialects)("analytics API on %s", (dialect) => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  let cs: ApiClient;
  let staff: ApiClient;
  let lead: ApiClient;
  let viewer: ApiClient;
  const rnd = createRandom(20221101);
  const ids: number[] = [];

  /** A random time in FY2023–FY2024 (April years), some on the first or last minute of a JST month. */
  const randomReceivedAt = () => {
    const k = rnd.int(0, 23);
    const y = 2023 + Math.floor((k + 3) / 12);
    const m = ((k + 3) % 12) + 1;
    const lastDay = new Date(Date.UTC(y, m, 0)).getUTCDate();
    const edge = rnd.next();
    if (edge < 0.15) return `${y}/${m}/1 0:00`;
    if (edge < 0.3) return `${y}/${m}/${lastDay} 23:59`;
    return `${y}/${m}/${rnd.int(1, lastDay)} ${rnd.int(8, 19)}:${rnd.int(10, 59)}`;
  };

  const register = async () => {
    const type = rnd.pick(TYPES);
    const prefecture = rnd.pick(PREFECTURES);
    const res = await cs.post<VoiceDetail>("/api/v1/voices", {
      receivedAt: randomReceivedAt(),
      type,
      category: rnd.pick(CATEGORIES),
      channel: rnd.pick(CHANNELS),
      department: rnd.pick(DEPARTMENTS),
      content: rnd.pick(TEXTS),
      priority: rnd.pick(["normal", "normal", "high", "urgent"] as const),
      customer: prefecture ? { name: "山田 花子", prefecture, ageBand: rnd.pick(["30代", "60代"]) } : null,
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    ids.push(res.body.id);
  };

  const voice = async (id: number) => (await cs.get<VoiceDetail>(`/api/v1/voices/${id}`)).body;
  const open = async () => {
    const out: VoiceDetail[] = [];
    for (const id of ids) {
      const v = await voice(id);
      if (v.status !== "voided" && v.status !== "closed") out.push(v);
    }
    return out;
  };

  const edit = async () => {
    const v = rnd.pick(await open());
    const changes: Record<string, unknown> = { version: v.version };
    const what = rnd.int(0, 4);
    if (what === 0) {
      changes.type = rnd.pick(TYPES.filter((t) => t !== v.type.code));
      if (v.type.code === "complaint") changes.typeChangeReason = "内容を確認したところ、ご要望であったため";
    } else if (what === 1) changes.category = rnd.pick(CATEGORIES);
    else if (what === 2) changes.department = rnd.pick(DEPARTMENTS);
    else if (what === 3) changes.channel = rnd.pick(CHANNELS);
    else changes.receivedAt = randomReceivedAt();
    const res = await cs.patch(`/api/v1/voices/${v.id}`, changes);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  };

  const act = async () => {
    const v = rnd.pick(await open());
    if (v.status === "received") await cs.post(`/api/v1/voices/${v.id}/actions`, { action: "start" });
    else if (v.status === "in_progress") {
      await cs.post(`/api/v1/voices/${v.id}/actions`, {
        action: "respond",
        method: "電話",
        content: "ご説明しました",
      });
      await cs.post(`/api/v1/voices/${v.id}/actions`, { action: "resolve" });
    } else if (v.status === "resolved") {
      const action = v.type.code === "complaint" ? "approve" : "close";
      const res = await lead.post(`/api/v1/voices/${v.id}/actions`, { action });
      if (res.status !== 200)
        await cs.post(`/api/v1/voices/${v.id}/actions`, { action: "reopen", reason: "再確認" });
    }
  };

  const voidOne = async () => {
    const v = rnd.pick(await open());
    const res = await cs.post(`/api/v1/voices/${v.id}/actions`, {
      action: "void",
      reason: "重複して登録したため",
    });
    expect(res.status).toBe(200);
  };

  const mergeOne = async () => {
    const [dup, into] = (await open()).slice(rnd.int(0, 3));
    if (!dup || !into) return;
    const res = await cs.post(`/api/v1/voices/${dup.id}/merge`, { intoId: into.id });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
  };

  const importSome = async (n: number, tag: string) => {
    const rows = Array.from({ length: n }, (_, i) =>
      [
        randomReceivedAt(),
        rnd.pick(["コールセンター", "窓口（支所・共済ショップ）", "web"]),
        rnd.pick(["苦情", "意見・要望", "感謝・評価"]),
        rnd.pick(["応対", "商品", "支払い"]),
        rnd.pick(["コールセンター", "東京支所"]),
        rnd.pick(TEXTS),
        `${tag}-${i}`,
      ].join(","),
    );
    const file = Buffer.from(
      `受付日時,受付チャネル,種別,分類,部署,内容,外部ID\r\n${rows.join("\r\n")}\r\n`,
      "utf8",
    );
    const res = await app.inject({
      method: "POST",
      url: "/api/v1/imports?dryRun=false",
      headers: {
        cookie: cs.cookie ?? "",
        "x-csrf-token": cs.csrf ?? "",
        "content-type": "application/octet-stream",
        "x-file-name": encodeURIComponent("声の取り込み.csv"),
      },
      payload: file,
    });
    expect(res.statusCode, res.body).toBe(200);
    expect(JSON.parse(res.body)).toMatchObject({ imported: n, problems: [] });
  };

  /** The raw SQL count of the same voices: not voided, received in [from, to), grouped by the columns. */
  const rawCounts = async (columns: string[], from: string, to: string) => {
    const cols = columns.length ? sql.raw(columns.join(", ")) : sql.raw("1");
    const rows = await sql<Record<string, string | number | null>>`
      select ${cols}, count(*) as n from voices v left join customers c on c.id = v.customer_id
      where v.status <> 'voided' and v.received_at >= ${from} and v.received_at < ${to}
      group by ${cols}`.execute(tdb.db);
    return new Map(
      rows.rows.map((r) => [
        columns.map((c) => String(r[c.split(".")[1] ?? c] ?? "")).join("|"),
        Number(r.n),
      ]),
    );
  };

  const DIMENSION_COLUMNS: Record<string, string> = {
    type: "v.type_id",
    category: "v.category_id",
    channel: "v.channel_id",
    department: "v.department_id",
    status: "v.status",
    priority: "v.priority",
    prefecture: "c.prefecture",
    age_band: "c.age_band",
  };

  /** Asserts the API's counts for `by` in FY2023 and FY2024 (and the comparison) equal raw SQL's. */
  const expectCountsEqualRaw = async (by: string) => {
    const res = await cs.get<CountsResponse>(`/api/v1/analysis/counts?period=fy2024&by=${by}`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const dims = by.split(",");
    const cur = fiscalYearPeriod(2024, 4);
    const prev = fiscalYearPeriod(2023, 4);
    const iso = (d: string) => jstDateTimeToIso(d);
    if (dims.includes("month")) {
      // Months bucketed in JavaScript from every counted voice's received_at: an oracle independent of the SQL.
      const all = await tdb.db.selectFrom("voices").select(["received_at", "status"]).execute();
      const byMonth = new Map<string, number>();
      for (const v of all)
        if (v.status !== "voided")
          byMonth.set(
            jstDate(v.received_at).slice(0, 7),
            (byMonth.get(jstDate(v.received_at).slice(0, 7)) ?? 0) + 1,
          );
      for (const r of res.body.rows) {
        const m = r.keys[0]?.key ?? "";
        expect([m, r.count, r.previous]).toEqual([
          m,
          byMonth.get(m) ?? 0,
          byMonth.get(`${Number(m.slice(0, 4)) - 1}${m.slice(4)}`) ?? 0,
        ]);
      }
      return;
    }
    const columns = dims.map((d) => DIMENSION_COLUMNS[d] ?? d);
    const [now, before] = await Promise.all([
      rawCounts(columns, iso(cur.from), iso(cur.toExclusive)),
      rawCounts(columns, iso(prev.from), iso(prev.toExclusive)),
    ]);
    const keyOf = (keys: CountsResponse["rows"][number]["keys"]) =>
      keys.map((k) => String(k.id ?? k.key ?? "")).join("|");
    let total = 0;
    for (const r of res.body.rows) {
      expect([keyOf(r.keys), r.count, r.previous]).toEqual([
        keyOf(r.keys),
        now.get(keyOf(r.keys)) ?? 0,
        before.get(keyOf(r.keys)) ?? 0,
      ]);
      total += r.count;
    }
    // Nothing the raw count holds is missing from the API's rows.
    expect(total).toBe([...now.values()].reduce((s, n) => s + n, 0));
    expect(res.body.total.count).toBe(total);
    expect(res.body.total.previous).toBe([...before.values()].reduce((s, n) => s + n, 0));
  };

  const BYS = [
    "type",
    "type,category",
    "channel,department",
    "status",
    "priority",
    "prefecture,age_band",
    "month",
  ];

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    app = await testApp(tdb);
    await seedUsers(tdb);
    cs = await clientAs(app, "cs@example.jp");
    staff = await clientAs(app, "staff@example.jp");
    lead = await clientAs(app, "lead@example.jp");
    viewer = await clientAs(app, "viewer@example.jp");
  });
  afterAll(async () => {
    await app?.close();
    await tdb?.drop();
  });

  it("counts exactly what raw SQL counts after random writes, edits, voids, merges and imports", async () => {
    for (let i = 0; i < 40; i++) await register();
    for (const by of BYS) await expectCountsEqualRaw(by);
    for (let round = 0; round < 3; round++) {
      for (let i = 0; i < 8; i++) await register();
      for (let i = 0; i < 6; i++) await edit();
      for (let i = 0; i < 8; i++) await act();
      for (let i = 0; i < 2; i++) await voidOne();
      for (let i = 0; i < 2; i++) await mergeOne();
      await importSome(5, `R${round}`);
      for (const by of BYS) await expectCountsEqualRaw(by);
    }
    const voided = await tdb.db.selectFrom("voices").select("id").where("status", "=", "voided").execute();
    expect(voided.length).toBeGreaterThanOrEqual(8); // the voids and merges happened
  }, 240_000); // ~100 API writes and 44 count comparisons: about a minute on a busy 2-core machine

  it("opens the voice list on exactly the counted voices, with the list's own filters and keywords", async () => {
    for (const query of [
      "period=fy2024&by=type,category",
      `period=fy2024&by=channel&q=${encodeURIComponent("電話")}`,
      "period=fy2024&by=month&department=call_center,tokyo_branch&status=received,in_progress,resolved,voided",
    ]) {
      const res = await cs.get<CountsResponse>(`/api/v1/analysis/counts?${query}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.total.count).toBeGreaterThan(0);
      for (const r of [res.body.total, ...res.body.rows].filter((c) => c.listQuery && c.count > 0)) {
        const list = await cs.get<VoiceList>(`/api/v1/voices?${r.listQuery}`);
        expect(list.body.total, r.listQuery ?? "").toBe(r.count);
      }
    }
  });

  it("answers bad input with a Japanese 400 naming the field", async () => {
    const bad = async (query: string) => {
      const res = await cs.get<ApiError>(`/api/v1/analysis/counts?${query}`);
      expect(res.status, query).toBe(400);
      expect(res.body.error.code).toBe("invalid_input");
      return res.body.error.fields ?? {};
    };
    expect((await bad("period=2025-13")).period).toBe("期間「2025-13」の月が正しくありません（1〜12）");
    expect((await bad("by=unknown")).by).toContain("集計の軸（by）に「unknown」は指定できません");
    expect((await bad("from=2025/4/1&to=2025/3/31")).to).toBe("終了日は開始日以降の日付にしてください");
    expect((await bad("period=fy2024&from=2024/4/1")).period).toContain("同時に指定できません");
    expect((await bad("compare=lastyear")).compare).toContain("previous_year");
    expect((await bad("department=存在しない部署")).department).toContain("登録されていない部署");
    const handling = await cs.get<ApiError>("/api/v1/analysis/handling?period=fy2024q5");
    expect(handling.status).toBe(400);
    expect(handling.body.error.fields?.period).toContain("四半期は1〜4");
  });

  it("shows staff their own department only, server-side", async () => {
    const own = await staff.get<CountsResponse>("/api/v1/analysis/counts?period=fy2024&by=department");
    expect(own.status).toBe(200);
    expect(own.body.department?.code).toBe("call_center");
    expect(own.body.rows.map((r) => r.keys[0]?.key)).toEqual(["call_center"]);
    const raw = await rawCounts(
      ["v.department_id"],
      jstDateTimeToIso("2024-04-01"),
      jstDateTimeToIso("2025-04-01"),
    );
    expect(own.body.total.count).toBe(raw.get(String(own.body.department?.id)) ?? 0);
    const other = await staff.get<ApiError>("/api/v1/analysis/counts?period=fy2024&department=tokyo_branch");
    expect(other.status).toBe(403);
    expect(other.body.error.message).toBe("担当者は所属部署の集計だけを表示できます");
    const handling = await staff.get<HandlingResponse>("/api/v1/analysis/handling?period=fy2024");
    expect(handling.body.departments.every((d) => d.department?.code === "call_center")).toBe(true);
    const all = await viewer.get<CountsResponse>("/api/v1/analysis/counts?period=fy2024&by=department");
    expect(all.body.department).toBeNull();
    expect(all.body.rows.filter((r) => r.count > 0).length).toBeGreaterThan(1);
  });

  it("answers the work queues of the user's role", async () => {
    const mine = await lead.get<QueuesResponse>("/api/v1/analysis/queues");
    expect(mine.status).toBe(200);
    expect(mine.body.queues.map((q) => q.label)).toEqual(["承認待ち", "未割り当て", "期限超過"]);
    for (const q of mine.body.queues) {
      const list = await lead.get<VoiceList>(`/api/v1/voices?${q.listQuery}`);
      expect(list.body.total).toBe(q.count);
    }
    expect((await viewer.get<QueuesResponse>("/api/v1/analysis/queues")).body.queues).toEqual([]);
    expect((await app.inject({ method: "GET", url: "/api/v1/analysis/queues" })).statusCode).toBe(401);
  });

  it("documents the routes and their response shapes in the OpenAPI document", async () => {
    const doc = (
      await cs.get<{ paths: Record<string, { get: { responses: Record<string, unknown> } }> }>(
        "/api/openapi.json",
      )
    ).body;
    for (const path of ["/api/v1/analysis/counts", "/api/v1/analysis/handling", "/api/v1/analysis/queues"]) {
      const ok = doc.paths[path]?.get.responses["200"] as { content?: Record<string, { schema?: unknown }> };
      expect(JSON.stringify(ok?.content?.["application/json"]?.schema ?? null), path).toContain(
        '"properties"',
      );
    }
    expect(JSON.stringify(doc.paths["/api/v1/analysis/counts"])).toContain("listQuery");
  });
});
