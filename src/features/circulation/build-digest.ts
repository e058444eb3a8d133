/**
 * The weekly 声の日 digest of one department: the week's new voices, the thanks with the names of the staff
 * thanked, the open complaints, the overdue voices and insurer reports — as mail-ready Japanese text.
 * Other areas add a section (digest-sections.ts: the improvements completed in the week).
 */
import type { Db } from "../../db/database.js";
import { OPEN_STATUSES } from "../../domain/deadlines.js";
import { addCalendarDays, jstDate, jstToday } from "../../domain/jst.js";
import { COMPLAINT_TYPE_CODE, PRAISE_TYPE_CODE } from "../../domain/voice-workflow.js";
import { listInsurerReports } from "../insurer-reports/list-reports.js";
import { taxonomyIndex } from "../users-and-settings/taxonomy.js";
import { DIGEST_SECTIONS } from "./digest-sections.js";

export interface DigestPeriod {
  departmentId: number;
  /** [from, to) ISO instants */
  from: string;
  to: string;
  /** how many weekly periods [from, to) spans: more than 1 when catching up after downtime */
  weeks?: number;
  now: Date;
}

/** A section another area contributes (null = nothing this week). */
export type DigestSection = (db: Db, p: DigestPeriod) => Promise<string | null>;

const LIST_MAX = 10;

const excerpt = (s: string, n = 50) => {
  const c = Array.from(s.replace(/\s+/g, " ").trim());
  return c.length > n ? `${c.slice(0, n).join("")}…` : c.join("");
};
const md = (date: string) => `${Number(date.slice(5, 7))}/${Number(date.slice(8, 10))}`;

/** Staff named in a thank-you: a full name (spaces ignored) or a family name followed by さん/様. */
export function staffThanked(content: string, users: readonly { name: string }[]): string[] {
  const text = content.replace(/[\s\u3000]+/g, "");
  const names: string[] = [];
  for (const u of users) {
    const parts = u.name.trim().split(/[\s\u3000]+/);
    const full = parts.join("");
    const family = parts.length > 1 ? parts[0] : null;
    if (full.length >= 2 && text.includes(full)) names.push(u.name);
    else if (family && family.length >= 1 && new RegExp(`${family}(さん|様|さま)`).test(text))
      names.push(u.name);
  }
  return names;
}

export async function buildDigest(db: Db, p: DigestPeriod): Promise<{ title: string; body: string }> {
  const tax = await taxonomyIndex(db);
  const dept = tax.byId("department", p.departmentId);
  const typeName = (id: number) => tax.byId("type", id)?.name ?? "（不明）";
  const typeCode = (id: number) => tax.byId("type", id)?.code ?? "other";
  const today = jstToday(p.now);

  const week = await db
    .selectFrom("voices")
    .select(["id", "receipt_number", "type_id", "content", "assignee_id"])
    .where("department_id", "=", p.departmentId)
    .where("status", "!=", "voided")
    .where("received_at", ">=", p.from)
    .where("received_at", "<", p.to)
    .orderBy("received_at")
    .execute();
  const open = await db
    .selectFrom("voices")
    .select(["id", "receipt_number", "type_id", "content", "status", "acknowledge_by", "resolve_by"])
    .where("department_id", "=", p.departmentId)
    .where("status", "in", [...OPEN_STATUSES])
    .orderBy("received_at")
    .execute();
  const users = await db.selectFrom("users").select(["id", "name"]).where("active", "=", 1).execute();

  const lines: string[] = [];
  const byType = new Map<string, number>();
  for (const v of week) byType.set(typeName(v.type_id), (byType.get(typeName(v.type_id)) ?? 0) + 1);
  const breakdown = [...byType].map(([n, c]) => `${n} ${c}件`).join("・");
  lines.push(`■ 新しい声 ${week.length}件${breakdown ? `（${breakdown}）` : ""}`);
  for (const v of week.slice(0, LIST_MAX))
    lines.push(`　・${v.receipt_number} ${typeName(v.type_id)}: ${excerpt(v.content)}`);
  if (week.length > LIST_MAX) lines.push(`　ほか ${week.length - LIST_MAX}件`);

  const thanks = week.filter((v) => typeCode(v.type_id) === PRAISE_TYPE_CODE);
  lines.push("", `■ 感謝の声 ${thanks.length}件`);
  for (const v of thanks.slice(0, LIST_MAX)) {
    const named = staffThanked(v.content, users);
    const assignee = users.find((u) => u.id === v.assignee_id)?.name;
    const who = named.length > 0 ? named : assignee ? [assignee] : [];
    lines.push(
      `　・${v.receipt_number}: ${excerpt(v.content, 80)}${who.length ? `\n　　感謝された職員: ${who.join("、")}` : ""}`,
    );
  }

  const complaints = open.filter((v) => typeCode(v.type_id) === COMPLAINT_TYPE_CODE);
  lines.push("", `■ 未完了の苦情 ${complaints.length}件`);
  for (const v of complaints.slice(0, LIST_MAX)) lines.push(`　・${v.receipt_number}: ${excerpt(v.content)}`);

  const overdue = open.filter(
    (v) =>
      (v.resolve_by !== null && today > v.resolve_by) ||
      (v.status === "received" && v.acknowledge_by !== null && today > v.acknowledge_by),
  );
  const reports = (await listInsurerReports(db, null, { state: "overdue", now: p.now })).items.filter(
    (r) => r.department.id === p.departmentId,
  );
  lines.push(
    "",
    `■ 期限超過 ${overdue.length}件${reports.length ? `・保険会社への報告の期限超過 ${reports.length}件` : ""}`,
  );
  for (const v of overdue.slice(0, LIST_MAX))
    lines.push(`　・${v.receipt_number}（期限 ${v.resolve_by ?? v.acknowledge_by}）: ${excerpt(v.content)}`);
  for (const r of reports.slice(0, LIST_MAX))
    lines.push(`　・${r.receiptNumber} 保険会社への報告（期限 ${r.dueDate}）`);

  for (const section of DIGEST_SECTIONS) {
    const text = await section(db, p);
    if (text) lines.push("", text);
  }

  const from = jstDate(p.from);
  const to = addCalendarDays(jstDate(p.to), -1);
  const name = dept?.name ?? "部署";
  const weeks = p.weeks ?? 1;
  if (weeks > 1)
    return {
      title: `【声の日】${name}の前回以降の声（${md(from)}〜${md(to)}、${weeks}週分）`,
      body: `声の日のお知らせが${weeks - 1}回送れなかったため、前回以降${weeks}週分（${md(from)}〜${md(to)}）に受け付けた声と、対応中の声をまとめてお送りします。\n\n${lines.join("\n")}`,
    };
  return {
    title: `【声の日】${name}の今週の声（${md(from)}〜${md(to)}）`,
    body: `${name}の${md(from)}〜${md(to)}に受け付けた声と、対応中の声のまとめです。\n\n${lines.join("\n")}`,
  };
}
