/**
 * Seed 000 (大阪いずみ市民生協's KPI report for 2023) entered as activity records, with the 2022 figures its
 * year-over-year sentences imply: 68 staff of 保障事業部 of whom 30 hold FP技能士2級 or above (28 a year before),
 * 37 trainings (実務1/商品21/マナー2/その他13; 70 in 2022), 36 compliance trainings (49), 13 events (none),
 * monthly consultations 5,226 (5,559), contracts 12,573 (18,687), lapses 5 (4), renewals 自動車92.5%・火災92.3%
 * = 92.4% (90.2%), 11,312 voices (19,968), 19 audits with 10 improvement items (30), improvements based on
 * voices 7 (8) and survey answers whose satisfaction score is 86.8% (87.4%) — kpi-seed-000-voice-records.ts.
 */
import type { Db } from "../../src/db/database.js";
import { jstDateTimeToIso } from "../../src/domain/jst.js";
import { createAudit } from "../../src/features/activities/audits.js";
import { saveBusinessFigures } from "../../src/features/activities/business-figures.js";
import type { BusinessFigureInput } from "../../src/features/activities/contract.js";
import { createStaffMember } from "../../src/features/activities/staff.js";
import { createOutreachEvent, createTraining } from "../../src/features/activities/trainings.js";
import { applyKpiTemplate, listKpis, saveKpiEntry, updateKpi } from "../../src/features/kpi/kpi-register.js";
import { reportingPeriod, setKpiReporting } from "../../src/features/kpi/reporting-period.js";
import { createDepartment } from "../../src/features/users-and-settings/taxonomy.js";
import { enterSeed000Improvements, enterSeed000Surveys } from "./kpi-seed-000-voice-records.js";

/** The day seed 000 was published: every record lies before it. */
export const SEED_000_TODAY = "2024-06-20";
const today = SEED_000_TODAY;

const SURNAMES = [
  "佐藤",
  "鈴木",
  "高橋",
  "田中",
  "伊藤",
  "渡辺",
  "山本",
  "中村",
  "小林",
  "加藤",
  "吉田",
  "山田",
];
const GIVEN = ["陽子", "健一", "美咲", "大輔", "由美", "翔太", "恵子", "拓也", "直美", "誠", "愛", "浩二"];
const personName = (i: number) => `${SURNAMES[i % 12]} ${GIVEN[Math.floor(i / 12) % 12]}`;

/** n items spread over a year's months: the date of item i (the 10th of a month, or later for many). */
const dateIn = (year: number, i: number, n: number) => {
  const month = Math.floor((i * 12) / n) + 1;
  const day = 1 + (i % 27);
  return `${year}-${String(month).padStart(2, "0")}-${String(day).padStart(2, "0")}`;
};

async function trainings(db: Db, year: number, byKind: Record<string, [number, string]>) {
  for (const [kind, [n, title]] of Object.entries(byKind))
    for (let i = 0; i < n; i++)
      await createTraining(
        db,
        {
          heldOn: dateIn(year, i, n),
          kind,
          title: `${title}（第${i + 1}回）`,
          attendees: 12 + (i % 9),
          note: null,
        },
        today,
      );
}

/** Splits a yearly total into 12 monthly figures that add up to it. */
const monthly = (total: number) =>
  Array.from({ length: 12 }, (_, m) => Math.floor(total / 12) + (m < total % 12 ? 1 : 0));

function figureRows(
  year: number,
  metric: BusinessFigureInput["metric"],
  total: number,
): BusinessFigureInput[] {
  return monthly(total).map((n, m) => ({
    month: `${year}-${String(m + 1).padStart(2, "0")}`,
    metric,
    line: "",
    numerator: n,
    denominator: null,
  }));
}

function renewalRows(year: number, line: string, num: number, den: number): BusinessFigureInput[] {
  const nums = monthly(num);
  const dens = monthly(den);
  return nums.map((n, m) => ({
    month: `${year}-${String(m + 1).padStart(2, "0")}`,
    metric: "renewals",
    line,
    numerator: n,
    denominator: dens[m] as number,
  }));
}

async function voices(db: Db, year: number, n: number, voided: number) {
  const ids = async (kind: string) =>
    (
      await db.selectFrom("taxonomy_labels").select("id").where("kind", "=", kind).orderBy("id").execute()
    ).map((r) => r.id);
  const [types, channels] = [await ids("type"), await ids("channel")];
  const dept = await db.selectFrom("departments").select("id").orderBy("id").executeTakeFirstOrThrow();
  const rows = [];
  for (let i = 0; i < n + voided; i++) {
    const received = jstDateTimeToIso(dateIn(year, i % n, n), "10:00");
    rows.push({
      // numbered apart from the receipt counter, which numbers the survey answers' voices
      receipt_number: `${year}-${String(100_000 + i + 1)}`,
      fiscal_year: year,
      received_at: received,
      channel_id: channels[i % channels.length] as number,
      type_id: types[i % types.length] as number,
      department_id: dept.id,
      content: "共済のお手続きについてのお声です",
      status: i < n ? "closed" : "voided",
      priority: "normal",
      response_count: 0,
      created_at: received,
      updated_at: received,
      version: 1,
    });
  }
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto("voices")
      .values(rows.slice(i, i + 500))
      .execute();
}

export interface Seed000Options {
  /** bulk-insert the 31,280 voices of 2022 and 2023 (the browser test skips them to stay quick) */
  voices?: boolean;
}

/** Enters everything, in the caller's transaction or db; returns the 保障事業部's id. */
export async function enterSeed000(db: Db, opts: Seed000Options = { voices: true }): Promise<number> {
  await setKpiReporting(db, { basis: "calendar", rateChange: "percent" });
  const dept = await createDepartment(db, { code: "hosho", name: "保障事業部" });
  const other = await createDepartment(db, { code: "takuhai", name: "宅配事業部" });

  // 68 staff of 保障事業部 at the end of 2023: 28 held FP技能士2級 or above by 2022, 2 more qualified in 2023.
  for (let i = 0; i < 68; i++) {
    const qualifications =
      i < 24
        ? [{ qualification: "FP技能士2級", acquiredOn: "2016-07-01", expiresOn: null }]
        : i < 26
          ? [
              { qualification: "FP技能士3級", acquiredOn: "2015-02-01", expiresOn: null },
              { qualification: "AFP", acquiredOn: "2019-03-01", expiresOn: null },
            ]
          : i < 28
            ? [{ qualification: "FP技能士1級", acquiredOn: "2020-10-01", expiresOn: null }]
            : i === 28
              ? [{ qualification: "FP技能士2級", acquiredOn: "2023-03-15", expiresOn: null }]
              : i === 29
                ? [{ qualification: "fp2", acquiredOn: "2023-10-20", expiresOn: null }]
                : i < 40
                  ? [
                      { qualification: "FP技能士3級", acquiredOn: "2021-06-01", expiresOn: null },
                      { qualification: "損保大学課程", acquiredOn: "2022-01-20", expiresOn: null },
                    ]
                  : [];
    await createStaffMember(
      db,
      {
        name: personName(i),
        departmentId: dept.id,
        employmentType: i % 3 === 0 ? "part_time" : "full_time",
        fromDate: i === 67 ? "2023-04-01" : "2012-04-01",
        toDate: null,
        qualifications,
      },
      today,
    );
  }
  // Not counted: one who left in 2021 with FP技能士1級, one of 宅配事業部 with FP技能士2級.
  await createStaffMember(
    db,
    {
      name: "松本 達也",
      departmentId: dept.id,
      employmentType: "full_time",
      fromDate: "2010-04-01",
      toDate: "2021-09-30",
      qualifications: [{ qualification: "FP技能士1級", acquiredOn: "2014-01-01", expiresOn: null }],
    },
    today,
  );
  await createStaffMember(
    db,
    {
      name: "井上 里奈",
      departmentId: other.id,
      employmentType: "full_time",
      fromDate: "2018-04-01",
      toDate: null,
      qualifications: [{ qualification: "FP技能士2級", acquiredOn: "2019-05-01", expiresOn: null }],
    },
    today,
  );

  await trainings(db, 2023, {
    実務: [1, "保全実務学習"],
    商品: [21, "CO・OP共済 商品学習"],
    マナー: [2, "応対マナー研修"],
    その他: [13, "ライフプラン学習"],
    コンプライアンス: [36, "コンプライアンス ワンポイントレッスン"],
  });
  await trainings(db, 2022, {
    practice: [5, "保全実務学習"],
    product: [40, "CO・OP共済 商品学習"],
    manners: [10, "応対マナー研修"],
    other: [15, "保障周辺知識"],
    compliance: [49, "コンプライアンス ワンポイントレッスン"],
  });

  await createOutreachEvent(
    db,
    { heldOn: "2023-09-09", kind: "seminar", title: "がんセミナー", attendance: 42 },
    today,
  );
  for (let i = 0; i < 12; i++)
    await createOutreachEvent(
      db,
      {
        heldOn: dateIn(2023, i, 12),
        kind: "consultation_session",
        title: "ライフプラン相談会",
        attendance: 3 + (i % 4),
      },
      today,
    );

  await saveBusinessFigures(
    db,
    [
      ...figureRows(2023, "consultations", 5226),
      ...figureRows(2022, "consultations", 5559),
      ...figureRows(2023, "new_contracts", 12573),
      ...figureRows(2022, "new_contracts", 18687),
      ...figureRows(2023, "early_lapses", 5),
      ...figureRows(2022, "early_lapses", 4),
      // 自動車 2220/2400 = 92.5%, 火災 1200/1300 = 92.3%, together 3420/3700 = 92.4%
      ...renewalRows(2023, "自動車", 2220, 2400),
      ...renewalRows(2023, "火災", 1200, 1300),
      // 2022: 1800/2000 and 905/1000, together 2705/3000 = 90.2%
      ...renewalRows(2022, "自動車", 1800, 2000),
      ...renewalRows(2022, "火災", 905, 1000),
    ],
    today,
  );

  const auditors = ["CO・OP共済連", "損害保険会社", "保険業界の専門家", "コンプライアンス担当"];
  // 2023: 19 audits, 10 improvement items among them
  for (let i = 0; i < 19; i++)
    await createAudit(
      db,
      {
        heldOn: dateIn(2023, i, 19),
        kind: i < 3 ? "external" : i < 5 ? "internal" : "self",
        auditor: auditors[i % 4] as string,
        findings: i < 5 ? "個人情報管理はおおむねルール通り" : null,
        items:
          i === 0
            ? [
                "障がい者差別解消法に合わせてコンプライアンスマニュアルを変更",
                "顧客管理システムの対話履歴を改良",
              ]
            : i < 9
              ? [`事業所の個人情報管理の改善（${i}）`]
              : [],
      },
      today,
    );
  for (let i = 0; i < 30; i++)
    await createAudit(
      db,
      {
        heldOn: dateIn(2022, i, 30),
        kind: "self",
        auditor: "コンプライアンス担当",
        findings: null,
        items: [],
      },
      today,
    );

  // The survey answers first: their dissatisfied ones are voices, part of the year's count.
  const surveyVoices = await enterSeed000Surveys(db, today);
  const fromSurveys = (year: number) => surveyVoices.get(year)?.length ?? 0;
  if (opts.voices) {
    await voices(db, 2023, 11312 - fromSurveys(2023), 3);
    await voices(db, 2022, 19968 - fromSurveys(2022), 0);
  }
  await enterSeed000Improvements(db, dept.id, surveyVoices);

  // The register from seed 001's template; the qualification KPI over 保障事業部.
  await applyKpiTemplate(db);
  const { kpis } = await listKpis(db);
  const named = (name: string) => kpis.find((k) => k.name.startsWith(name)) as (typeof kpis)[number];
  await updateKpi(db, named("ファイナンシャル").id, { params: { departmentId: dept.id } });
  const y2023 = await reportingPeriod(db, 2023);
  // A computed KPI keeps a narrative (取り組み・評価) per period beside its computed value.
  await saveKpiEntry(
    db,
    named("加入者満足度").id,
    y2023,
    { narrative: "不満足の「声」を真摯に受け止め、満足度を高めることに活かしてまいります。" },
    null,
    today,
  );
  return dept.id;
}
