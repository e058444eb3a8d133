/**
 * The demo organization's records beyond its voices, so that every screen of `npm run demo` has something to
 * show: the KPI register from seed 001's template, the activity records it counts (staff and qualifications,
 * trainings, seminars and consultation sessions, monthly business figures, audits), three satisfaction surveys
 * with two and a half years of answers (imported as a paper count would be; the dissatisfied ones become voices
 * through the closed loop), and improvements based on complaints, some completed, some under way. Every write
 * goes through the features' own use cases. Deterministic for a given `now` and seed.
 */
import type { KoeDatabase } from "../db/database.js";
import { jstDateTimeToIso, jstToday } from "../domain/jst.js";
import type { Actor } from "../domain/roles.js";
import { createAudit } from "../features/activities/audits.js";
import { saveBusinessFigures } from "../features/activities/business-figures.js";
import type { BusinessFigureInput } from "../features/activities/contract.js";
import { createStaffMember } from "../features/activities/staff.js";
import { createOutreachEvent, createTraining } from "../features/activities/trainings.js";
import { changeImprovementStatus } from "../features/improvements/change-improvement.js";
import { createImprovement } from "../features/improvements/create-improvement.js";
import { createInsight } from "../features/improvements/insights.js";
import { applyKpiTemplate } from "../features/kpi/kpi-register.js";
import { importAnswerFile } from "../features/survey-import/import-answers.js";
import type { Question } from "../features/surveys/contract.js";
import { createSurvey } from "../features/surveys/save-survey.js";
import { taxonomyIndex } from "../features/users-and-settings/taxonomy.js";
import { actOnVoice } from "../features/voices/act-on-voice.js";
import { demoPersonName } from "./demo-users.js";
import { createRandom, type Random } from "./random.js";

export interface DemoRecordsResult {
  staff: number;
  trainings: number;
  surveyAnswers: number;
  surveyVoices: number;
  improvements: number;
  kpis: number;
}

const pad = (n: number) => String(n).padStart(2, "0");
const isoDay = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;

/** The survey questions: the headline satisfaction, the staff's explanation, and a free comment. */
const QUESTIONS: Question[] = [
  {
    key: "overall",
    type: "satisfaction",
    label: "今回のお手続き全体に満足されましたか",
    required: true,
    headline: true,
  },
  { key: "staff", type: "satisfaction", label: "担当者の説明はわかりやすかったですか", required: false },
  { key: "comment", type: "text", label: "ご意見・ご要望がございましたらお書きください", required: false },
];

// Answers per level from 満足 (5) to 不満 (1), as shares; each survey's year drifts a little around them.
const SURVEYS = [
  { kind: "members", name: "加入者向けアンケート", shares: [0.46, 0.4, 0.09, 0.03, 0.02], perYear: 320 },
  { kind: "payment", name: "お支払い時アンケート", shares: [0.62, 0.31, 0.05, 0.01, 0.01], perYear: 260 },
  { kind: "servicing", name: "保全対応時アンケート", shares: [0.36, 0.38, 0.16, 0.07, 0.03], perYear: 220 },
] as const;

const PRAISE = [
  "担当の方の説明がとても丁寧で、安心して手続きできました。",
  "共済金の支払いが早くて助かりました。",
  "窓口の職員の対応が親切でした。",
  "電話で聞いたことにすぐ答えてもらえました。",
];
const COMPLAINTS = [
  "かけなおすと言われたのにかかってこない。",
  "電話がなかなかつながらず、待ち時間が長かった。",
  "書類の字が小さくて読みにくい。",
  "同じことを何度も説明しなければならなかった。",
  "手続きに必要な書類が多すぎてわかりにくい。",
];
const REQUESTS = [
  "住所変更の手続きをホームページでもできるようにしてほしい。",
  "手続きの進み具合をマイページで見られるようにしてほしい。",
];

// Improvements the demo CS committee took up, from complaints of the kind its members write.
const IMPROVEMENTS: [title: string, result: string][] = [
  ["折り返しの電話が遅い", "折り返しは当日中と定め、未対応の折り返しを夕方に一覧で確認するようにしました"],
  ["電話がつながりにくい", "月初と月末の午前に応対人数を増やし、混雑する時間帯をホームページで案内しました"],
  ["請求書類の字が小さく読みにくい", "請求書類の文字を大きくし、記入例を同封しました"],
  ["住所変更の書類がわかりにくい", "記入欄を減らし、マイページからの住所変更を始めました"],
  ["窓口でたらい回しにされる", "簡易な請求は最初の窓口で受けるように受付業務を改めました"],
  ["支払いまでの期間がわからない", "請求受付の案内に支払いまでの目安の日数を記載しました"],
  ["同じことを何度も説明させられる", "対応履歴を担当者間で引き継ぐ手順を定めました"],
  ["解約の手続きが面倒", "解約の必要書類を見直し、1枚にまとめました"],
];

function trainingPlan(year: number) {
  // Slightly different mixes per year, as a co-op's plans change.
  const k = year % 3;
  return [
    { kind: "practice", title: "保全実務学習", n: 3 + k },
    { kind: "product", title: "共済 商品学習", n: 14 + 2 * k },
    { kind: "manners", title: "応対マナー研修", n: 2 + (k % 2) },
    { kind: "compliance", title: "コンプライアンス ワンポイントレッスン", n: 24 + k },
    { kind: "other", title: "ライフプラン学習", n: 6 + k },
  ];
}

/** Day i of n spread over a calendar year's months (the 1st–27th). */
const dayInYear = (year: number, i: number, n: number) =>
  isoDay(year, Math.floor((i * 12) / n) + 1, 1 + ((i * 7) % 27));

function levelsFor(rnd: Random, shares: readonly number[], n: number): number[] {
  const values: number[] = [];
  for (let i = 0; i < n; i++) {
    let r = rnd.next();
    let level = 5;
    for (const s of shares) {
      if (r < s) break;
      r -= s;
      level--;
    }
    values.push(Math.max(1, level));
  }
  return values;
}

const csvCell = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

export async function loadDemoRecords(
  kdb: KoeDatabase,
  opts: { now?: Date; seed?: number } = {},
): Promise<DemoRecordsResult> {
  const { db } = kdb;
  const now = opts.now ?? new Date();
  const today = jstToday(now);
  const thisYear = Number(today.slice(0, 4));
  const years = [thisYear - 2, thisYear - 1, thisYear];
  const rnd = createRandom(opts.seed ?? 2025);
  const past = (day: string) => day <= today;

  const tax = await taxonomyIndex(db);
  const departments = tax.taxonomy.departments;
  const deptId = (code: string) =>
    departments.find((d) => d.code === code)?.id ?? (departments[0]?.id as number);
  const admin = await db
    .selectFrom("users")
    .select("id")
    .where("role", "=", "admin")
    .orderBy("id")
    .executeTakeFirstOrThrow();
  const actor: Actor = { id: admin.id, role: "admin", departmentId: null };

  // Staff: 40 people over the departments; 16 hold FP技能士2級 or above, 2 of them qualified this year.
  let staff = 0;
  for (let i = 0; i < 40; i++) {
    const dept = departments[i % departments.length];
    const qualifications =
      i < 12
        ? [{ qualification: "FP技能士2級", acquiredOn: isoDay(2015 + (i % 8), 7, 1), expiresOn: null }]
        : i < 14
          ? [{ qualification: "FP技能士1級", acquiredOn: isoDay(2019 + i - 12, 10, 1), expiresOn: null }]
          : i < 16
            ? [
                {
                  qualification: "FP技能士2級",
                  acquiredOn: isoDay(thisYear, 1 + (i - 14) * 2, 20),
                  expiresOn: null,
                },
              ]
            : i < 26
              ? [
                  { qualification: "FP技能士3級", acquiredOn: isoDay(2020, 6, 1), expiresOn: null },
                  { qualification: "損保大学課程", acquiredOn: isoDay(2021, 1, 20), expiresOn: null },
                ]
              : [];
    await createStaffMember(
      db,
      {
        name: demoPersonName(100 + i),
        departmentId: dept?.id ?? deptId("call_center"),
        employmentType: i % 4 === 0 ? "part_time" : "full_time",
        fromDate: isoDay(2008 + (i % 15), 4, 1),
        toDate: null,
        qualifications: qualifications.filter((q) => past(q.acquiredOn)),
      },
      today,
    );
    staff++;
  }

  // Trainings, seminars and consultation sessions: each year's plan, as far as today.
  let trainings = 0;
  for (const year of years) {
    for (const t of trainingPlan(year))
      for (let i = 0; i < t.n; i++) {
        const heldOn = dayInYear(year, i, t.n);
        if (!past(heldOn)) continue;
        await createTraining(
          db,
          {
            heldOn,
            kind: t.kind,
            title: `${t.title}（第${i + 1}回）`,
            attendees: 10 + rnd.int(0, 14),
            note: null,
          },
          today,
        );
        trainings++;
      }
    const events = [
      { kind: "seminar" as const, title: "くらしの保障セミナー", month: 6 },
      { kind: "seminar" as const, title: "がんと保障のセミナー", month: 10 },
      { kind: "event" as const, title: "組合員まつり 共済コーナー", month: 9 },
    ];
    for (const e of events) {
      const heldOn = isoDay(year, e.month, 14);
      if (past(heldOn))
        await createOutreachEvent(
          db,
          { heldOn, kind: e.kind, title: e.title, attendance: 20 + rnd.int(0, 40) },
          today,
        );
    }
    for (let m = 1; m <= 12; m++) {
      const heldOn = isoDay(year, m, 20);
      if (past(heldOn))
        await createOutreachEvent(
          db,
          {
            heldOn,
            kind: "consultation_session",
            title: "ライフプラン相談会",
            attendance: 2 + rnd.int(0, 6),
          },
          today,
        );
    }
  }

  // Monthly figures from the other systems, for every complete month of the three years.
  const figures: BusinessFigureInput[] = [];
  for (const year of years)
    for (let m = 1; m <= 12; m++) {
      const month = `${year}-${pad(m)}`;
      if (month >= today.slice(0, 7)) continue; // complete months only
      figures.push(
        { month, metric: "consultations", line: "", numerator: 380 + rnd.int(0, 120), denominator: null },
        { month, metric: "new_contracts", line: "", numerator: 900 + rnd.int(0, 300), denominator: null },
        { month, metric: "early_lapses", line: "", numerator: rnd.int(0, 2), denominator: null },
      );
      for (const [line, base] of [
        ["自動車", 200],
        ["火災", 110],
      ] as const) {
        const denominator = base + rnd.int(0, 20);
        figures.push({
          month,
          metric: "renewals",
          line,
          numerator: Math.round(denominator * (0.9 + rnd.next() * 0.05)),
          denominator,
        });
      }
    }
  await saveBusinessFigures(db, figures, today);

  // Inspections and audits, a few with improvement items.
  const auditors = ["共済連", "損害保険会社", "内部監査室", "コンプライアンス担当"];
  for (const year of years)
    for (let i = 0; i < 14; i++) {
      const heldOn = dayInYear(year, i, 14);
      if (!past(heldOn)) continue;
      await createAudit(
        db,
        {
          heldOn,
          kind: i < 2 ? "external" : i < 4 ? "internal" : "self",
          auditor: auditors[i % auditors.length] as string,
          findings: i < 4 ? "個人情報の管理はおおむねルールどおりに行われていました" : null,
          items: i < 4 ? [`書類の保管場所の施錠を徹底（${year}年 ${i + 1}）`] : [],
        },
        today,
      );
    }

  // Surveys: answers for each fiscal year's months up to today, imported as a paper count would be.
  let surveyAnswers = 0;
  const voicesBefore = await countVoices(kdb);
  for (const s of SURVEYS) {
    const survey = await createSurvey(db, admin.id, {
      name: s.name,
      kind: s.kind,
      questions: QUESTIONS,
      opensOn: `${years[0]}-01-01`,
    });
    const header = ["回答ID", "回答日時", "年代", "部署", ...QUESTIONS.map((q) => q.label)];
    const lines = [header.join(",")];
    for (const year of years) {
      const values = levelsFor(rnd, s.shares, s.perYear);
      values.forEach((overall, i) => {
        const day = dayInYear(year, i, values.length);
        if (!past(day)) return;
        const staffLevel = Math.min(5, Math.max(1, overall + rnd.int(-1, 1)));
        const comment =
          overall <= 2
            ? rnd.pick(COMPLAINTS)
            : overall >= 4 && rnd.chance(0.15)
              ? rnd.pick(PRAISE)
              : rnd.chance(0.05)
                ? rnd.pick(REQUESTS)
                : "";
        lines.push(
          [
            `${s.kind}-${year}-${i + 1}`,
            `${day.replace(/-/g, "/")} ${10 + (i % 8)}:00`,
            rnd.pick(["20代", "30代", "40代", "50代", "60代", "70代以上"]),
            rnd.pick(departments).name,
            String(overall),
            String(staffLevel),
            comment,
          ]
            .map(csvCell)
            .join(","),
        );
      });
    }
    const r = await importAnswerFile(
      kdb,
      { id: admin.id },
      survey.id,
      Buffer.from(lines.join("\n"), "utf8"),
      "answers.csv",
      {
        dryRun: false,
      },
    );
    if (r.problems.length > 0)
      throw new Error(`デモのアンケート回答を取り込めません: ${JSON.stringify(r.problems.slice(0, 3))}`);
    surveyAnswers += r.imported;
  }
  const surveyVoices = (await countVoices(kdb)) - voicesBefore;
  await handleOldSurveyVoices(kdb, now);

  // Improvements from complaints: the older ones completed, the newer ones under way.
  const complaints = await db
    .selectFrom("voices as v")
    .innerJoin("taxonomy_labels as t", "t.id", "v.type_id")
    .select(["v.id", "v.received_at", "v.department_id"])
    .where("t.code", "=", "complaint")
    .where("v.status", "=", "closed")
    .orderBy("v.received_at", "desc")
    .limit(400)
    .execute();
  let improvements = 0;
  for (const [i, [title, result]] of IMPROVEMENTS.entries()) {
    const voice = complaints[i * 37];
    if (!voice) break;
    const proposed = new Date(Date.parse(voice.received_at) + 14 * 86_400_000);
    if (proposed > now) continue;
    const dueDate = jstToday(new Date(proposed.getTime() + 90 * 86_400_000));
    const id = await createImprovement(
      db,
      actor,
      {
        title,
        problem: `お客さまの声: ${title}`,
        ownerDepartmentId: voice.department_id ?? deptId("call_center"),
        dueDate,
        voiceIds: [voice.id],
      },
      proposed,
    );
    improvements++;
    if (i >= 6) continue; // the newest stay 提案
    await changeImprovementStatus(db, actor, id, { to: "under_review" }, proposed);
    await changeImprovementStatus(db, actor, id, { to: "in_progress" }, proposed);
    const done = new Date(proposed.getTime() + 45 * 86_400_000);
    if (i >= 3 || done > now) continue; // under way
    await changeImprovementStatus(
      db,
      actor,
      id,
      { to: "completed", result, completedOn: jstToday(done) },
      done,
    );
  }
  await createInsight(
    db,
    actor,
    { content: "窓口の待ち時間の案内が見えにくいと感じます", departmentId: deptId("call_center") },
    new Date(jstDateTimeToIso(today, "09:00")),
  );

  const kpis = await applyKpiTemplate(db);
  return { staff, trainings, surveyAnswers, surveyVoices, improvements, kpis };
}

/**
 * The closed loop's voices of answers more than a month old were handled long ago in the demo's story: they are
 * answered and marked 対応済 by the admin and closed by the CS department (a complaint approved: a second person),
 * through the workflow's own rules. The recent ones stay open, waiting in the queues.
 */
async function handleOldSurveyVoices(kdb: KoeDatabase, now: Date): Promise<void> {
  const { db } = kdb;
  const user = (role: "cs" | "admin") =>
    db
      .selectFrom("users")
      .select(["id", "department_id"])
      .where("role", "=", role)
      .orderBy("id")
      .executeTakeFirst();
  const [cs, admin] = await Promise.all([user("cs"), user("admin")]);
  if (!cs || !admin) return;
  const resolver: Actor = { id: admin.id, role: "admin", departmentId: null };
  const approver: Actor = { id: cs.id, role: "cs", departmentId: cs.department_id };
  const monthAgo = new Date(now.getTime() - 30 * 86_400_000).toISOString();
  const old = await db
    .selectFrom("survey_answers as a")
    .innerJoin("voices as v", "v.id", "a.voice_id")
    .innerJoin("taxonomy_labels as t", "t.id", "v.type_id")
    .select(["v.id", "t.code as type"])
    .where("v.received_at", "<", monthAgo)
    .where("v.status", "in", ["received", "in_progress"])
    .orderBy("v.id")
    .execute();
  for (const v of old) {
    await actOnVoice(db, resolver, v.id, {
      action: "respond",
      method: "電話",
      content: "アンケートでいただいたご意見について、お電話でお詫びと今後の改善をご説明しました。",
    });
    await actOnVoice(db, resolver, v.id, { action: "resolve" });
    await actOnVoice(db, approver, v.id, { action: v.type === "complaint" ? "approve" : "close" });
  }
}

async function countVoices(kdb: KoeDatabase): Promise<number> {
  const r = await kdb.db
    .selectFrom("voices")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();
  return Number(r.n);
}
