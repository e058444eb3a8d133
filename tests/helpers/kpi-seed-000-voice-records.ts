/**
 * Seed 000's theme 4 beyond the voice count, entered as records: satisfaction-survey answers per kind and year
 * whose top-2-box is seed 000's figure (加入者向け 86.8% / 87.4%, お支払い時 93.2% / 92.1%, 保全対応時 73.9% /
 * 68.6%), and the improvements based on voices (7 in 2023, 8 in 2022). The dissatisfied answers become
 * voices through the surveys' closed loop, as in the co-op's own count; the caller tops the voices up to the
 * report's totals. Every write goes through the features' own use cases.
 */
import type { Db } from "../../src/db/database.js";
import type { Actor } from "../../src/domain/roles.js";
import { changeImprovementStatus } from "../../src/features/improvements/change-improvement.js";
import { createImprovement } from "../../src/features/improvements/create-improvement.js";
import { createInsight } from "../../src/features/improvements/insights.js";
import { createSurvey } from "../../src/features/surveys/save-survey.js";
import { submitAnswer } from "../../src/features/surveys/submit-answer.js";

/** Answers per level, from 満足 (5) down to 不満 (1). */
type Levels = [five: number, four: number, three: number, two: number, one: number];

const SURVEYS: { kind: string; name: string; year: number; levels: Levels }[] = [
  // 217 / 250 = 86.8%; 118 / 135 = 87.4%
  { kind: "members", name: "加入者向けアンケート", year: 2023, levels: [120, 97, 21, 8, 4] },
  { kind: "members", name: "加入者向けアンケート", year: 2022, levels: [66, 52, 11, 4, 2] },
  // 233 / 250 = 93.2%; 350 / 380 = 92.1% (more payment answers the year before, as seed 000 says)
  { kind: "payment", name: "お支払い時アンケート", year: 2023, levels: [160, 73, 12, 3, 2] },
  { kind: "payment", name: "お支払い時アンケート", year: 2022, levels: [230, 120, 20, 7, 3] },
  // 170 / 230 = 73.9%; 96 / 140 = 68.6%
  { kind: "servicing", name: "保全対応時アンケート", year: 2023, levels: [90, 80, 40, 14, 6] },
  { kind: "servicing", name: "保全対応時アンケート", year: 2022, levels: [50, 46, 26, 12, 6] },
];

const dayIn = (year: number, i: number, n: number) => {
  const month = Math.floor((i * 12) / n) + 1;
  const day = 1 + (i % 27);
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
};

/** Enters the answers; returns the closed loop's voices per calendar year and their ids. */
export async function enterSeed000Surveys(db: Db, today: string) {
  const now = new Date(`${today}T00:00:00+09:00`);
  const voices = new Map<number, number[]>();
  for (const s of SURVEYS) {
    const survey = await createSurvey(db, null, {
      name: `${s.year}年 ${s.name}`,
      kind: s.kind,
      questions: [
        {
          key: "overall",
          type: "satisfaction",
          label: "総合的に満足されましたか",
          required: true,
          headline: true,
        },
      ],
    });
    const values = s.levels.flatMap((n, i) => Array.from({ length: n }, () => 5 - i));
    for (const [i, value] of values.entries()) {
      const r = await submitAnswer(
        db,
        survey.id,
        { answers: { overall: value }, answeredAt: `${dayIn(s.year, i, values.length)} 10:00` },
        { source: "paper", externalId: `${s.kind}-${s.year}-${i + 1}`, now },
      );
      if (r.voiceId !== null) voices.set(s.year, [...(voices.get(s.year) ?? []), r.voiceId]);
    }
  }
  return voices;
}

// Seed 000's four examples of 改善したこと, and more of the year's to make 7; 2022's 8.
const IMPROVEMENTS_2023: [title: string, result: string][] = [
  ["給付の窓口でたらい回しにされる", "簡易な請求を受けるように受付業務を改善しました"],
  ["配送担当に保障のことを相談してもわからない", "共済スタッフを共同購入センターに配属しました"],
  ["申込書の文字が小さくて見えにくい", "意向確認欄の字を大きく、見やすい色に変更しました"],
  ["証券を一覧にしたものが欲しい", "契約後に保障スタッフが証券ファイルを届ける取り組みを始めました"],
  ["折り返しの電話が遅い", "折り返し期限を当日中と定めました"],
  ["住所変更の書類がわかりにくい", "記入例を同封しました"],
  ["ホームページで手続きの状況がわからない", "マイページに手続きの状況を表示しました"],
];

async function improvement(
  db: Db,
  actor: Actor,
  departmentId: number,
  links: { voiceIds?: number[]; insightIds?: number[] },
  title: string,
  result: string,
  completedOn: string,
) {
  const at = (day: string) => new Date(`${day}T10:00:00+09:00`);
  const proposed = `${completedOn.slice(0, 7)}-01`;
  const id = await createImprovement(
    db,
    actor,
    {
      title,
      problem: `お客さまの声: ${title}`,
      ownerDepartmentId: departmentId,
      dueDate: completedOn,
      ...links,
    },
    at(proposed),
  );
  await changeImprovementStatus(db, actor, id, { to: "under_review" }, at(proposed));
  await changeImprovementStatus(db, actor, id, { to: "in_progress" }, at(proposed));
  await changeImprovementStatus(db, actor, id, { to: "completed", result, completedOn }, at(completedOn));
  return id;
}

/** 7 improvements based on voices completed in 2023 and 8 in 2022, and three that do not count. */
export async function enterSeed000Improvements(db: Db, departmentId: number, voices: Map<number, number[]>) {
  const admin = await db
    .selectFrom("users")
    .select("id")
    .where("role", "=", "admin")
    .executeTakeFirstOrThrow();
  const actor: Actor = { id: admin.id, role: "admin", departmentId: null };
  const voiceOf = (year: number, i: number) => {
    const ids = voices.get(year) ?? [];
    return { voiceIds: [ids[i % ids.length] as number] };
  };
  for (const [i, [title, result]] of IMPROVEMENTS_2023.entries())
    await improvement(db, actor, departmentId, voiceOf(2023, i), title, result, dayIn(2023, i, 7));
  for (let i = 0; i < 8; i++)
    await improvement(
      db,
      actor,
      departmentId,
      voiceOf(2022, i),
      `2022年の改善（${i + 1}）`,
      "手順を改めました",
      dayIn(2022, i, 8),
    );
  // Not counted in 2023: one from a staff insight only (no voice), one still in progress, one dropped.
  const insight = await createInsight(
    db,
    actor,
    { content: "窓口の待ち時間の案内が見えにくい", departmentId },
    new Date("2023-06-01T10:00:00+09:00"),
  );
  await improvement(
    db,
    actor,
    departmentId,
    { insightIds: [insight] },
    "職員の気づきからの改善",
    "掲示を改めました",
    "2023-08-01",
  );
  const open = await createImprovement(
    db,
    actor,
    {
      title: "検討中の改善",
      problem: "お客さまの声",
      ownerDepartmentId: departmentId,
      dueDate: "2024-03-31",
      ...voiceOf(2023, 0),
    },
    new Date("2023-09-01T10:00:00+09:00"),
  );
  await changeImprovementStatus(
    db,
    actor,
    open,
    { to: "under_review" },
    new Date("2023-09-02T10:00:00+09:00"),
  );
  const dropped = await createImprovement(
    db,
    actor,
    {
      title: "見送った改善",
      problem: "お客さまの声",
      ownerDepartmentId: departmentId,
      dueDate: "2023-12-31",
      ...voiceOf(2023, 1),
    },
    new Date("2023-10-01T10:00:00+09:00"),
  );
  await changeImprovementStatus(
    db,
    actor,
    dropped,
    { to: "dropped", reason: "費用に見合わないため" },
    new Date("2023-10-02T10:00:00+09:00"),
  );
}
