/**
 * Insights and improvements on every database: an improvement from three voices and one insight goes through every
 * status; its timeline is append-only; 見送り needs a reason; 「声に基づく改善件数」 per fiscal year; voices show
 * their improvements and the improvement shows its voices masked by role; the effect check counts planted similar
 * voices before and after completion; bad input is a Japanese 400 that writes nothing.
 */
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jstToday } from "../../src/domain/jst.js";
import type {
  EffectCheck,
  ImprovementCount,
  ImprovementDetail,
  ImprovementList,
  Insight,
  InsightList,
  PublicImprovementList,
} from "../../src/features/improvements/contract.js";
import type { ApiError, DepartmentList, VoiceDetail } from "../../src/shared/api-contract.js";
import { type ApiClient, clientAs, seedUsers, testApp } from "../helpers/api-client.js";
import { countRows, createTestDatabase, type TestDatabase, testDialects } from "../helpers/test-database.js";

const dialects = await testDialects();
const TODAY = jstToday();
const nextMonth = (() => {
  const d = new Date(`${TODAY}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 30);
  return d.toISOString().slice(0, 10);
})();

describe.each(dialects)("improvements API on %s", (dialect) => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  let cs: ApiClient;
  let staff: ApiClient;
  let otherStaff: ApiClient;
  let viewer: ApiClient;
  let callCenter: number;
  let users: Awaited<ReturnType<typeof seedUsers>>;

  const voice = async (content: string, receivedAt: string, name = "山田 花子") => {
    const res = await cs.post<VoiceDetail>("/api/v1/voices", {
      receivedAt,
      type: "complaint",
      category: "claim",
      channel: "call_center",
      department: "call_center",
      content,
      customer: { name, prefecture: "福井県", ageBand: "50代" },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id;
  };
  const move = (id: number, body: Record<string, unknown>, as = cs) =>
    as.post<ImprovementDetail>(`/api/v1/improvements/${id}/status`, body);

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    app = await testApp(tdb);
    users = await seedUsers(tdb);
    cs = await clientAs(app, "cs@example.jp");
    staff = await clientAs(app, "staff@example.jp");
    otherStaff = await clientAs(app, "tokyo@example.jp");
    viewer = await clientAs(app, "viewer@example.jp");
    const depts = await cs.get<DepartmentList>("/api/v1/departments");
    callCenter = depts.body.items.find((d) => d.code === "call_center")?.id ?? 0;
    expect(callCenter).toBeGreaterThan(0);
  });
  afterAll(async () => {
    await app?.close();
    await tdb?.drop();
  });

  it("takes an improvement from three voices and one insight through every status, append-only", async () => {
    const v1 = await voice(
      "給付の窓口で部署間をたらい回しにされ、即答してもらえなかった。",
      "2026/10/2 10:00",
    );
    const v2 = await voice("共済金の請求をしたら、別の窓口に電話するよう言われた。", "2026/10/9 11:00");
    const v3 = await voice(
      "請求の相談をしたのに、コールセンターへ回されて二度手間だった。",
      "2026/10/20 15:00",
    );
    const insight = await staff.post<Insight>("/api/v1/insights", {
      content: "簡単な請求は窓口で受け付けられれば、ｺｰﾙｾﾝﾀｰへの案内が減ると思う。",
      departmentId: callCenter,
      voiceIds: [v1],
    });
    expect(insight.status, JSON.stringify(insight.body)).toBe(201);
    expect(insight.body.content).toContain("コールセンター"); // half-width kana normalized
    expect(insight.body.voices.map((v) => v.id)).toEqual([v1]);

    const created = await staff.post<ImprovementDetail>("/api/v1/improvements", {
      title: "簡易な請求を窓口で受け付ける",
      problem: "支払い可否の判断が難しいため、コールセンターを案内している",
      ownerDepartmentId: callCenter,
      ownerUserId: users.lead.id,
      dueDate: nextMonth,
      voiceIds: [v1, v2, v3],
      insightIds: [insight.body.id],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.id;
    expect(created.body.status).toBe("proposed");
    expect(created.body.voices.map((v) => v.id).sort()).toEqual([v1, v2, v3].sort());
    expect(created.body.insights.map((i) => i.id)).toEqual([insight.body.id]);
    expect(created.body.nextStatuses).toEqual(["under_review", "dropped"]);

    // staff of the owning department who is not its owner may not move it; the lead (owner) may
    expect((await move(id, { to: "under_review" }, staff)).status).toBe(403);
    const lead = await clientAs(app, "lead@example.jp");
    const timelines: ImprovementDetail["timeline"][] = [created.body.timeline];
    for (const body of [
      { to: "under_review" },
      { to: "in_progress", note: "受付手順書を改訂中" },
      { to: "completed", result: "簡易な請求を窓口で受け付けるよう受付業務を改善しました" },
      { to: "effect_confirmed", verdict: "effective", note: "同種の苦情が減った" },
    ]) {
      const res = await move(id, body, lead);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      expect(res.body.status).toBe(body.to);
      timelines.push(res.body.timeline);
    }
    const note = await lead.post<ImprovementDetail>(`/api/v1/improvements/${id}/notes`, {
      text: "翌月の会議で報告済み",
    });
    expect(note.status).toBe(200);
    timelines.push(note.body.timeline);
    // append-only: every earlier timeline is a prefix of the later one, unchanged
    for (let i = 1; i < timelines.length; i++) {
      const before = timelines[i - 1] ?? [];
      const after = timelines[i] ?? [];
      expect(after.length).toBe(before.length + 1);
      expect(after.slice(0, before.length)).toEqual(before);
    }
    const last = note.body;
    expect(last.timeline.map((e) => e.kind)).toEqual([
      "created",
      "status",
      "status",
      "status",
      "status",
      "note",
    ]);
    expect(last.completedOn).toBe(TODAY);
    expect(last.effectVerdict).toBe("effective");
    // no path edits or deletes an event
    for (const method of ["DELETE", "PATCH", "PUT"]) {
      const res = await cs.request(method, `/api/v1/improvements/${id}/timeline/${last.timeline[0]?.id}`, {});
      expect(res.status).toBe(404);
    }
    // 効果確認済 is final
    const again = await move(id, { to: "dropped", reason: "やり直し" }, lead);
    expect(again.status).toBe(409);
    expect((again.body as unknown as ApiError).error.message).toContain("変更できません");

    // the voice shows the improvement it fed; the insight shows it too
    const fed = await viewer.get<ImprovementList>(`/api/v1/voices/${v2}/improvements`);
    expect(fed.status).toBe(200);
    expect(fed.body.items.map((i) => i.id)).toEqual([id]);
    const withImp = await cs.get<Insight>(`/api/v1/insights/${insight.body.id}`);
    expect(withImp.body.improvements.map((i) => i.id)).toEqual([id]);
  });

  it("masks the improvement's voices by role", async () => {
    const v = await voice("窓口の説明がわかりにくかった。", "2026/11/2 10:00", "鈴木 一郎");
    const created = await cs.post<ImprovementDetail>("/api/v1/improvements", {
      title: "窓口の説明資料を見直す",
      problem: "説明がわかりにくい",
      ownerDepartmentId: callCenter,
      dueDate: nextMonth,
      voiceIds: [v],
    });
    expect(created.status).toBe(201);
    const id = created.body.id;
    const seen = async (c: ApiClient) =>
      (await c.get<ImprovementDetail>(`/api/v1/improvements/${id}`)).body.voices[0];
    expect(await seen(cs)).toMatchObject({ customerName: "鈴木 一郎", customerMasked: false });
    expect(await seen(staff)).toMatchObject({ customerName: "鈴木 一郎", customerMasked: false });
    expect(await seen(otherStaff)).toMatchObject({ customerName: "鈴＊ ＊＊", customerMasked: true });
    expect(await seen(viewer)).toMatchObject({ customerName: "鈴＊ ＊＊", customerMasked: true });
    const fed = await otherStaff.get<ImprovementList>(`/api/v1/voices/${v}/improvements`);
    expect(fed.body.items.map((i) => i.title)).toEqual(["窓口の説明資料を見直す"]);
    // a viewer reads but does not propose
    const refused = await viewer.post("/api/v1/improvements", {
      title: "x",
      problem: "x",
      ownerDepartmentId: callCenter,
      dueDate: nextMonth,
    });
    expect(refused.status).toBe(403);
  });

  it("refuses 見送り without a reason (400 in Japanese) and writes nothing", async () => {
    const created = await cs.post<ImprovementDetail>("/api/v1/improvements", {
      title: "申込書の記入例を増やす",
      problem: "記入例が少ない",
      ownerDepartmentId: callCenter,
      dueDate: nextMonth,
    });
    const id = created.body.id;
    const events = await countRows(tdb.db, "improvement_events");
    const res = await move(id, { to: "dropped" });
    expect(res.status).toBe(400);
    expect((res.body as unknown as ApiError).error.fields?.reason).toBe("見送りにする理由を入力してください");
    const blank = await move(id, { to: "dropped", reason: "　" });
    expect(blank.status).toBe(400);
    expect(await countRows(tdb.db, "improvement_events")).toBe(events);
    expect((await cs.get<ImprovementDetail>(`/api/v1/improvements/${id}`)).body.status).toBe("proposed");
    const dropped = await move(id, { to: "dropped", reason: "来年度の帳票改訂でまとめて対応するため" });
    expect(dropped.status).toBe(200);
    expect(dropped.body.dropReason).toBe("来年度の帳票改訂でまとめて対応するため");
  });

  it("counts improvements based on voices per fiscal year, and lists public summaries", async () => {
    const v = await voice("書類の字が小さくて読みにくい。", "2025/2/3 10:00");
    const done = async (completedOn: string, voiceIds: number[], summary?: boolean) => {
      const c = await cs.post<ImprovementDetail>("/api/v1/improvements", {
        title: `改善 ${completedOn}`,
        problem: "書類が読みにくい",
        ownerDepartmentId: callCenter,
        dueDate: nextMonth,
        voiceIds,
      });
      for (const to of ["under_review", "in_progress"])
        expect((await move(c.body.id, { to })).status).toBe(200);
      const res = await move(c.body.id, { to: "completed", result: "文字を大きくしました", completedOn });
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      if (summary) {
        const p = await cs.patch<ImprovementDetail>(`/api/v1/improvements/${c.body.id}`, {
          isPublic: true,
          publicKind: "苦情",
          publicVoice: "書類の字が小さくて読みにくい",
          publicResult: "書類の文字を大きくしました",
        });
        expect(p.status, JSON.stringify(p.body)).toBe(200);
      }
    };
    await done("2025-04-01", [v], true); // FY2025 (April start), first day
    await done("2026-03-31", [v]); // FY2025, last day
    await done("2025-06-10", []); // no voice: not counted
    const count = async (period: string) =>
      (await viewer.get<ImprovementCount>(`/api/v1/improvements/count?period=${period}`)).body;
    expect(await count("fy2025")).toMatchObject({ count: 2, period: { label: "2025年度" } });
    expect((await count("fy2024")).count).toBe(0);
    // the first test's improvement completed today
    expect(
      (await count(`fy${Number(TODAY.slice(0, 4)) - (Number(TODAY.slice(5, 7)) < 4 ? 1 : 0)}`)).count,
    ).toBe(1);
    expect((await count("2026-03")).count).toBe(1);
    const bad = await viewer.get<ApiError>("/api/v1/improvements/count?period=fy20x");
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields?.period).toContain("期間の形式");
    const pub = await viewer.get<PublicImprovementList>("/api/v1/improvements/public?period=fy2025");
    expect(pub.body.items).toEqual([
      {
        id: expect.any(Number),
        kind: "苦情",
        voice: "書類の字が小さくて読みにくい",
        result: "書類の文字を大きくしました",
        completedOn: "2025-04-01",
      },
    ]);
    expect(JSON.stringify(pub.body)).not.toContain("山田");
  });

  it("effect check: similar voices N months before and after completion", async () => {
    const phone = [
      "コールセンターに電話してもなかなかつながらない。待ち時間が長すぎる。",
      "電話がつながらない。コールセンターの待ち時間が長い。",
      "何度電話してもコールセンターにつながらず、待ち時間が長かった。",
      "コールセンターに電話してもつながらない。待ち時間が長すぎて困っています。",
    ];
    const at = (i: number, when: string) => voice(phone[i % phone.length] as string, when);
    const linked = [
      await at(0, "2025/4/10 10:00"),
      await at(1, "2025/5/12 10:00"),
      await at(2, "2025/6/3 10:00"),
    ];
    await at(3, "2025/6/20 10:00"); // before
    await at(0, "2025/7/2 10:00"); // the completion month: counted in neither
    await at(1, "2025/8/5 10:00"); // after
    await at(2, "2025/9/10 10:00"); // after
    await at(3, "2025/3/1 10:00"); // outside (N = 3)
    await at(0, "2025/11/1 10:00"); // outside
    await voice("住所変更の手続きをホームページでもできるようにしてほしい。", "2025/5/20 10:00"); // unrelated
    const c = await cs.post<ImprovementDetail>("/api/v1/improvements", {
      title: "コールセンターの回線を増やす",
      problem: "電話がつながらない",
      ownerDepartmentId: callCenter,
      dueDate: nextMonth,
      voiceIds: linked,
    });
    for (const to of ["under_review", "in_progress"])
      expect((await move(c.body.id, { to })).status).toBe(200);
    expect(
      (await move(c.body.id, { to: "completed", result: "回線を増やしました", completedOn: "2025-07-15" }))
        .status,
    ).toBe(200);
    const res = await staff.get<EffectCheck>(`/api/v1/improvements/${c.body.id}/effect?months=3`);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.series.map((s) => [s.month, s.count, s.phase])).toEqual([
      ["2025-04", 1, "before"],
      ["2025-05", 1, "before"],
      ["2025-06", 2, "before"],
      ["2025-07", 1, "completion"],
      ["2025-08", 1, "after"],
      ["2025-09", 1, "after"],
      ["2025-10", 0, "after"],
    ]);
    expect([res.body.before, res.body.after, res.body.change, res.body.changeRate]).toEqual([4, 2, -2, -0.5]);
    expect(res.body.afterComplete).toBe(true);
    const bad = await staff.get<ApiError>(`/api/v1/improvements/${c.body.id}/effect?months=99`);
    expect(bad.status).toBe(400);
    expect(bad.body.error.fields?.months).toBe("月数は1〜24で指定してください");
    const verdict = await move(c.body.id, {
      to: "effect_confirmed",
      verdict: "partial",
      note: "減ったが残る",
    });
    expect(verdict.body.effectVerdict).toBe("partial");
    expect((await staff.get<EffectCheck>(`/api/v1/improvements/${c.body.id}/effect`)).body).toMatchObject({
      verdict: "partial",
      note: "減ったが残る",
      months: 6,
    });
  });

  it("searches insights with the voices' normalization, and never counts them as voices", async () => {
    const voicesBefore = await countRows(tdb.db, "voices");
    for (const content of [
      "窓口の待ち時間が長いと感じる組合員さまが多い。",
      "WEB申込の入力項目が多く、途中でやめる方がいる。",
      "100%の保障と誤解される説明があった。",
    ]) {
      const r = await viewer.post<Insight>("/api/v1/insights", { content, departmentId: callCenter });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
    }
    const q = async (s: string) =>
      (await staff.get<InsightList>(`/api/v1/insights?q=${encodeURIComponent(s)}`)).body.items.map(
        (i) => i.content,
      );
    expect(await q("待ち時間")).toEqual(["窓口の待ち時間が長いと感じる組合員さまが多い。"]);
    expect(await q("ｗｅｂ　入力")).toEqual(["WEB申込の入力項目が多く、途中でやめる方がいる。"]);
    expect(await q("100%")).toEqual(["100%の保障と誤解される説明があった。"]);
    expect(await q("コールセンター")).toHaveLength(1); // the first test's insight, normalized from half-width
    expect(await q("待ち時間 WEB")).toEqual([]);
    const voicesAfter = await countRows(tdb.db, "voices");
    expect(voicesAfter).toBe(voicesBefore);
  });

  it("bad input: unknown voice ids, a due date before today, missing fields — Japanese 400, nothing written", async () => {
    const before = [
      await countRows(tdb.db, "improvements"),
      await countRows(tdb.db, "improvement_events"),
      await countRows(tdb.db, "staff_insights"),
    ];
    const base = { title: "件名", problem: "課題", ownerDepartmentId: callCenter, dueDate: nextMonth };
    const unknown = await cs.post<ApiError>("/api/v1/improvements", { ...base, voiceIds: [999999] });
    expect(unknown.status).toBe(400);
    expect(unknown.body.error.fields?.voiceIds).toBe("存在しない声のIDがあります（999999）");
    const past = await cs.post<ApiError>("/api/v1/improvements", { ...base, dueDate: "2020-01-01" });
    expect(past.status).toBe(400);
    expect(past.body.error.fields?.dueDate).toContain("過去の日付");
    const notDate = await cs.post<ApiError>("/api/v1/improvements", { ...base, dueDate: "来月" });
    expect(notDate.body.error.fields?.dueDate).toContain("YYYY-MM-DD");
    const noTitle = await cs.post<ApiError>("/api/v1/improvements", { ...base, title: "  " });
    expect(noTitle.body.error.fields?.title).toBe("件名を入力してください");
    const badInsight = await cs.post<ApiError>("/api/v1/improvements", { ...base, insightIds: [424242] });
    expect(badInsight.body.error.fields?.insightIds).toContain("存在しない職員の気づき");
    const badDept = await cs.post<ApiError>("/api/v1/improvements", { ...base, ownerDepartmentId: 9999 });
    expect(badDept.body.error.fields?.ownerDepartmentId).toContain("存在しません");
    const insight = await staff.post<ApiError>("/api/v1/insights", {
      content: "気づき",
      departmentId: callCenter,
      voiceIds: [1, 888888],
    });
    expect(insight.status).toBe(400);
    expect(insight.body.error.fields?.voiceIds).toContain("888888");
    const link = await cs.post<ApiError>("/api/v1/improvements/1/links", { voiceIds: [777777] });
    expect(link.status).toBe(400);
    expect([
      await countRows(tdb.db, "improvements"),
      await countRows(tdb.db, "improvement_events"),
      await countRows(tdb.db, "staff_insights"),
    ]).toEqual(before);
    expect((await cs.get<ApiError>("/api/v1/improvements/99999")).body.error.message).toBe(
      "改善課題が見つかりません",
    );
  });
});
