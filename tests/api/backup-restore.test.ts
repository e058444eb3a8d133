/**
 * Backup → restore and database → database copies, across engines: every row of every table identical after the
 * move, the search and similar-voice answers the same, new voices numbered after the restored ones, and a broken
 * file or a non-empty target refused with nothing written.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import type { FastifyInstance } from "fastify";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Dialect } from "../../src/db/database.js";
import { readBackupFile, writeBackupFile } from "../../src/features/backup/backup-file.js";
import { toBackupValue } from "../../src/features/backup/backup-records.js";
import { copiedTables, dumpDatabase } from "../../src/features/backup/dump-database.js";
import { restoreDatabase } from "../../src/features/backup/restore-database.js";
import type { VoiceList } from "../../src/features/voices/contract.js";
import type { VoiceDetail } from "../../src/shared/api-contract.js";
import { type ApiClient, clientAs, seedUsers, testApp } from "../helpers/api-client.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../helpers/test-database.js";

const dialects = await testDialects();
const pairs: [Dialect, Dialect][] = dialects.flatMap((from) =>
  dialects.map((to): [Dialect, Dialect] => [from, to]),
);
const dir = mkdtempSync(join(tmpdir(), "koe-backup-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const VOICES = [
  {
    type: "complaint",
    category: "handling",
    content:
      "コールセンターに何度電話してもつながらず、30分以上待たされました。折り返しの連絡もありませんでした。",
    customer: { name: "山田 花子", phone: "090-1234-5678", email: "hanako@example.jp", prefecture: "福井県" },
  },
  {
    type: "request",
    category: "product",
    content: "共済掛金の払込方法にクレジットカードを選べるようにしてほしいです。",
    customer: { name: "佐藤 一郎", phone: "03-1234-5678", prefecture: "東京都" },
  },
  {
    type: "praise",
    category: "handling",
    content: "窓口の方がとても親切に説明してくださり、安心して手続きができました。ありがとうございました。",
  },
  {
    type: "complaint",
    category: "claim",
    content: "共済金の支払いが遅く、請求してから一か月たっても入金がありません。",
  },
];

/** Every copied table's rows, as the backup writes them, ordered by key: equal on both sides of a move. */
async function tableContents(tdb: TestDatabase): Promise<Record<string, unknown[][]>> {
  const out: Record<string, unknown[][]> = {};
  for (const t of await copiedTables(tdb.db)) {
    const rows = (await tdb.db
      // biome-ignore lint/suspicious/noExplicitAny: every table by name
      .selectFrom(t.name as any)
      .selectAll()
      .execute()) as Record<string, unknown>[];
    const values = rows.map((r) => [...t.columns].sort().map((c) => toBackupValue(r[c])));
    values.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    out[t.name] = values;
  }
  return out;
}

async function fill(app: FastifyInstance, tdb: TestDatabase) {
  const users = await seedUsers(tdb);
  const staff = await clientAs(app, "staff@example.jp");
  const lead = await clientAs(app, "lead@example.jp");
  const cs = await clientAs(app, "cs@example.jp");
  const ids: number[] = [];
  for (const [i, v] of VOICES.entries()) {
    const r = await staff.post<VoiceDetail>("/api/v1/voices", {
      receivedAt: `2025/4/${i + 1} 10:30`,
      channel: "call_center",
      department: "call_center",
      ...v,
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    ids.push(r.body.id);
  }
  const first = ids[0] as number;
  const act = (c: ApiClient, body: unknown) => c.post<VoiceDetail>(`/api/v1/voices/${first}/actions`, body);
  expect((await act(lead, { action: "assign", assigneeId: users.staff.id })).status).toBe(200);
  expect((await act(staff, { action: "start" })).status).toBe(200);
  expect(
    (
      await act(staff, {
        action: "respond",
        method: "電話",
        content: "お詫びし、折り返し予約の方法をご案内しました。",
      })
    ).status,
  ).toBe(200);
  expect((await act(staff, { action: "resolve", note: "ご納得いただけました" })).status).toBe(200);
  expect((await act(lead, { action: "approve", note: "対応内容を確認しました" })).status).toBe(200);
  // A duplicate merged into the open request: both timelines point at each other.
  const dup = await staff.post<VoiceDetail>("/api/v1/voices", {
    receivedAt: "2025/4/9 09:00",
    channel: "web",
    department: "call_center",
    type: "request",
    category: "product",
    content: VOICES[1]?.content,
  });
  expect(dup.status, JSON.stringify(dup.body)).toBe(201);
  const merged = await cs.post(`/api/v1/voices/${dup.body.id}/merge`, { intoId: ids[1] });
  expect(merged.status, JSON.stringify(merged.body)).toBe(200);
  return { ids, dupId: dup.body.id };
}

describe.each(pairs)("backup from %s restored into %s", (from, to) => {
  let source: TestDatabase;
  let target: TestDatabase;
  let sourceApp: FastifyInstance;
  let targetApp: FastifyInstance;
  let ids: number[];
  const file = join(dir, `${from}-${to}.koe-backup`);

  beforeAll(async () => {
    source = await createTestDatabase(from);
    sourceApp = await testApp(source);
    ({ ids } = await fill(sourceApp, source));
    target = await createTestDatabase(to, { prepared: false });
    await writeBackupFile(dumpDatabase(source.db, source.dialect), file);
    const result = await restoreDatabase(target, readBackupFile(file));
    expect(result.tables.voices).toBe(VOICES.length + 1);
    expect(result.indexedVoices).toBe(VOICES.length + 1);
    targetApp = await testApp(target);
  });
  afterAll(async () => {
    await sourceApp?.close();
    await targetApp?.close();
    await source?.drop();
    await target?.drop();
  });

  it("restores every row of every table as it was", async () => {
    const before = await tableContents(source);
    const after = await tableContents(target);
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
    for (const table of Object.keys(before)) expect(after[table], table).toEqual(before[table]);
    expect(before.voice_events?.length).toBeGreaterThan(5);
  });

  it("answers searches and similar voices as the source did, for the same users and passwords", async () => {
    const s = await clientAs(sourceApp, "staff@example.jp");
    const t = await clientAs(targetApp, "staff@example.jp");
    for (const q of ["電話", "支払い", "親切"]) {
      const a = await s.get<VoiceList>(`/api/v1/voices?q=${encodeURIComponent(q)}`);
      const b = await t.get<VoiceList>(`/api/v1/voices?q=${encodeURIComponent(q)}`);
      expect(b.status).toBe(200);
      expect(b.body.items.map((v) => v.id)).toEqual(a.body.items.map((v) => v.id));
      expect(a.body.items.length).toBeGreaterThan(0);
    }
    const simA = await s.get<{ items: { id: number }[] }>(`/api/v1/voices/${ids[1]}/similar`);
    const simB = await t.get<{ items: { id: number }[] }>(`/api/v1/voices/${ids[1]}/similar`);
    expect(simB.body.items.map((v) => v.id)).toEqual(simA.body.items.map((v) => v.id));
  });

  it("leaves the planner statistics of the restored tables, so the first searches are planned well", async () => {
    const stats =
      to === "postgres"
        ? await sql<{ n: number }>`select count(*) as n from pg_stats where tablename = 'voices'`.execute(
            target.db,
          )
        : await sql<{ n: number }>`select count(*) as n from sqlite_stat1 where tbl = 'voices'`.execute(
            target.db,
          );
    expect(Number(stats.rows[0]?.n)).toBeGreaterThan(0);
  });

  it("numbers a voice registered after the restore after the restored ones", async () => {
    const t = await clientAs(targetApp, "staff@example.jp");
    const r = await t.post<VoiceDetail>("/api/v1/voices", {
      receivedAt: "2025/4/20 10:00",
      channel: "call_center",
      department: "call_center",
      type: "request",
      category: "product",
      content: "書類の文字を大きくしてほしいです。",
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body.id).toBeGreaterThan(Math.max(...ids));
    const receipts = await target.db.selectFrom("voices").select("receipt_number").execute();
    expect(new Set(receipts.map((x) => x.receipt_number)).size).toBe(receipts.length);
  });
});

describe.each(dialects)("a restore into %s refuses and writes nothing", (to) => {
  let source: TestDatabase;
  let app: FastifyInstance;
  const file = join(dir, `refuse-${to}.koe-backup`);

  beforeAll(async () => {
    source = await createTestDatabase("sqlite");
    app = await testApp(source);
    await fill(app, source);
    await writeBackupFile(dumpDatabase(source.db, source.dialect), file);
  });
  afterAll(async () => {
    await app?.close();
    await source?.drop();
  });

  const emptyAfter = async (target: TestDatabase) => {
    const users = await target.db.selectFrom("users").select("id").execute();
    const voices = await target.db.selectFrom("voices").select("id").execute();
    return users.length + voices.length;
  };

  it("a file cut short", async () => {
    const whole = gunzipSync(readFileSync(file)).toString("utf8");
    const cut = join(dir, `cut-${to}.koe-backup`);
    // Everything but the end record: each table whole, the end missing.
    writeFileSync(cut, gzipSync(whole.slice(0, whole.lastIndexOf('{"end"'))));
    const target = await createTestDatabase(to, { prepared: false });
    try {
      await expect(restoreDatabase(target, readBackupFile(cut))).rejects.toThrow(/途中で切れています/);
      expect(await emptyAfter(target)).toBe(0);
    } finally {
      await target.drop();
    }
  });

  it("a damaged gzip stream", async () => {
    const bytes = readFileSync(file);
    const damaged = join(dir, `damaged-${to}.koe-backup`);
    writeFileSync(damaged, bytes.subarray(0, Math.floor(bytes.length / 2)));
    const target = await createTestDatabase(to, { prepared: false });
    try {
      await expect(restoreDatabase(target, readBackupFile(damaged))).rejects.toThrow(
        /壊れているか途中で切れています/,
      );
      expect(await emptyAfter(target)).toBe(0);
    } finally {
      await target.drop();
    }
  });

  it("a target that already holds people's data", async () => {
    const target = await createTestDatabase(to); // migrated, with its first admin
    try {
      await expect(restoreDatabase(target, readBackupFile(file))).rejects.toThrow(
        /空ではありません（users に 1 行/,
      );
      const users = await target.db.selectFrom("users").select("email").execute();
      expect(users.map((u) => u.email)).toEqual(["admin@example.jp"]);
    } finally {
      await target.drop();
    }
  });

  it("a backup made by a newer koe, or not a backup at all", async () => {
    const lines = gunzipSync(readFileSync(file)).toString("utf8").split("\n");
    const header = JSON.parse(lines[0] as string);
    const newer = join(dir, `newer-${to}.koe-backup`);
    writeFileSync(
      newer,
      gzipSync(
        [JSON.stringify({ ...header, schema: "2099-01-01-9999-future" }), ...lines.slice(1)].join("\n"),
      ),
    );
    const notBackup = join(dir, `csv-${to}.koe-backup`);
    writeFileSync(notBackup, gzipSync("受付番号,内容\n2025-000001,テスト\n"));
    const target = await createTestDatabase(to, { prepared: false });
    try {
      await expect(restoreDatabase(target, readBackupFile(newer))).rejects.toThrow(/新しい版の koe/);
      await expect(restoreDatabase(target, readBackupFile(notBackup))).rejects.toThrow(
        /koe のバックアップファイルではありません/,
      );
    } finally {
      await target.drop();
    }
  });
});
