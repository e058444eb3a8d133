/**
 * The complaint-handling rules through HTTP, on every database: merging obeys the department rules of
 * voiding for both voices and refuses closed ones; a complaint cannot leave the complaint workflow by a
 * change of type unless a lead of its department, cs or an admin records why.
 */
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createUser } from "../../src/features/users-and-settings/users.js";
import type { VoiceDetail } from "../../src/shared/api-contract.js";
import { type ApiClient, clientAs, PASSWORD, seedUsers, testApp } from "../helpers/api-client.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../helpers/test-database.js";

const dialects = await testDialects();

type ErrorBody = { error: { code: string; message: string; fields?: Record<string, string> } };

const callCenterVoice = {
  receivedAt: "2025/5/12 9:40",
  channel: "call_center",
  type: "complaint",
  category: "claim",
  department: "call_center",
  content:
    "入院給付金の請求書類を送ってから3週間たちますが、まだ振り込まれません。進み具合を教えてください。",
  remedySought: "支払予定日を知りたい",
  customer: { name: "佐藤 恵子", phone: "080-2345-6789", prefecture: "石川県" },
};

const tokyoVoice = {
  receivedAt: "2025/5/12 11:05",
  channel: "counter",
  type: "complaint",
  category: "handling",
  department: "tokyo_branch",
  content:
    "共済ショップの窓口で住所変更を頼んだのに、書類の控えを渡されませんでした。手続きが済んだのか不安です。",
  remedySought: "手続きが済んだか確認してほしい",
  customer: { name: "鈴木 一郎", phone: "03-1234-5678", prefecture: "東京都" },
};

describe.each(dialects)("complaint-handling rules on %s", (dialect) => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  let users: Awaited<ReturnType<typeof seedUsers>>;
  let staff: ApiClient;
  let lead: ApiClient;
  let tokyoStaff: ApiClient;
  let tokyoLead: ApiClient;
  let cs: ApiClient;

  const register = async (who: ApiClient, body: Record<string, unknown>) => {
    const r = await who.post<VoiceDetail>("/api/v1/voices", body);
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    return r.body;
  };
  const get = async (id: number) => (await cs.get<VoiceDetail>(`/api/v1/voices/${id}`)).body;
  const act = (who: ApiClient, id: number, body: unknown) =>
    who.post<VoiceDetail & ErrorBody>(`/api/v1/voices/${id}/actions`, body);
  const merge = (who: ApiClient, id: number, intoId: number) =>
    who.post<VoiceDetail & ErrorBody>(`/api/v1/voices/${id}/merge`, { intoId });

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    app = await testApp(tdb);
    users = await seedUsers(tdb);
    await createUser(tdb.db, {
      email: "tokyo-lead@example.jp",
      name: "東京 責任者",
      role: "lead",
      departmentCode: "tokyo_branch",
      password: PASSWORD,
    });
    staff = await clientAs(app, "staff@example.jp");
    lead = await clientAs(app, "lead@example.jp");
    tokyoStaff = await clientAs(app, "tokyo@example.jp");
    tokyoLead = await clientAs(app, "tokyo-lead@example.jp");
    cs = await clientAs(app, "cs@example.jp");
  });
  afterAll(async () => {
    await app?.close();
    await tdb?.drop();
  });

  describe("merge", () => {
    it("refuses a lead who may not void the duplicate (another department's voice)", async () => {
      const ours = await register(staff, callCenterVoice);
      const theirs = await register(tokyoStaff, tokyoVoice);
      // The void action on it is refused to this lead …
      const voiding = await act(lead, theirs.id, { action: "void", reason: "重複のため" });
      expect(voiding.status).toBe(403);
      // … and so is voiding it through a merge.
      const r = await merge(lead, theirs.id, ours.id);
      expect(r.status, JSON.stringify(r.body)).toBe(403);
      expect(r.body.error.code).toBe("forbidden");
      expect(r.body.error.message).toContain("他部署");
      const after = await get(theirs.id);
      expect(after.status).toBe("received");
      expect(after.voidReason).toBeNull();
      expect(after.timeline.map((e) => e.kind)).toEqual(["created"]);
      expect((await get(ours.id)).timeline.map((e) => e.kind)).toEqual(["created"]);
    });

    it("refuses a lead who may not void the voice merged into (the survivor of another department)", async () => {
      const ours = await register(staff, callCenterVoice);
      const theirs = await register(tokyoStaff, tokyoVoice);
      const r = await merge(lead, ours.id, theirs.id);
      expect(r.status, JSON.stringify(r.body)).toBe(403);
      expect(r.body.error.message).toContain("統合先");
      const r2 = await merge(tokyoLead, theirs.id, ours.id);
      expect(r2.status, JSON.stringify(r2.body)).toBe(403);
      expect((await get(ours.id)).status).toBe("received");
      expect((await get(theirs.id)).status).toBe("received");
      expect((await get(theirs.id)).timeline.map((e) => e.kind)).toEqual(["created"]);
    });

    it("lets a lead merge within the department, and cs across departments", async () => {
      const first = await register(staff, callCenterVoice);
      const second = await register(staff, { ...callCenterVoice, channel: "web" });
      const r = await merge(lead, second.id, first.id);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body.status).toBe("voided");
      expect(r.body.voidReason).toBe(`重複（受付番号 ${first.receiptNumber} に統合）`);
      const survivor = await get(first.id);
      expect(survivor.timeline.map((e) => e.kind)).toEqual(["created", "merged"]);
      expect(survivor.timeline[1]?.actor?.id).toBe(users.lead.id);

      const theirs = await register(tokyoStaff, tokyoVoice);
      const byCs = await merge(cs, theirs.id, first.id);
      expect(byCs.status, JSON.stringify(byCs.body)).toBe(200);
      expect(byCs.body.status).toBe("voided");
      // Staff may not void, so they may not merge either.
      const third = await register(staff, callCenterVoice);
      expect((await merge(staff, third.id, first.id)).status).toBe(403);
    });

    it("refuses closed voices on either side", async () => {
      const closedPraise = await register(staff, {
        ...callCenterVoice,
        type: "praise",
        category: "handling",
        content: "電話で丁寧に説明していただき、請求の手続きがよく分かりました。ありがとうございました。",
      });
      const closed = await act(staff, closedPraise.id, { action: "close" });
      expect(closed.body.status).toBe("closed");
      const open = await register(staff, callCenterVoice);

      const dupClosed = await merge(lead, closedPraise.id, open.id);
      expect(dupClosed.status, JSON.stringify(dupClosed.body)).toBe(409);
      expect(dupClosed.body.error.code).toBe("transition_refused");
      expect(dupClosed.body.error.message).toContain("完了");

      const intoClosed = await merge(cs, open.id, closedPraise.id);
      expect(intoClosed.status, JSON.stringify(intoClosed.body)).toBe(400);
      expect(intoClosed.body.error.fields?.intoId).toContain("完了");

      expect((await get(closedPraise.id)).status).toBe("closed");
      expect((await get(closedPraise.id)).timeline.map((e) => e.kind)).toEqual(["created", "closed"]);
      expect((await get(open.id)).status).toBe("received");
      expect((await get(open.id)).timeline.map((e) => e.kind)).toEqual(["created"]);
    });
  });

  describe("change of type away from complaint", () => {
    const patch = (who: ApiClient, v: VoiceDetail, body: Record<string, unknown>) =>
      who.patch<VoiceDetail & ErrorBody>(`/api/v1/voices/${v.id}`, { version: v.version, ...body });
    const complaintIds = async () =>
      (await cs.get<{ items: { id: number }[] }>("/api/v1/voices?type=complaint&limit=100")).body.items.map(
        (i) => i.id,
      );

    it("refuses staff: a complaint cannot become praise and then be closed by one person", async () => {
      const v = await register(staff, callCenterVoice);
      const close = await act(staff, v.id, { action: "close" });
      expect(close.status).toBe(409);
      const retype = await patch(staff, v, { type: "praise", priority: "high" });
      expect(retype.status, JSON.stringify(retype.body)).toBe(403);
      expect(retype.body.error.code).toBe("forbidden");
      expect(retype.body.error.message).toContain("苦情の種別");
      expect(retype.body.error.message).toContain("責任者");
      expect(retype.body.error.message).toContain("CS部門");
      // Even with a reason, and nothing of the same edit is kept.
      expect((await patch(staff, v, { type: "praise", typeChangeReason: "感謝の言葉だった" })).status).toBe(
        403,
      );
      expect((await act(staff, v.id, { action: "close" })).status).toBe(409);
      const after = await get(v.id);
      expect(after.type.code).toBe("complaint");
      expect(after.priority).toBe("normal");
      expect(after.status).toBe("received");
      expect(after.timeline.map((e) => e.kind)).toEqual(["created"]);
      expect(await complaintIds()).toContain(v.id);
    });

    it("refuses a lead assigned from another department: the voice's department decides", async () => {
      const v = await register(staff, callCenterVoice);
      const tokyoLeadId = (await tokyoLead.get<{ user: { id: number } }>("/api/v1/session")).body.user.id;
      const assigned = await act(lead, v.id, { action: "assign", assigneeId: tokyoLeadId });
      expect(assigned.status, JSON.stringify(assigned.body)).toBe(200);
      // As assignee they may edit the voice …
      const edit = await patch(tokyoLead, assigned.body, { priority: "high" });
      expect(edit.status, JSON.stringify(edit.body)).toBe(200);
      // … but not take it out of the complaint rules.
      const retype = await patch(tokyoLead, edit.body, {
        type: "request",
        typeChangeReason: "ご要望だったため",
      });
      expect(retype.status, JSON.stringify(retype.body)).toBe(403);
      expect((await get(v.id)).type.code).toBe("complaint");
    });

    it("lets a lead of the department change it with a reason, recorded as its own timeline event", async () => {
      const v = await register(staff, {
        ...callCenterVoice,
        content:
          "担当の方が電話で何度も丁寧に説明してくださり、手続きがよく分かりました。ありがとうございました。",
        remedySought: null,
      });
      const noReason = await patch(lead, v, { type: "praise" });
      expect(noReason.status, JSON.stringify(noReason.body)).toBe(400);
      expect(noReason.body.error.code).toBe("invalid_input");
      expect(noReason.body.error.fields?.typeChangeReason).toContain("理由");
      const blank = await patch(lead, v, { type: "praise", typeChangeReason: "　 " });
      expect(blank.status).toBe(400);
      expect((await get(v.id)).type.code).toBe("complaint");

      const r = await patch(lead, v, {
        type: "praise",
        priority: "high",
        typeChangeReason: "お礼のお電話で、不満のお申し出ではなかったため",
      });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body.type.code).toBe("praise");
      expect(r.body.timeline.map((e) => e.kind)).toEqual(["created", "updated", "type_changed"]);
      const changed = r.body.timeline.at(-1);
      expect(changed?.actor?.id).toBe(users.lead.id);
      expect(changed?.data).toMatchObject({
        changes: { type: { before: "苦情", after: "感謝・評価" } },
        fromCode: "complaint",
        toCode: "praise",
        reason: "お礼のお電話で、不満のお申し出ではなかったため",
      });
      // The type is not repeated in the ordinary edit event.
      expect(r.body.timeline[1]?.data).toEqual({
        changes: { priority: { before: "normal", after: "high" } },
      });
      expect(await complaintIds()).not.toContain(v.id);
    });

    it("does not let the one who changed the type then close it alone", async () => {
      const v = await register(staff, callCenterVoice);
      const r = await patch(cs, v, {
        type: "request",
        typeChangeReason: "支払予定日の照会で、ご要望として扱うため",
      });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      const resolved = await act(cs, v.id, { action: "resolve", note: "支払予定日をお伝えしました" });
      expect(resolved.body.status).toBe("resolved");
      expect(resolved.body.allowedActions).not.toContain("close");
      const selfClose = await act(cs, v.id, { action: "close" });
      expect(selfClose.status, JSON.stringify(selfClose.body)).toBe(403);
      expect(selfClose.body.error.message).toContain("種別を変更した本人");
      expect((await staff.get<VoiceDetail>(`/api/v1/voices/${v.id}`)).body.allowedActions).toContain("close");
      const closed = await act(staff, v.id, { action: "close", note: "内容を確認しました" });
      expect(closed.status, JSON.stringify(closed.body)).toBe(200);
      expect(closed.body.timeline.map((e) => e.kind)).toEqual([
        "created",
        "type_changed",
        "resolved",
        "closed",
      ]);
      expect(closed.body.timeline.at(-1)?.actor?.id).toBe(users.staff.id);
    });

    it("close looks at the current type: a voice changed into a complaint needs the approval", async () => {
      const v = await register(staff, { ...callCenterVoice, type: "request" });
      const toComplaint = await patch(staff, v, { type: "complaint" });
      expect(toComplaint.status, JSON.stringify(toComplaint.body)).toBe(200);
      expect(toComplaint.body.timeline.at(-1)?.kind).toBe("updated");
      const resolved = await act(staff, v.id, { action: "resolve" });
      expect(resolved.body.status).toBe("resolved");
      const close = await act(staff, v.id, { action: "close" });
      expect(close.status).toBe(409);
      expect(close.body.error.code).toBe("transition_refused");
      expect((await get(v.id)).status).toBe("resolved");
    });

    it("leaves changes between other types to every handler", async () => {
      const v = await register(staff, { ...callCenterVoice, type: "request" });
      const r = await patch(staff, v, { type: "praise" });
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      expect(r.body.timeline.at(-1)?.data).toMatchObject({
        changes: { type: { before: "意見・要望", after: "感謝・評価" } },
      });
    });
  });
});
