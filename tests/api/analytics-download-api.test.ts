/**
 * The dashboard's chart downloads on every database: the XLSX and CSV (UTF-8 with BOM, Shift_JIS) of a counts
 * query hold exactly the counts API's numbers, in each table layout (rows, grouped, cross, fiscal months); text
 * that would start a formula is guarded; staff download their own department only; bad input is a Japanese 400
 * naming the field; the routes are in the OpenAPI document.
 */
import { parse } from "csv-parse/sync";
import ExcelJS from "exceljs";
import type { FastifyInstance } from "fastify";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRandom } from "../../src/demo/random.js";
import type { CountsResponse } from "../../src/features/analytics/contract.js";
import type { WordsAnalysis } from "../../src/features/text/contract.js";
import { indexAllMissingWords } from "../../src/features/text/word-index.js";
import type { ApiError, Label, VoiceDetail } from "../../src/shared/api-contract.js";
import { closeTokenizeWorker } from "../../src/text/worker-pool.js";
import { type ApiClient, clientAs, seedUsers, testApp } from "../helpers/api-client.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../helpers/test-database.js";

const dialects = await testDialects();

const TYPES = ["praise", "request", "complaint", "other"] as const;
const CATEGORIES = ["handling", "servicing", "product", "application", "claim", "other"] as const;
const CHANNELS = ["counter", "call_center", "web", "consultation_office", "survey"] as const;
const DEPARTMENTS = ["call_center", "tokyo_branch", "osaka_branch", "claims"] as const;
const TEXTS = [
  "電話がなかなかつながらず、待ち時間が長かった。",
  "担当の方の説明がとても丁寧で、安心して手続きできました。",
  "共済金の請求書類をもう少し簡単にしてほしい。",
  "住所変更の手続きをホームページでもできるようにしてほしい。",
  "窓口の職員の言葉づかいが気になりました。",
];

type Cell = string | number | null;

describe.each(dialects)("analytics downloads on %s", (dialect) => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  let cs: ApiClient;
  let staff: ApiClient;
  let admin: ApiClient;
  const rnd = createRandom(20230601);

  const download = async (client: ApiClient, path: string) => {
    const res = await app.inject({ method: "GET", url: path, headers: { cookie: client.cookie ?? "" } });
    return { status: res.statusCode, headers: res.headers, raw: res.rawPayload, text: res.body };
  };

  /** The first sheet's rows as values (numbers stay numbers; empty cells are null). */
  const xlsxRows = async (raw: Buffer): Promise<Cell[][]> => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(raw as unknown as ArrayBuffer);
    const sheet = workbook.worksheets[0];
    const out: Cell[][] = [];
    sheet?.eachRow({ includeEmpty: false }, (row) => {
      const cells: Cell[] = [];
      for (let i = 1; i <= row.cellCount; i++) {
        const v = row.getCell(i).value;
        cells.push(v === null || v === undefined ? null : typeof v === "number" ? v : String(v));
      }
      out.push(cells);
    });
    return out;
  };
  const csvRows = (text: string): string[][] => parse(text, { relax_column_count: true }) as string[][];
  const rowOf = (rows: Cell[][], ...labels: string[]) =>
    rows.find((r) => labels.every((l, i) => r[i] === l)) ?? null;

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    app = await testApp(tdb);
    await seedUsers(tdb);
    cs = await clientAs(app, "cs@example.jp");
    staff = await clientAs(app, "staff@example.jp");
    admin = await clientAs(app, "admin@example.jp", "admin-password-1");
    // A channel whose name would start a formula in Excel.
    const label = await admin.post<Label>("/api/v1/taxonomy/channel", {
      code: "ext_form",
      name: "=外部フォーム",
    });
    expect(label.status, JSON.stringify(label.body)).toBe(201);

    // FY2024 (April) and FY2023 voices: random types, categories, channels and departments.
    const register = async (receivedAt: string, channel: string) => {
      const res = await cs.post<VoiceDetail>("/api/v1/voices", {
        receivedAt,
        type: rnd.pick(TYPES),
        category: rnd.pick(CATEGORIES),
        channel,
        department: rnd.pick(DEPARTMENTS),
        content: rnd.pick(TEXTS),
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body;
    };
    for (let i = 0; i < 36; i++) {
      const year = rnd.pick([2023, 2024, 2024, 2025]);
      const month = rnd.int(1, 12);
      if (year === 2025 && month > 3) continue;
      await register(`${year}/${month}/${rnd.int(1, 28)} ${rnd.int(9, 17)}:30`, rnd.pick(CHANNELS));
    }
    await register("2024/6/3 10:00", "ext_form");
    // A voided voice is not counted, in the file either.
    const voided = await register("2024/7/1 10:00", "call_center");
    await cs.post(`/api/v1/voices/${voided.id}/actions`, { action: "void", reason: "重複して登録したため" });
  }, 120_000);

  afterAll(async () => {
    await closeTokenizeWorker();
    await app?.close();
    await tdb?.drop();
  });

  it("writes each type by category (grouped) as XLSX with the counts API's numbers", async () => {
    const query = "period=fy2024&by=type,category";
    const counts = (await cs.get<CountsResponse>(`/api/v1/analysis/counts?${query}`)).body;
    expect(counts.total.count).toBeGreaterThan(10);
    const file = await download(cs, `/api/v1/analysis/counts/download?${query}&format=xlsx`);
    expect(file.status, file.text).toBe(200);
    expect(file.headers["content-type"]).toContain("spreadsheetml");
    expect(String(file.headers["content-disposition"])).toContain(
      `filename*=UTF-8''${encodeURIComponent("種別×分類別の件数_2024年度.xlsx")}`,
    );
    const rows = await xlsxRows(file.raw);
    expect(rows[0]).toEqual([
      "種別",
      "分類",
      "件数（2024年度）",
      "種別内の構成比（%）",
      "前年同期（2023年度）",
      "増減（件）",
      "増減率（%）",
    ]);
    for (const r of counts.rows) {
      const line = rowOf(rows, r.keys[0]?.label ?? "", r.keys[1]?.label ?? "");
      expect(line?.slice(2), `${r.keys[0]?.label} × ${r.keys[1]?.label}`).toEqual([
        r.count,
        r.shareOfGroupPercent,
        r.previous,
        r.change,
        r.changePercent,
      ]);
    }
    for (const t of counts.byDimension[0] ?? [])
      expect(rowOf(rows, t.keys[0]?.label ?? "", "計")?.[2]).toBe(t.count);
    expect(rowOf(rows, "合計")?.[2]).toBe(counts.total.count);
    expect(rowOf(rows, "合計")?.[4]).toBe(counts.total.previous);
  });

  it("writes the channels (rows) as UTF-8 CSV with a BOM, with the formula guard on text", async () => {
    const query = "period=fy2024&by=channel";
    const counts = (await cs.get<CountsResponse>(`/api/v1/analysis/counts?${query}`)).body;
    const file = await download(cs, `/api/v1/analysis/counts/download?${query}&format=csv`);
    expect(file.status, file.text).toBe(200);
    expect(file.headers["content-type"]).toBe("text/csv; charset=utf-8");
    expect([...file.raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(file.raw.includes(Buffer.from("\r\n"))).toBe(true);
    const rows = csvRows(file.raw.subarray(3).toString("utf8"));
    expect(rows[0]).toEqual([
      "受付チャネル",
      "件数（2024年度）",
      "構成比（%）",
      "前年同期（2023年度）",
      "増減（件）",
      "増減率（%）",
    ]);
    const text = (v: number | null) => (v === null ? "" : String(v));
    for (const r of counts.byDimension[0] ?? []) {
      const name = r.keys[0]?.label ?? "";
      const line = rows.find((x) => x[0] === name || x[0] === `'${name}`);
      expect(line?.slice(1), name).toEqual([
        text(r.count),
        text(r.sharePercent),
        text(r.previous),
        text(r.change),
        text(r.changePercent),
      ]);
    }
    expect(rows.find((x) => x[0] === "合計")?.[1]).toBe(String(counts.total.count));
    // The channel named "=外部フォーム" is written as text, never as a formula.
    expect(rows.some((x) => x[0] === "'=外部フォーム" && x[1] === "1")).toBe(true);
    expect(rows.some((x) => x[0] === "=外部フォーム")).toBe(false);
  });

  it("writes department × category (cross) as Shift_JIS CSV", async () => {
    const query = "period=fy2024&by=department,category&table=cross";
    const counts = (await cs.get<CountsResponse>(`/api/v1/analysis/counts?${query}`)).body;
    const file = await download(cs, `/api/v1/analysis/counts/download?${query}&format=csv&encoding=sjis`);
    expect(file.status, file.text).toBe(200);
    expect(file.headers["content-type"]).toBe("text/csv; charset=Shift_JIS");
    expect([...file.raw.subarray(0, 3)]).not.toEqual([0xef, 0xbb, 0xbf]);
    const rows = csvRows(iconv.decode(file.raw, "cp932"));
    const categories = counts.byDimension[1] ?? [];
    expect(rows[0]).toEqual(["部署＼分類", ...categories.map((c) => c.keys[0]?.label), "合計"]);
    for (const d of counts.byDimension[0] ?? []) {
      const line = rows.find((x) => x[0] === d.keys[0]?.label);
      const cells = categories.map((c) =>
        String(
          counts.rows.find((r) => r.keys[0]?.id === d.keys[0]?.id && r.keys[1]?.id === c.keys[0]?.id)
            ?.count ?? 0,
        ),
      );
      expect(line?.slice(1), d.keys[0]?.label).toEqual([...cells, String(d.count)]);
    }
    expect(rows.at(-1)).toEqual([
      "合計",
      ...categories.map((c) => String(c.count)),
      String(counts.total.count),
    ]);
  });

  it("writes a fiscal year's months beside the year before's (fiscal_months)", async () => {
    const [cur, prev] = await Promise.all(
      ["fy2024", "fy2023"].map(
        async (p) =>
          (await cs.get<CountsResponse>(`/api/v1/analysis/counts?period=${p}&by=month&compare=none`)).body,
      ),
    );
    const file = await download(
      cs,
      "/api/v1/analysis/counts/download?period=fy2024&table=fiscal_months&format=xlsx&title=月別の件数",
    );
    expect(file.status, file.text).toBe(200);
    const rows = await xlsxRows(file.raw);
    expect(rows[0]).toEqual(["月", "件数（2024年度）", "件数（2023年度）", "増減（件）", "増減率（%）"]);
    expect(rows.slice(1, 13).map((r) => r[0])).toEqual(
      [4, 5, 6, 7, 8, 9, 10, 11, 12, 1, 2, 3].map((m) => `${m}月`),
    );
    expect(rows.slice(1, 13).map((r) => [r[1], r[2]])).toEqual(
      cur?.rows.map((r, i) => [r.count, prev?.rows[i]?.count]),
    );
    expect(rows[13]?.slice(0, 3)).toEqual(["合計", cur?.total.count, prev?.total.count]);
    expect(cur?.total.count).toBeGreaterThan(0);
  });

  it("limits staff to their own department", async () => {
    const own = await download(
      staff,
      "/api/v1/analysis/counts/download?period=fy2024&by=department&format=xlsx",
    );
    expect(own.status).toBe(200);
    const rows = await xlsxRows(own.raw);
    const counts = (await staff.get<CountsResponse>("/api/v1/analysis/counts?period=fy2024&by=department"))
      .body;
    expect(rows.slice(1).map((r) => r[0])).toEqual(["コールセンター", "合計"]);
    expect(rowOf(rows, "合計")?.[1]).toBe(counts.total.count);
    const other = await download(
      staff,
      "/api/v1/analysis/counts/download?department=tokyo_branch&format=csv",
    );
    expect(other.status).toBe(403);
    expect((JSON.parse(other.text) as ApiError).error.message).toBe(
      "担当者は所属部署の集計だけを表示できます",
    );
  });

  it("writes the rising words with the words API's numbers", async () => {
    await indexAllMissingWords(tdb.db);
    const q = "from=2024/4/1&to=2025/3/31";
    const words = (await cs.get<WordsAnalysis>(`/api/v1/analysis/words?${q}&limit=100`)).body;
    const rising = words.words
      .filter((w) => w.change > 0)
      .sort((a, b) => b.change - a.change || b.count - a.count || a.word.localeCompare(b.word, "ja"))
      .slice(0, 5);
    expect(rising.length).toBeGreaterThan(0);
    const file = await download(cs, `/api/v1/analysis/words/download?${q}&limit=5&format=csv`);
    expect(file.status, file.text).toBe(200);
    const rows = csvRows(file.raw.subarray(3).toString("utf8"));
    expect(rows[0]?.[0]).toBe("言葉");
    expect(rows.slice(1).map((r) => [r[0], Number(r[1]), Number(r[2]), Number(r[3])])).toEqual(
      rising.map((w) => [w.word, w.count, w.previousCount, w.change]),
    );
  });

  it("answers bad input with a Japanese 400 naming the field", async () => {
    const bad = async (query: string) => {
      const res = await download(cs, `/api/v1/analysis/counts/download?${query}`);
      expect(res.status, query).toBe(400);
      const body = JSON.parse(res.text) as ApiError;
      expect(body.error.code).toBe("invalid_input");
      return body.error.fields ?? {};
    };
    expect((await bad("format=pdf")).format).toBe("形式（format）は xlsx か csv です");
    expect((await bad("format=csv&encoding=euc")).encoding).toContain("Shift_JIS");
    expect((await bad("by=type&table=cross")).table).toBe(
      "表の形「cross」には集計の軸（by）を2つ指定してください（例: by=type,category）",
    );
    expect((await bad("period=2024-05&table=fiscal_months")).period).toContain("年度で指定してください");
    expect((await bad("by=unknown")).by).toContain("集計の軸（by）に「unknown」は指定できません");
    expect((await bad("period=2025-13")).period).toBe("期間「2025-13」の月が正しくありません（1〜12）");
  });

  it("documents both downloads in the OpenAPI document", async () => {
    const doc = (
      await cs.get<{ paths: Record<string, { get?: { responses: Record<string, unknown> } }> }>(
        "/api/openapi.json",
      )
    ).body;
    for (const path of ["/api/v1/analysis/counts/download", "/api/v1/analysis/words/download"]) {
      const ok = JSON.stringify(doc.paths[path]?.get?.responses["200"] ?? null);
      expect(ok, path).toContain("spreadsheetml");
      expect(ok, path).toContain("text/csv");
    }
  });
});
