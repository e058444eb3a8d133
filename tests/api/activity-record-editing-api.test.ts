/**
 * Editing the activity records and the KPI themes on every database (the leftovers of issue 14): trainings,
 * events and audits are edited field by field; elderly-handling and intent records are edited and deleted; a KPI
 * theme is renamed, retired and restored (a retired theme stays on the registers of the years it was in force,
 * its KPIs' histories stay readable); an audit's improvement item is linked to an improvement task that already
 * exists, visible from both sides, and a second link is refused. cs records; a lead reads only; bad input is
 * refused with a Japanese message under the field it names, and nothing changes.
 */
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jstToday } from "../../src/domain/jst.js";
import type {
  Audit,
  ElderlyHandling,
  IntentRecord,
  OutreachEvent,
  Training,
} from "../../src/features/activities/contract.js";
import type { ImprovementDetail, ImprovementList } from "../../src/features/improvements/contract.js";
import type { Kpi, KpiHistory, KpiRegister } from "../../src/features/kpi/contract.js";
import type { ApiError, DepartmentList } from "../../src/shared/api-contract.js";
import { type ApiClient, clientAs, seedUsers, testApp } from "../helpers/api-client.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../helpers/test-database.js";

const dialects = await testDialects();
const TODAY = jstToday();
const TOMORROW = (() => {
  const d = new Date(`${TODAY}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
})();
const LAST_YEAR = Number(TODAY.slice(0, 4)) - 1;

describe.each(dialects)("activity record and KPI theme editing API on %s", (dialect) => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  let cs: ApiClient;
  let lead: ApiClient;
  let callCenter: number;

  const del = (c: ApiClient, url: string) => c.request<ApiError>("DELETE", url);
  const fieldsOf = (r: { body: unknown }) => (r.body as ApiError).error.fields ?? {};
  const year = (y: number) => `from=${y}/1/1&to=${y}/12/31`;

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    await seedUsers(tdb);
    app = await testApp(tdb);
    cs = await clientAs(app, "cs@example.jp");
    lead = await clientAs(app, "lead@example.jp");
    const depts = (await cs.get<DepartmentList>("/api/v1/departments")).body.items;
    callCenter = depts.find((d) => d.code === "call_center")?.id ?? 0;
    expect(callCenter).toBeGreaterThan(0);
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await tdb?.drop();
  });

  it("a training is edited field by field; bad input changes nothing and names the field", async () => {
    const made = await cs.post<{ id: number }>("/api/v1/activities/trainings", {
      heldOn: `${LAST_YEAR}/6/12`,
      kind: "商品",
      title: "新商品説明会",
      attendees: 18,
    });
    expect(made.status).toBe(201);
    const id = made.body.id;
    const read = async () =>
      (
        await lead.get<{ items: Training[] }>(`/api/v1/activities/trainings?${year(LAST_YEAR)}`)
      ).body.items.find((t) => t.id === id) as Training;

    // the title only: the attendance stays (no default sneaks in)
    const renamed = await cs.patch<{ id: number }>(`/api/v1/activities/trainings/${id}`, {
      title: "新商品説明会（医療共済）",
    });
    expect([renamed.status, renamed.body]).toEqual([200, { id }]);
    expect(await read()).toMatchObject({ title: "新商品説明会（医療共済）", attendees: 18, kind: "product" });
    const moved = await cs.patch(`/api/v1/activities/trainings/${id}`, {
      heldOn: `令和${LAST_YEAR - 2018}年7月3日`,
      kind: "コンプライアンス",
      attendees: 22,
      note: "欠席者には資料を配布",
    });
    expect(moved.status).toBe(200);
    expect(await read()).toMatchObject({
      heldOn: `${LAST_YEAR}-07-03`,
      kindName: "コンプライアンス",
      attendees: 22,
      note: "欠席者には資料を配布",
    });

    const blank = await cs.patch(`/api/v1/activities/trainings/${id}`, { title: " " });
    expect([blank.status, fieldsOf(blank)]).toEqual([400, { title: "研修名を入力してください" }]);
    const negative = await cs.patch(`/api/v1/activities/trainings/${id}`, { attendees: -3 });
    expect(fieldsOf(negative)).toEqual({ attendees: "参加人数は0以上で入力してください" });
    const future = await cs.patch(`/api/v1/activities/trainings/${id}`, { heldOn: TOMORROW });
    expect(fieldsOf(future).heldOn).toContain("実施日に未来の日付");
    const unknownKind = await cs.patch(`/api/v1/activities/trainings/${id}`, { kind: "茶道" });
    expect(fieldsOf(unknownKind).kind).toContain("研修の種類「茶道」はありません");
    expect(await read()).toMatchObject({ title: "新商品説明会（医療共済）", attendees: 22 });

    expect((await lead.patch(`/api/v1/activities/trainings/${id}`, { attendees: 1 })).status).toBe(403);
    expect((await cs.patch("/api/v1/activities/trainings/99999", { attendees: 1 })).status).toBe(404);
  });

  it("an event, seminar or consultation session is edited; its kind is one of three", async () => {
    const made = await cs.post<{ id: number }>("/api/v1/activities/events", {
      heldOn: `${LAST_YEAR}/9/9`,
      kind: "event",
      title: "くらしの保障セミナー",
      attendance: 35,
    });
    const id = made.body.id;
    const edited = await cs.patch(`/api/v1/activities/events/${id}`, { kind: "seminar", attendance: 41 });
    expect(edited.status).toBe(200);
    const row = (
      await cs.get<{ items: OutreachEvent[] }>(`/api/v1/activities/events?${year(LAST_YEAR)}`)
    ).body.items.find((e) => e.id === id);
    expect(row).toMatchObject({ kind: "seminar", title: "くらしの保障セミナー", attendance: 41 });

    const bad = await cs.patch(`/api/v1/activities/events/${id}`, { kind: "festival", title: "" });
    expect([bad.status, fieldsOf(bad)]).toEqual([
      400,
      { kind: "種類は event・seminar・consultation_session のいずれかです", title: "名称を入力してください" },
    ]);
    expect((await lead.patch(`/api/v1/activities/events/${id}`, { attendance: 1 })).status).toBe(403);
  });

  it("an audit is edited with its items: kept items keep their improvement task, a linked one cannot be dropped", async () => {
    const made = await cs.post<{ id: number }>("/api/v1/activities/audits", {
      heldOn: `${LAST_YEAR}/6/1`,
      kind: "self",
      auditor: "お客様相談室",
      items: ["受付記録の記入漏れをなくす", "苦情の報告期限を守る"],
    });
    const id = made.body.id;
    const read = async () =>
      (await cs.get<{ items: Audit[] }>(`/api/v1/activities/audits?${year(LAST_YEAR)}`)).body.items.find(
        (a) => a.id === id,
      ) as Audit;
    const [first, second] = (await read()).items as [Audit["items"][0], Audit["items"][0]];
    const registered = await cs.post<{ improvementId: number }>(
      `/api/v1/activities/audit-items/${first.id}/improvement`,
      { ownerDepartmentId: callCenter, dueDate: `${LAST_YEAR + 2}/3/31` },
    );
    expect(registered.status).toBe(201);

    const edited = await cs.patch(`/api/v1/activities/audits/${id}`, {
      kind: "internal",
      auditor: "内部監査室",
      findings: "受付記録に記入漏れが3件ありました",
      items: [
        { id: first.id, content: "受付記録の記入漏れをなくす（様式の見直し）" },
        { content: "記録の二重確認を行う" },
      ],
    });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);
    const after = await read();
    expect([after.kind, after.auditor, after.findings]).toEqual([
      "internal",
      "内部監査室",
      "受付記録に記入漏れが3件ありました",
    ]);
    expect(after.items.map((i) => [i.content, i.improvementId])).toEqual([
      ["受付記録の記入漏れをなくす（様式の見直し）", registered.body.improvementId],
      ["記録の二重確認を行う", null],
    ]);
    expect(after.items.some((i) => i.id === second.id)).toBe(false);

    // the item that became an improvement task cannot be dropped: 409, nothing changes
    const dropLinked = await cs.patch(`/api/v1/activities/audits/${id}`, {
      auditor: "監査法人",
      items: [{ content: "記録の二重確認を行う" }],
    });
    expect(dropLinked.status).toBe(409);
    expect(fieldsOf(dropLinked).items).toContain("改善課題になっている改善項目");
    // an item of another audit, a blank item, a future date: 400 under the field
    const foreign = await cs.patch(`/api/v1/activities/audits/${id}`, {
      items: [{ id: 99999, content: "苦情の報告期限を守る" }],
    });
    expect(fieldsOf(foreign)["items.0.id"]).toContain("この点検・監査の項目ではありません");
    const blankItem = await cs.patch(`/api/v1/activities/audits/${id}`, { items: [{ content: "" }] });
    expect(fieldsOf(blankItem)).toEqual({ "items.0.content": "改善項目を入力してください" });
    const future = await cs.patch(`/api/v1/activities/audits/${id}`, { heldOn: TOMORROW });
    expect(fieldsOf(future).heldOn).toContain("実施日に未来の日付");
    expect((await read()).auditor).toBe("内部監査室");

    expect((await lead.patch(`/api/v1/activities/audits/${id}`, { auditor: "監査法人" })).status).toBe(403);
    expect((await cs.patch("/api/v1/activities/audits/99999", { auditor: "監査法人" })).status).toBe(404);
  });

  it("an audit item is linked to an existing improvement task, visible from both sides; a second link is 409", async () => {
    const made = await cs.post<{ id: number }>("/api/v1/activities/audits", {
      heldOn: `${LAST_YEAR}/10/15`,
      kind: "external",
      auditor: "監査法人 みどり",
      items: ["苦情の受付から報告までの期限管理", "苦情の再発防止策の記録"],
    });
    const audit = (
      await cs.get<{ items: Audit[] }>(`/api/v1/activities/audits?${year(LAST_YEAR)}`)
    ).body.items.find((a) => a.id === made.body.id) as Audit;
    const [first, second] = audit.items as [Audit["items"][0], Audit["items"][0]];
    const task = (
      await cs.post<{ improvementId: number }>(`/api/v1/activities/audit-items/${first.id}/improvement`, {
        ownerDepartmentId: callCenter,
        dueDate: `${LAST_YEAR + 2}/3/31`,
        title: "苦情対応の期限管理の仕組みづくり",
      })
    ).body.improvementId;

    // the picker's search: by a word of the title, or by the id
    const found = await cs.get<ImprovementList>(`/api/v1/improvements?q=${encodeURIComponent("期限管理")}`);
    expect(found.body.items.map((i) => i.id)).toContain(task);
    expect(
      (await cs.get<ImprovementList>(`/api/v1/improvements?q=${task}`)).body.items.map((i) => i.id),
    ).toContain(task);
    expect(
      (await cs.get<ImprovementList>(`/api/v1/improvements?q=${encodeURIComponent("該当なし%")}`)).body.total,
    ).toBe(0);

    const denied = await lead.post(`/api/v1/activities/audit-items/${second.id}/improvement-link`, {
      improvementId: task,
    });
    expect(denied.status).toBe(403);
    const linked = await cs.post(`/api/v1/activities/audit-items/${second.id}/improvement-link`, {
      improvementId: task,
    });
    expect([linked.status, linked.body]).toEqual([200, { id: second.id, improvementId: task }]);

    const items = (
      await cs.get<{ items: Audit[] }>(`/api/v1/activities/audits?${year(LAST_YEAR)}`)
    ).body.items.find((a) => a.id === made.body.id)?.items;
    expect(items?.map((i) => i.improvement?.title)).toEqual([
      "苦情対応の期限管理の仕組みづくり",
      "苦情対応の期限管理の仕組みづくり",
    ]);
    const detail = (await cs.get<ImprovementDetail>(`/api/v1/improvements/${task}`)).body;
    expect(detail.auditItems.map((i) => i.content)).toEqual([
      "苦情の受付から報告までの期限管理",
      "苦情の再発防止策の記録",
    ]);
    expect(detail.timeline.filter((e) => e.kind === "linked").length).toBe(2);

    const again = await cs.post<ApiError>(`/api/v1/activities/audit-items/${second.id}/improvement-link`, {
      improvementId: task,
    });
    expect(again.status).toBe(409);
    expect(again.body.error.message).toBe(`この改善項目はすでに改善課題（ID ${task}）に紐づいています`);
    const noSuch = await cs.post(`/api/v1/activities/audit-items/${second.id}/improvement-link`, {});
    expect(fieldsOf(noSuch)).toEqual({ improvementId: "紐づける改善課題を選んでください" });

    const fresh = await cs.post<{ id: number }>("/api/v1/activities/audits", {
      heldOn: `${LAST_YEAR}/11/1`,
      kind: "self",
      auditor: "お客様相談室",
      items: ["声の分類の見直し"],
    });
    const freshItem = (
      await cs.get<{ items: Audit[] }>(`/api/v1/activities/audits?${year(LAST_YEAR)}`)
    ).body.items.find((a) => a.id === fresh.body.id)?.items[0];
    const missing = await cs.post(`/api/v1/activities/audit-items/${freshItem?.id}/improvement-link`, {
      improvementId: 99999,
    });
    expect([missing.status, fieldsOf(missing)]).toEqual([
      400,
      { improvementId: "改善課題（ID 99999）はありません" },
    ]);
    expect(
      (await cs.post("/api/v1/activities/audit-items/99999/improvement-link", { improvementId: task }))
        .status,
    ).toBe(404);
  });

  it("elderly-handling records are edited and deleted", async () => {
    const made = await cs.post<{ id: number }>("/api/v1/activities/elderly-handlings", {
      handledOn: `${LAST_YEAR}/5/10`,
      customerRef: "契約 B-2041",
      staffName: "山本 花子",
      measures: ["親族同席"],
    });
    expect(made.status).toBe(201);
    const id = made.body.id;
    const read = async () =>
      (
        await lead.get<{ items: ElderlyHandling[]; byMeasure: { name: string; count: number }[] }>(
          `/api/v1/activities/elderly-handlings?${year(LAST_YEAR)}`,
        )
      ).body;

    const edited = await cs.patch(`/api/v1/activities/elderly-handlings/${id}`, {
      measures: ["親族同席", "電話での確認"],
      note: "後日、ご長男にも電話で説明",
    });
    expect(edited.status).toBe(200);
    const after = await read();
    expect(after.items.find((h) => h.id === id)).toMatchObject({
      customerRef: "契約 B-2041",
      staffName: "山本 花子",
      note: "後日、ご長男にも電話で説明",
    });
    expect(after.byMeasure.find((m) => m.name === "電話での確認")?.count).toBe(1);

    const none = await cs.patch(`/api/v1/activities/elderly-handlings/${id}`, { measures: [] });
    expect(fieldsOf(none)).toEqual({ measures: "対応方法を1つ以上選んでください" });
    const unknown = await cs.patch(`/api/v1/activities/elderly-handlings/${id}`, { measures: ["手紙"] });
    expect(fieldsOf(unknown)["measures.0"]).toContain("対応方法「手紙」はありません");
    const blank = await cs.patch(`/api/v1/activities/elderly-handlings/${id}`, { staffName: "" });
    expect(fieldsOf(blank)).toEqual({ staffName: "担当者を入力してください" });

    expect(
      (await lead.patch(`/api/v1/activities/elderly-handlings/${id}`, { staffName: "佐藤" })).status,
    ).toBe(403);
    expect((await del(lead, `/api/v1/activities/elderly-handlings/${id}`)).status).toBe(403);
    expect((await del(cs, `/api/v1/activities/elderly-handlings/${id}`)).status).toBe(200);
    expect((await read()).items.some((h) => h.id === id)).toBe(false);
    expect((await del(cs, `/api/v1/activities/elderly-handlings/${id}`)).status).toBe(404);
  });

  it("intent records are edited (the completeness check follows) and deleted", async () => {
    const made = await cs.post<{ id: number }>("/api/v1/activities/intent-records", {
      recordedOn: `${LAST_YEAR}/5/20`,
      customerRef: "契約 C-3302",
      initialIntent: "入院保障を厚くしたい",
      finalIntent: "入院保障と先進医療特約",
    });
    const id = made.body.id;
    const read = async () =>
      (
        await lead.get<{ items: IntentRecord[] }>(`/api/v1/activities/intent-records?${year(LAST_YEAR)}`)
      ).body.items.find((r) => r.id === id);
    expect((await read())?.missing).toContain("意向が変わった理由");

    const edited = await cs.patch(`/api/v1/activities/intent-records/${id}`, {
      staffName: "田中 一郎",
      product: "医療共済",
      reason: "通院保障も必要と気づかれたため",
      intentChangedReason: "先進医療の説明を受けて追加を希望",
      customerConfirmedOn: `${LAST_YEAR}/5/27`,
    });
    expect(edited.status).toBe(200);
    expect(await read()).toMatchObject({ staffName: "田中 一郎", customerConfirmedOn: `${LAST_YEAR}-05-27` });
    const cleared = await cs.patch(`/api/v1/activities/intent-records/${id}`, { product: null });
    expect(cleared.status).toBe(200);
    expect((await read())?.product).toBeNull();

    const bad = await cs.patch(`/api/v1/activities/intent-records/${id}`, {
      customerRef: "",
      customerConfirmedOn: TOMORROW,
    });
    expect(bad.status).toBe(400);
    expect(fieldsOf(bad).customerRef).toBe("お客さまの参照番号を入力してください");
    const future = await cs.patch(`/api/v1/activities/intent-records/${id}`, {
      customerConfirmedOn: TOMORROW,
    });
    expect(fieldsOf(future).customerConfirmedOn).toContain("お客さま確認日に未来の日付");

    expect(
      (await lead.patch(`/api/v1/activities/intent-records/${id}`, { product: "医療共済" })).status,
    ).toBe(403);
    expect((await del(lead, `/api/v1/activities/intent-records/${id}`)).status).toBe(403);
    expect((await del(cs, `/api/v1/activities/intent-records/${id}`)).status).toBe(200);
    expect(await read()).toBeUndefined();
    expect((await cs.patch(`/api/v1/activities/intent-records/${id}`, { product: "医療共済" })).status).toBe(
      404,
    );
  });

  it("a KPI theme is renamed, retired and restored; past registers and its KPIs' histories stay readable", async () => {
    const theme = await cs.post<{ id: number }>("/api/v1/kpis/themes", {
      number: 7,
      name: "組合員との接点づくり",
    });
    const themeId = theme.body.id;
    const kpi = (
      await cs.post<Kpi>("/api/v1/kpis", {
        themeId,
        number: 1,
        name: "くらしの相談会の開催回数",
        unit: "回",
        source: "manual",
      })
    ).body;
    await cs.request("PUT", `/api/v1/kpis/${kpi.id}/entries?year=${LAST_YEAR}`, {
      value: 12,
      evidence: "支所の開催記録",
      narrative: "全支所で毎月開催しました。",
    });

    const renamed = await cs.patch<{ id: number; name: string; number: number }>(
      `/api/v1/kpis/themes/${themeId}`,
      {
        name: "組合員とのつながりを深めます",
      },
    );
    expect([renamed.status, renamed.body.name, renamed.body.number]).toEqual([
      200,
      "組合員とのつながりを深めます",
      7,
    ]);
    const blank = await cs.patch(`/api/v1/kpis/themes/${themeId}`, { name: "  " });
    expect([blank.status, fieldsOf(blank)]).toEqual([400, { name: "テーマ名を入力してください" }]);
    const badNumber = await cs.patch(`/api/v1/kpis/themes/${themeId}`, { number: 120 });
    expect(fieldsOf(badNumber)).toEqual({ number: "テーマの番号は1〜99の整数で入力してください" });
    expect((await lead.patch(`/api/v1/kpis/themes/${themeId}`, { name: "変更" })).status).toBe(403);
    expect((await cs.patch("/api/v1/kpis/themes/99999", { name: "変更" })).status).toBe(404);

    expect((await lead.post(`/api/v1/kpis/themes/${themeId}/retire`, { retired: true })).status).toBe(403);
    const retired = await cs.post<{ retiredAt: string | null }>(`/api/v1/kpis/themes/${themeId}/retire`, {
      retired: true,
    });
    expect([retired.status, retired.body.retiredAt !== null]).toEqual([200, true]);
    const badRetire = await cs.post(`/api/v1/kpis/themes/${themeId}/retire`, { retired: "yes" });
    expect(fieldsOf(badRetire)).toEqual({ retired: "retired は true か false です" });
    const defs = await lead.get<{ themes: { id: number; retiredAt: string | null }[] }>(
      "/api/v1/kpis/definitions",
    );
    expect(defs.body.themes.find((t) => t.id === themeId)?.retiredAt).not.toBeNull();

    // no new KPI under a retired theme
    const refused = await cs.post("/api/v1/kpis", {
      themeId,
      number: 2,
      name: "出張相談の件数",
      unit: "件",
      source: "manual",
    });
    expect(fieldsOf(refused).themeId).toContain("廃止されています");

    // retired today: last year's register still shows the theme and its KPI with its value
    const register = (await lead.get<KpiRegister>(`/api/v1/kpis?year=${LAST_YEAR}`)).body;
    const shown = register.themes.find((t) => t.id === themeId);
    expect([shown?.name, shown?.retiredAt !== null, shown?.kpis.map((k) => k.display)]).toEqual([
      "組合員とのつながりを深めます",
      true,
      ["12回"],
    ]);
    // retired before last year began: gone from that register, still on the one before; the KPI's history reads
    await tdb.db
      .updateTable("kpi_themes")
      .set({ retired_at: `${LAST_YEAR - 1}-06-30T00:00:00.000Z` })
      .where("id", "=", themeId)
      .execute();
    expect(
      (await lead.get<KpiRegister>(`/api/v1/kpis?year=${LAST_YEAR}`)).body.themes.some(
        (t) => t.id === themeId,
      ),
    ).toBe(false);
    expect(
      (await lead.get<KpiRegister>(`/api/v1/kpis?year=${LAST_YEAR - 1}`)).body.themes.some(
        (t) => t.id === themeId,
      ),
    ).toBe(true);
    const history = await lead.get<KpiHistory>(`/api/v1/kpis/${kpi.id}/history?year=${LAST_YEAR}&years=2`);
    expect([history.status, history.body.items[0]?.display, history.body.items[0]?.narrative]).toEqual([
      200,
      "12回",
      "全支所で毎月開催しました。",
    ]);

    const restored = await cs.post<{ retiredAt: string | null }>(`/api/v1/kpis/themes/${themeId}/retire`, {
      retired: false,
    });
    expect(restored.body.retiredAt).toBeNull();
    expect(
      (await lead.get<KpiRegister>(`/api/v1/kpis?year=${LAST_YEAR}`)).body.themes.some(
        (t) => t.id === themeId,
      ),
    ).toBe(true);
  });

  it("the satisfaction KPI's survey kind is one of the survey kinds; the year selector's setting is readable by every KPI reader", async () => {
    // the picker's list: the survey kinds, readable by the KPI editor
    const kinds = await cs.get<{ items: { code: string; name: string; active: boolean }[] }>(
      "/api/v1/surveys/kinds",
    );
    expect(kinds.status).toBe(200);
    expect(kinds.body.items.map((k) => k.code)).toContain("members");
    const theme = await cs.post<{ id: number }>("/api/v1/kpis/themes", {
      number: 8,
      name: "組合員の声に応えます",
    });
    const base = {
      themeId: theme.body.id,
      number: 1,
      name: "加入者アンケートの満足度",
      unit: "%",
      source: "satisfaction",
    };
    const unknown = await cs.post("/api/v1/kpis", { ...base, params: { surveyKind: "保全アンケート" } });
    expect([unknown.status, fieldsOf(unknown)]).toEqual([
      400,
      { "params.surveyKind": "アンケートの種類「保全アンケート」はありません" },
    ]);
    const made = await cs.post<Kpi>("/api/v1/kpis", { ...base, params: { surveyKind: "members" } });
    expect([made.status, made.body.params]).toEqual([201, { surveyKind: "members" }]);
    expect((await lead.post("/api/v1/kpis", { ...base, number: 2 })).status).toBe(403);

    // 年度 on the fiscal-year basis: the setting (and the register's own copy of it) says so to a reader
    expect(
      (await cs.request("PUT", "/api/v1/kpis/settings", { basis: "fiscal", rateChange: "point" })).status,
    ).toBe(200);
    expect((await lead.get<{ basis: string }>("/api/v1/kpis/settings")).body.basis).toBe("fiscal");
    const register = (await lead.get<KpiRegister>(`/api/v1/kpis?year=${LAST_YEAR}`)).body;
    expect([register.reporting.basis, register.themes[0]?.kpis[0]?.period.label]).toEqual([
      "fiscal",
      `${LAST_YEAR}年度`,
    ]);
    expect(
      (await lead.request("PUT", "/api/v1/kpis/settings", { basis: "calendar", rateChange: "point" })).status,
    ).toBe(403);
    const bad = await cs.request("PUT", "/api/v1/kpis/settings", { basis: "年度", rateChange: "point" });
    expect(fieldsOf(bad)).toEqual({
      basis: "報告期間は calendar（暦年）か fiscal（年度）で指定してください",
    });
    await cs.request("PUT", "/api/v1/kpis/settings", { basis: "calendar", rateChange: "point" });
  });
});
