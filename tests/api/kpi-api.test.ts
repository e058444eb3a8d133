/**
 * The KPI register and activity-record API on every database: records entered through the API feed the register;
 * bad input (a negative count, a rate over 100%, a training of an unknown kind, a future date or period) is a
 * Japanese 400 naming the field and stores nothing; intent-record completeness lists exactly the missing items;
 * a retired KPI keeps its past values; only cs and admins write.
 */
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { IntentRecord } from "../../src/features/activities/contract.js";
import type { Kpi, KpiRegister, KpiValue } from "../../src/features/kpi/contract.js";
import type { ApiError } from "../../src/shared/api-contract.js";
import type { ApiClient } from "../helpers/api-client.js";
import { importBusinessFigures, startKpiApiTest } from "../helpers/kpi-api.js";
import { countRows, type TestDatabase, testDialects } from "../helpers/test-database.js";

const dialects = await testDialects();

describe.each(dialects)("KPI and activities API on %s", (dialect) => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  let cs: ApiClient;
  let viewer: ApiClient;
  let kpis: Kpi[];
  // hand-entered KPIs the organisation adds beside the template's (whose 13 all compute from records)
  let manualRate: Kpi;
  let manualCount: Kpi;

  const rowCount = (
    table: "trainings" | "business_figures" | "staff_members" | "staff_qualifications" | "kpi_entries",
  ) => countRows(tdb.db, table);
  const kpi = (source: string) => kpis.find((k) => k.source === source) as Kpi;
  const register2023 = async () => (await cs.get<KpiRegister>("/api/v1/kpis?year=2023")).body;
  const kpiIn = (r: KpiRegister, id: number) =>
    r.themes.flatMap((t) => t.kpis).find((k) => k.kpiId === id) as KpiValue;

  beforeAll(async () => {
    ({ tdb, app, cs, viewer } = await startKpiApiTest(dialect));
    const t = await cs.post<{ created: number }>("/api/v1/kpis/template");
    expect([t.status, t.body.created]).toEqual([201, 13]);
    kpis = (await cs.get<{ kpis: Kpi[] }>("/api/v1/kpis/definitions")).body.kpis;
    const themeId = kpis.find((k) => k.source === "voices")?.themeId as number;
    const manual = async (number: number, name: string, unit: string) => {
      const res = await cs.post<Kpi>("/api/v1/kpis", { themeId, number, name, unit, source: "manual" });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body;
    };
    manualRate = await manual(4, "窓口アンケート満足度（委託先集計）", "%");
    manualCount = await manual(5, "CS向上委員会で決めた改善件数", "件");
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await tdb?.drop();
  });

  it("the template applies once, to an empty register", async () => {
    const again = await cs.post<ApiError>("/api/v1/kpis/template");
    expect(again.status).toBe(400);
    expect(again.body.error.fields?.template).toContain("すでに登録されています");
    expect(kpis).toHaveLength(13);
  });

  it("records entered through the API feed the register, with their year-over-year wording", async () => {
    for (const [heldOn, kind, title] of [
      ["2023/4/12", "商品", "CO・OP共済《たすけあい》商品学習"],
      ["2023年6月8日", "product", "火災共済 商品学習"],
      ["令和5年9月14日", "コンプライアンス", "個人情報保護"],
      ["2022/10/5", "商品", "CO・OP共済 商品学習"],
    ])
      expect(
        (await cs.post("/api/v1/activities/trainings", { heldOn, kind, title, attendees: 18 })).status,
      ).toBe(201);
    const csv =
      "月,項目,種目,件数,満期件数\n2023-04,継続率,自動車,370,400\n2023年5月,継続率,火災,180,200\n2023/6,保障相談件数,,452,\n";
    const imported = await importBusinessFigures<{ saved: number }>(cs, csv);
    expect([imported.status, imported.body.saved]).toEqual([200, 3]);
    const r = await register2023();
    const trainings = kpiIn(r, kpis.find((k) => k.name.startsWith("実務"))?.id as number);
    expect([trainings.display, trainings.yoy]).toEqual(["2回", "前年より1回増加"]);
    expect(trainings.sources.map((s) => s.label)).toEqual([
      "CO・OP共済《たすけあい》商品学習",
      "火災共済 商品学習",
    ]);
    const renewal = kpiIn(r, kpi("renewal_rate").id);
    // (370 + 180) / (400 + 200) = 91.7%; 自動車 92.5%, 火災 90.0%
    expect([renewal.display, renewal.breakdown.map((b) => b.display), renewal.yoy]).toEqual([
      "91.7%",
      ["92.5%", "90.0%"],
      "前年の実績なし",
    ]);
    expect(kpiIn(r, kpi("consultations").id).display).toBe("452件");
    const events = kpiIn(r, kpi("outreach_events").id);
    expect([events.display, events.yoy]).toEqual(["0回", "前年と同数"]);
  });

  it("bad input is a Japanese 400 naming the field, and stores nothing", async () => {
    const before = {
      trainings: await rowCount("trainings"),
      figures: await rowCount("business_figures"),
      staff: await rowCount("staff_members"),
      entries: await rowCount("kpi_entries"),
    };
    const fields = async (method: string, url: string, body: unknown) => {
      const res = await cs.request<ApiError>(method, url, body);
      expect(res.status, JSON.stringify(res.body)).toBe(400);
      return res.body.error.fields ?? {};
    };
    // a negative count
    expect(
      await fields("POST", "/api/v1/activities/trainings", {
        heldOn: "2023/5/1",
        kind: "商品",
        title: "商品学習",
        attendees: -3,
      }),
    ).toEqual({ attendees: "参加人数は0以上で入力してください" });
    expect(
      await fields("PUT", "/api/v1/activities/business-figures", {
        rows: [{ month: "2023-07", metric: "new_contracts", numerator: -1 }],
      }),
    ).toEqual({ "rows.0.numerator": "件数は0以上で入力してください" });
    // a rate over 100%: the valid first row is not stored either
    expect(
      await fields("PUT", "/api/v1/activities/business-figures", {
        rows: [
          { month: "2023-07", metric: "consultations", numerator: 430 },
          { month: "2023-07", metric: "renewals", line: "自動車", numerator: 412, denominator: 400 },
        ],
      }),
    ).toEqual({ "rows.1.numerator": "2行目: 継続件数が満期件数を超えています（継続率が100%を超えます）" });
    expect(
      await fields("PUT", `/api/v1/kpis/${manualRate.id}/entries?year=2023`, {
        value: 100.4,
        evidence: "アンケート集計",
      }),
    ).toEqual({ value: "率は0〜100の範囲で入力してください" });
    // a training of an unknown kind
    const unknown = await fields("POST", "/api/v1/activities/trainings", {
      heldOn: "2023/5/1",
      kind: "接遇",
      title: "接遇研修",
    });
    expect(unknown.kind).toMatch(
      /^研修の種類「接遇」はありません（実務・商品・マナー・コンプライアンス・その他）$/,
    );
    // a staff member whose qualification is unknown: the staff member is not stored either
    const staff = await fields("POST", "/api/v1/activities/staff", {
      name: "高橋 美咲",
      employmentType: "full_time",
      fromDate: "2015/4/1",
      qualifications: [
        { qualification: "FP技能士2級", acquiredOn: "2018/9/1" },
        { qualification: "宅建士", acquiredOn: "2019/1/1" },
      ],
    });
    expect(staff["qualifications.1.qualification"]).toContain("資格「宅建士」はありません");
    // a future date, month and period
    expect(
      await fields("POST", "/api/v1/activities/trainings", {
        heldOn: "2099/5/1",
        kind: "商品",
        title: "商品学習",
      }),
    ).toEqual({ heldOn: "実施日に未来の日付（2099-05-01）は入力できません" });
    expect(
      await fields("PUT", "/api/v1/activities/business-figures", {
        rows: [{ month: "2099-01", metric: "consultations", numerator: 1 }],
      }),
    ).toEqual({ "rows.0.month": "まだ来ていない月（2099-01）の実績は入力できません" });
    expect(await fields("GET", "/api/v1/kpis?year=2099", undefined)).toEqual({
      period: "2099年はまだ始まっていません（未来の期間は指定できません）",
    });
    expect(await fields("GET", "/api/v1/kpis?year=abc", undefined)).toEqual({
      year: "年は2000〜2100の整数で指定してください（例: year=2023）",
    });
    // a CSV with a bad row stores none of its rows
    const bad = await cs.request<ApiError>(
      "POST",
      "/api/v1/activities/business-figures/import",
      "月,項目,件数\n2023-08,新規契約件数,1200\n2023-09,新規契約件数,-4\n",
      { "content-type": "text/csv" },
    );
    expect([bad.status, bad.body.error.fields]).toEqual([
      400,
      { "row3.numerator": "3行目: 件数は0以上で入力してください" },
    ]);
    expect({
      trainings: await rowCount("trainings"),
      figures: await rowCount("business_figures"),
      staff: await rowCount("staff_members"),
      entries: await rowCount("kpi_entries"),
    }).toEqual(before);
  });

  it("intent-record completeness lists exactly the planted missing items", async () => {
    const base = {
      staffName: "山本 彩",
      initialIntent: "入院の保障を厚くしたい",
      finalIntent: "入院の保障を厚くしたい",
      product: "CO・OP共済《たすけあい》医療コース",
      reason: "日額の保障と掛金のバランスがご希望に合うため",
      customerConfirmedOn: "2023/5/20",
    };
    const records = [
      { customerRef: "R5-0001", ...base },
      { customerRef: "R5-0002", ...base, reason: "", customerConfirmedOn: null },
      { customerRef: "R5-0003", ...base, finalIntent: "死亡保障も加えたい" },
      {
        customerRef: "R5-0004",
        ...base,
        finalIntent: "死亡保障も加えたい",
        intentChangedReason: "ご家族の話から必要に気づかれた",
      },
      { customerRef: "R5-0005", ...base, staffName: null, product: " " },
    ];
    for (const r of records)
      expect(
        (await cs.post("/api/v1/activities/intent-records", { recordedOn: "2023/5/18", ...r })).status,
      ).toBe(201);
    const res = await cs.get<{ items: IntentRecord[] }>("/api/v1/activities/intent-records?incomplete=true");
    expect(res.body.items.map((r) => [r.customerRef, r.missing])).toEqual([
      ["R5-0002", ["商品を選んだ理由", "お客さまの確認日"]],
      ["R5-0003", ["意向が変わった理由"]],
      ["R5-0005", ["担当者", "提案した商品"]],
    ]);
  });

  it("elderly-customer handling is counted by measure", async () => {
    for (const measures of [["親族同席", "複数回面談"], ["relative_present"], ["電話での確認", "複数募集人"]])
      expect(
        (
          await cs.post("/api/v1/activities/elderly-handlings", {
            handledOn: "2023/7/3",
            customerRef: "契約 ****1234",
            staffName: "佐藤 健一",
            measures,
          })
        ).status,
      ).toBe(201);
    const res = await cs.get<{ total: number; byMeasure: { name: string; count: number }[] }>(
      "/api/v1/activities/elderly-handlings?from=2023/1/1&to=2023/12/31",
    );
    expect([res.body.total, res.body.byMeasure.map((m) => `${m.name}${m.count}`)]).toEqual([
      3,
      ["親族同席2", "複数募集人1", "複数回面談1", "電話での確認1"],
    ]);
  });

  it("a retired KPI keeps its past values; viewers read, only cs and admins write", async () => {
    const lapses = kpi("consultations");
    const retired = await cs.post<Kpi>(`/api/v1/kpis/${lapses.id}/retire`, { retired: true });
    expect(retired.body.retiredAt).not.toBeNull();
    const past = kpiIn(await register2023(), lapses.id);
    expect([past.display, past.retiredAt !== null]).toEqual(["452件", true]);
    expect((await viewer.get("/api/v1/kpis?year=2023")).status).toBe(200);
    expect((await viewer.post(`/api/v1/kpis/${lapses.id}/retire`, { retired: false })).status).toBe(403);
    expect((await viewer.get("/api/v1/activities/staff")).status).toBe(403);
    expect((await cs.post(`/api/v1/kpis/${lapses.id}/retire`, { retired: false })).body).toMatchObject({
      retiredAt: null,
    });
  });

  it("a satisfaction KPI names a survey kind that exists", async () => {
    const res = await cs.request<ApiError>("PATCH", `/api/v1/kpis/${kpi("satisfaction").id}`, {
      params: { surveyKind: "nonexistent" },
    });
    expect([res.status, res.body.error.fields]).toEqual([
      400,
      { "params.surveyKind": "アンケートの種類「nonexistent」はありません" },
    ]);
    const ok = await cs.request<Kpi>("PATCH", `/api/v1/kpis/${kpi("satisfaction").id}`, {
      params: { surveyKind: "payment" },
    });
    expect([ok.status, ok.body.params]).toEqual([200, { surveyKind: "payment" }]);
    // no answers recorded: no value, rather than another kind's
    expect(kpiIn(await register2023(), kpi("satisfaction").id).value).toBeNull();
    await cs.request("PATCH", `/api/v1/kpis/${kpi("satisfaction").id}`, {
      params: { surveyKind: "members" },
    });
  });

  it("hand-entered values carry their evidence and narrative", async () => {
    const saved = await cs.request<KpiValue>("PUT", `/api/v1/kpis/${manualCount.id}/entries?year=2023`, {
      value: 7,
      evidence: "CS向上委員会 議事録",
      narrative: "申込書の意向確認欄の字を大きくしました。",
    });
    expect([saved.status, saved.body.display, saved.body.evidence, saved.body.narrative]).toEqual([
      200,
      "7件",
      "CS向上委員会 議事録",
      "申込書の意向確認欄の字を大きくしました。",
    ]);
    // the template's improvement and satisfaction KPIs compute from records: no value is typed for them
    for (const source of ["voices", "improvements", "satisfaction"]) {
      const computed = await cs.request<ApiError>("PUT", `/api/v1/kpis/${kpi(source).id}/entries?year=2023`, {
        value: 3,
      });
      expect(computed.body.error.fields, source).toEqual({
        value: "この指標の値は記録から計算されます。手入力はできません",
      });
    }
  });
});
