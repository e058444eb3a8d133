/**
 * The KPI register's and activity records' editing API on every database (issue 14's screens): a roster entry
 * edited whole (a bad field changes nothing, a qualification whose label was retired stays on its holder); the
 * editable lists; the monthly-figures import's dry run (stores nothing, says what it would replace), every bad
 * row and column named in Japanese and nothing stored; one figure deleted; an audit's improvement items become
 * improvement tasks, at creation or by 「改善として登録」, visible from both sides; a KPI's history (values and
 * narratives) stays readable after it is retired.
 */
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jstToday } from "../../src/domain/jst.js";
import type {
  ActivityLabel,
  Audit,
  BusinessFigure,
  BusinessFigureImportResult,
  StaffMember,
} from "../../src/features/activities/contract.js";
import type { ImprovementDetail } from "../../src/features/improvements/contract.js";
import type { Kpi, KpiHistory, KpiRegister } from "../../src/features/kpi/contract.js";
import type { ApiError, DepartmentList } from "../../src/shared/api-contract.js";
import type { ApiClient } from "../helpers/api-client.js";
import { importBusinessFigures, startKpiApiTest } from "../helpers/kpi-api.js";
import { countRows, type TestDatabase, testDialects } from "../helpers/test-database.js";

const dialects = await testDialects();
const TODAY = jstToday();
const inDays = (n: number) => {
  const d = new Date(`${TODAY}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
};

describe.each(dialects)("KPI and activity editing API on %s", (dialect) => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  let cs: ApiClient;
  let lead: ApiClient;
  let viewer: ApiClient;
  let callCenter: number;
  let tokyo: number;

  const count = (
    table: "business_figures" | "staff_qualifications" | "improvements" | "audit_items" | "audits",
  ) => countRows(tdb.db, table);
  const importCsv = (csv: string, query = "") =>
    importBusinessFigures<BusinessFigureImportResult & ApiError>(cs, csv, query);
  const figures2023 = async () =>
    (
      await cs.get<{ items: BusinessFigure[] }>(
        "/api/v1/activities/business-figures?from=2023/1/1&to=2023/12/31",
      )
    ).body.items;

  beforeAll(async () => {
    ({ tdb, app, cs, lead, viewer } = await startKpiApiTest(dialect));
    const depts = (await cs.get<DepartmentList>("/api/v1/departments")).body.items;
    callCenter = depts.find((d) => d.code === "call_center")?.id ?? 0;
    tokyo = depts.find((d) => d.code === "tokyo_branch")?.id ?? 0;
    expect(callCenter * tokyo).toBeGreaterThan(0);
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await tdb?.drop();
  });

  it("a roster entry is edited whole; a bad field changes nothing", async () => {
    const created = await cs.post<{ id: number }>("/api/v1/activities/staff", {
      name: "佐藤 陽子",
      departmentId: callCenter,
      employmentType: "part_time",
      fromDate: "2015/4/1",
      qualifications: [{ qualification: "FP技能士3級", acquiredOn: "2016/2/1" }],
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const read = async () =>
      (await cs.get<{ items: StaffMember[] }>("/api/v1/activities/staff")).body.items.find(
        (s) => s.id === id,
      ) as StaffMember;

    const edited = await cs.request<{ id: number }>("PUT", `/api/v1/activities/staff/${id}`, {
      name: "佐藤 陽子",
      departmentId: tokyo,
      employmentType: "full_time",
      fromDate: "2015/4/1",
      toDate: "2023/9/30",
      qualifications: [
        { qualification: "FP技能士3級", acquiredOn: "2016/2/1" },
        { qualification: "fp2", acquiredOn: "令和2年9月1日" },
      ],
    });
    expect([edited.status, edited.body]).toEqual([200, { id }]);
    const after = await read();
    expect([
      after.departmentId,
      after.employmentType,
      after.toDate,
      after.qualifications.map((q) => `${q.name} ${q.acquiredOn}`),
    ]).toEqual([tokyo, "full_time", "2023-09-30", ["FP技能士3級 2016-02-01", "FP技能士2級 2020-09-01"]]);

    // a leaving date before the start, or an unknown qualification: 400 naming the field, nothing changes
    const quals = await count("staff_qualifications");
    const bad = await cs.request<ApiError>("PUT", `/api/v1/activities/staff/${id}`, {
      name: "佐藤 陽子（変更）",
      employmentType: "full_time",
      fromDate: "2015/4/1",
      toDate: "2014/3/31",
      qualifications: [],
    });
    expect([bad.status, bad.body.error.fields]).toEqual([
      400,
      { toDate: "在籍終了日は在籍開始日以降の日付にしてください" },
    ]);
    const unknown = await cs.request<ApiError>("PUT", `/api/v1/activities/staff/${id}`, {
      name: "佐藤 陽子",
      employmentType: "full_time",
      fromDate: "2015/4/1",
      qualifications: [{ qualification: "宅建士", acquiredOn: "2019/1/1" }],
    });
    expect(unknown.body.error.fields?.["qualifications.0.qualification"]).toContain(
      "資格「宅建士」はありません",
    );
    expect([
      (await read()).name,
      (await read()).qualifications.length,
      await count("staff_qualifications"),
    ]).toEqual(["佐藤 陽子", 2, quals]);

    // FP技能士3級 is taken off the list: its holder keeps it through an edit, a new entry cannot use it
    const labels = (await cs.get<{ items: ActivityLabel[] }>("/api/v1/activities/labels?kind=qualification"))
      .body.items;
    const fp3 = labels.find((l) => l.code === "fp3") as ActivityLabel;
    expect((await cs.patch(`/api/v1/activities/labels/${fp3.id}`, { active: false })).status).toBe(200);
    const kept = await cs.request("PUT", `/api/v1/activities/staff/${id}`, {
      name: "佐藤 陽子",
      departmentId: tokyo,
      employmentType: "full_time",
      fromDate: "2015/4/1",
      toDate: "2023/9/30",
      qualifications: [
        { qualification: "FP技能士3級", acquiredOn: "2016/2/1" },
        { qualification: "FP技能士2級", acquiredOn: "2020/9/1" },
      ],
    });
    expect(kept.status).toBe(200);
    const refused = await cs.post<ApiError>("/api/v1/activities/staff", {
      name: "中村 健",
      employmentType: "full_time",
      fromDate: "2020/4/1",
      qualifications: [{ qualification: "FP技能士3級", acquiredOn: "2021/2/1" }],
    });
    expect(refused.body.error.fields?.["qualifications.0.qualification"]).toContain(
      "資格「FP技能士3級」はありません",
    );
    await cs.patch(`/api/v1/activities/labels/${fp3.id}`, { active: true });

    const missing = await cs.request<ApiError>("PUT", "/api/v1/activities/staff/99999", {
      name: "山田 太郎",
      employmentType: "full_time",
      fromDate: "2015/4/1",
    });
    expect(missing.status).toBe(404);
    const forbidden = await lead.request("PUT", `/api/v1/activities/staff/${id}`, {
      name: "佐藤 陽子",
      employmentType: "full_time",
      fromDate: "2015/4/1",
    });
    expect(forbidden.status).toBe(403);
  });

  it("the editable lists: add an item, rename it, and a duplicate code is refused", async () => {
    const added = await cs.post<{ id: number }>("/api/v1/activities/labels", {
      kind: "training_kind",
      code: "accident",
      name: "事故対応",
      sortOrder: 60,
    });
    expect(added.status).toBe(201);
    expect(
      (await cs.patch(`/api/v1/activities/labels/${added.body.id}`, { name: "事故受付対応" })).status,
    ).toBe(200);
    const kinds = (await cs.get<{ items: ActivityLabel[] }>("/api/v1/activities/labels?kind=training_kind"))
      .body.items;
    expect(kinds.map((k) => k.name)).toEqual([
      "実務",
      "商品",
      "マナー",
      "コンプライアンス",
      "その他",
      "事故受付対応",
    ]);
    const training = await cs.post("/api/v1/activities/trainings", {
      heldOn: "2023/10/4",
      kind: "事故受付対応",
      title: "事故受付の初動",
      attendees: 12,
    });
    expect(training.status).toBe(201);
    // renaming alone keeps the item's order, its 専門資格 flag and its use
    const fp2 = (
      await cs.get<{ items: ActivityLabel[] }>("/api/v1/activities/labels?kind=qualification")
    ).body.items.find((l) => l.code === "fp2") as ActivityLabel;
    await cs.patch(`/api/v1/activities/labels/${fp2.id}`, {
      name: "2級ファイナンシャル・プランニング技能士",
    });
    const renamed = (
      await cs.get<{ items: ActivityLabel[] }>("/api/v1/activities/labels?kind=qualification")
    ).body.items.find((l) => l.code === "fp2");
    expect(renamed).toEqual({ ...fp2, name: "2級ファイナンシャル・プランニング技能士" });
    await cs.patch(`/api/v1/activities/labels/${fp2.id}`, { name: fp2.name });
    const dup = await cs.post<ApiError>("/api/v1/activities/labels", {
      kind: "training_kind",
      code: "accident",
      name: "事故",
    });
    expect([dup.status, dup.body.error.fields]).toEqual([409, { code: "同じコードがすでにあります" }]);
  });

  it("the monthly-figures import: a dry run stores nothing; every bad row and column is named; one figure is deleted", async () => {
    const csv =
      "月,項目,種目,件数,満期件数\n" +
      "2023-04,保障相談件数,,452,\n" +
      "2023-04,新規契約件数,,1021,\n" +
      "2023-04,継続率,自動車,370,400\n" +
      "2023-04,継続率,火災,180,200\n";
    const dry = await importCsv(csv, "?dryRun=true");
    expect([dry.status, dry.body]).toEqual([200, { dryRun: true, checked: 4, saved: 0, replaced: 0 }]);
    expect(await count("business_figures")).toBe(0);
    const real = await importCsv(csv);
    expect([real.status, real.body]).toEqual([200, { dryRun: false, checked: 4, saved: 4, replaced: 0 }]);
    // the same file again: a dry run says all four would replace what is stored
    expect((await importCsv(csv, "?dryRun=true")).body).toMatchObject({ checked: 4, replaced: 4, saved: 0 });

    // every bad row, with the file's row numbers, in one answer; nothing stored (not even the good rows)
    const before = await figures2023();
    const bad = await importCsv(
      "月,項目,種目,件数,満期件数\n" +
        "2023-05,保障相談件数,,430,\n" +
        "2023-13,保障相談件数,,12,\n" +
        "2023-05,解約件数,,3,\n" +
        "2023-05,継続率,自動車,420,400\n" +
        "2023-05,新規契約件数,,-2,\n" +
        "2023-05,保障相談件数,,431,\n",
      "?dryRun=true",
    );
    expect([bad.status, bad.body.error.message, bad.body.error.fields]).toEqual([
      400,
      "5件の誤りがあります。何も取り込んでいません",
      {
        "row3.month": "3行目: 月「2023-13」を読めません（2023-04 の形）",
        "row4.metric": "4行目: 項目「解約件数」はありません",
        "row5.numerator": "5行目: 継続件数が満期件数を超えています（継続率が100%を超えます）",
        "row6.numerator": "6行目: 件数は0以上で入力してください",
        "row7.month": "7行目: 2行目と同じ月・項目・種目です",
      },
    ]);
    expect((await importCsv("月,項目,種目,件数\n2023-05,保障相談件数,,-1\n")).status).toBe(400);
    expect(await figures2023()).toEqual(before);
    // a missing column names it
    const noCount = await importCsv("月,項目,種目\n2023-05,保障相談件数,\n");
    expect([noCount.status, noCount.body.error.fields]).toEqual([
      400,
      { file: "見出しに「件数」の列がありません（見出し: 月・項目・種目・件数・満期件数）" },
    ]);

    // one figure deleted; the others stay; deleting it again is 404
    const fire = before.find((f) => f.line === "火災") as BusinessFigure;
    const del = await cs.request("DELETE", `/api/v1/activities/business-figures/${fire.id}`);
    expect(del.status).toBe(200);
    expect((await figures2023()).map((f) => `${f.metric}${f.line}`).sort()).toEqual(
      ["consultations", "new_contracts", "renewals自動車"].sort(),
    );
    const again = await cs.request<ApiError>("DELETE", `/api/v1/activities/business-figures/${fire.id}`);
    expect([again.status, again.body.error.message]).toEqual([404, "月次実績が見つかりません"]);
    expect(
      (await viewer.request("DELETE", `/api/v1/activities/business-figures/${before[0]?.id}`)).status,
    ).toBe(403);
    expect((await importCsv(csv, "?dryRun=maybe")).status).toBe(400);
  });

  it("an audit's improvement items become improvement tasks, visible from both sides", async () => {
    const dueDate = inDays(60);
    // recorded with an owner: each item becomes an improvement task at once
    const withOwner = await cs.post<{ id: number }>("/api/v1/activities/audits", {
      heldOn: "2023/6/14",
      kind: "internal",
      auditor: "内部監査室",
      findings: "重要事項説明の記録に漏れがある",
      items: ["重要事項説明書の受領印の確認手順を定める", "意向確認書の保管場所を統一する"],
      improvement: { ownerDepartmentId: callCenter, dueDate },
    });
    expect(withOwner.status, JSON.stringify(withOwner.body)).toBe(201);
    const audits = async () =>
      (await cs.get<{ items: Audit[] }>("/api/v1/activities/audits?from=2023/1/1&to=2023/12/31")).body.items;
    const first = (await audits()).find((a) => a.id === withOwner.body.id) as Audit;
    expect(first.items.map((i) => [i.improvement?.title, i.improvement?.status])).toEqual([
      ["重要事項説明書の受領印の確認手順を定める", "proposed"],
      ["意向確認書の保管場所を統一する", "proposed"],
    ]);
    const imp = (await cs.get<ImprovementDetail>(`/api/v1/improvements/${first.items[0]?.improvementId}`))
      .body;
    expect([imp.ownerDepartment.id, imp.dueDate, imp.problem, imp.auditItems]).toEqual([
      callCenter,
      dueDate,
      "【内部監査 2023-06-14・内部監査室】改善項目: 重要事項説明書の受領印の確認手順を定める\n指摘事項: 重要事項説明の記録に漏れがある",
      [
        {
          id: first.items[0]?.id,
          content: "重要事項説明書の受領印の確認手順を定める",
          auditId: first.id,
          auditKind: "internal",
          heldOn: "2023-06-14",
          auditor: "内部監査室",
        },
      ],
    ]);
    expect(imp.timeline.map((e) => e.kind)).toEqual(["created", "linked"]);
    expect(imp.timeline[1]?.data).toMatchObject({ auditItemIds: [first.items[0]?.id] });

    // recorded without: 「改善として登録」 later, with its own title
    const plain = await cs.post<{ id: number }>("/api/v1/activities/audits", {
      heldOn: "2023/11/8",
      kind: "self",
      auditor: "共済推進部",
      items: ["高齢のお客さまへの電話確認の記録を残す"],
    });
    const item = ((await audits()).find((a) => a.id === plain.body.id) as Audit).items[0];
    expect(item?.improvementId).toBeNull();
    const improvementsBefore = await count("improvements");
    // a past due date: 400, nothing created and the item still unlinked
    const past = await cs.post<ApiError>(`/api/v1/activities/audit-items/${item?.id}/improvement`, {
      ownerDepartmentId: callCenter,
      dueDate: "2020/1/1",
    });
    expect([past.status, Object.keys(past.body.error.fields ?? {})]).toEqual([400, ["dueDate"]]);
    const noOwner = await cs.post<ApiError>(`/api/v1/activities/audit-items/${item?.id}/improvement`, {
      dueDate,
    });
    expect(noOwner.body.error.fields).toEqual({ ownerDepartmentId: "担当部署を選んでください" });
    expect(await count("improvements")).toBe(improvementsBefore);
    const registered = await cs.post<{ id: number; improvementId: number }>(
      `/api/v1/activities/audit-items/${item?.id}/improvement`,
      {
        ownerDepartmentId: tokyo,
        dueDate: dueDate.replaceAll("-", "/"),
        title: "高齢者対応の電話確認を記録する",
      },
    );
    expect(registered.status, JSON.stringify(registered.body)).toBe(201);
    const linked = ((await audits()).find((a) => a.id === plain.body.id) as Audit).items[0];
    expect(linked?.improvement).toEqual({
      id: registered.body.improvementId,
      title: "高齢者対応の電話確認を記録する",
      status: "proposed",
    });
    const detail = (await cs.get<ImprovementDetail>(`/api/v1/improvements/${registered.body.improvementId}`))
      .body;
    expect([detail.ownerDepartment.id, detail.auditItems.map((a) => a.content)]).toEqual([
      tokyo,
      ["高齢のお客さまへの電話確認の記録を残す"],
    ]);
    // once only
    const twice = await cs.post<ApiError>(`/api/v1/activities/audit-items/${item?.id}/improvement`, {
      ownerDepartmentId: tokyo,
      dueDate,
    });
    expect([twice.status, twice.body.error.fields]).toEqual([
      409,
      { improvement: `すでに改善課題（ID ${registered.body.improvementId}）として登録されています` },
    ]);
    expect(
      (
        await cs.post("/api/v1/activities/audit-items/99999/improvement", {
          ownerDepartmentId: tokyo,
          dueDate,
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await lead.post(`/api/v1/activities/audit-items/${item?.id}/improvement`, {
          ownerDepartmentId: tokyo,
          dueDate,
        })
      ).status,
    ).toBe(403);

    // an audit whose owner department does not exist stores nothing: no audit, no item, no improvement
    const counts = [await count("audits"), await count("audit_items"), await count("improvements")];
    const badOwner = await cs.post<ApiError>("/api/v1/activities/audits", {
      heldOn: "2023/12/1",
      kind: "external",
      auditor: "監査法人",
      items: ["苦情の分類基準を見直す"],
      improvement: { ownerDepartmentId: 99999, dueDate },
    });
    expect([badOwner.status, badOwner.body.error.fields]).toEqual([
      400,
      { ownerDepartmentId: "部署（ID 99999）は存在しません" },
    ]);
    expect([await count("audits"), await count("audit_items"), await count("improvements")]).toEqual(counts);
  });

  it("a KPI's history keeps its values and narratives after it is retired", async () => {
    const theme = await cs.post<{ id: number }>("/api/v1/kpis/themes", {
      number: 1,
      name: "お客さま本位の商品提案",
    });
    const kpi = (
      await cs.post<Kpi>("/api/v1/kpis", {
        themeId: theme.body.id,
        number: 1,
        name: "保障点検の実施件数",
        unit: "件",
        source: "manual",
        target: "前年以上",
      })
    ).body;
    // a patch naming only the name keeps the target
    const patched = await cs.patch<Kpi>(`/api/v1/kpis/${kpi.id}`, { name: "保障点検の実施件数・訪問と窓口" });
    expect([patched.body.name, patched.body.target]).toEqual(["保障点検の実施件数・訪問と窓口", "前年以上"]);
    for (const [year, value, narrative] of [
      [2022, 1180, "組合員訪問に合わせて保障点検を案内しました。"],
      [2023, 1342, "保障点検の案内はがきを送り、前年を上回りました。"],
    ] as const) {
      const r = await cs.request("PUT", `/api/v1/kpis/${kpi.id}/entries?year=${year}`, {
        value,
        evidence: "共済推進部 月報",
        narrative,
        breakdown:
          year === 2023
            ? [
                { label: "訪問", value: 900 },
                { label: "窓口", value: 442 },
              ]
            : [],
      });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
    }
    expect(
      (await cs.post<Kpi>(`/api/v1/kpis/${kpi.id}/retire`, { retired: true })).body.retiredAt,
    ).not.toBeNull();
    const h = await viewer.get<KpiHistory>(`/api/v1/kpis/${kpi.id}/history?year=2023&years=3`);
    expect(h.status).toBe(200);
    expect([
      h.body.kpi.retiredAt !== null,
      h.body.items.map((i) => [i.period.label, i.display, i.yoy, i.narrative]),
    ]).toEqual([
      true,
      [
        ["2023年", "1,342件", "前年より162件増加", "保障点検の案内はがきを送り、前年を上回りました。"],
        ["2022年", "1,180件", "前年の実績なし", "組合員訪問に合わせて保障点検を案内しました。"],
        ["2021年", "—", "", null],
      ],
    ]);
    expect(h.body.items[0]?.breakdown.map((b) => `${b.label} ${b.display}`)).toEqual([
      "訪問 900件",
      "窓口 442件",
    ]);
    const register = (await cs.get<KpiRegister>("/api/v1/kpis?year=2023")).body;
    const row = register.themes.flatMap((t) => t.kpis).find((k) => k.kpiId === kpi.id);
    expect([row?.display, row?.narrative, row?.retiredAt !== null]).toEqual([
      "1,342件",
      "保障点検の案内はがきを送り、前年を上回りました。",
      true,
    ]);
    const future = await cs.get<ApiError>(`/api/v1/kpis/${kpi.id}/history?year=2099`);
    expect(future.status).toBe(400);
    expect((await cs.get<ApiError>(`/api/v1/kpis/${kpi.id}/history?year=2023&years=11`)).status).toBe(400);
    expect((await cs.get<ApiError>("/api/v1/kpis/99999/history?year=2023")).status).toBe(404);
  });
});
