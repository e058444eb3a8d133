/**
 * Reports through the API on every database: a report starts from its kind's template, counts the period's voices,
 * takes featured voices whose edited text is checked for the customer's personal data (a phone number or a name
 * left in blocks approval, naming the voice), needs a second person to approve, freezes its document at approval
 * (a later edit of a voice changes nothing; a new version counts afresh), and is then published; approval and
 * publication are in the audit log.
 */
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ReportDetail, ReportDocument, Suggestions } from "../../src/features/reports/contract.js";
import type { ApiError, VoiceDetail } from "../../src/shared/api-contract.js";
import { type ApiClient, clientAs, seedUsers, testApp } from "../helpers/api-client.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../helpers/test-database.js";

const dialects = await testDialects();

const put = <T>(c: ApiClient, url: string, body: unknown) => c.request<T>("PUT", url, body);

/** The chart section's table as label → count, and its total row. */
function chartCounts(doc: ReportDocument, heading: string, chart = 0) {
  const s = doc.sections.find((x) => x.heading === heading);
  if (s?.kind !== "chart") throw new Error(`no chart section ${heading}`);
  const t = s.charts[chart]?.table;
  return { rows: Object.fromEntries((t?.rows ?? []).map((r) => [r[0], r[1]])), total: t?.totalRow?.[1], s };
}

describe.each(dialects)("reports API on %s", (dialect) => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  let admin: ApiClient;
  let cs: ApiClient;
  let viewer: ApiClient;
  let report: ReportDetail;
  let named: VoiceDetail;
  const requests: number[] = [];

  const voice = async (
    receivedAt: string,
    type: string,
    content: string,
    customer?: Record<string, string>,
  ) => {
    const r = await cs.post<VoiceDetail>("/api/v1/voices", {
      receivedAt,
      type,
      category: "handling",
      channel: "call_center",
      department: "call_center",
      content,
      ...(customer ? { customer } : {}),
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body;
  };

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    app = await testApp(tdb);
    await seedUsers(tdb);
    admin = await clientAs(app, "admin@example.jp", "admin-password-1");
    cs = await clientAs(app, "cs@example.jp");
    viewer = await clientAs(app, "viewer@example.jp");
    // FY2024 (April to March, the default): 3 praise, 3 requests on one theme, 1 complaint; one just outside.
    named = await voice(
      "2024/7/10 10:00",
      "praise",
      "山田 太郎です。事故の受付の方が落ち着いて説明してくださり、とても心強かったです。ありがとうございました。",
      { name: "山田 太郎", phone: "090-1111-2222", prefecture: "東京都", ageBand: "40代", gender: "男性" },
    );
    await voice(
      "2024/8/1 9:00",
      "praise",
      "窓口で丁寧に手続きを案内していただき、助かりました。ありがとうございます。",
    );
    await voice(
      "2024/9/1 9:00",
      "praise",
      "電話での説明が分かりやすく、安心して請求できました。感謝しています。",
    );
    for (const [i, at] of ["2024/10/1 9:00", "2024/11/1 9:00", "2024/12/1 9:00"].entries())
      requests.push(
        (
          await voice(
            at,
            "request",
            `毎月の掛金をクレジットカードで支払えるようにしてほしい。${["", "お願いします。", "ぜひ検討を。"][i]}`,
          )
        ).id,
      );
    await voice("2025/1/15 9:00", "complaint", "電話がなかなかつながらず困りました。");
    await voice("2025/4/1 0:00", "praise", "翌年度の声です。");
  }, 120_000);
  afterAll(async () => {
    await app?.close();
    await tdb?.drop();
  });

  it("creates a report from the annual template; a viewer may read but not create", async () => {
    expect((await viewer.post("/api/v1/reports", { kind: "annual-voice", fiscalYear: 2024 })).status).toBe(
      403,
    );
    const r = await cs.post<ReportDetail>("/api/v1/reports", { kind: "annual-voice", fiscalYear: 2024 });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    report = r.body;
    expect(report).toMatchObject({
      status: "draft",
      version: 1,
      periodLabel: "2024年度",
      from: "2024-04-01",
    });
    expect(report.sections.map((s) => s.block)).toEqual([
      "text",
      "type_totals",
      "type_categories",
      "channels",
      "year_over_year",
      "featured_thanks",
      "voices_by_theme",
      "text",
      "improvement_cases",
    ]);
    const again = await cs.post<ApiError>("/api/v1/reports", { kind: "annual-voice", fiscalYear: 2024 });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toContain("新しい版");
    expect((await viewer.get("/api/v1/reports")).status).toBe(200);
  });

  it("counts the period's voices into the document", async () => {
    const doc = (await viewer.get<ReportDocument>(`/api/v1/reports/${report.id}/document`)).body;
    const totals = chartCounts(doc, "寄せられた「お客さまの声」");
    expect(totals.rows).toEqual({ "感謝・評価": 3, "意見・要望": 3, 苦情: 1 });
    expect(totals.total).toBe(7);
    expect(totals.s.body).toContain("合計7件");
    const yoy = doc.sections.find((s) => s.heading === "前年度との比較");
    expect(yoy?.kind === "table" && yoy.table.totalRow).toEqual(["合計", 7, 0, 7, null]);
  });

  it("reorders sections and refuses a block of another kind, naming the section", async () => {
    const ids = report.sections.map((s) => s.id);
    const reversed = [...ids].reverse();
    const r = await cs.post<ReportDetail>(`/api/v1/reports/${report.id}/sections/order`, {
      revision: report.revision,
      sectionIds: reversed,
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.sections.map((s) => s.id)).toEqual(reversed);
    const stale = await cs.post(`/api/v1/reports/${report.id}/sections/order`, {
      revision: report.revision,
      sectionIds: ids,
    });
    expect(stale.status).toBe(409);
    const bad = await put<ApiError>(cs, `/api/v1/reports/${report.id}`, {
      revision: r.body.revision,
      sections: [{ block: "kpi_table", heading: "KPI" }],
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields?.["sections.0.block"]).toContain("この種類の報告書には入れられません");
    const back = await put<ReportDetail>(cs, `/api/v1/reports/${report.id}`, {
      revision: r.body.revision,
      sections: report.sections.map((s) => ({
        id: s.id,
        block: s.block,
        heading: s.heading,
        body: s.body,
        config: s.config,
      })),
    });
    expect(back.status, JSON.stringify(back.body)).toBe(200);
    expect(back.body.sections.map((s) => s.id)).toEqual(ids);
    report = back.body;
  });

  it("suggests themes of similar requests with personal data removed", async () => {
    const theme = report.sections.find((s) => s.block === "voices_by_theme");
    const r = await cs.get<Suggestions>(`/api/v1/reports/${report.id}/sections/${theme?.id}/suggestions`);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.themes[0]).toMatchObject({ typeCode: "request", size: 3 });
    expect(r.body.themes[0]?.voices.map((v) => v.voiceId).sort()).toEqual([...requests].sort());
    const thanks = report.sections.find((s) => s.block === "featured_thanks");
    const p = await cs.get<Suggestions>(`/api/v1/reports/${report.id}/sections/${thanks?.id}/suggestions`);
    expect(p.status).toBe(200);
    for (const v of p.body.praise) {
      expect(v.confidence).toBeGreaterThanOrEqual(0.8);
      expect(v.text).not.toContain("山田");
    }
    // the first praise suggestion loads the built-in classifier model: slow on a busy machine
  }, 180_000);

  it("a featured voice still holding the customer's phone or name blocks approval, naming the voice", async () => {
    const thanks = report.sections.find((s) => s.block === "featured_thanks");
    const url = `/api/v1/reports/${report.id}/sections/${thanks?.id}/voices`;
    const leaky = await put<ReportDetail>(cs, url, {
      revision: report.revision,
      voices: [
        {
          voiceId: named.id,
          text: "山田様より（０９０−１１１１−２２２２）: 落ち着いた説明が心強かった。",
          reply: "",
        },
      ],
    });
    expect(leaky.status, JSON.stringify(leaky.body)).toBe(200);
    expect(leaky.body.personalData).toHaveLength(1);
    expect(leaky.body.personalData[0]?.found.sort()).toEqual(["氏名", "電話番号"].sort());
    const refused = await admin.post<ApiError>(`/api/v1/reports/${report.id}/approve`, {
      revision: leaky.body.revision,
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error.message).toContain(named.receiptNumber);
    expect(refused.body.error.message).toContain("電話番号");
    const clean = await put<ReportDetail>(cs, url, {
      revision: leaky.body.revision,
      voices: [
        {
          voiceId: named.id,
          text: "事故の受付の方が落ち着いて説明してくださり、とても心強かったです。",
          reply: "今後もお客さまに寄り添った対応を心がけます。",
        },
      ],
    });
    expect(clean.body.personalData).toEqual([]);
    // attribution from the record: prefecture, age band, gender only
    expect(clean.body.sections.find((s) => s.id === thanks?.id)?.voices[0]?.attribution).toBe(
      "東京都・40代・男性",
    );
    report = clean.body;
  });

  it("only a second person approves; the approved document does not move when a voice is edited; a new version does", async () => {
    const self = await cs.post<ApiError>(`/api/v1/reports/${report.id}/approve`, {
      revision: report.revision,
    });
    expect(self.status).toBe(403);
    expect(self.body.error.message).toContain("二人目");
    const before = (await admin.get<ReportDocument>(`/api/v1/reports/${report.id}/document`)).body;
    const ok = await admin.post<ReportDetail>(`/api/v1/reports/${report.id}/approve`, {
      revision: report.revision,
    });
    expect(ok.status, JSON.stringify(ok.body)).toBe(200);
    expect(ok.body.status).toBe("approved");
    const frozen = (await admin.get<ReportDocument>(`/api/v1/reports/${report.id}/document`)).body;
    expect({ ...frozen, generatedAt: "", status: "draft" }).toEqual({ ...before, generatedAt: "" });
    expect(frozen.sections.find((s) => s.kind === "voices" && s.voices.length)).toBeTruthy();

    // a request becomes praise after approval
    const v = (await cs.get<VoiceDetail>(`/api/v1/voices/${requests[0]}`)).body;
    const edited = await cs.patch(`/api/v1/voices/${v.id}`, { version: v.version, type: "praise" });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    const after = (await viewer.get<ReportDocument>(`/api/v1/reports/${report.id}/document`)).body;
    expect(after).toEqual(frozen);
    expect(chartCounts(after, "寄せられた「お客さまの声」").rows).toEqual({
      "感謝・評価": 3,
      "意見・要望": 3,
      苦情: 1,
    });
    const locked = await put(cs, `/api/v1/reports/${report.id}`, {
      revision: ok.body.revision,
      sections: [],
    });
    expect(locked.status).toBe(400);

    const next = await cs.post<ReportDetail>(`/api/v1/reports/${report.id}/new-version`, {
      revision: ok.body.revision,
    });
    expect(next.status, JSON.stringify(next.body)).toBe(201);
    expect(next.body).toMatchObject({ version: 2, status: "draft", previousId: report.id });
    expect(next.body.sections.find((s) => s.block === "featured_thanks")?.voices).toHaveLength(1);
    const fresh = (await cs.get<ReportDocument>(`/api/v1/reports/${next.body.id}/document`)).body;
    expect(chartCounts(fresh, "寄せられた「お客さまの声」").rows).toEqual({
      "感謝・評価": 4,
      "意見・要望": 2,
      苦情: 1,
    });
    report = ok.body;
  });

  it("previews the frozen document as the printed HTML page, with no customer field in it", async () => {
    const r = await viewer.get<string>(`/api/v1/reports/${report.id}/preview`);
    expect(r.status).toBe(200);
    expect(String(r.headers["content-type"])).toContain("text/html");
    expect(r.body).toContain("合計7件");
    expect(r.body).toContain("東京都・40代・男性");
    for (const field of ["山田", "太郎", "090-1111-2222", "09011112222"]) expect(r.body).not.toContain(field);
  });

  it("publishes the approved report once, and logs approval and publication", async () => {
    const viewerTry = await viewer.post(`/api/v1/reports/${report.id}/publish`, {
      revision: report.revision,
    });
    expect(viewerTry.status).toBe(403);
    const pub = await cs.post<ReportDetail>(`/api/v1/reports/${report.id}/publish`, {
      revision: report.revision,
    });
    expect(pub.status, JSON.stringify(pub.body)).toBe(200);
    expect(pub.body.status).toBe("published");
    expect((await viewer.get<ReportDocument>(`/api/v1/reports/${report.id}/document`)).body.status).toBe(
      "published",
    );
    const twice = await cs.post<ApiError>(`/api/v1/reports/${report.id}/publish`, {
      revision: pub.body.revision,
    });
    expect(twice.status).toBe(409);
    const actions = (
      await tdb.db.selectFrom("audit_log").select("action").where("action", "like", "report_%").execute()
    ).map((a) => a.action);
    expect(actions).toEqual(
      expect.arrayContaining(["report_created", "report_approved", "report_published", "report_new_version"]),
    );
  });
});
