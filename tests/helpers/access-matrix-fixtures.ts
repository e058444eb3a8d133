/**
 * The access matrix's world (tests/api/access-matrix.test.ts): the callers, the customers whose details must not
 * leak, the records the calls aim at (made through the API as the admin) and FIXTURES, one call per /api/v1
 * route with its path's records and a small valid body. A new route needs its call here.
 */
import ExcelJS from "exceljs";
import type { FastifyInstance } from "fastify";
import type { Actor } from "../../src/domain/roles.js";
import { createUser } from "../../src/features/users-and-settings/users.js";
import { ROLES, type Role } from "../../src/shared/api-contract.js";
import type { RouteKey } from "../../src/shared/api-routes.js";
import { satisfactionSurvey } from "./satisfaction-survey.js";
import type { TestDatabase } from "./test-database.js";

export type Caller = "anonymous" | Role;
export const CALLERS: readonly Caller[] = ["anonymous", ...ROLES];
export const RELATIONS = ["own", "other"] as const;
export type Relation = (typeof RELATIONS)[number];

export const PASSWORD = "matrix-password-2026";
export const OWN = "call_center";
export const OTHER = "tokyo_branch";

/** The customers on the voices of each department (and of the public form, which files under お客様相談室). */
export const CUSTOMERS = {
  [OWN]: {
    name: "小松 美咲",
    kana: "コマツ ミサキ",
    memberNumber: "K-204815",
    phone: "0776-52-3391",
    email: "misaki.komatsu@example.jp",
    prefecture: "福井県",
    address: "福井県福井市大手3丁目10-1",
  },
  [OTHER]: {
    name: "長谷部 健太",
    kana: "ハセベ ケンタ",
    memberNumber: "K-773102",
    phone: "03-5211-8842",
    email: "kenta.hasebe@example.jp",
    prefecture: "東京都",
    address: "東京都千代田区九段南1丁目2-1",
  },
  cs: {
    name: "西村 綾乃",
    kana: null,
    memberNumber: null,
    phone: "06-6943-7720",
    email: "ayano.nishimura@example.jp",
    prefecture: null,
    address: null,
  },
} as const;
export type CustomerDepartment = keyof typeof CUSTOMERS;

/** The strings that must not appear where a customer is hidden: each field whole, and the name's parts. */
export function revealing(c: (typeof CUSTOMERS)[CustomerDepartment]): string[] {
  const fields: (string | null)[] = [c.name, c.kana, c.memberNumber, c.phone, c.email, c.address];
  const whole = fields.filter((s): s is string => s !== null);
  return [...whole, ...c.name.split(" ").filter((part) => part.length >= 2)];
}

export interface Session {
  cookie: string;
  csrf: string;
}
export interface Member {
  actor: Actor;
  email: string;
  session: Session;
}
export interface Request {
  method?: string;
  url: string;
  body?: unknown;
  /** a raw body (file uploads) with its content type */
  raw?: { data: string; contentType: string };
}

export interface Answer {
  status: number;
  text: string;
  json: unknown;
}

/** The records the calls aim at (in コールセンター unless said) and the helpers that make fresh ones. */
export interface World {
  dept: Record<string, number>;
  admin: Session;
  members: Record<Role, Record<Relation, Member>>;
  voice: number;
  publicReceipt: { receiptNumber: string; checkCode: string };
  kpiTheme: number;
  spareUser: number;
  otherVoice: number;
  improvement: number;
  insight: number;
  circulation: number;
  committee: number;
  meeting: number;
  report: number;
  draftReport: number;
  review: number;
  survey: { id: number; publicCode: string; version: number };
  kpi: number;
  activityLabel: number;
  spareDepartment: number;
  spareCategory: number;
  loginEmail: string;
  call(session: Session | null, req: Request, remoteAddress?: string): Promise<Answer>;
  make<T>(method: string, url: string, body?: unknown): Promise<T>;
  freshVoice(): Promise<{ id: number; version: number }>;
}

export interface Cell {
  caller: Caller;
  relation: Relation;
  member: Member | null;
  /** a distinct address per call, so the public routes' per-address limits count each call apart */
  n: number;
}

export type Fixture = (w: World, cell: Cell) => Request | Promise<Request>;

const today = "2026-11-20";
const voiceBody = (department: string) => ({
  receivedAt: "2026/11/16 10:30",
  channel: "call_center",
  type: "complaint",
  category: "handling",
  department,
  content: "共済金の請求書類を送ったのに二週間たっても連絡がなく、問い合わせても担当者が不在と言われました。",
  remedySought: "手続きの状況を説明してほしい",
  customer: CUSTOMERS[department as CustomerDepartment],
});

/** One call per route: the path's records, and a small valid body. */
export const FIXTURES = {
  // each signs in as themselves (one address's concurrent attempts at one account are throttled, rightly)
  "POST /api/v1/session": (w, c) => ({
    url: "/api/v1/session",
    body: { email: c.member?.email ?? w.loginEmail, password: PASSWORD },
  }),
  "GET /api/v1/session": () => ({ url: "/api/v1/session" }),
  // runs last (see ROUTES in access-matrix.test.ts), so it may end the callers' sessions
  "DELETE /api/v1/session": () => ({ url: "/api/v1/session" }),
  "DELETE /api/v1/session/all": () => ({ url: "/api/v1/session/all" }),
  // Without a pending login there is no challenge: the body is refused (400), never 401/403 — the route is public.
  "POST /api/v1/session/two-factor": () => ({
    url: "/api/v1/session/two-factor",
    body: { challenge: "", code: "" },
  }),
  "GET /api/v1/account/two-factor": () => ({ url: "/api/v1/account/two-factor" }),
  "POST /api/v1/account/two-factor/setup": () => ({
    url: "/api/v1/account/two-factor/setup",
    body: { password: PASSWORD },
  }),
  "POST /api/v1/account/two-factor/confirm": () => ({
    url: "/api/v1/account/two-factor/confirm",
    body: { code: "000000" },
  }),
  "POST /api/v1/account/two-factor/disable": () => ({
    url: "/api/v1/account/two-factor/disable",
    body: { password: PASSWORD },
  }),

  "GET /api/v1/voices": () => ({ url: "/api/v1/voices?limit=100" }),
  "POST /api/v1/voices": () => ({ url: "/api/v1/voices", body: voiceBody(OWN) }),
  "GET /api/v1/voices/:id": (w) => ({ url: `/api/v1/voices/${w.voice}` }),
  "PATCH /api/v1/voices/:id": async (w) => {
    const v = await w.freshVoice();
    return {
      url: `/api/v1/voices/${v.id}`,
      body: {
        version: v.version,
        remedySought: "書類の到着を確認してほしい",
        customer: { ...CUSTOMERS[OWN], contactConsent: true },
      },
    };
  },
  "POST /api/v1/voices/:id/actions": (w) => ({
    url: `/api/v1/voices/${w.voice}/actions`,
    body: { action: "comment", body: "書類の受付状況を支払部に確認中です。" },
  }),
  "POST /api/v1/voices/:id/insurer-report": async (w) => {
    const v = await w.freshVoice();
    return {
      url: `/api/v1/voices/${v.id}/insurer-report`,
      body: { insurer: "全国共済連", reportedAt: "2026/11/17 15:00" },
    };
  },
  "POST /api/v1/voices/:id/merge": async (w) => {
    const duplicate = await w.freshVoice();
    const survivor = await w.freshVoice();
    return { url: `/api/v1/voices/${duplicate.id}/merge`, body: { intoId: survivor.id } };
  },
  "POST /api/v1/voices/similar": () => ({
    url: "/api/v1/voices/similar",
    body: { text: "請求書類を送ったのに連絡がありません" },
  }),
  "GET /api/v1/voices/:id/similar": (w) => ({ url: `/api/v1/voices/${w.voice}/similar` }),
  "GET /api/v1/voices/:id/improvements": (w) => ({ url: `/api/v1/voices/${w.voice}/improvements` }),

  "GET /api/v1/taxonomy": () => ({ url: "/api/v1/taxonomy" }),
  "POST /api/v1/taxonomy/:kind": (_w, c) => ({
    url: "/api/v1/taxonomy/category",
    body: { code: `matrix_${c.n}`, name: `行列確認用の分類${c.n}` },
  }),
  "PATCH /api/v1/taxonomy/:kind/:id": (w) => ({
    url: `/api/v1/taxonomy/category/${w.spareCategory}`,
    body: { name: "確認用の分類" },
  }),
  "GET /api/v1/departments": () => ({ url: "/api/v1/departments" }),
  "POST /api/v1/departments": (_w, c) => ({
    url: "/api/v1/departments",
    body: { code: `matrix_dept_${c.n}`, name: `行列確認部${c.n}` },
  }),
  "PATCH /api/v1/departments/:id": (w) => ({
    url: `/api/v1/departments/${w.spareDepartment}`,
    body: { name: "確認用の部署" },
  }),
  "GET /api/v1/users/options": () => ({ url: "/api/v1/users/options" }),
  "GET /api/v1/users": () => ({ url: "/api/v1/users" }),
  "POST /api/v1/users": (w, c) => ({
    url: "/api/v1/users",
    body: {
      email: `new-${c.n}@example.jp`,
      name: "新人 七海",
      role: "staff",
      departmentId: w.dept[OWN],
      password: PASSWORD,
    },
  }),
  "PATCH /api/v1/users/:id": (w, c) => ({
    url: `/api/v1/users/${w.spareUser}`,
    body: { name: `異動 八郎${c.n}` },
  }),
  "GET /api/v1/settings": () => ({ url: "/api/v1/settings" }),
  "DELETE /api/v1/users/:id/sessions": (w) => ({ url: `/api/v1/users/${w.spareUser}/sessions` }),
  "DELETE /api/v1/users/:id/two-factor": (w) => ({ url: `/api/v1/users/${w.spareUser}/two-factor` }),
  "PUT /api/v1/settings": () => ({ url: "/api/v1/settings", body: {} }),
  "GET /api/v1/audit": () => ({ url: "/api/v1/audit" }),
  "GET /api/v1/tokens": () => ({ url: "/api/v1/tokens" }),
  "POST /api/v1/tokens": () => ({
    url: "/api/v1/tokens",
    body: { name: "基幹システム連携", scopes: ["voices:read"] },
  }),
  "DELETE /api/v1/tokens/:id": async (w) => {
    const t = await w.make<{ id: number }>("POST", "/api/v1/tokens", {
      name: "失効させる連携",
      scopes: ["voices:read"],
    });
    return { url: `/api/v1/tokens/${t.id}` };
  },
  "GET /api/v1/search/synonyms": () => ({ url: "/api/v1/search/synonyms" }),
  "PUT /api/v1/search/synonyms": () => ({ url: "/api/v1/search/synonyms", body: { groups: [] } }),
  "GET /api/v1/label-aliases": () => ({ url: "/api/v1/label-aliases" }),
  "PUT /api/v1/label-aliases/:kind/:id": (w) => ({
    url: `/api/v1/label-aliases/department/${w.dept[OWN]}`,
    body: { aliases: ["CC", "コールセンタ"] },
  }),

  "POST /api/v1/imports": () => ({
    url: "/api/v1/imports?dryRun=true",
    raw: {
      contentType: "text/csv; charset=utf-8",
      data: "受付日時,種別,分類,部署,内容\n2026/11/10 9:00,苦情,応対,コールセンター,電話がつながりにくい\n",
    },
  }),
  "GET /api/v1/exports/voices": () => ({ url: "/api/v1/exports/voices?format=csv" }),

  "POST /api/v1/public/voices": () => ({
    url: "/api/v1/public/voices",
    body: {
      topic: "request",
      content: "ホームページの請求書類の案内がわかりにくいです。",
      name: CUSTOMERS.cs.name,
      email: CUSTOMERS.cs.email,
      phone: CUSTOMERS.cs.phone,
      contactConsent: true,
      privacyConsent: true,
    },
  }),
  "GET /api/v1/public/voices/:receiptNumber": (w) => ({
    url: `/api/v1/public/voices/${w.publicReceipt.receiptNumber}?code=${encodeURIComponent(w.publicReceipt.checkCode)}`,
  }),

  "POST /api/v1/classify": () => ({
    url: "/api/v1/classify",
    body: { text: "担当者の説明がとても丁寧でした" },
  }),
  "GET /api/v1/model": () => ({ url: "/api/v1/model" }),
  "POST /api/v1/model/train": () => ({ url: "/api/v1/model/train", body: {} }),
  "GET /api/v1/model/settings": () => ({ url: "/api/v1/model/settings" }),
  "PUT /api/v1/model/settings": () => ({ url: "/api/v1/model/settings", body: {} }),
  "GET /api/v1/model/report": () => ({ url: "/api/v1/model/report" }),
  "POST /api/v1/model/retrain": () => ({ url: "/api/v1/model/retrain", body: {} }),
  "GET /api/v1/model/retrain": () => ({ url: "/api/v1/model/retrain" }),
  "POST /api/v1/model/restore": () => ({ url: "/api/v1/model/restore", body: {} }),
  "GET /api/v1/complaint-reviews": () => ({ url: "/api/v1/complaint-reviews" }),
  "GET /api/v1/complaint-reviews/count": () => ({ url: "/api/v1/complaint-reviews/count" }),
  "POST /api/v1/complaint-reviews/:id/confirm": (w) => ({
    url: `/api/v1/complaint-reviews/${w.voice}/confirm`,
    body: { type: "complaint" },
  }),

  "GET /api/v1/analysis/words": () => ({ url: `/api/v1/analysis/words?department=${OWN}` }),
  "GET /api/v1/analysis/counts": () => ({ url: `/api/v1/analysis/counts?by=type&department=${OWN}` }),
  "GET /api/v1/analysis/handling": () => ({ url: `/api/v1/analysis/handling?department=${OWN}` }),
  "GET /api/v1/analysis/queues": () => ({ url: "/api/v1/analysis/queues" }),
  "GET /api/v1/analysis/counts/download": () => ({
    url: `/api/v1/analysis/counts/download?by=type&department=${OWN}&format=csv`,
  }),
  "GET /api/v1/analysis/words/download": () => ({
    url: `/api/v1/analysis/words/download?department=${OWN}&format=csv`,
  }),

  "GET /api/v1/insights": () => ({ url: "/api/v1/insights" }),
  "POST /api/v1/insights": (w) => ({
    url: "/api/v1/insights",
    body: {
      content: "請求書類の受付連絡がないという声が続いている",
      departmentId: w.dept[OWN],
      voiceIds: [w.voice],
    },
  }),
  "GET /api/v1/insights/:id": (w) => ({ url: `/api/v1/insights/${w.insight}` }),
  "GET /api/v1/improvements": () => ({ url: "/api/v1/improvements" }),
  "POST /api/v1/improvements": (w) => ({
    url: "/api/v1/improvements",
    body: {
      title: "請求書類の受付連絡",
      problem: "書類の到着をお客さまに知らせていない",
      ownerDepartmentId: w.dept[OWN],
      dueDate: "2027-03-31",
      voiceIds: [w.voice],
    },
  }),
  "GET /api/v1/improvements/count": () => ({ url: "/api/v1/improvements/count" }),
  "GET /api/v1/improvements/public": () => ({ url: "/api/v1/improvements/public" }),
  "GET /api/v1/improvements/:id": (w) => ({ url: `/api/v1/improvements/${w.improvement}` }),
  "PATCH /api/v1/improvements/:id": (w) => ({
    url: `/api/v1/improvements/${w.improvement}`,
    body: { result: "受付時に SMS で知らせる案を検討中" },
  }),
  "POST /api/v1/improvements/:id/links": (w) => ({
    url: `/api/v1/improvements/${w.improvement}/links`,
    body: { voiceIds: [w.otherVoice] },
  }),
  "POST /api/v1/improvements/:id/status": async (w) => {
    const i = await w.make<{ id: number }>("POST", "/api/v1/improvements", {
      title: "受付連絡の見直し",
      problem: "連絡の遅れ",
      ownerDepartmentId: w.dept[OWN],
      dueDate: "2027-03-31",
    });
    return { url: `/api/v1/improvements/${i.id}/status`, body: { to: "under_review" } };
  },
  "POST /api/v1/improvements/:id/notes": (w) => ({
    url: `/api/v1/improvements/${w.improvement}/notes`,
    body: { text: "支払部と打ち合わせ済み" },
  }),
  "GET /api/v1/improvements/:id/effect": (w) => ({ url: `/api/v1/improvements/${w.improvement}/effect` }),

  "GET /api/v1/committees": () => ({ url: "/api/v1/committees" }),
  "POST /api/v1/committees": (_w, c) => ({
    url: "/api/v1/committees",
    body: { name: `CS向上委員会 分科会${c.n}` },
  }),
  "PATCH /api/v1/committees/:id": (w) => ({
    url: `/api/v1/committees/${w.committee}`,
    body: { description: "毎月第3木曜日" },
  }),
  "GET /api/v1/meetings": () => ({ url: "/api/v1/meetings" }),
  "POST /api/v1/meetings": (w) => ({
    url: "/api/v1/meetings",
    body: { committeeId: w.committee, heldOn: today, attendees: [{ name: "委員長 田中" }] },
  }),
  "GET /api/v1/meetings/:id": (w) => ({ url: `/api/v1/meetings/${w.meeting}` }),
  "GET /api/v1/meetings/:id/proposed-agenda": (w) => ({
    url: `/api/v1/meetings/${w.meeting}/proposed-agenda`,
  }),
  "PUT /api/v1/meetings/:id/agenda": (w) => ({
    url: `/api/v1/meetings/${w.meeting}/agenda`,
    body: { items: [{ title: "請求書類の受付連絡", body: "" }] },
  }),
  "POST /api/v1/meetings/:id/decisions": (w) => ({
    url: `/api/v1/meetings/${w.meeting}/decisions`,
    body: { text: "担当部署の期限を延ばす", update: { improvementId: w.improvement, dueDate: "2027-06-30" } },
  }),

  "GET /api/v1/notifications": () => ({ url: "/api/v1/notifications" }),
  "GET /api/v1/notifications/unread-count": () => ({ url: "/api/v1/notifications/unread-count" }),
  "POST /api/v1/notifications/read": () => ({ url: "/api/v1/notifications/read", body: { all: true } }),
  "GET /api/v1/notifications/preferences": () => ({ url: "/api/v1/notifications/preferences" }),
  "PUT /api/v1/notifications/preferences": () => ({
    url: "/api/v1/notifications/preferences",
    body: { items: [{ kind: "assigned", email: false }] },
  }),

  "GET /api/v1/insurer-reports": () => ({ url: "/api/v1/insurer-reports" }),
  "GET /api/v1/settings/insurer-reports": () => ({ url: "/api/v1/settings/insurer-reports" }),
  "PUT /api/v1/settings/insurer-reports": () => ({
    url: "/api/v1/settings/insurer-reports",
    body: { enabled: true, typeCodes: ["complaint"], productLineCodes: [], days: 5 },
  }),

  "POST /api/v1/circulations": (w) => ({
    url: "/api/v1/circulations",
    body: {
      title: "今週の声",
      message: "ご確認ください",
      voiceIds: [w.voice],
      to: { departmentIds: [w.dept[OWN]] },
    },
  }),
  "GET /api/v1/circulations": () => ({ url: "/api/v1/circulations" }),
  "GET /api/v1/circulations/:id": (w) => ({ url: `/api/v1/circulations/${w.circulation}` }),
  "POST /api/v1/circulations/:id/read": (w) => ({
    url: `/api/v1/circulations/${w.circulation}/read`,
    body: {},
  }),
  "POST /api/v1/circulations/:id/comments": (w) => ({
    url: `/api/v1/circulations/${w.circulation}/comments`,
    body: { body: "窓口でも同じ声がありました" },
  }),
  "GET /api/v1/settings/digest": () => ({ url: "/api/v1/settings/digest" }),
  "PUT /api/v1/settings/digest": () => ({
    url: "/api/v1/settings/digest",
    body: { enabled: false, weekday: 1, hour: 9 },
  }),

  "GET /api/v1/reports": () => ({ url: "/api/v1/reports" }),
  "POST /api/v1/reports": (_w, c) => ({
    url: "/api/v1/reports",
    body: { kind: "annual-voice", fiscalYear: 2000 + (c.n % 25) },
  }),
  "GET /api/v1/reports/:id": (w) => ({ url: `/api/v1/reports/${w.report}` }),
  "PUT /api/v1/reports/:id": async (w) => {
    // the draft as it is now: each allowed call saves a new revision
    const r = await w.make<{ revision: number; sections: { block: string }[] }>(
      "GET",
      `/api/v1/reports/${w.draftReport}`,
    );
    return {
      url: `/api/v1/reports/${w.draftReport}`,
      body: {
        revision: r.revision,
        sections: [{ block: r.sections[0]?.block ?? "text", heading: "はじめに" }],
      },
    };
  },
  "POST /api/v1/reports/:id/sections/order": async (w) => {
    const r = await currentReport(w);
    return {
      url: `/api/v1/reports/${w.report}/sections/order`,
      body: { revision: r.revision, sectionIds: r.sections.map((x) => x.id).reverse() },
    };
  },
  "PUT /api/v1/reports/:id/sections/:sectionId/voices": async (w) => {
    const r = await currentReport(w);
    const section = r.sections.find((x) => x.block === "featured_thanks") ?? r.sections[0];
    return {
      url: `/api/v1/reports/${w.report}/sections/${section?.id ?? 0}/voices`,
      body: { revision: r.revision, voices: [] },
    };
  },
  "GET /api/v1/reports/:id/sections/:sectionId/suggestions": async (w) => {
    const r = await currentReport(w);
    const section = r.sections.find((x) => x.block === "featured_thanks") ?? r.sections[0];
    return { url: `/api/v1/reports/${w.report}/sections/${section?.id ?? 0}/suggestions` };
  },
  // a fresh draft each time, made by another person, so every allowed caller is the second person
  "POST /api/v1/reports/:id/approve": async (w, c) => {
    const r = await w.make<{ id: number; revision: number }>("POST", "/api/v1/reports", {
      kind: "half-year-review",
      fiscalYear: 2000 + (c.n % 25),
      half: 2,
    });
    return { url: `/api/v1/reports/${r.id}/approve`, body: { revision: r.revision } };
  },
  "POST /api/v1/reports/:id/publish": async (w) => ({
    url: `/api/v1/reports/${w.report}/publish`,
    body: { revision: (await currentReport(w)).revision },
  }),
  "POST /api/v1/reports/:id/new-version": async (w) => ({
    url: `/api/v1/reports/${w.report}/new-version`,
    body: { revision: (await currentReport(w)).revision },
  }),
  "GET /api/v1/reports/:id/document": (w) => ({ url: `/api/v1/reports/${w.report}/document` }),
  "GET /api/v1/reports/:id/preview": (w) => ({ url: `/api/v1/reports/${w.report}/preview` }),
  "GET /api/v1/reports/:id/file": (w) => ({ url: `/api/v1/reports/${w.report}/file?format=xlsx` }),

  "GET /api/v1/reviews": () => ({ url: "/api/v1/reviews" }),
  "POST /api/v1/reviews": (_w, c) => ({
    url: "/api/v1/reviews",
    body: { period: `fy${2000 + (c.n % 25)}h${(c.n % 2) + 1}` },
  }),
  "GET /api/v1/reviews/voice-example": (w) => ({ url: `/api/v1/reviews/voice-example?voice=${w.voice}` }),
  "GET /api/v1/reviews/:id": (w) => ({ url: `/api/v1/reviews/${w.review}` }),
  "PUT /api/v1/reviews/:id": async (w) => ({
    url: `/api/v1/reviews/${w.review}`,
    body: { version: await reviewVersion(w), items: [{ principle: 1, heading: "方針の公表" }] },
  }),
  "POST /api/v1/reviews/:id/approve": async (w) => ({
    url: `/api/v1/reviews/${w.review}/approve`,
    body: { version: await reviewVersion(w) },
  }),
  "GET /api/v1/reviews/:id/figures": (w) => ({ url: `/api/v1/reviews/${w.review}/figures` }),

  "POST /api/v1/surveys/:id/answers/import": (w) => ({
    url: `/api/v1/surveys/${w.survey.id}/answers/import?dryRun=true`,
    raw: {
      contentType: "text/csv; charset=utf-8",
      data: "回答ID,回答日時,overall\nP-001,2026/11/10 10:00,5\n",
    },
  }),
  "GET /api/v1/surveys": () => ({ url: "/api/v1/surveys" }),
  "POST /api/v1/surveys": () => ({ url: "/api/v1/surveys", body: SURVEY }),
  "GET /api/v1/surveys/kinds": () => ({ url: "/api/v1/surveys/kinds" }),
  "POST /api/v1/surveys/kinds": (_w, c) => ({
    url: "/api/v1/surveys/kinds",
    body: { code: `matrix_${c.n}`, name: `確認用アンケート${c.n}` },
  }),
  "PATCH /api/v1/surveys/kinds/:id": async (w) => {
    const kinds = await w.make<{ items: { id: number }[] }>("GET", "/api/v1/surveys/kinds");
    return { url: `/api/v1/surveys/kinds/${kinds.items[0]?.id ?? 1}`, body: { name: "加入者向け" } };
  },
  "GET /api/v1/surveys/figures": () => ({ url: "/api/v1/surveys/figures" }),
  "GET /api/v1/surveys/:id": (w) => ({ url: `/api/v1/surveys/${w.survey.id}` }),
  "PATCH /api/v1/surveys/:id": async (w) => {
    const s = await w.make<{ id: number; version: number }>("POST", "/api/v1/surveys", SURVEY);
    return { url: `/api/v1/surveys/${s.id}`, body: { version: s.version, intro: "ご協力をお願いします" } };
  },
  "POST /api/v1/surveys/:id/answers": (w, c) => ({
    url: `/api/v1/surveys/${w.survey.id}/answers`,
    body: { answers: { overall: 4 }, answerId: `paper-${c.n}`, answeredAt: "2026/11/10 10:00" },
  }),
  "GET /api/v1/surveys/:id/links": (w) => ({ url: `/api/v1/surveys/${w.survey.id}/links` }),
  "POST /api/v1/surveys/:id/links": (w) => ({
    url: `/api/v1/surveys/${w.survey.id}/links`,
    body: { respondents: [{ name: "組合員 九条" }] },
  }),
  "GET /api/v1/surveys/:id/results": (w) => ({ url: `/api/v1/surveys/${w.survey.id}/results` }),
  "GET /api/v1/surveys/:id/results/download": (w) => ({
    url: `/api/v1/surveys/${w.survey.id}/results/download`,
  }),
  "GET /api/v1/public/surveys/:code": (w) => ({ url: `/api/v1/public/surveys/${w.survey.publicCode}` }),
  "POST /api/v1/public/surveys/:code/answers": (w) => ({
    url: `/api/v1/public/surveys/${w.survey.publicCode}/answers`,
    body: { answers: { overall: 5 } },
  }),
  "GET /api/v1/public/survey-links/:code": async (w) => ({
    url: `/api/v1/public/survey-links/${await linkCode(w)}`,
  }),
  "POST /api/v1/public/survey-links/:code/answers": async (w) => ({
    url: `/api/v1/public/survey-links/${await linkCode(w)}/answers`,
    body: { answers: { overall: 4 } },
  }),

  "GET /api/v1/kpis": () => ({ url: "/api/v1/kpis?year=2025" }),
  "POST /api/v1/kpis": (w, c) => ({
    url: "/api/v1/kpis",
    body: {
      themeId: w.kpiTheme,
      number: (c.n % 89) + 10,
      name: "相談会の開催",
      unit: "回",
      source: "manual",
    },
  }),
  "GET /api/v1/kpis/definitions": () => ({ url: "/api/v1/kpis/definitions" }),
  "POST /api/v1/kpis/themes": (_w, c) => ({
    url: "/api/v1/kpis/themes",
    body: { number: (c.n % 80) + 10, name: "組合員との接点" },
  }),
  "PATCH /api/v1/kpis/themes/:id": (w) => ({
    url: `/api/v1/kpis/themes/${w.kpiTheme}`,
    body: { name: "お客さまの声を経営に活かします" },
  }),
  "POST /api/v1/kpis/themes/:id/retire": (w) => ({
    url: `/api/v1/kpis/themes/${w.kpiTheme}/retire`,
    body: { retired: false },
  }),
  "PATCH /api/v1/kpis/:id": (w) => ({ url: `/api/v1/kpis/${w.kpi}`, body: { target: "前年以上" } }),
  "GET /api/v1/kpis/settings": () => ({ url: "/api/v1/kpis/settings" }),
  "GET /api/v1/kpis/:id/history": (w) => ({ url: `/api/v1/kpis/${w.kpi}/history?year=2025` }),
  "PUT /api/v1/kpis/settings": async (w) => ({
    url: "/api/v1/kpis/settings",
    body: await w.make("GET", "/api/v1/kpis/settings"),
  }),
  "POST /api/v1/kpis/template": () => ({ url: "/api/v1/kpis/template", body: {} }),
  "POST /api/v1/kpis/:id/retire": (w) => ({ url: `/api/v1/kpis/${w.kpi}/retire`, body: { retired: false } }),
  "GET /api/v1/kpis/:id/value": (w) => ({ url: `/api/v1/kpis/${w.kpi}/value?year=2025` }),
  "PUT /api/v1/kpis/:id/entries": (w) => ({
    url: `/api/v1/kpis/${w.kpi}/entries?year=2025`,
    body: { value: 12, evidence: "相談会の記録" },
  }),

  "GET /api/v1/activities/labels": () => ({ url: "/api/v1/activities/labels" }),
  "POST /api/v1/activities/labels": (_w, c) => ({
    url: "/api/v1/activities/labels",
    body: { kind: "training_kind", code: `matrix_${c.n}`, name: `確認研修${c.n}` },
  }),
  "PATCH /api/v1/activities/labels/:id": (w) => ({
    url: `/api/v1/activities/labels/${w.activityLabel}`,
    body: { name: "確認研修" },
  }),
  "GET /api/v1/activities/staff": () => ({ url: "/api/v1/activities/staff" }),
  "POST /api/v1/activities/staff": () => ({
    url: "/api/v1/activities/staff",
    body: { name: "職員 十和子", employmentType: "full_time", fromDate: "2024-04-01" },
  }),
  "GET /api/v1/activities/trainings": () => ({ url: "/api/v1/activities/trainings" }),
  "POST /api/v1/activities/trainings": () => ({ url: "/api/v1/activities/trainings", body: TRAINING }),
  "DELETE /api/v1/activities/trainings/:id": async (w) => {
    const t = await w.make<{ id: number }>("POST", "/api/v1/activities/trainings", TRAINING);
    return { url: `/api/v1/activities/trainings/${t.id}` };
  },
  "PATCH /api/v1/activities/trainings/:id": async (w) => {
    const t = await w.make<{ id: number }>("POST", "/api/v1/activities/trainings", TRAINING);
    return { url: `/api/v1/activities/trainings/${t.id}`, body: { attendees: 21 } };
  },
  "GET /api/v1/activities/events": () => ({ url: "/api/v1/activities/events" }),
  "PATCH /api/v1/activities/events/:id": async (w) => {
    const e = await w.make<{ id: number }>("POST", "/api/v1/activities/events", EVENT);
    return { url: `/api/v1/activities/events/${e.id}`, body: { attendance: 44 } };
  },
  "POST /api/v1/activities/events": () => ({ url: "/api/v1/activities/events", body: EVENT }),
  "DELETE /api/v1/activities/events/:id": async (w) => {
    const e = await w.make<{ id: number }>("POST", "/api/v1/activities/events", EVENT);
    return { url: `/api/v1/activities/events/${e.id}` };
  },
  "GET /api/v1/activities/business-figures": () => ({ url: "/api/v1/activities/business-figures" }),
  "PUT /api/v1/activities/business-figures": () => ({
    url: "/api/v1/activities/business-figures",
    body: { rows: [{ month: "2026-10", metric: "consultations", numerator: 31 }] },
  }),
  "POST /api/v1/activities/business-figures/import": () => ({
    url: "/api/v1/activities/business-figures/import",
    raw: {
      contentType: "text/csv; charset=utf-8",
      data: "月,項目,種目,件数,満期件数\n2026-09,保障相談件数,,28,\n",
    },
  }),
  "GET /api/v1/activities/audits": () => ({ url: "/api/v1/activities/audits" }),
  "PUT /api/v1/activities/staff/:id": async (w) => {
    const body = { name: "職員 十和子", employmentType: "full_time", fromDate: "2024-04-01" };
    const made = await w.make<{ id: number }>("POST", "/api/v1/activities/staff", body);
    return { url: `/api/v1/activities/staff/${made.id}`, body: { ...body, name: "職員 十和子（異動）" } };
  },
  "DELETE /api/v1/activities/business-figures/:id": async (w, c) => {
    const month = `2025-${String((c.n % 12) + 1).padStart(2, "0")}`;
    await w.make("PUT", "/api/v1/activities/business-figures", {
      rows: [{ month, metric: "early_lapses", numerator: 1 }],
    });
    const list = await w.make<{ items: { id: number; month: string; metric: string }[] }>(
      "GET",
      "/api/v1/activities/business-figures?metric=early_lapses",
    );
    const figure = list.items.find((f) => f.month === month);
    return { url: `/api/v1/activities/business-figures/${figure?.id ?? 0}` };
  },
  "POST /api/v1/activities/audit-items/:id/improvement": async (w) => {
    const a = await w.make<{ id: number }>("POST", "/api/v1/activities/audits", AUDIT);
    const audits = await w.make<{ items: { id: number; items: { id: number }[] }[] }>(
      "GET",
      "/api/v1/activities/audits",
    );
    const item = audits.items.find((x) => x.id === a.id)?.items[0];
    return {
      url: `/api/v1/activities/audit-items/${item?.id ?? 0}/improvement`,
      body: { ownerDepartmentId: w.dept[OWN], dueDate: "2027-03-31" },
    };
  },
  "POST /api/v1/activities/audit-items/:id/improvement-link": async (w) => {
    const a = await w.make<{ id: number }>("POST", "/api/v1/activities/audits", AUDIT);
    const audits = await w.make<{ items: { id: number; items: { id: number }[] }[] }>(
      "GET",
      "/api/v1/activities/audits",
    );
    const item = audits.items.find((x) => x.id === a.id)?.items[0];
    return {
      url: `/api/v1/activities/audit-items/${item?.id ?? 0}/improvement-link`,
      body: { improvementId: w.improvement },
    };
  },
  "PATCH /api/v1/activities/audits/:id": async (w) => {
    const a = await w.make<{ id: number }>("POST", "/api/v1/activities/audits", AUDIT);
    return { url: `/api/v1/activities/audits/${a.id}`, body: { auditor: "内部監査室（再監査）" } };
  },
  "POST /api/v1/activities/audits": () => ({ url: "/api/v1/activities/audits", body: AUDIT }),
  "DELETE /api/v1/activities/audits/:id": async (w) => {
    const a = await w.make<{ id: number }>("POST", "/api/v1/activities/audits", AUDIT);
    return { url: `/api/v1/activities/audits/${a.id}` };
  },
  "GET /api/v1/activities/elderly-handlings": () => ({ url: "/api/v1/activities/elderly-handlings" }),
  "POST /api/v1/activities/elderly-handlings": () => ({
    url: "/api/v1/activities/elderly-handlings",
    body: {
      handledOn: "2026-11-02",
      customerRef: "契約 A-1029",
      staffName: "担当 花",
      measures: ["親族同席"],
    },
  }),
  "PATCH /api/v1/activities/elderly-handlings/:id": async (w) => {
    const h = await w.make<{ id: number }>("POST", "/api/v1/activities/elderly-handlings", ELDERLY);
    return { url: `/api/v1/activities/elderly-handlings/${h.id}`, body: { staffName: "担当 葵" } };
  },
  "DELETE /api/v1/activities/elderly-handlings/:id": async (w) => {
    const h = await w.make<{ id: number }>("POST", "/api/v1/activities/elderly-handlings", ELDERLY);
    return { url: `/api/v1/activities/elderly-handlings/${h.id}` };
  },
  "PATCH /api/v1/activities/intent-records/:id": async (w) => {
    const r = await w.make<{ id: number }>("POST", "/api/v1/activities/intent-records", INTENT);
    return { url: `/api/v1/activities/intent-records/${r.id}`, body: { finalIntent: "入院保障を厚く" } };
  },
  "DELETE /api/v1/activities/intent-records/:id": async (w) => {
    const r = await w.make<{ id: number }>("POST", "/api/v1/activities/intent-records", INTENT);
    return { url: `/api/v1/activities/intent-records/${r.id}` };
  },
  "GET /api/v1/activities/intent-records": () => ({ url: "/api/v1/activities/intent-records" }),
  "POST /api/v1/activities/intent-records": () => ({
    url: "/api/v1/activities/intent-records",
    body: { recordedOn: "2026-11-02", customerRef: "契約 A-1030", initialIntent: "入院保障を厚く" },
  }),

  "POST /api/v1/personal-data-requests/lookup": () => ({
    url: "/api/v1/personal-data-requests/lookup",
    body: { kind: "phone", value: CUSTOMERS[OWN].phone },
  }),
  "GET /api/v1/personal-data-requests": () => ({ url: "/api/v1/personal-data-requests" }),
  "POST /api/v1/personal-data-requests": () => ({
    url: "/api/v1/personal-data-requests",
    body: {
      kind: "stop_use",
      lookup: { kind: "email", value: "nobody-here@example.jp" },
      receivedOn: "2026-11-18",
    },
  }),
  "POST /api/v1/personal-data-requests/disclosure-file": () => ({
    url: "/api/v1/personal-data-requests/disclosure-file",
    body: { lookup: { kind: "phone", value: CUSTOMERS[OWN].phone }, receivedOn: "2026-11-18" },
  }),
} satisfies Record<RouteKey, Fixture>;

const SURVEY = satisfactionSurvey("保全対応時アンケート（確認用）", { kind: "members" });
const TRAINING = { heldOn: "2026-10-15", kind: "商品", title: "新商品説明会", attendees: 18 };
const EVENT = { heldOn: "2026-10-20", kind: "seminar", title: "くらしの保障セミナー", attendance: 40 };
const AUDIT = { heldOn: "2026-09-30", kind: "internal", auditor: "内部監査室", items: ["受付記録の徹底"] };
const ELDERLY = {
  handledOn: "2026-11-02",
  customerRef: "契約 A-1031",
  staffName: "担当 花",
  measures: ["親族同席"],
};
const INTENT = { recordedOn: "2026-11-02", customerRef: "契約 A-1032", initialIntent: "医療保障の見直し" };

/** A one-time survey link not yet answered. */
async function linkCode(w: World): Promise<string> {
  const made = await w.make<{ items: { code: string }[] }>("POST", `/api/v1/surveys/${w.survey.id}/links`, {
    respondents: [{ name: "組合員 一葉" }],
  });
  return made.items[0]?.code ?? "none";
}
/** The report and the review as they are now: allowed calls move their revision on. */
async function currentReport(w: World) {
  return w.make<{ revision: number; sections: { id: number; block: string }[] }>(
    "GET",
    `/api/v1/reports/${w.report}`,
  );
}
async function reviewVersion(w: World): Promise<number> {
  return (await w.make<{ version: number }>("GET", `/api/v1/reviews/${w.review}`)).version;
}

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
