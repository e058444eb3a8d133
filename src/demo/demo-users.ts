/** The demo's staff accounts: one per role, and a lead and a staff member for every department. */
import type { Db } from "../db/database.js";
import { createUser } from "../features/users-and-settings/users.js";

export const DEMO_PASSWORD = "koe-demo-2025";

export interface DemoUser {
  email: string;
  name: string;
  role: "admin" | "cs" | "lead" | "staff" | "viewer";
  departmentCode: string | null;
}

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
  "松本",
  "井上",
  "木村",
  "林",
  "清水",
  "山崎",
  "森",
  "池田",
  "橋本",
  "阿部",
];
const GIVEN = [
  "美咲",
  "健太",
  "陽子",
  "大輔",
  "由美",
  "翔太",
  "恵子",
  "誠",
  "真理",
  "拓也",
  "直子",
  "亮",
  "裕子",
  "浩二",
  "香織",
  "和也",
  "智子",
  "聡",
  "綾",
  "修",
];

/** The i-th demo person's name (staff accounts and the staff roster draw from the same names). */
export const demoPersonName = (i: number) =>
  `${SURNAMES[i % SURNAMES.length]} ${GIVEN[(i * 7) % GIVEN.length]}`;

export function demoUsers(departmentCodes: readonly string[]): DemoUser[] {
  const users: DemoUser[] = [
    { email: "admin@demo.koe.jp", name: "管理 太郎", role: "admin", departmentCode: null },
    { email: "cs@demo.koe.jp", name: "相談 花子", role: "cs", departmentCode: "cs" },
    { email: "cs2@demo.koe.jp", name: "分析 次郎", role: "cs", departmentCode: "cs" },
    { email: "viewer@demo.koe.jp", name: "閲覧 三郎", role: "viewer", departmentCode: null },
  ];
  let i = 0;
  for (const code of departmentCodes) {
    const name = () => demoPersonName(i++);
    users.push({
      email: `lead.${code}@demo.koe.jp`.replace(/_/g, "-"),
      name: name(),
      role: "lead",
      departmentCode: code,
    });
    users.push({
      email: `staff.${code}@demo.koe.jp`.replace(/_/g, "-"),
      name: name(),
      role: "staff",
      departmentCode: code,
    });
  }
  return users;
}

/** Creates the demo accounts the database does not have yet; returns every demo user's id by e-mail. */
export async function addDemoUsers(db: Db, users: readonly DemoUser[]): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const u of users) {
    const found = await db.selectFrom("users").select("id").where("email", "=", u.email).executeTakeFirst();
    const id =
      found?.id ??
      (
        await createUser(db, {
          email: u.email,
          name: u.name,
          role: u.role,
          departmentCode: u.departmentCode,
          password: DEMO_PASSWORD,
        })
      ).id;
    ids.set(u.email, id);
  }
  return ids;
}
