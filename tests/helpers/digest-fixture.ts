/** A week of voices for the 声の日 digest tests: registered through the use case, dated relative to `now`. */
import { addCalendarDays, jstDate } from "../../src/domain/jst.js";
import { registerVoice } from "../../src/features/voices/register-voice.js";
import type { seedUsers } from "./api-client.js";
import type { TestDatabase } from "./test-database.js";

type Users = Awaited<ReturnType<typeof seedUsers>>;

/** Registers, for the week before `weekEnd` (a JST date): a thank-you naming 担当 次郎, a complaint and a request in
 * the call centre, a thank-you at the Tokyo branch; and one complaint received after the week (not in it). */
export async function seedDigestWeek(tdb: TestDatabase, users: Users, weekEnd: string) {
  const actor = { id: users.cs.id, role: "cs" as const, departmentId: users.cs.departmentId };
  const day = (n: number) => addCalendarDays(weekEnd, n).replaceAll("-", "/");
  const reg = (input: Record<string, unknown>) =>
    tdb.db.transaction().execute((trx) => registerVoice(trx, actor, { channel: "call_center", ...input }));
  const praise = await reg({
    receivedAt: `${day(-2)} 10:00`,
    type: "praise",
    category: "handling",
    department: "call_center",
    content: "コールセンターの担当次郎さんが、請求の書き方を丁寧に教えてくれて助かりました。",
  });
  const complaint = await reg({
    receivedAt: `${day(-3)} 15:30`,
    type: "complaint",
    category: "claim",
    department: "call_center",
    content: "共済金の支払いが遅れている理由の説明がなかった。",
  });
  await reg({
    receivedAt: `${day(-4)} 9:10`,
    type: "request",
    category: "servicing",
    department: "call_center",
    content: "住所変更をマイページでできるようにしてほしい。",
  });
  await reg({
    receivedAt: `${day(-1)} 11:00`,
    type: "praise",
    category: "handling",
    department: "tokyo_branch",
    content: "窓口の東京四郎さんの対応がとても感じがよかったです。",
  });
  return { praise, complaint, weekEndJst: jstDate(`${weekEnd}T00:00:00+09:00`) };
}
