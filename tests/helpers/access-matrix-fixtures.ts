/**
 * The access matrix's world (tests/api/access-matrix.test.ts): the callers, the customers whose details must not
 * leak, the records the calls aim at (made through the API as the admin) and FIXTURES, one call per /api/v1
 * route with its path's records and a small valid body, composed from one file per area under
 * `tests/helpers/access-matrix/` (what they share in `world.ts`). A new route needs its call in its area's file.
 */
import ExcelJS from "exceljs";
import type { FastifyInstance } from "fastify";
import { createUser } from "../../src/features/users-and-settings/users.js";
import { ROLES, type Role } from "../../src/shared/api-contract.js";
import type { RouteKey } from "../../src/shared/api-routes.js";
import { activityFixtures } from "./access-matrix/activities.js";
import { analyticsFixtures } from "./access-matrix/analytics.js";
import { circulationFixtures } from "./access-matrix/circulation.js";
import { classifierFixtures } from "./access-matrix/classifier.js";
import { committeeFixtures } from "./access-matrix/committee.js";
import { importExportFixtures } from "./access-matrix/import-export.js";
import { improvementFixtures } from "./access-matrix/improvements.js";
import { insurerReportFixtures } from "./access-matrix/insurer-reports.js";
import { kpiFixtures } from "./access-matrix/kpi.js";
import { notificationFixtures } from "./access-matrix/notifications.js";
import { personalDataRequestFixtures } from "./access-matrix/personal-data-requests.js";
import { publicFormFixtures } from "./access-matrix/public-form.js";
import { reportFixtures } from "./access-matrix/reports.js";
import { reviewFixtures } from "./access-matrix/reviews.js";
import { sessionFixtures } from "./access-matrix/sessions.js";
import { SURVEY, surveyFixtures } from "./access-matrix/surveys.js";
import { adminFixtures } from "./access-matrix/users-and-settings.js";
import { voiceFixtures } from "./access-matrix/voices.js";
import {
  type Answer,
  CUSTOMERS,
  type Fixture,
  type Member,
  OTHER,
  OWN,
  PASSWORD,
  RELATIONS,
  type Relation,
  type Request,
  type Session,
  today,
  voiceBody,
  type World,
} from "./access-matrix/world.js";
import type { TestDatabase } from "./test-database.js";

export * from "./access-matrix/world.js";

/** One call per route: the path's records, and a small valid body. */
export const FIXTURES = {
  ...sessionFixtures,
  ...voiceFixtures,
  ...adminFixtures,
  ...importExportFixtures,
  ...publicFormFixtures,
  ...classifierFixtures,
  ...analyticsFixtures,
  ...improvementFixtures,
  ...committeeFixtures,
  ...notificationFixtures,
  ...insurerReportFixtures,
  ...circulationFixtures,
  ...reportFixtures,
  ...reviewFixtures,
  ...surveyFixtures,
  ...kpiFixtures,
  ...activityFixtures,
  ...personalDataRequestFixtures,
} satisfies Record<RouteKey, Fixture>;

/** Every cell's text of a workbook, so downloads are searched for customers too. */
async function xlsxText(data: Buffer): Promise<string> {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(data as unknown as ArrayBuffer);
  const out: string[] = [];
  book.eachSheet((sheet) => {
    sheet.eachRow((row) => {
      row.eachCell((cell) => {
        out.push(cell.text);
      });
    });
  });
  return out.join("\n");
}

/** Calls to the app as a member's session or as nobody, each from its own address; and signing in. */
export interface MatrixClient {
  call(session: Session | null, req: Request, remoteAddress?: string): Promise<Answer>;
  login(email: string, password?: string): Promise<Session>;
}

export function matrixClient(app: FastifyInstance): MatrixClient {
  let addresses = 0;

  async function call(session: Session | null, req: Request, remoteAddress?: string): Promise<Answer> {
    const method = (req.method ?? "GET") as "GET";
    const headers: Record<string, string> = {};
    if (session) {
      headers.cookie = session.cookie;
      if (method !== "GET") headers["x-csrf-token"] = session.csrf;
    }
    let payload: string | undefined;
    if (req.raw) {
      headers["content-type"] = req.raw.contentType;
      payload = req.raw.data;
    } else if (req.body !== undefined) {
      headers["content-type"] = "application/json";
      payload = JSON.stringify(req.body);
    }
    addresses += 1;
    const res = await app.inject({
      method,
      url: req.url,
      headers,
      remoteAddress: remoteAddress ?? `10.77.${Math.floor(addresses / 250) % 250}.${(addresses % 250) + 1}`,
      ...(payload !== undefined ? { payload } : {}),
    });
    const type = String(res.headers["content-type"] ?? "");
    const text = /json|text|csv|html|xml/.test(type) || type === "" ? res.body : "";
    if (type.includes("spreadsheetml"))
      return { status: res.statusCode, text: await xlsxText(res.rawPayload), json: null };
    let json: unknown = null;
    if (type.includes("json") && text) json = JSON.parse(text);
    return { status: res.statusCode, text, json };
  }

  async function login(email: string, password = PASSWORD): Promise<Session> {
    const res = await app.inject({ method: "POST", url: "/api/v1/session", payload: { email, password } });
    if (res.statusCode !== 200) throw new Error(`login failed for ${email}: ${res.body}`);
    const setCookie = res.headers["set-cookie"];
    const first = Array.isArray(setCookie) ? setCookie[0] : setCookie;
    return {
      cookie: first?.split(";")[0] ?? "",
      csrf: (JSON.parse(res.body) as { csrfToken: string }).csrfToken,
    };
  }

  return { call, login };
}

/**
 * Users of every role in コールセンター and 東京支所, signed in, and the records the calls aim at, made through the
 * API as the admin.
 */
export async function createWorld(tdb: TestDatabase, { call, login }: MatrixClient): Promise<World> {
  const depts = await tdb.db.selectFrom("departments").select(["id", "code"]).execute();
  const dept = Object.fromEntries(depts.map((d) => [d.code, d.id]));
  const admin = await login("admin@example.jp", "admin-password-1");

  const make = async <T>(method: string, url: string, body?: unknown): Promise<T> => {
    const res = await call(admin, { method, url, body: body ?? (method === "GET" ? undefined : {}) });
    if (res.status >= 300) throw new Error(`${method} ${url} → ${res.status}: ${res.text}`);
    return res.json as T;
  };
  const freshVoice = async () => {
    const v = await make<{ id: number; version: number }>("POST", "/api/v1/voices", voiceBody(OWN));
    return { id: v.id, version: v.version };
  };

  const NAMES: Record<Role, [string, string]> = {
    admin: ["管理 一郎", "管理 二郎"],
    cs: ["相談 花子", "相談 桜子"],
    lead: ["責任 健一", "責任 誠"],
    staff: ["担当 次郎", "担当 三郎"],
    viewer: ["閲覧 五郎", "閲覧 六郎"],
  };
  const members = {} as Record<Role, Record<Relation, Member>>;
  // Users of every role in both departments, made and signed in together (password hashing dominates).
  await Promise.all(
    ROLES.flatMap((role) =>
      RELATIONS.map(async (relation, i) => {
        const code = relation === "own" ? OWN : OTHER;
        const email = `${role}-${relation}@example.jp`;
        const user = await createUser(tdb.db, {
          email,
          name: NAMES[role][i] ?? role,
          role,
          departmentCode: code,
          password: PASSWORD,
        });
        const member = {
          actor: { id: user.id, role, departmentId: dept[code] ?? null },
          email,
          session: await login(email),
        };
        members[role] = { ...members[role], [relation]: member } as Record<Relation, Member>;
      }),
    ),
  );
  await createUser(tdb.db, {
    email: "login@example.jp",
    name: "入口 九郎",
    role: "staff",
    departmentCode: OWN,
    password: PASSWORD,
  });

  const voice = await make<{ id: number; receiptNumber: string }>("POST", "/api/v1/voices", voiceBody(OWN));
  const otherVoice = await make<{ id: number }>("POST", "/api/v1/voices", voiceBody(OTHER));
  const publicReceipt = (await call(null, { ...FIXTURES["POST /api/v1/public/voices"](), method: "POST" }))
    .json as { receiptNumber: string; checkCode: string };
  const spareUser = await make<{ id: number }>("POST", "/api/v1/users", {
    email: "spare@example.jp",
    name: "異動 八郎",
    role: "staff",
    departmentId: dept[OWN],
    password: PASSWORD,
  });
  const improvement = await make<{ id: number }>("POST", "/api/v1/improvements", {
    title: "請求書類の受付連絡",
    problem: "書類の到着をお客さまに知らせていない",
    ownerDepartmentId: dept[OWN],
    dueDate: "2027-03-31",
    voiceIds: [voice.id, otherVoice.id],
  });
  const insight = await make<{ id: number }>("POST", "/api/v1/insights", {
    content: "請求の問い合わせが月末に集中している",
    departmentId: dept[OWN],
    voiceIds: [voice.id, otherVoice.id],
  });
  const circulation = await make<{ id: number }>("POST", "/api/v1/circulations", {
    title: "今週の声（コールセンター）",
    message: "ご確認ください",
    voiceIds: [voice.id, otherVoice.id],
    to: { departmentIds: [dept[OWN]] },
  });
  const committee = await make<{ id: number }>("POST", "/api/v1/committees", { name: "CS向上委員会" });
  const meeting = await make<{ id: number }>("POST", "/api/v1/meetings", {
    committeeId: committee.id,
    heldOn: today,
    attendees: [{ name: "委員長 田中" }],
  });
  const report = await make<{ id: number }>("POST", "/api/v1/reports", {
    kind: "annual-voice",
    fiscalYear: 2025,
  });
  const draftReport = await make<{ id: number }>("POST", "/api/v1/reports", {
    kind: "half-year-review",
    fiscalYear: 2026,
    half: 1,
  });
  const review = await make<{ id: number }>("POST", "/api/v1/reviews", {
    period: "fy2025h1",
  });
  const survey = await make<{ id: number; publicCode: string; version: number }>(
    "POST",
    "/api/v1/surveys",
    SURVEY,
  );
  // a 不満 answer with contact details: the closed loop files it as a voice; results never show the contact
  await call(null, {
    method: "POST",
    url: `/api/v1/public/surveys/${survey.publicCode}/answers`,
    body: {
      answers: { overall: 1, comment: "説明が足りませんでした" },
      respondent: {
        name: CUSTOMERS.cs.name,
        email: CUSTOMERS.cs.email,
        phone: CUSTOMERS.cs.phone,
        contactConsent: true,
        privacyConsent: true,
      },
    },
  });
  const theme = await make<{ id: number }>("POST", "/api/v1/kpis/themes", { number: 90, name: "声" });
  const kpi = await make<{ id: number }>("POST", "/api/v1/kpis", {
    themeId: theme.id,
    number: 1,
    name: "改善件数",
    unit: "件",
    source: "manual",
  });
  const label = await make<{ id: number }>("POST", "/api/v1/activities/labels", {
    kind: "training_kind",
    code: "matrix_base",
    name: "確認研修",
  });
  const spareDepartment = await make<{ id: number }>("POST", "/api/v1/departments", {
    code: "matrix_spare",
    name: "確認用の部署",
  });
  const spareCategory = await make<{ id: number }>("POST", "/api/v1/taxonomy/category", {
    code: "matrix_spare",
    name: "確認用の分類",
  });

  return {
    dept,
    admin,
    members,
    voice: voice.id,
    publicReceipt,
    kpiTheme: theme.id,
    spareUser: spareUser.id,
    otherVoice: otherVoice.id,
    improvement: improvement.id,
    insight: insight.id,
    circulation: circulation.id,
    committee: committee.id,
    meeting: meeting.id,
    report: report.id,
    draftReport: draftReport.id,
    review: review.id,
    survey,
    kpi: kpi.id,
    activityLabel: label.id,
    spareDepartment: spareDepartment.id,
    spareCategory: spareCategory.id,
    loginEmail: "login@example.jp",
    call,
    make,
    freshVoice,
  };
}
