/**
 * The access matrix's world (tests/api/access-matrix.test.ts) as every area's calls see it: the callers and their
 * departments, the customers whose details must not leak, the records the calls aim at, and a call's shape.
 */
import type { Actor } from "../../../src/domain/roles.js";
import { ROLES, type Role } from "../../../src/shared/api-contract.js";

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

export const today = "2026-11-20";
export const voiceBody = (department: string) => ({
  receivedAt: "2026/11/16 10:30",
  channel: "call_center",
  type: "complaint",
  category: "handling",
  department,
  content: "共済金の請求書類を送ったのに二週間たっても連絡がなく、問い合わせても担当者が不在と言われました。",
  remedySought: "手続きの状況を説明してほしい",
  customer: CUSTOMERS[department as CustomerDepartment],
});
