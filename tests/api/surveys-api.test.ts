/**
 * Surveys on every database: seed 000's satisfaction figures from answers loaded through the answer path the
 * import uses (computed both ways and checked against raw SQL), the closed loop (a 不満 answer with a comment
 * becomes exactly one voice with deadlines and a link back, never two), one-time links answering once, a closed
 * survey refusing, bad input naming the field and storing nothing, and `koe survey results --json`.
 */
import type { FastifyInstance } from "fastify";
import { sql } from "kysely";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { buildProgram } from "../../src/cli/main.js";
import type {
  KindFigures,
  PublicSurvey,
  Survey,
  SurveyLinkList,
  SurveyResults,
} from "../../src/features/surveys/contract.js";
import { submitAnswer } from "../../src/features/surveys/submit-answer.js";
import { updateSettings } from "../../src/features/users-and-settings/settings.js";
import type { ApiError, VoiceDetail } from "../../src/shared/api-contract.js";
import { type ApiClient, clientAs, seedUsers, testApp } from "../helpers/api-client.js";
import { COMMENT_QUESTION, OVERALL_QUESTION } from "../helpers/satisfaction-survey.js";
import { countRows, createTestDatabase, type TestDatabase, testDialects } from "../helpers/test-database.js";

const dialects = await testDialects();

const QUESTIONS = [
  OVERALL_QUESTION,
  { key: "staff", type: "satisfaction", label: "担当者の説明はわかりやすかったですか", required: false },
  {
    key: "how",
    type: "single",
    label: "手続きの方法",
    required: false,
    options: ["窓口", "電話", "郵送", "インターネット"],
  },
  COMMENT_QUESTION,
];

/** Seed 000 (calendar years, 2023 and the year before): answers and how many of them are 満足 or やや満足. */
const GOLDEN = [
  {
    kind: "members",
    name: "加入者向けアンケート",
    years: { 2023: [500, 434], 2022: [500, 437] },
    expect: [86.8, 87.4],
  },
  {
    kind: "payment",
    name: "お支払い時アンケート",
    years: { 2023: [250, 233], 2022: [190, 175] },
    expect: [93.2, 92.1],
  },
  {
    kind: "servicing",
    name: "保全対応時アンケート",
    years: { 2023: [92, 68], 2022: [102, 70] },
    expect: [73.9, 68.6],
  },
] as const;

const AGE_BANDS = ["30代", "40代", "50代", "60代", "70代以上"];
const PREFS = ["大阪府", "大阪府", "兵庫県", "京都府", "奈良県"];

/** Levels for n answers with `top` of them 満足/やや満足: 60% of the top as 満足, a few dissatisfied. */
function levels(n: number, top: number): number[] {
  const five = Math.round(top * 0.6);
  const rest = n - top;
  const dissatisfied = Math.min(rest, Math.round(n * 0.02));
  const two = Math.ceil(dissatisfied / 2);
  const one = dissatisfied - two;
  return [
    ...Array(five).fill(5),
    ...Array(top - five).fill(4),
    ...Array(rest - dissatisfied).fill(3),
    ...Array(two).fill(2),
    ...Array(one).fill(1),
  ];
}

describe.each(dialects)("surveys API on %s", (dialect) => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  let cs: ApiClient;
  let staff: ApiClient;
  let viewer: ApiClient;
  const surveys: Record<string, Survey> = {};
  const anon = () => ({
    get: <T>(url: string) =>
      cs.app
        .inject({ method: "GET", url })
        .then((r) => ({ status: r.statusCode, body: JSON.parse(r.body) as T })),
    post: <T>(url: string, payload: object, ip = "203.0.113.7") =>
      cs.app
        .inject({ method: "POST", url, payload, remoteAddress: ip })
        .then((r) => ({ status: r.statusCode, body: JSON.parse(r.body) as T })),
  });
  const count = (table: "survey_answers" | "voices" | "survey_answer_items") => countRows(tdb.db, table);

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    // Seed 000 reports calendar years (2023年1月〜12月).
    await updateSettings(tdb.db, { fiscalYearStartMonth: 1 });
    await seedUsers(tdb);
    app = await testApp(tdb);
    cs = await clientAs(app, "cs@example.jp");
    staff = await clientAs(app, "staff@example.jp");
    viewer = await clientAs(app, "viewer@example.jp");
    for (const g of GOLDEN) {
      const res = await cs.post<Survey>("/api/v1/surveys", {
        name: g.name,
        kind: g.kind,
        intro:
          "いつもご利用いただきありがとうございます。今後のサービス向上のため、アンケートへのご協力をお願いいたします。",
        questions: QUESTIONS,
      });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      surveys[g.kind] = res.body;
      // Loaded through submitAnswer with an answer id, as the answer import does; 100 answers per transaction.
      for (const [year, [n, top]] of Object.entries(g.years)) {
        const ls = levels(n, top);
        for (let i = 0; i < ls.length; i += 100) {
          await tdb.db.transaction().execute(async (trx) => {
            for (let j = i; j < Math.min(i + 100, ls.length); j++) {
              const month = (j % 12) + 1;
              await submitAnswer(
                trx,
                res.body.id,
                {
                  answers: { overall: ls[j] ?? 3, staff: Math.max(1, (ls[j] ?? 3) - (j % 2)), how: j % 4 },
                  respondent: { ageBand: AGE_BANDS[j % 5], prefecture: PREFS[j % 5] },
                  answeredAt: `${year}/${month}/${(j % 27) + 1} 10:00`,
                },
                { source: "import", externalId: `${g.kind}-${year}-${j}` },
              );
            }
          });
        }
      }
    }
  }, 300_000);
  afterAll(async () => {
    await app?.close();
    await tdb?.drop();
  });

  it("gives seed 000's satisfaction scores, computed both ways and equal to raw SQL", async () => {
    for (const g of GOLDEN) {
      const s = surveys[g.kind] as Survey;
      const res = await viewer.get<SurveyResults>(`/api/v1/surveys/${s.id}/results?period=FY2023`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      const h = res.body.headline;
      expect(h?.topTwoBox).toBe(g.expect[0]);
      expect(h?.previous.topTwoBox).toBe(g.expect[1]);
      expect(res.body.responses).toBe(g.years[2023][0]);
      // The same figures straight from the rows: the mean on the 5-level scale and the share of 5 and 4.
      const raw = await sql<{ n: number; mean: number; top: number }>`
        select count(*) as n, avg(headline_value * 1.0) as mean,
               sum(case when headline_value >= 4 then 1 else 0 end) as top
        from survey_answers where survey_id = ${s.id}
          and answered_at >= ${"2023-01-01T00:00:00"} and answered_at < ${"2024-01-01T00:00:00"}`.execute(
        tdb.db,
      );
      const row = raw.rows[0] as { n: number; mean: number; top: number };
      expect(h?.mean).toBe(Math.round(Number(row.mean) * 100) / 100);
      expect(h?.topTwoBox).toBe(Math.round((Number(row.top) / Number(row.n)) * 1000) / 10);
      const dist = res.body.questions.find((q) => q.key === "overall")?.distribution ?? [];
      expect(dist.map((d) => d.label)).toEqual(["満足", "やや満足", "ふつう", "やや不満", "不満"]);
      expect(dist.reduce((a, d) => a + d.count, 0)).toBe(g.years[2023][0]);
    }
    const members = await cs.get<SurveyResults>(
      `/api/v1/surveys/${surveys.members?.id}/results?period=fy2023`,
    );
    expect(members.body.headline?.change).toEqual({ points: -0.6, label: "0.6ポイント減少" });
    const payment = await cs.get<SurveyResults>(
      `/api/v1/surveys/${surveys.payment?.id}/results?period=2023年度`,
    );
    expect(payment.body.headline?.change?.label).toBe("1.1ポイント増加");
    const servicing = await cs.get<SurveyResults>(
      `/api/v1/surveys/${surveys.servicing?.id}/results?period=fy2023`,
    );
    expect(servicing.body.headline?.change?.label).toBe("5.3ポイント増加");
  });

  it("gives the figures per survey kind for the KPI register", async () => {
    const res = await viewer.get<KindFigures>("/api/v1/surveys/figures?period=fy2023");
    expect(res.status).toBe(200);
    const by = Object.fromEntries(res.body.kinds.map((k) => [k.code, k]));
    expect(by.members).toMatchObject({ name: "加入者向け", responses: 500, topTwoBox: 86.8 });
    expect(by.payment).toMatchObject({ name: "お支払い時", responses: 250, topTwoBox: 93.2 });
    expect(by.servicing).toMatchObject({ name: "保全対応時", responses: 92, topTwoBox: 73.9 });
    expect(by.staff_quality).toMatchObject({ responses: 0, topTwoBox: null, mean: null });
  });

  it("breaks the results down by the respondents' attributes", async () => {
    const res = await cs.get<SurveyResults>(`/api/v1/surveys/${surveys.members?.id}/results?period=fy2023`);
    const ages = res.body.breakdowns.find((b) => b.by === "age_band");
    expect(ages?.rows.reduce((a, r) => a + r.responses, 0)).toBe(500);
    const osaka = res.body.breakdowns
      .find((b) => b.by === "prefecture")
      ?.rows.find((r) => r.key === "大阪府");
    expect(osaka?.responses).toBe(200);
    const how = res.body.questions.find((q) => q.key === "how");
    expect(how?.distribution.map((d) => d.count)).toEqual([125, 125, 125, 125]);
  });

  it("turns a 不満 answer with a comment into exactly one voice in the right department, with a link back", async () => {
    const s = surveys.servicing as Survey;
    const voicesBefore = await count("voices");
    const answer = {
      answerId: "紙-2023-0042",
      answers: {
        overall: "不満",
        comment:
          "電話を掛けたのに、こちらにかけなおして欲しいと言われた。かけなおすと言われたのにかかってこない。",
      },
      respondent: {
        name: "和泉 花子",
        phone: "072-123-4567",
        contactConsent: true,
        privacyConsent: true,
        ageBand: "60代",
        prefecture: "大阪府",
      },
      answeredAt: "2023/11/20",
    };
    const first = await staff.post<{ created: boolean; answerId: number; voiceReceiptNumber: string }>(
      `/api/v1/surveys/${s.id}/answers`,
      answer,
    );
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body.voiceReceiptNumber).toBeTruthy();
    expect(await count("voices")).toBe(voicesBefore + 1);
    const again = await staff.post<{ created: boolean; answerId: number }>(
      `/api/v1/surveys/${s.id}/answers`,
      answer,
    );
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ created: false, answerId: first.body.answerId });
    expect(await count("voices")).toBe(voicesBefore + 1);

    const stored = await tdb.db
      .selectFrom("survey_answers")
      .select(["voice_id"])
      .where("id", "=", first.body.answerId)
      .executeTakeFirstOrThrow();
    const voice = await cs.get<VoiceDetail>(`/api/v1/voices/${stored.voice_id}`);
    expect(voice.status).toBe(200);
    expect(voice.body.receiptNumber).toBe(first.body.voiceReceiptNumber);
    expect(voice.body.channel.name).toBe("アンケート");
    expect(voice.body.type.code).toBe("complaint");
    expect(voice.body.department.name).toBe("契約保全部");
    expect(voice.body.acknowledgeBy).toBeTruthy();
    expect(voice.body.resolveBy).toBeTruthy();
    // The voice's timeline names the answer it came from (its 外部ID), and the answer keeps the voice's id.
    const created = voice.body.timeline.find((e) => e.kind === "created");
    expect(JSON.stringify(created)).toContain(`survey:${s.id}:answer:${first.body.answerId}`);
    expect(voice.body.content).toContain("かけなおすと言われたのにかかってこない");
    expect(voice.body.customer?.name).toBe("和泉 花子");

    // The results count the loop's voices and how many are closed (closing is the voice workflow's business).
    const before = await cs.get<SurveyResults>(`/api/v1/surveys/${s.id}/results?period=fy2023`);
    await tdb.db
      .updateTable("voices")
      .set({ status: "closed" })
      .where("id", "=", stored.voice_id ?? 0)
      .execute();
    const after = await cs.get<SurveyResults>(`/api/v1/surveys/${s.id}/results?period=fy2023`);
    expect(after.body.voices.created).toBe(before.body.voices.created);
    expect(after.body.voices.closed).toBe(before.body.voices.closed + 1);
    const comments = after.body.questions.find((q) => q.key === "comment");
    expect(comments?.texts[0]?.text).toContain("かけなおす");
    expect(comments?.words.length).toBeGreaterThan(0);
  });

  it("answers once per one-time link, and the second try is told so in Japanese", async () => {
    const s = surveys.members as Survey;
    const links = await cs.post<SurveyLinkList>(`/api/v1/surveys/${s.id}/links`, {
      respondents: [
        { name: "堺 太郎", ageBand: "40代", prefecture: "大阪府", productLine: "life" },
        { name: "岸和田 次郎" },
      ],
    });
    expect(links.status, JSON.stringify(links.body)).toBe(201);
    const code = links.body.items[0]?.code ?? "";
    const page = await anon().get<PublicSurvey>(`/api/v1/public/survey-links/${code}`);
    expect(page.body).toMatchObject({ name: "加入者向けアンケート", open: true, alreadyAnswered: false });
    const first = await anon().post(
      `/api/v1/public/survey-links/${code}/answers`,
      { answers: { overall: 5 } },
      "203.0.113.10",
    );
    expect(first.status).toBe(201);
    const second = await anon().post<ApiError>(
      `/api/v1/public/survey-links/${code.toLowerCase()}/answers`,
      { answers: { overall: 4 } },
      "203.0.113.10",
    );
    expect(second.status).toBe(409);
    expect(second.body.error.message).toContain("すでにご回答いただいています");
    expect((await anon().get<PublicSurvey>(`/api/v1/public/survey-links/${code}`)).body.alreadyAnswered).toBe(
      true,
    );
    const stored = await tdb.db
      .selectFrom("survey_answers")
      .selectAll()
      .where("source", "=", "link")
      .execute();
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({ age_band: "40代", prefecture: "大阪府" });
  });

  it("refuses bad input with the field named, storing nothing", async () => {
    const s = surveys.payment as Survey;
    const [answers, items, voices] = [
      await count("survey_answers"),
      await count("survey_answer_items"),
      await count("voices"),
    ];
    const url = `/api/v1/public/surveys/${s.publicCode}/answers`;
    const six = await anon().post<ApiError>(
      url,
      { answers: { overall: 6, comment: "不満です" } },
      "203.0.113.21",
    );
    expect(six.status).toBe(400);
    expect(six.body.error.fields?.["answers.overall"]).toContain("「今回の対応に満足されましたか」は 1〜5");
    const missing = await anon().post<ApiError>(url, { answers: { staff: 5 } }, "203.0.113.22");
    expect(missing.body.error.fields?.["answers.overall"]).toBe(
      "「今回の対応に満足されましたか」は回答が必要です",
    );
    const long = await anon().post<ApiError>(
      url,
      { answers: { overall: 1, comment: "あ".repeat(10_001) } },
      "203.0.113.23",
    );
    expect(long.status).toBe(400);
    expect(long.body.error.fields?.["answers.comment"]).toBe(
      "「ご意見・ご要望」は10,000文字以内で入力してください（現在 10,001 文字）",
    );
    const noConsent = await anon().post<ApiError>(
      url,
      { answers: { overall: 1 }, respondent: { name: "和泉 花子", phone: "072-123-4567" } },
      "203.0.113.24",
    );
    expect(noConsent.body.error.fields?.["respondent.privacyConsent"]).toContain("同意が必要です");
    expect([
      await count("survey_answers"),
      await count("survey_answer_items"),
      await count("voices"),
    ]).toEqual([answers, items, voices]);
    const ok = await anon().post(url, { answers: { overall: 4, how: "電話" } }, "203.0.113.25");
    expect(ok.status).toBe(201);
  });

  it("refuses answers once the survey is closed", async () => {
    const s = surveys.payment as Survey;
    const current = await cs.get<Survey>(`/api/v1/surveys/${s.id}`);
    const closed = await cs.patch<Survey>(`/api/v1/surveys/${s.id}`, {
      closed: true,
      version: current.body.version,
    });
    expect(closed.status, JSON.stringify(closed.body)).toBe(200);
    expect(closed.body.open).toBe(false);
    const page = await anon().get<PublicSurvey>(`/api/v1/public/surveys/${s.publicCode}`);
    expect(page.body.open).toBe(false);
    const res = await anon().post<ApiError>(
      `/api/v1/public/surveys/${s.publicCode}/answers`,
      { answers: { overall: 5 } },
      "203.0.113.31",
    );
    expect(res.status).toBe(409);
    expect(res.body.error.message).toBe(
      "このアンケートは回答の受付を終了しました。ご協力ありがとうございました",
    );
  });

  it("lets only cs and admins define surveys; staff enter paper answers; a viewer reads results", async () => {
    expect(
      (await staff.post("/api/v1/surveys", { name: "x", kind: "other", questions: QUESTIONS })).status,
    ).toBe(403);
    expect(
      (await viewer.post(`/api/v1/surveys/${surveys.members?.id}/answers`, { answers: { overall: 5 } }))
        .status,
    ).toBe(403);
    const bad = await cs.post<ApiError>("/api/v1/surveys", {
      name: "担当者品質アンケート",
      kind: "staff_quality",
      questions: [QUESTIONS[3]],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields?.questions).toContain("総合満足度");
  });

  it("prints the results with `koe survey results --survey ID --period FY2023 --json`", async () => {
    const id = surveys.members?.id;
    const out: string[] = [];
    const write = vi.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
      out.push(String(chunk));
      return true;
    });
    const env = process.env.DATABASE_URL;
    process.env.DATABASE_URL = tdb.url;
    try {
      await buildProgram()
        .exitOverride()
        .parseAsync([
          "node",
          "koe",
          "survey",
          "results",
          "--survey",
          String(id),
          "--period",
          "FY2023",
          "--json",
        ]);
    } finally {
      write.mockRestore();
      if (env === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = env;
    }
    const res = JSON.parse(out.join("")) as SurveyResults;
    expect(res.headline).toMatchObject({
      topTwoBox: 86.8,
      previous: { topTwoBox: 87.4 },
      change: { label: "0.6ポイント減少" },
    });
  });

  it("downloads the results as Excel", async () => {
    const res = await cs.app.inject({
      method: "GET",
      url: `/api/v1/surveys/${surveys.members?.id}/results/download?period=fy2023`,
      headers: { cookie: cs.cookie ?? "" },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toContain("spreadsheetml");
    expect(res.rawPayload.subarray(0, 2).toString()).toBe("PK");
    // a file taken out of koe is in the audit log: who took which file
    const exported = await tdb.db
      .selectFrom("audit_log")
      .select(["detail", "user_id"])
      .where("action", "=", "file_exported")
      .execute();
    expect(exported).toContainEqual({
      detail: expect.stringMatching(/^アンケート結果_.+\.xlsx$/),
      user_id: expect.any(Number),
    });
  });
});
