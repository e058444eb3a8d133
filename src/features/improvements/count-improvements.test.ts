/** 「声に基づく改善件数」 on every database: completed with a voice, by completion date, fiscal-year boundaries. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase, testDialects } from "../../../tests/helpers/test-database.js";
import { fiscalYearPeriod, monthPeriod } from "../../domain/analysis-period.js";
import type { Actor } from "../../domain/voice-workflow.js";
import { registerVoice } from "../voices/register-voice.js";
import { countImprovementsBasedOnVoices, listImprovementsBasedOnVoices } from "./count-improvements.js";

const dialects = await testDialects();

describe.each(dialects)("countImprovementsBasedOnVoices on %s", (dialect) => {
  let tdb: TestDatabase;
  let voiceId: number;

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    const admin: Actor = { id: 1, role: "admin", departmentId: null };
    const v = await registerVoice(tdb.db, admin, {
      receivedAt: "2024/5/10 10:00",
      type: "complaint",
      category: "handling",
      channel: "call_center",
      department: "call_center",
      content: "給付の窓口で部署間をたらい回しにされた。",
    });
    voiceId = v.id;
    const dept = await tdb.db.selectFrom("departments").select("id").executeTakeFirstOrThrow();
    const add = async (status: string, completedOn: string | null, withVoice: boolean) => {
      const now = new Date().toISOString();
      const row = await tdb.db
        .insertInto("improvements")
        .values({
          title: `改善 ${status} ${completedOn}`,
          problem: "問題",
          owner_department_id: dept.id,
          due_date: "2025-03-31",
          status,
          completed_on: completedOn,
          is_public: 0,
          created_at: now,
          updated_at: now,
        })
        .returning("id")
        .executeTakeFirstOrThrow();
      if (withVoice)
        await tdb.db
          .insertInto("improvement_voices")
          .values({ improvement_id: row.id, voice_id: voiceId, added_at: now })
          .execute();
    };
    await add("completed", "2024-04-01", true); // FY2024's first day
    await add("effect_confirmed", "2025-03-31", true); // FY2024's last day
    await add("completed", "2025-04-01", true); // FY2025
    await add("completed", "2024-06-01", false); // from insights only: not counted
    await add("dropped", "2024-06-01", true); // 見送り: not counted
    await add("in_progress", null, true);
  });
  afterAll(async () => tdb?.drop());

  it("counts completed improvements with a voice by completion date", async () => {
    expect(await countImprovementsBasedOnVoices(tdb.db, fiscalYearPeriod(2024, 4))).toBe(2);
    expect(await countImprovementsBasedOnVoices(tdb.db, fiscalYearPeriod(2025, 4))).toBe(1);
    expect(await countImprovementsBasedOnVoices(tdb.db, fiscalYearPeriod(2024, 1))).toBe(1);
    expect(await countImprovementsBasedOnVoices(tdb.db, monthPeriod("2025-03", 4))).toBe(1);
  });

  it("lists the same improvements the count counts, by completion date", async () => {
    const list = await listImprovementsBasedOnVoices(tdb.db, fiscalYearPeriod(2024, 4), 10);
    expect(list.map((i) => [i.title, i.completedOn, i.voices])).toEqual([
      ["改善 completed 2024-04-01", "2024-04-01", 1],
      ["改善 effect_confirmed 2025-03-31", "2025-03-31", 1],
    ]);
    expect(await listImprovementsBasedOnVoices(tdb.db, fiscalYearPeriod(2024, 4), 1)).toHaveLength(1);
  });
});
