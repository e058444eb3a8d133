/** Counts on every database: what is counted, periods and months in JST, comparison, labels, links, scope, errors. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase, testDialects } from "../../../tests/helpers/test-database.js";
import type { Actor } from "../../domain/voice-workflow.js";
import { AppError } from "../../errors.js";
import { mergeVoices } from "../text/merge-voices.js";
import { taxonomyIndex, updateLabel } from "../users-and-settings/taxonomy.js";
import { createUser } from "../users-and-settings/users.js";
import { actOnVoice } from "../voices/act-on-voice.js";
import { listVoices } from "../voices/list-voices.js";
import { registerVoice } from "../voices/register-voice.js";
import type { CountRow, CountsResponse } from "./contract.js";
import { countVoices } from "./count-voices.js";

const dialects = await testDialects();
/** Counting "today": FY2025 (April start) is in progress, FY2024 complete. */
const NOW = new Date("2025-06-14T03:00:00Z");

const labelsOf = (r: CountRow) => r.keys.map((k) => k.label).join(" × ");
const row = (res: CountsResponse, ...labels: string[]) => {
  const found = res.rows.find((r) => labelsOf(r) === labels.join(" × "));
  if (!found) throw new Error(`no row ${labels.join(" × ")} in ${res.rows.map(labelsOf).join(", ")}`);
  return found;
};

describe.each(dialects)("counting voices on %s", (dialect) => {
  let tdb: TestDatabase;
  let admin: Actor;
  let staff: Actor;
  let viewer: Actor;

  const register = async (
    receivedAt: string,
    type: string,
    category: string,
    more: { channel?: string; department?: string; productLine?: string; prefecture?: string } = {},
  ) =>
    (
      await registerVoice(tdb.db, admin, {
        receivedAt,
        type,
        category,
        channel: more.channel ?? "call_center",
        department: more.department ?? "call_center",
        productLine: more.productLine ?? null,
        content: `${type}の声（${receivedAt}）：お電話の応対について`,
        customer: more.prefecture ? { name: "山田 花子", prefecture: more.prefecture } : null,
      })
    ).id;

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    const mk = async (email: string, role: string, departmentCode: string | null) => {
      const u = await createUser(tdb.db, {
        email,
        name: "佐藤 美咲",
        role,
        departmentCode,
        password: "a-long-password-1",
      });
      return { id: u.id, role: u.role, departmentId: u.departmentId } as Actor;
    };
    admin = await mk("cs@example.jp", "cs", "cs");
    staff = await mk("staff@example.jp", "staff", "call_center");
    viewer = await mk("viewer@example.jp", "viewer", null);

    // FY2024 (2024/4/1〜2025/3/31): 3 praise, 2 requests, 2 complaints (one voided, one merged away), 1 other.
    await register("2024/4/1 0:00", "praise", "handling", { prefecture: "福井県" }); // the year's first minute
    await register("2024/8/20 10:00", "praise", "handling", {
      department: "tokyo_branch",
      prefecture: "東京都",
    });
    await register("2025/3/31 23:59", "praise", "servicing", { channel: "web" }); // the year's last minute
    await register("2024/5/10 11:00", "request", "product", { productLine: "auto" });
    await register("2024/5/11 11:00", "request", "product", { department: "tokyo_branch" });
    const complaint = await register("2024/7/1 9:30", "complaint", "handling");
    const duplicate = await register("2024/7/1 9:35", "complaint", "handling");
    await mergeVoices(tdb.db, admin, duplicate, complaint);
    const mistake = await register("2024/9/1 12:00", "complaint", "claim");
    await actOnVoice(tdb.db, admin, mistake, { action: "void", reason: "テストで登録したため取消" });
    // A voice without a category (imported from an older system): 未分類.
    const uncategorised = await register("2024/10/1 12:00", "other", "other");
    await tdb.db.updateTable("voices").set({ category_id: null }).where("id", "=", uncategorised).execute();
    // FY2023: the comparison year.
    await register("2023/6/1 10:00", "praise", "handling");
    await register("2023/6/2 10:00", "complaint", "handling");
    await register("2023/6/3 10:00", "complaint", "handling");
    // FY2025, in progress: one voice on 1 April 2025 00:00 JST (still 31 March in UTC).
    await register("2025/4/1 0:00", "request", "product");
  });
  afterAll(async () => {
    await tdb?.drop();
  });

  it("counts a fiscal year by type, leaving out voided voices and merged duplicates", async () => {
    const res = await countVoices(tdb.db, admin, { period: "fy2024", by: "type" }, { now: NOW });
    expect(res.period).toMatchObject({
      key: "fy2024",
      label: "2024年度",
      from: "2024-04-01",
      to: "2025-03-31",
    });
    expect(res.period.state).toBe("complete");
    expect(res.comparison).toMatchObject({ key: "fy2023", from: "2023-04-01", to: "2024-03-31" });
    expect(res.total).toMatchObject({
      count: 7,
      previous: 3,
      change: 4,
      changePercent: 133.3,
      sharePercent: 100,
    });
    expect(res.rows.map((r) => [labelsOf(r), r.count, r.previous, r.change])).toEqual([
      ["感謝・評価", 3, 1, 2],
      ["意見・要望", 2, 0, 2],
      ["苦情", 1, 2, -1], // the merged pair counts once; the voided one not at all
      ["その他", 1, 0, 1],
    ]);
    expect(row(res, "苦情")).toMatchObject({ changePercent: -50, sharePercent: 14.3 });
    expect(row(res, "意見・要望").changePercent).toBeNull(); // nothing to compare with
  });

  it("gives each type by category, with shares within the type and the totals of each dimension", async () => {
    const res = await countVoices(tdb.db, admin, { period: "fy2024", by: "type,category" }, { now: NOW });
    expect(row(res, "感謝・評価", "応対")).toMatchObject({ count: 2, shareOfGroupPercent: 66.7 });
    expect(row(res, "感謝・評価", "契約保全・掛金収納")).toMatchObject({
      count: 1,
      shareOfGroupPercent: 33.3,
    });
    expect(row(res, "意見・要望", "商品")).toMatchObject({ count: 2, shareOfGroupPercent: 100 });
    expect(row(res, "その他", "未分類")).toMatchObject({ count: 1, listQuery: null });
    expect(row(res, "苦情", "支払い").count).toBe(0); // the voided complaint
    expect(res.rows.reduce((s, r) => s + r.count, 0)).toBe(res.total.count);
    expect((res.byDimension[0] ?? []).map((r) => [labelsOf(r), r.count])).toEqual([
      ["感謝・評価", 3],
      ["意見・要望", 2],
      ["苦情", 1],
      ["その他", 1],
    ]);
    expect((res.byDimension[1] ?? []).find((r) => labelsOf(r) === "応対")?.count).toBe(3);
  });

  it("opens exactly the counted voices in the voice list from every number's query string", async () => {
    for (const by of ["type,category", "channel,department", "month", "status"]) {
      const res = await countVoices(tdb.db, admin, { period: "fy2024", by }, { now: NOW });
      const linked = [res.total, ...res.rows].filter((c) => c.listQuery !== null);
      expect(linked.length).toBeGreaterThan(1);
      for (const c of linked) {
        const query = Object.fromEntries(new URLSearchParams(c.listQuery ?? ""));
        const list = await listVoices(tdb.db, admin, query);
        expect(list.total, `${by}: ${c.listQuery}`).toBe(c.count);
      }
    }
  });

  it("puts the months of the period in order with zeros, cutting them at JST midnight", async () => {
    const res = await countVoices(tdb.db, admin, { period: "fy2024", by: "month" }, { now: NOW });
    expect(res.rows.map((r) => r.keys[0]?.key)).toEqual([
      "2024-04",
      "2024-05",
      "2024-06",
      "2024-07",
      "2024-08",
      "2024-09",
      "2024-10",
      "2024-11",
      "2024-12",
      "2025-01",
      "2025-02",
      "2025-03",
    ]);
    const counts = Object.fromEntries(res.rows.map((r) => [r.keys[0]?.label, [r.count, r.previous]]));
    expect(counts).toMatchObject({
      "2024年4月": [1, 0],
      "2024年5月": [2, 0],
      "2024年6月": [0, 3], // June 2023's three voices are June 2024's comparison
      "2024年7月": [1, 0],
      "2024年9月": [0, 0], // voided
      "2025年3月": [1, 0], // 23:59 on 31 March JST
    });
    const march = row(res, "2025年3月");
    expect(march.listQuery).toContain("from=2025-03-01&to=2025-03-31");
  });

  it("compares a period in progress with the same days a year earlier", async () => {
    const res = await countVoices(tdb.db, admin, { period: "fy2025", by: "type" }, { now: NOW });
    expect(res.period).toMatchObject({ state: "in_progress", elapsedDays: 75, totalDays: 365 });
    expect(res.comparison).toMatchObject({ kind: "custom", from: "2024-04-01", to: "2024-06-14" });
    expect(res.total).toMatchObject({ count: 1, previous: 3 });
    const none = await countVoices(tdb.db, admin, { period: "fy2025", compare: "none" }, { now: NOW });
    expect(none.comparison).toBeNull();
    expect(none.total).toMatchObject({ count: 1, previous: null, change: null, changePercent: null });
    const upcoming = await countVoices(tdb.db, admin, { period: "fy2026" }, { now: NOW });
    expect(upcoming.period.state).toBe("upcoming");
    expect(upcoming.total.count).toBe(0);
    expect(upcoming.rows.map((r) => r.count)).toEqual([0, 0, 0, 0]);
  });

  it("counts custom dates, half years and the list's filters", async () => {
    const custom = await countVoices(
      tdb.db,
      admin,
      { from: "令和6年5月1日", to: "2024/7/1", by: "type", compare: "none" },
      { now: NOW },
    );
    expect(custom.period).toMatchObject({ kind: "custom", from: "2024-05-01", to: "2024-07-01" });
    expect(custom.total.count).toBe(3);
    const h2 = await countVoices(tdb.db, admin, { period: "2024年度下期" }, { now: NOW });
    expect(h2.total.count).toBe(2); // October's other, March's praise
    const filtered = await countVoices(
      tdb.db,
      admin,
      { period: "fy2024", by: "category", type: "praise", department: "call_center" },
      { now: NOW },
    );
    expect(filtered.total.count).toBe(2);
    expect(filtered.total.listQuery).toContain("type=praise");
    expect(filtered.total.listQuery).toContain("department=call_center");
    const voided = await countVoices(tdb.db, admin, { period: "fy2024", status: "voided" }, { now: NOW });
    expect(voided.total.count).toBe(0);
  });

  it("labels by the organisation's names today, keeping retired labels that were used", async () => {
    const tax = await taxonomyIndex(tdb.db);
    const handling = tax.find("category", "handling");
    const claim = tax.find("category", "claim");
    if (!handling || !claim) throw new Error("default categories missing");
    await updateLabel(tdb.db, "category", handling.id, { name: "職員の応対" });
    await updateLabel(tdb.db, "category", claim.id, { active: false });
    try {
      const res = await countVoices(tdb.db, admin, { period: "fy2024", by: "category" }, { now: NOW });
      expect(row(res, "職員の応対")).toMatchObject({ count: 3, previous: 3 });
      expect(res.rows.some((r) => labelsOf(r) === "支払い")).toBe(false); // retired and nothing counted
      const fy2023 = await countVoices(tdb.db, admin, { period: "fy2023", by: "category" }, { now: NOW });
      expect(row(fy2023, "職員の応対").keys[0]).toMatchObject({ key: "handling", id: handling.id });
    } finally {
      await updateLabel(tdb.db, "category", handling.id, { name: "応対" });
      await updateLabel(tdb.db, "category", claim.id, { active: true });
    }
  });

  it("counts by the customer's prefecture, product line and priority", async () => {
    const pref = await countVoices(tdb.db, admin, { period: "fy2024", by: "prefecture" }, { now: NOW });
    expect(pref.rows.map((r) => [labelsOf(r), r.count])).toEqual([
      ["東京都", 1],
      ["福井県", 1],
      ["不明", 5],
    ]);
    const product = await countVoices(tdb.db, admin, { period: "fy2024", by: "product_line" }, { now: NOW });
    expect(row(product, "自動車共済").count).toBe(1);
    expect(row(product, "未設定").count).toBe(6);
    const priority = await countVoices(tdb.db, admin, { period: "fy2024", by: "priority" }, { now: NOW });
    expect(priority.rows.map((r) => [labelsOf(r), r.count])).toEqual([
      ["通常", 7],
      ["高", 0],
      ["緊急", 0],
    ]);
  });

  it("shows staff their own department only; a viewer sees every department's counts", async () => {
    const own = await countVoices(tdb.db, staff, { period: "fy2024", by: "department" }, { now: NOW });
    expect(own.department?.code).toBe("call_center");
    expect(own.rows.map((r) => [labelsOf(r), r.count])).toEqual([["コールセンター", 5]]);
    expect(own.total.listQuery).toContain("department=call_center");
    const err = await countVoices(tdb.db, staff, { period: "fy2024", department: "tokyo_branch" }).catch(
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe("forbidden");
    const all = await countVoices(tdb.db, viewer, { period: "fy2024", by: "department" }, { now: NOW });
    expect(all.department).toBeNull();
    expect(all.rows.filter((r) => r.count > 0).map((r) => [labelsOf(r), r.count])).toEqual([
      ["コールセンター", 5],
      ["東京支所", 2],
    ]);
  });

  it("answers bad input with Japanese messages naming the field", async () => {
    const fieldsOf = async (q: Parameters<typeof countVoices>[2]) => {
      const err = await countVoices(tdb.db, admin, q, { now: NOW }).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).code).toBe("invalid_input");
      return (err as AppError).fields ?? {};
    };
    expect((await fieldsOf({ period: "2025-13" })).period).toContain("月が正しくありません");
    expect((await fieldsOf({ by: "unknown" })).by).toContain("「unknown」");
    expect((await fieldsOf({ by: "type,category,channel" })).by).toContain("2つまで");
    expect((await fieldsOf({ from: "2025/4/1", to: "2025/3/1" })).to).toBe(
      "終了日は開始日以降の日付にしてください",
    );
    expect((await fieldsOf({ period: "fy2024", type: "存在しない種別" })).type).toContain(
      "登録されていない種別",
    );
  });
});
