/**
 * The survey answer import through HTTP, on every database: Shift_JIS, dry run, all or nothing with a Japanese
 * problem naming row and column, idempotent by 回答ID (no second answer, no second voice), aliases and value maps.
 */
import type { FastifyInstance } from "fastify";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ImportResult } from "../../src/features/import-export/contract.js";
import { createSurvey } from "../../src/features/surveys/save-survey.js";
import { type ApiClient, clientAs, seedUsers, testApp } from "../helpers/api-client.js";
import { satisfactionSurvey } from "../helpers/satisfaction-survey.js";
import { countRows, createTestDatabase, type TestDatabase, testDialects } from "../helpers/test-database.js";

const dialects = await testDialects();

const HEADER = "回答ID,回答日時,今回の対応に満足されましたか,ご利用の窓口,ご意見・ご要望,年代,部署";
const ROWS = [
  "P-0001,2023/6/1,満足,電話,,40代,契約保全部",
  "P-0002,2023/6/2,4,電話、ホームページ,手続きが早くて助かりました,60代,契約保全部",
  "P-0003,令和5年6月3日,不満,窓口,かけなおすと言われたのにかかってこない,70代,契約保全部",
];
const sjis = (rows: string[], header = HEADER) =>
  iconv.encode(`${[header, ...rows].join("\r\n")}\r\n`, "cp932");

describe.each(dialects)("survey answer import on %s", (dialect) => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  let cs: ApiClient;
  let surveyId: number;

  const upload = async (file: Buffer, dryRun: boolean, query: Record<string, string> = {}, client = cs) => {
    const res = await app.inject({
      method: "POST",
      url: `/api/v1/surveys/${surveyId}/answers/import?${new URLSearchParams({ dryRun: String(dryRun), ...query })}`,
      headers: {
        cookie: client.cookie ?? "",
        "x-csrf-token": client.csrf ?? "",
        "content-type": "text/csv",
        "x-file-name": encodeURIComponent("保全対応時アンケート集計.csv"),
      },
      payload: file,
    });
    return {
      status: res.statusCode,
      body: JSON.parse(res.body) as ImportResult & { error?: { message: string } },
    };
  };
  const count = (table: "survey_answers" | "survey_answer_items" | "voices") => countRows(tdb.db, table);

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    app = await testApp(tdb);
    await seedUsers(tdb);
    cs = await clientAs(app, "cs@example.jp");
    const s = await createSurvey(
      tdb.db,
      null,
      satisfactionSurvey("2023年度 保全対応時アンケート", { channel: true }),
    );
    surveyId = s.id;
  });
  afterAll(async () => {
    await app?.close();
    await tdb?.drop();
  });

  it("refuses a malformed row with a Japanese problem naming row and column, and stores nothing", async () => {
    const file = sjis([
      ...ROWS.slice(0, 2),
      "P-0003,2023/6/3,6,窓口,,70代,契約保全部",
      "P-0004,2023/6/4,満足,FAX,,,",
    ]);
    const before = { answers: await count("survey_answers"), voices: await count("voices") };
    for (const dryRun of [true, false]) {
      const r = await upload(file, dryRun);
      expect(r.status).toBe(200);
      expect(r.body.imported).toBe(0);
      expect(r.body.problems).toEqual([
        {
          row: 4,
          column: "今回の対応に満足されましたか",
          value: "6",
          reason:
            "「今回の対応に満足されましたか」は 1〜5（満足・やや満足・ふつう・やや不満・不満）のいずれかで回答してください（「6」は選べません）",
        },
        {
          row: 5,
          column: "ご利用の窓口",
          value: "FAX",
          reason: "「ご利用の窓口」は選択肢から選んでください",
        },
      ]);
    }
    expect(await count("survey_answers")).toBe(before.answers);
    expect(await count("voices")).toBe(before.voices);
  });

  it("imports a Shift_JIS file once: the 不満 answer becomes one voice; a re-import creates nothing new", async () => {
    const file = sjis(ROWS);
    const dry = await upload(file, true);
    expect(dry.body).toMatchObject({
      dryRun: true,
      total: 3,
      importable: 3,
      skipped: 0,
      problems: [],
      encoding: "shift_jis",
    });
    expect(await count("survey_answers")).toBe(0);

    const real = await upload(file, false);
    expect(real.body).toMatchObject({ imported: 3, skipped: 0, problems: [] });
    expect(await count("survey_answers")).toBe(3);
    const answers = await tdb.db
      .selectFrom("survey_answers")
      .select(["answer_key", "headline_value", "voice_id", "source", "age_band"])
      .orderBy("answer_key")
      .execute();
    expect(answers.map((a) => [a.answer_key, a.headline_value, a.source, a.age_band])).toEqual([
      ["P-0001", 5, "import", "40代"],
      ["P-0002", 4, "import", "60代"],
      ["P-0003", 1, "import", "70代"],
    ]);
    // two choices in one cell are two items
    const p2 = await tdb.db
      .selectFrom("survey_answer_items as i")
      .innerJoin("survey_answers as a", "a.id", "i.answer_id")
      .select(["i.question_key", "i.value", "i.text"])
      .where("a.answer_key", "=", "P-0002")
      .orderBy("i.question_key")
      .orderBy("i.value")
      .execute();
    expect(p2).toEqual([
      { question_key: "channel", value: 0, text: null },
      { question_key: "channel", value: 2, text: null },
      { question_key: "comment", value: null, text: "手続きが早くて助かりました" },
      { question_key: "overall", value: 4, text: null },
    ]);
    const dissatisfied = answers.find((a) => a.answer_key === "P-0003");
    expect(dissatisfied?.voice_id).not.toBeNull();
    const voice = await tdb.db
      .selectFrom("voices as v")
      .innerJoin("departments as d", "d.id", "v.department_id")
      .innerJoin("taxonomy_labels as c", "c.id", "v.channel_id")
      .select(["v.content", "v.external_id", "d.code as department", "c.code as channel", "v.resolve_by"])
      .where("v.id", "=", dissatisfied?.voice_id as number)
      .executeTakeFirstOrThrow();
    expect(voice).toMatchObject({ department: "servicing", channel: "survey" });
    expect(voice.content).toContain("かけなおすと言われたのにかかってこない");
    expect(voice.resolve_by).not.toBeNull();
    const voices = await count("voices");
    const items = await count("survey_answer_items");

    const again = await upload(file, false);
    expect(again.body).toMatchObject({ imported: 0, skipped: 3, problems: [] });
    expect((await upload(file, true)).body).toMatchObject({ importable: 0, skipped: 3 });
    expect(await count("survey_answers")).toBe(3);
    expect(await count("survey_answer_items")).toBe(items);
    expect(await count("voices")).toBe(voices);
  });

  it("writes the loop's voices in bulk as registration writes one: each linked to its answer, numbered, classified and searchable", async () => {
    // Answers in two fiscal years and out of date order: each voice must still point at its own answer.
    const file = sjis([
      "B-0003,2024/5/3,不満,窓口,一括経路の三件目の苦情です,50代,契約保全部",
      "B-0001,2023/4/1,やや不満,電話,,30代,契約保全部",
      "B-0002,2023/9/2,満足,電話,,40代,契約保全部",
      "B-0004,2023/12/4,不満,,,,",
    ]);
    const real = await upload(file, false);
    expect(real.body).toMatchObject({ imported: 4, problems: [] });
    const rows = await tdb.db
      .selectFrom("survey_answers as a")
      .leftJoin("voices as v", "v.id", "a.voice_id")
      .leftJoin("customers as c", "c.id", "v.customer_id")
      .select(["a.id", "a.answer_key", "v.id as voiceId", "v.external_id", "v.content", "v.receipt_number"])
      .select(["v.received_at", "a.answered_at", "c.age_band"])
      .where("a.answer_key", "like", "B-%")
      .orderBy("a.answer_key")
      .execute();
    expect(rows.map((r) => [r.answer_key, r.voiceId !== null, r.age_band ?? null])).toEqual([
      ["B-0001", true, "30代"],
      ["B-0002", false, null],
      ["B-0003", true, "50代"],
      ["B-0004", true, null],
    ]);
    for (const r of rows.filter((x) => x.voiceId !== null)) {
      expect(r.external_id).toBe(`survey:${surveyId}:answer:${r.id}`);
      expect(r.content).toContain(`回答番号 ${r.id}`);
      expect(new Date(r.received_at as string).toISOString()).toBe(new Date(r.answered_at).toISOString());
    }
    // FY2023 and FY2024 (April) numbering
    expect(rows.find((r) => r.answer_key === "B-0003")?.receipt_number).toMatch(/^2024-/);
    expect(rows.find((r) => r.answer_key === "B-0004")?.receipt_number).toMatch(/^2023-/);
    const b3 = rows.find((r) => r.answer_key === "B-0003")?.voiceId as number;
    const events = await tdb.db
      .selectFrom("voice_events")
      .select(["kind", "data"])
      .where("voice_id", "=", b3)
      .orderBy("id")
      .execute();
    expect(events.map((e) => e.kind)).toEqual(["created", "classified"]);
    expect(JSON.parse(events[0]?.data ?? "{}")).toMatchObject({
      source: "survey",
      externalId: `survey:${surveyId}:answer:${rows.find((r) => r.answer_key === "B-0003")?.id}`,
    });
    const found = await cs.get<{ items: { id: number }[] }>(
      `/api/v1/voices?q=${encodeURIComponent("一括経路の三件目")}`,
    );
    expect(found.body.items.map((v) => v.id)).toEqual([b3]);
  });

  it("stores no answer of a file when one of its voices cannot be written (all or nothing)", async () => {
    const complaint = await tdb.db
      .selectFrom("taxonomy_labels")
      .select("id")
      .where("kind", "=", "type")
      .where("code", "=", "complaint")
      .executeTakeFirstOrThrow();
    const before = { answers: await count("survey_answers"), voices: await count("voices") };
    // A retired 苦情 type refuses the dissatisfied answer's voice after the answers were written.
    await tdb.db.updateTable("taxonomy_labels").set({ active: 0 }).where("id", "=", complaint.id).execute();
    try {
      const res = await upload(sjis(["R-0001,2023/6/1,満足,,,,", "R-0002,2023/6/2,不満,,,,"]), false);
      expect(res.status).toBe(400);
      expect(res.body.error?.message).toBeTruthy();
    } finally {
      await tdb.db.updateTable("taxonomy_labels").set({ active: 1 }).where("id", "=", complaint.id).execute();
    }
    expect(await count("survey_answers")).toBe(before.answers);
    expect(await count("voices")).toBe(before.voices);
  });

  it("resolves 部署 by alias, suggests the closest for an unknown one, and maps values through the mapping file", async () => {
    const file = sjis(["P-0101,2023/7/1,大変満足,,,30代,保全"]);
    const dry = await upload(file, true);
    expect(dry.body.problems).toEqual([
      {
        row: 2,
        column: "今回の対応に満足されましたか",
        value: "大変満足",
        reason:
          "「今回の対応に満足されましたか」は 1〜5（満足・やや満足・ふつう・やや不満・不満）のいずれかで回答してください（「大変満足」は選べません）",
      },
      {
        row: 2,
        column: "部署",
        value: "保全",
        reason:
          "『保全』は登録されていない部署です。『契約保全部』のことなら、設定でその別名に『保全』を登録すると取り込めます",
        suggestion: "契約保全部",
      },
    ]);
    const admin = await clientAs(app, "admin@example.jp", "admin-password-1");
    const dept = await tdb.db
      .selectFrom("departments")
      .select("id")
      .where("code", "=", "servicing")
      .executeTakeFirstOrThrow();
    expect(
      (await admin.request("PUT", `/api/v1/label-aliases/department/${dept.id}`, { aliases: ["保全"] }))
        .status,
    ).toBe(200);
    const mapping = JSON.stringify({ values: { overall: { 大変満足: "満足" } } });
    const real = await upload(file, false, { mapping });
    expect(real.body).toMatchObject({ imported: 1, problems: [] });
    const row = await tdb.db
      .selectFrom("survey_answers")
      .select(["headline_value", "department_id"])
      .where("answer_key", "=", "P-0101")
      .executeTakeFirstOrThrow();
    expect(row).toEqual({ headline_value: 5, department_id: dept.id });
  });

  it("names missing required columns, and refuses a viewer", async () => {
    const r = await upload(sjis(["2023/6/1,満足"], "回答日時,今回の対応に満足されましたか"), true);
    expect(r.body.problems).toEqual([
      { row: 1, column: "回答ID", value: "", reason: "必須の列『回答ID』がありません" },
    ]);
    const viewer = await clientAs(app, "viewer@example.jp");
    expect((await upload(sjis(ROWS), true, {}, viewer)).status).toBe(403);
  });
});
