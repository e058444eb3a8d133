import { monitorEventLoopDelay } from "node:perf_hooks";
import ExcelJS from "exceljs";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import {
  CATEGORIES,
  CHANNELS,
  DEPARTMENTS,
  idOf,
  PRODUCT_LINES,
  TYPES,
  testContext,
} from "./fixtures/taxonomy.js";
import { readTable } from "./read-table.js";
import { parseColumnMapping } from "./voice-columns.js";
import { validateImportRows } from "./voice-import-rows.js";

const HEADER =
  "受付日時,受付チャネル,種別,分類,商品,部署,内容,ご要望,氏名,組合員番号,電話番号,メール,都道府県,年代,性別,外部ID";

function csv(lines: string[]): Buffer {
  return Buffer.from(`${lines.join("\r\n")}\r\n`, "utf8");
}

async function validateCsv(buf: Buffer, extra: Parameters<typeof testContext>[0] = {}) {
  return validateImportRows(await readTable(buf, "voices.csv"), testContext(extra));
}

describe("validateImportRows", () => {
  it("turns a Shift_JIS CSV with Japanese headers and 令和 dates into valid rows", async () => {
    const text = [
      HEADER,
      "令和7年4月1日 10:30,コールセンター,苦情,応対に関するもの,自動車共済,コールセンター課,電話が３回もつながらなかった。,折り返しの電話がほしい,山田　花子,A-0001,090-1234-5678,hanako@example.jp,福井県,50代,女性,EXT-1",
      "R7.4.2,窓口（支所・共済ショップ）,感謝・評価,共済金のお支払いに関するもの,,福井支所,ｽﾀｯﾌの対応が丁寧でした,,,,,,,,,",
    ].join("\r\n");
    const table = await readTable(iconv.encode(text, "cp932"), "声.csv");
    expect(table.encoding).toBe("shift_jis");
    const result = await validateImportRows(table, testContext());
    expect(result.problems).toEqual([]);
    expect(result.ignoredColumns).toEqual([]);
    expect(result.valid).toEqual([
      {
        row: 2,
        externalId: "EXT-1",
        receivedAt: "2025-04-01T01:30:00.000Z",
        channelId: idOf(CHANNELS, "call_center"),
        typeId: idOf(TYPES, "complaint"),
        categoryId: idOf(CATEGORIES, "handling"),
        productLineId: idOf(PRODUCT_LINES, "auto"),
        departmentId: idOf(DEPARTMENTS, "cc"),
        content: "電話が3回もつながらなかった。",
        remedySought: "折り返しの電話がほしい",
        customer: {
          name: "山田 花子",
          memberNumber: "A-0001",
          phone: "090-1234-5678",
          email: "hanako@example.jp",
          prefecture: "福井県",
          ageBand: "50代",
          gender: "女性",
        },
      },
      {
        row: 3,
        externalId: null,
        receivedAt: "2025-04-01T15:00:00.000Z",
        channelId: idOf(CHANNELS, "counter"),
        typeId: idOf(TYPES, "praise"),
        categoryId: idOf(CATEGORIES, "claim"),
        productLineId: null,
        departmentId: idOf(DEPARTMENTS, "fukui"),
        content: "スタッフの対応が丁寧でした",
        remedySought: null,
        customer: null,
      },
    ]);
  });

  it("reports exactly the three bad rows, with row, column and reason", async () => {
    const buf = csv([
      "受付日時,受付チャネル,種別,分類,部署,内容",
      "2025/4/1,web,complaint,handling,fukui,正しい行",
      "2025/4/1,web,苦情X,handling,fukui,種別が違う",
      "2025/4/2,web,request,product,fukui,正しい行その2",
      "2025/2/30,web,request,product,fukui,ありえない日付",
      "",
      "2025-04-03 09:00,web,other,other,cs,",
      "2025/4/4,web,praise,handling,cs,正しい行その3",
    ]);
    const result = await validateCsv(buf);
    expect(result.problems.map(({ row, column, reason }) => ({ row, column, reason }))).toEqual([
      { row: 3, column: "種別", reason: "『苦情X』は登録されていない種別です" },
      { row: 5, column: "受付日時", reason: "「2025/2/30」は存在しない日付です" },
      { row: 7, column: "内容", reason: "内容を入力してください" },
    ]);
    expect(result.valid.map((r) => r.row)).toEqual([2, 4, 8]);
  });

  it("collects every problem of a row, not just the first", async () => {
    const buf = csv([
      "受付日時,受付チャネル,種別,分類,部署,内容,メール",
      "昨日,電報,苦情X,分類X,部署X,,not-an-email",
    ]);
    const result = await validateCsv(buf);
    expect(result.valid).toEqual([]);
    expect(result.problems.map((p) => p.column)).toEqual([
      "受付日時",
      "受付チャネル",
      "種別",
      "分類",
      "部署",
      "内容",
      "メール",
    ]);
    expect(result.problems.every((p) => p.row === 2)).toBe(true);
    expect(result.problems[6]?.reason).toBe("メールアドレス『not-an-email』の形式が正しくありません");
  });

  it("reports each missing required header once, on row 1, and checks no rows", async () => {
    const result = await validateCsv(csv(["受付日時,種別,備考", "2025/4/1,苦情,メモ"]));
    expect(result.valid).toEqual([]);
    expect(result.problems).toEqual([
      { row: 1, column: "分類", value: "", reason: "必須の列『分類』がありません" },
      { row: 1, column: "部署", value: "", reason: "必須の列『部署』がありません" },
      { row: 1, column: "内容", value: "", reason: "必須の列『内容』がありません" },
      {
        row: 1,
        column: "受付チャネル",
        value: "",
        reason: "必須の列『受付チャネル』がありません（既定の受付チャネルを指定すると省略できます）",
      },
    ]);
    expect(result.ignoredColumns).toEqual(["備考"]);
  });

  it("uses the default channel when the column is absent or the cell is empty", async () => {
    const withoutColumn = await validateCsv(
      csv(["受付日時,種別,分類,部署,内容", "2025/4/1,苦情,その他,福井支所,アンケートの自由記述"]),
      { defaultChannel: "アンケート" },
    );
    expect(withoutColumn.problems).toEqual([]);
    expect(withoutColumn.valid[0]?.channelId).toBe(idOf(CHANNELS, "survey"));

    const emptyCell = await validateCsv(
      csv([
        "受付日時,受付チャネル,種別,分類,部署,内容",
        "2025/4/1,,苦情,その他,福井支所,空欄",
        "2025/4/1,web,苦情,その他,福井支所,記入あり",
      ]),
      { defaultChannel: "survey" },
    );
    expect(emptyCell.valid.map((r) => r.channelId)).toEqual([
      idOf(CHANNELS, "survey"),
      idOf(CHANNELS, "web"),
    ]);

    const noDefault = await validateCsv(
      csv(["受付日時,受付チャネル,種別,分類,部署,内容", "2025/4/1,,苦情,その他,福井支所,空欄"]),
    );
    expect(noDefault.problems).toEqual([
      { row: 2, column: "受付チャネル", value: "", reason: "受付チャネルを入力してください" },
    ]);

    const badDefault = await validateCsv(csv(["受付日時,種別,分類,部署,内容"]), { defaultChannel: "伝書鳩" });
    expect(badDefault.problems).toEqual([
      {
        row: 1,
        column: "受付チャネル",
        value: "伝書鳩",
        reason: "既定の受付チャネル『伝書鳩』は登録されていない受付チャネルです",
      },
    ]);
  });

  it("reports two columns that both mean 内容 on the header row", async () => {
    const result = await validateCsv(
      csv(["受付日時,受付チャネル,種別,分類,部署,内容,Content", "2025/4/1,web,苦情,その他,福井支所,a,b"]),
    );
    expect(result.valid).toEqual([]);
    expect(result.problems).toEqual([
      {
        row: 1,
        column: "Content",
        value: "",
        reason: "「内容」にあたる列が複数あります（『内容』、『Content』）",
      },
    ]);
  });

  it("finds a duplicate 外部ID within the file", async () => {
    const result = await validateCsv(
      csv([
        "受付日時,受付チャネル,種別,分類,部署,内容,外部ID",
        "2025/4/1,web,苦情,その他,福井支所,一件目,X-1",
        "2025/4/1,web,苦情,その他,福井支所,二件目,X-2",
        "2025/4/1,web,苦情,その他,福井支所,三件目,X-1",
      ]),
    );
    expect(result.valid.map((r) => r.externalId)).toEqual(["X-1", "X-2"]);
    expect(result.problems).toEqual([
      { row: 4, column: "外部ID", value: "X-1", reason: "外部ID『X-1』が2行目と重複しています" },
    ]);
  });

  it("limits 内容 to 10,000 characters, counting 𠮷 as one", async () => {
    const ok = "𠮷".repeat(10_000);
    const long = "あ".repeat(10_001);
    const result = await validateCsv(
      csv([
        "受付日時,受付チャネル,種別,分類,部署,内容",
        `2025/4/1,web,苦情,その他,福井支所,${ok}`,
        `2025/4/1,web,苦情,その他,福井支所,${long}`,
      ]),
    );
    expect(result.valid.map((r) => r.row)).toEqual([2]);
    expect(result.problems.map((p) => [p.row, p.column, p.reason])).toEqual([
      [3, "内容", "内容は10,000文字以内で入力してください（10,001文字）"],
    ]);
  });

  it("rejects a date in the future but accepts today", async () => {
    const result = await validateCsv(
      csv([
        "受付日時,受付チャネル,種別,分類,部署,内容",
        "2025/12/31 23:59,web,苦情,その他,福井支所,今日",
        "2030/1/1,web,苦情,その他,福井支所,未来",
      ]),
    );
    expect(result.valid.map((r) => r.row)).toEqual([2]);
    expect(result.problems.map((p) => [p.row, p.reason])).toEqual([
      [3, "受付日時『2030/1/1』が未来の日時です"],
    ]);
  });

  it("removes control characters and mends lone surrogates in every cell", async () => {
    const result = await validateImportRows(
      {
        headers: ["受付日時", "受付チャネル", "種別", "分類", "部署", "内容", "氏名", "外部ID"],
        rows: [
          [
            "2025/4/1\u0000 10:00",
            "web\u0007",
            "苦情",
            "その他",
            "福井支所",
            "書類\u0000が多い\uD83D",
            "山田\u0085 花子",
            "X\u0000-1",
          ],
        ],
      },
      testContext(),
    );
    expect(result.problems).toEqual([]);
    expect(result.valid[0]).toMatchObject({
      receivedAt: "2025-04-01T01:00:00.000Z",
      channelId: idOf(CHANNELS, "web"),
      content: "書類が多い\uFFFD",
      customer: { name: "山田 花子" },
      externalId: "X-1",
    });
  });

  it("refuses dates before 1990 and typos of the year, by row and column", async () => {
    const row = (date: string) => [date, "web", "苦情", "その他", "福井支所", "書類が多い"];
    const result = await validateImportRows(
      {
        headers: ["受付日時", "受付チャネル", "種別", "分類", "部署", "内容"],
        rows: [row("0025/6/1 10:00"), row("1989/12/31"), row("1990/1/1"), row("0999-12-31T00:00:00Z")],
      },
      testContext(),
    );
    expect(result.valid.map((r) => [r.row, r.receivedAt])).toEqual([[4, "1989-12-31T15:00:00.000Z"]]);
    expect(result.problems.map((p) => [p.row, p.column, p.reason])).toEqual([
      [
        2,
        "受付日時",
        "「0025/6/1 10:00」は扱えない日付です（1900年〜2999年の日付を、西暦は4桁で入力してください）",
      ],
      [3, "受付日時", "受付日時は1990年1月1日以降の日付を入力してください"],
      [
        5,
        "受付日時",
        "「0999-12-31T00:00:00Z」は扱えない日付です（1900年〜2999年の日付を、西暦は4桁で入力してください）",
      ],
    ]);
  });

  it("strips the apostrophe that export adds before = + - @", async () => {
    const result = await validateCsv(
      csv([
        "受付日時,受付チャネル,種別,分類,部署,内容,ご要望",
        "2025/4/1,web,苦情,その他,福井支所,'=SUM(A1),'-5度",
        "2025/4/1,web,苦情,その他,福井支所,'普通のアポストロフィ,'@",
      ]),
    );
    expect(result.valid.map((r) => [r.content, r.remedySought])).toEqual([
      ["=SUM(A1)", "-5度"],
      ["'普通のアポストロフィ", "@"],
    ]);
  });

  it("maps another system's header with a mapping file (お客様の声 → 内容)", async () => {
    const mapping = parseColumnMapping(
      JSON.stringify({ columns: { お客様の声: "内容", 受付日: "receivedAt" } }),
    );
    if (!mapping.ok) throw new Error(mapping.errors.join());
    const result = await validateCsv(
      csv([
        "受付日,受付チャネル,種別,分類,部署,お客様の声,社内メモ",
        "2025/4/1,web,苦情,その他,福井支所,窓口の待ち時間が長い,メモ",
      ]),
      { mapping: mapping.mapping },
    );
    expect(result.problems).toEqual([]);
    expect(result.valid[0]?.content).toBe("窓口の待ち時間が長い");
    expect(result.ignoredColumns).toEqual(["社内メモ"]);

    // without the mapping the file lacks 受付日時 and 内容; problems name our headers
    const unmapped = await validateCsv(csv(["受付日,受付チャネル,種別,分類,部署,お客様の声"]));
    expect(unmapped.problems.map((p) => p.column)).toEqual(["受付日時", "内容"]);
  });

  it("reports a problem in the header as written in the file", async () => {
    const result = await validateCsv(
      csv(["RECEIVEDAT,Channel,TYPE,category,department,Content", "2025/4/1,web,苦情Z,その他,福井支所,本文"]),
    );
    expect(result.problems).toEqual([
      { row: 2, column: "TYPE", value: "苦情Z", reason: "『苦情Z』は登録されていない種別です" },
    ]);
  });

  it("imports an XLSX file with date cells, numbers and the spreadsheet's row numbers", async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet("取込");
    sheet.addRow(["受付日時", "受付チャネル", "種別", "分類", "部署", "内容", "組合員番号", "外部ID"]);
    sheet.addRow([
      new Date(Date.UTC(2025, 5, 2, 14, 5)),
      "コールセンター",
      "苦情",
      "応対に関するもの",
      "お客様相談室",
      "対応が遅い",
      1234567,
      42,
    ]);
    sheet.addRow([]);
    sheet.addRow([
      "令和7年6月3日",
      "web",
      "request",
      "product",
      "cs",
      { richText: [{ text: "保障を" }, { text: "増やしたい" }] },
    ]);
    sheet.addRow(["2025/6/4", "web", "不明", "product", "cs", "種別が不明"]);
    const table = await readTable(Buffer.from(await workbook.xlsx.writeBuffer()), "取込.xlsx");
    const result = await validateImportRows(table, testContext());
    expect(
      result.valid.map((r) => [r.row, r.receivedAt, r.content, r.customer?.memberNumber, r.externalId]),
    ).toEqual([
      [2, "2025-06-02T05:05:00.000Z", "対応が遅い", "1234567", "42"],
      [4, "2025-06-02T15:00:00.000Z", "保障を増やしたい", undefined, null],
    ]);
    expect(result.problems.map((p) => [p.row, p.column])).toEqual([[5, "種別"]]);
  });

  it("parses and validates a 100,000-row CSV, letting the event loop turn while the rows are checked", async () => {
    const lines = [HEADER];
    for (let i = 0; i < 100_000; i++) {
      lines.push(
        `2025/4/${(i % 28) + 1} ${i % 24}:${String(i % 60).padStart(2, "0")},コールセンター,${i % 2 ? "苦情" : "意見・要望"},応対に関するもの,自動車共済,コールセンター課,"お問い合わせ${i}: 電話がつながりにくい、説明が分かりにくい",,山田 太郎,M${i},090-0000-0000,user${i}@example.jp,福井県,40代,男性,E${i}`,
      );
    }
    const table = await readTable(csv(lines), "voices.csv");
    const stalls = monitorEventLoopDelay({ resolution: 10 });
    stalls.enable();
    // the monitor measures from its first tick on
    await new Promise((resolve) => setTimeout(resolve, 30));
    const result = await validateImportRows(table, testContext());
    await new Promise((resolve) => setTimeout(resolve, 30));
    stalls.disable();
    expect(result.problems).toEqual([]);
    expect(result.valid).toHaveLength(100_000);
    expect(result.valid[99_999]?.row).toBe(100_001);
    // One pass held the event loop for the whole check (1–1.3 s); slices of 20 ms leave room for other requests.
    expect(stalls.max / 1e6).toBeLessThan(300);
  }, 60_000);
});
