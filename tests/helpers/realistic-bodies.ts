/**
 * Field hints for generating request bodies that a handler accepts (zod-arbitrary.ts's `FieldHints`): ids of the
 * property world's departments, users and voices, its label codes, dates in the range koe takes, and the text staff
 * write. The property suites mostly send refused bodies; these let a share of them through to the handlers' inner paths.
 */
import fc from "fast-check";
import type { z } from "zod";
import type { Db } from "../../src/db/database.js";
import { satisfactionQuestions } from "./satisfaction-survey.js";
import type { FieldHints } from "./zod-arbitrary.js";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface WorldRefs {
  departmentIds: number[];
  departmentCodes: string[];
  userIds: number[];
  voiceIds: number[];
  /** label codes by the body's key (channel, type, category, productLine) */
  labelCodes: Record<string, string[]>;
}

const LABEL_KIND_OF_KEY: Record<string, string> = {
  channel: "channel",
  type: "type",
  category: "category",
  productLine: "product_line",
};

export async function worldRefs(db: Db): Promise<WorldRefs> {
  const [departments, users, voices, labels] = await Promise.all([
    db.selectFrom("departments").select(["id", "code"]).execute(),
    db.selectFrom("users").select("id").where("active", "=", 1).execute(),
    db.selectFrom("voices").select("id").where("status", "!=", "voided").execute(),
    db.selectFrom("taxonomy_labels").select(["kind", "code"]).where("active", "=", 1).execute(),
  ]);
  const labelCodes: Record<string, string[]> = {};
  for (const [key, kind] of Object.entries(LABEL_KIND_OF_KEY)) {
    const codes = labels.filter((l) => l.kind === kind).map((l) => l.code);
    if (codes.length) labelCodes[key] = codes;
  }
  return {
    departmentIds: departments.map((d) => d.id),
    departmentCodes: departments.map((d) => d.code),
    userIds: users.map((u) => u.id),
    voiceIds: voices.map((v) => v.id),
    labelCodes,
  };
}

const pad = (n: number) => String(n).padStart(2, "0");
const DAY = 86_400_000;
const today = Date.now();
/** A day of the last year and a half (past, inside the fiscal years koe reports). */
const pastDay = fc.date({
  min: new Date(today - 540 * DAY),
  max: new Date(today - 2 * DAY),
  noInvalidDate: true,
});
const isoDay = pastDay.map((d) => d.toISOString().slice(0, 10));
/** As staff type a reception time: 2025/6/2 9:15 */
const receptionTime = pastDay.map(
  (d) =>
    `${d.getUTCFullYear()}/${d.getUTCMonth() + 1}/${d.getUTCDate()} ${d.getUTCHours()}:${pad(d.getUTCMinutes())}`,
);
const futureDay = fc
  .date({ min: new Date(today + 7 * DAY), max: new Date(today + 365 * DAY), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));

const SENTENCES = [
  "窓口で長時間待たされたうえ、説明も不十分でした。",
  "掛金の引落日を月末から25日に変更できるようにしてほしい。",
  "事故受付の担当の方がとても親身で、安心できました。",
  "共済金の請求書類が多く、記入の仕方がわかりにくい。",
  "コールセンターの電話が何度かけてもつながらなかった。",
  "住所変更の手続きがホームページからできるようにしてほしい。",
  "満期のお知らせが届くのが遅く、手続きが間に合わなかった。",
];
const sentence = fc.constantFrom(...SENTENCES);
const TEXT_POOLS: Record<string, string[]> = {
  title: ["電話がつながりにくい時間帯の解消", "請求書類の記入例の見直し", "住所変更のオンライン受付"],
  problem: SENTENCES,
  method: ["電話", "書面", "訪問", "メール"],
  reason: ["お客さまから再度のお申し出があったため", "登録の誤りのため取り消します"],
  // the training kinds koe ships with (activity labels)
  kind: ["実務", "商品", "マナー", "コンプライアンス", "その他"],
  label: ["今回の対応に満足されましたか"],
  theme: ["電話のつながりにくさ"],
};

const CUSTOMERS: Json[] = [
  null,
  {
    name: "山田 花子",
    kana: "ヤマダ ハナコ",
    phone: "090-1234-5678",
    prefecture: "福井県",
    ageBand: "40代",
    gender: "女性",
  },
  { name: "佐藤 一郎", email: "sato.ichiro@example.jp", memberNumber: "M-204611", prefecture: "東京都" },
  { name: "髙橋 美咲", phone: "03-5555-0101", address: "大阪府大阪市北区梅田1-1-1", ageBand: "70代" },
];

const QUESTIONS: Json[] = satisfactionQuestions({ channel: true });

const enumOrLiteral = (schema: z.core.$ZodType) => {
  const type = (schema._zod.def as { type: string }).type;
  return type === "enum" || type === "literal";
};
const accepts = (schema: z.core.$ZodType, value: unknown) => (schema as z.ZodType).safeParse(value).success;

/** Hints for the world's references; keys not named here are generated from their schema. */
export function realisticHints(refs: WorldRefs): FieldHints {
  const some = <T extends Json>(values: T[]) => (values.length ? fc.constantFrom(...values) : undefined);
  return (key, schema) => {
    if (enumOrLiteral(schema)) return undefined;
    const codes = refs.labelCodes[key];
    if (codes) return fc.constantFrom(...codes);
    switch (key) {
      case "receivedAt":
        return receptionTime;
      case "department":
        return accepts(schema, refs.departmentCodes[0]) ? some(refs.departmentCodes) : undefined;
      case "departmentId":
      case "ownerDepartmentId":
        return some(refs.departmentIds);
      case "assigneeId":
      case "ownerUserId":
        return fc.oneof(fc.constant(null), fc.constantFrom(...refs.userIds));
      case "voiceIds":
        return fc.subarray(refs.voiceIds, { maxLength: Math.min(3, refs.voiceIds.length) });
      case "insightIds":
      case "breakdown":
      case "qualifications":
        return fc.constant([]);
      case "customer":
        return fc.constantFrom(...CUSTOMERS);
      case "heldOn":
      case "fromDate":
      case "acquiredOn":
      case "respondedAt":
        return isoDay;
      case "opensOn":
        return isoDay;
      case "dueDate":
        return futureDay;
      case "toDate":
      case "expiresOn":
      case "closesOn":
      case "answeredAt":
      case "answerId":
        return fc.constant(null);
      case "website":
        // the public forms' honeypot: a person leaves it empty
        return fc.constant("");
      case "attendance":
      case "attendees":
        return fc.integer({ min: 0, max: 200 });
      case "value":
        return fc.oneof(fc.constant(null), fc.integer({ min: 0, max: 100 }));
      case "classification":
        // the classifier's suggestion as the form sends it back: none
        return accepts(schema, null) ? fc.constant(null) : undefined;
      case "isPublic":
        return fc.constant(false);
      case "questions":
        return fc.constant(QUESTIONS);
      case "answers":
        return fc.record({
          overall: fc.integer({ min: 1, max: 5 }),
          channel: fc.subarray(["電話", "窓口", "ホームページ"]),
          comment: sentence,
        });
      case "respondent":
        return fc.constantFrom(null, { ageBand: "40代", prefecture: "福井県" });
      case "name":
        return fc.constantFrom("2025年度 事故対応アンケート", "山本 真由美", "中村 健太");
      case "kind":
        return accepts(schema, 1) ? fc.constant("servicing") : fc.constantFrom(...(TEXT_POOLS.kind ?? []));
      default:
        break;
    }
    // any other date (reportedAt, decidedOn, …): a past day, where the schema takes text
    if (/(At|On|Date)$/.test(key) && accepts(schema, "2025-06-17")) return isoDay;
    const pool = TEXT_POOLS[key];
    if (pool && accepts(schema, pool[0])) return fc.constantFrom(...pool);
    // any other text field: a sentence staff would write, where the schema takes one
    if (accepts(schema, SENTENCES[0])) return sentence;
    return undefined;
  };
}
