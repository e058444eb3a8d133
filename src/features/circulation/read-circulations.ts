/** A user's circulations (received or sent) and one circulation with its voices, who read it and the comments. */
import type { Db } from "../../db/database.js";
import { type Actor, canSeeCirculation } from "../../domain/roles.js";
import { forbidden, notFound } from "../../errors.js";
import type { ImprovementStatus } from "../improvements/contract.js";
import { taxonomyIndex } from "../users-and-settings/taxonomy.js";
import { presentSummary, VOICE_ROW_COLUMNS } from "../voices/voice-presenter.js";
import type { CirculationDetail, CirculationList, CirculationSummary } from "./contract.js";

type CirculationRow = {
  id: number;
  title: string;
  sender_id: number;
  sender_name: string;
  created_at: string;
  remind_after_days: number | null;
};

async function summaries(db: Db, actor: Actor, rows: CirculationRow[]): Promise<CirculationSummary[]> {
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [recipients, voices, improvements] = await Promise.all([
    db
      .selectFrom("circulation_recipients")
      .select(["circulation_id", "user_id", "read_at"])
      .where("circulation_id", "in", ids)
      .execute(),
    db
      .selectFrom("circulation_voices")
      .select(["circulation_id"])
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("circulation_id", "in", ids)
      .groupBy("circulation_id")
      .execute(),
    db
      .selectFrom("circulation_improvements as ci")
      .innerJoin("improvements as i", "i.id", "ci.improvement_id")
      .select(["ci.circulation_id", "i.id", "i.title", "i.status", "i.due_date", "i.completed_on"])
      .where("ci.circulation_id", "in", ids)
      .execute(),
  ]);
  return rows.map((r) => {
    const mine = recipients.filter((x) => x.circulation_id === r.id);
    const me = mine.find((x) => x.user_id === actor.id);
    const imp = improvements.find((i) => i.circulation_id === r.id);
    return {
      id: r.id,
      title: r.title,
      sender: { id: r.sender_id, name: r.sender_name },
      createdAt: r.created_at,
      voiceCount: Number(voices.find((v) => v.circulation_id === r.id)?.n ?? 0),
      improvement: imp
        ? {
            id: imp.id,
            title: imp.title,
            status: imp.status as ImprovementStatus,
            dueDate: imp.due_date,
            completedOn: imp.completed_on,
          }
        : null,
      recipientCount: mine.length,
      readCount: mine.filter((x) => x.read_at !== null).length,
      myReadAt: me?.read_at ?? null,
      isRecipient: me !== undefined,
      remindAfterDays: r.remind_after_days,
    };
  });
}

/** What a recipient reads of the improvement sent round: no personal data (the voices are counted, not shown). */
async function improvementDetail(db: Db, improvementId: number) {
  const i = await db
    .selectFrom("improvements as i")
    .innerJoin("departments as d", "d.id", "i.owner_department_id")
    .select(["i.problem", "i.result", "d.name as department"])
    .where("i.id", "=", improvementId)
    .executeTakeFirstOrThrow();
  const n = await db
    .selectFrom("improvement_voices")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("improvement_id", "=", improvementId)
    .executeTakeFirstOrThrow();
  return { problem: i.problem, result: i.result, ownerDepartment: i.department, voiceCount: Number(n.n) };
}

function baseQuery(db: Db) {
  return db
    .selectFrom("circulations as c")
    .innerJoin("users as s", "s.id", "c.sender_id")
    .select([
      "c.id",
      "c.title",
      "c.sender_id",
      "s.name as sender_name",
      "c.created_at",
      "c.remind_after_days",
    ]);
}

export async function listCirculations(
  db: Db,
  actor: Actor,
  box: "received" | "sent",
): Promise<CirculationList> {
  let q = baseQuery(db);
  q =
    box === "sent"
      ? q.where("c.sender_id", "=", actor.id)
      : q.where("c.id", "in", (eb) =>
          eb.selectFrom("circulation_recipients").select("circulation_id").where("user_id", "=", actor.id),
        );
  const rows = await q.orderBy("c.id", "desc").limit(200).execute();
  return { items: await summaries(db, actor, rows) };
}

export async function getCirculation(db: Db, actor: Actor, id: number): Promise<CirculationDetail> {
  const row = await baseQuery(db)
    .select(["c.message", "c.note", "c.voice_query"])
    .where("c.id", "=", id)
    .executeTakeFirst();
  if (!row) throw notFound("回覧");
  const recipients = await db
    .selectFrom("circulation_recipients as r")
    .innerJoin("users as u", "u.id", "r.user_id")
    .leftJoin("departments as d", "d.id", "u.department_id")
    .select(["r.user_id", "u.name", "d.name as department", "r.read_at", "r.reminded_at"])
    .where("r.circulation_id", "=", id)
    .orderBy("d.sort_order")
    .orderBy("u.id")
    .execute();
  if (!canSeeCirculation(actor, { senderId: row.sender_id, recipientIds: recipients.map((r) => r.user_id) }))
    throw forbidden("この回覧の宛先ではないため表示できません");
  const [summary] = await summaries(db, actor, [row]);
  const tax = await taxonomyIndex(db);
  const now = new Date();
  const voiceRows = await db
    .selectFrom("circulation_voices as cv")
    .innerJoin("voices as v", "v.id", "cv.voice_id")
    .leftJoin("users as a", "a.id", "v.assignee_id")
    .select(VOICE_ROW_COLUMNS)
    .where("cv.circulation_id", "=", id)
    .orderBy("cv.position")
    .execute();
  const comments = await db
    .selectFrom("circulation_comments as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .select(["m.id", "m.user_id", "u.name", "m.body", "m.created_at"])
    .where("m.circulation_id", "=", id)
    .orderBy("m.id")
    .execute();
  if (!summary) throw notFound("回覧");
  return {
    ...summary,
    message: row.message,
    improvementDetail: summary.improvement ? await improvementDetail(db, summary.improvement.id) : null,
    note: row.note,
    voiceQuery: row.voice_query,
    voices: voiceRows.map((v) => presentSummary(v, tax, now)),
    recipients: recipients.map((r) => ({
      user: { id: r.user_id, name: r.name },
      department: r.department,
      readAt: r.read_at,
      remindedAt: r.reminded_at,
    })),
    notRead: recipients.filter((r) => r.read_at === null).map((r) => ({ id: r.user_id, name: r.name })),
    comments: comments.map((c) => ({
      id: c.id,
      user: { id: c.user_id, name: c.name },
      body: c.body,
      createdAt: c.created_at,
    })),
  };
}
