/**
 * Meetings of a committee: created with attendees and koe's proposed agenda (a snapshot the secretary then edits),
 * read back with their decisions; the list shows each meeting's open decisions.
 */
import type { Db } from "../../db/database.js";
import { addCalendarDays } from "../../domain/jst.js";
import { type Actor, canRunCommittee } from "../../domain/roles.js";
import { AppError, forbidden, invalidInput, notFound } from "../../errors.js";
import { normalizeText } from "../../shared/normalize.js";
import type { ImprovementStatus } from "../improvements/contract.js";
import { OPEN_IMPROVEMENT_STATUSES } from "../improvements/improvement-workflow.js";
import { getCommittee, presentCommittee } from "./committees.js";
import type {
  AgendaEditInput,
  AgendaItem,
  AgendaKind,
  CreateMeetingInput,
  Decision,
  MeetingDetail,
  MeetingList,
  ProposedAgendaItem,
} from "./contract.js";
import { proposeAgenda } from "./propose-agenda.js";

/** Without an earlier meeting of the committee, the first agenda looks back this many days. */
const FIRST_LOOKBACK_DAYS = 30;

type StoredData = Omit<ProposedAgendaItem, "kind" | "title" | "body">;

export async function meetingWindow(db: Db, committeeId: number, heldOn: string, since?: string | null) {
  if (since) return { since, until: heldOn };
  const previous = await db
    .selectFrom("meetings")
    .where("committee_id", "=", committeeId)
    .where("held_on", "<", heldOn)
    .select("held_on")
    .orderBy("held_on", "desc")
    .executeTakeFirst();
  return {
    since: previous ? addCalendarDays(previous.held_on, 1) : addCalendarDays(heldOn, -FIRST_LOOKBACK_DAYS),
    until: heldOn,
  };
}

async function writeAttendees(trx: Db, meetingId: number, attendees: CreateMeetingInput["attendees"]) {
  const userIds = attendees.flatMap((a) => (a.userId ? [a.userId] : []));
  if (userIds.length > 0) {
    const found = new Set(
      (await trx.selectFrom("users").select("id").where("id", "in", userIds).execute()).map((u) => u.id),
    );
    const missing = userIds.filter((id) => !found.has(id));
    if (missing.length > 0)
      throw invalidInput({ attendees: `存在しないユーザーIDがあります（${missing.join(", ")}）` });
  }
  await trx.deleteFrom("meeting_attendees").where("meeting_id", "=", meetingId).execute();
  await trx
    .insertInto("meeting_attendees")
    .values(
      attendees.map((a, i) => ({
        meeting_id: meetingId,
        position: i + 1,
        name: normalizeText(a.name),
        user_id: a.userId ?? null,
      })),
    )
    .execute();
}

export async function createMeeting(trx: Db, actor: Actor, input: CreateMeetingInput, now = new Date()) {
  if (!canRunCommittee(actor)) throw forbidden();
  const committee = await trx
    .selectFrom("committees")
    .select(["id", "active"])
    .where("id", "=", input.committeeId)
    .executeTakeFirst();
  if (!committee) throw invalidInput({ committeeId: `委員会（ID ${input.committeeId}）は存在しません` });
  if (!committee.active) throw invalidInput({ committeeId: "この委員会は無効になっています" });
  const window = await meetingWindow(trx, input.committeeId, input.heldOn, input.since);
  if (window.since > window.until)
    throw invalidInput({ since: "議題の対象期間の開始日は開催日以前にしてください" });
  const proposal = await proposeAgenda(trx, actor, window, now);
  const at = now.toISOString();
  const m = await trx
    .insertInto("meetings")
    .values({
      committee_id: input.committeeId,
      held_on: input.heldOn,
      since: window.since,
      notes: null,
      created_by: actor.id,
      created_at: at,
      updated_at: at,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  await writeAttendees(trx, m.id, input.attendees);
  if (proposal.items.length > 0)
    await trx
      .insertInto("meeting_agenda_items")
      .values(
        proposal.items.map(({ kind, title, body, ...data }, i) => ({
          meeting_id: m.id,
          position: i + 1,
          kind,
          title,
          body,
          data: JSON.stringify(data),
        })),
      )
      .execute();
  return m.id;
}

const EMPTY_DATA: StoredData = { count: 0, voices: [], voiceIds: [], words: [], improvements: [] };

/** The decisions of some meetings, with their improvement's state. */
async function decisionsOf(db: Db, meetingIds: number[]) {
  if (meetingIds.length === 0) return [];
  const rows = await db
    .selectFrom("meeting_decisions as md")
    .leftJoin("improvements as i", "i.id", "md.improvement_id")
    .leftJoin("departments as d", "d.id", "i.owner_department_id")
    .leftJoin("users as o", "o.id", "i.owner_user_id")
    .where("md.meeting_id", "in", meetingIds)
    .select([
      "md.id",
      "md.meeting_id",
      "md.agenda_item_id",
      "md.text",
      "md.created_at",
      "i.id as improvement_id",
      "i.title",
      "i.status",
      "i.due_date",
      "i.completed_on",
      "i.owner_department_id",
      "d.code as dept_code",
      "d.name as dept_name",
      "i.owner_user_id",
      "o.name as owner_name",
    ])
    .orderBy("md.id")
    .execute();
  return rows.map((r) => {
    const status = r.status as ImprovementStatus | null;
    const decision: Decision = {
      id: r.id,
      agendaItemId: r.agenda_item_id,
      text: r.text,
      improvement:
        r.improvement_id === null || status === null
          ? null
          : {
              id: r.improvement_id,
              title: r.title ?? "",
              status,
              dueDate: r.due_date ?? "",
              completedOn: r.completed_on,
              ownerDepartment: {
                id: r.owner_department_id ?? 0,
                code: r.dept_code ?? "",
                name: r.dept_name ?? "",
              },
              owner: r.owner_user_id === null ? null : { id: r.owner_user_id, name: r.owner_name ?? "" },
            },
      open: status !== null && OPEN_IMPROVEMENT_STATUSES.includes(status),
      createdAt: r.created_at,
    };
    return { meetingId: r.meeting_id, decision };
  });
}

export async function getMeeting(db: Db, id: number): Promise<MeetingDetail> {
  const m = await db.selectFrom("meetings").selectAll().where("id", "=", id).executeTakeFirst();
  if (!m) throw notFound("委員会の開催");
  const [committee, attendees, agenda, decisions] = await Promise.all([
    getCommittee(db, m.committee_id),
    db
      .selectFrom("meeting_attendees")
      .select(["name", "user_id"])
      .where("meeting_id", "=", id)
      .orderBy("position")
      .execute(),
    db
      .selectFrom("meeting_agenda_items")
      .selectAll()
      .where("meeting_id", "=", id)
      .orderBy("position")
      .execute(),
    decisionsOf(db, [id]),
  ]);
  return {
    id: m.id,
    committee,
    heldOn: m.held_on,
    since: m.since,
    notes: m.notes,
    attendees: attendees.map((a) => ({ name: a.name, userId: a.user_id })),
    agenda: agenda.map(
      (a): AgendaItem => ({
        ...EMPTY_DATA,
        ...(JSON.parse(a.data) as Partial<StoredData>),
        id: a.id,
        position: a.position,
        kind: a.kind as AgendaKind,
        title: a.title,
        body: a.body,
      }),
    ),
    decisions: decisions.map((d) => d.decision),
    createdAt: m.created_at,
    updatedAt: m.updated_at,
  };
}

export async function listMeetings(db: Db, q: { committeeId?: number | undefined }): Promise<MeetingList> {
  let base = db
    .selectFrom("meetings as m")
    .innerJoin("committees as c", "c.id", "m.committee_id")
    .select([
      "m.id",
      "m.held_on",
      "c.id as committee_id",
      "c.name",
      "c.description",
      "c.active",
      (eb) =>
        eb
          .selectFrom("meeting_attendees as a")
          .whereRef("a.meeting_id", "=", "m.id")
          .select((e) => e.fn.countAll<number>().as("n"))
          .as("attendees"),
      (eb) =>
        eb
          .selectFrom("meeting_agenda_items as ai")
          .whereRef("ai.meeting_id", "=", "m.id")
          .select((e) => e.fn.countAll<number>().as("n"))
          .as("agenda"),
    ]);
  if (q.committeeId !== undefined) base = base.where("m.committee_id", "=", q.committeeId);
  const rows = await base.orderBy("m.held_on", "desc").orderBy("m.id", "desc").limit(200).execute();
  const decisions = await decisionsOf(
    db,
    rows.map((r) => r.id),
  );
  return {
    items: rows.map((r) => {
      const mine = decisions.filter((d) => d.meetingId === r.id).map((d) => d.decision);
      return {
        id: r.id,
        committee: presentCommittee({
          id: r.committee_id,
          name: r.name,
          description: r.description,
          active: r.active,
        }),
        heldOn: r.held_on,
        attendeeCount: Number(r.attendees ?? 0),
        agendaCount: Number(r.agenda ?? 0),
        decisionCount: mine.length,
        openDecisions: mine.filter((d) => d.open),
      };
    }),
  };
}

/**
 * The secretary's edit: the agenda's items in their new order (an existing id keeps what koe found for it; an item
 * without id is the secretary's own), the minutes' notes and the attendees. An item with decisions stays.
 */
export async function editAgenda(
  trx: Db,
  actor: Actor,
  id: number,
  input: AgendaEditInput,
  now = new Date(),
) {
  if (!canRunCommittee(actor)) throw forbidden();
  await getMeeting(trx, id);
  const existing = await trx
    .selectFrom("meeting_agenda_items")
    .select("id")
    .where("meeting_id", "=", id)
    .execute();
  const have = new Set(existing.map((e) => e.id));
  const unknown = input.items.filter((i) => i.id && !have.has(i.id));
  if (unknown.length > 0)
    throw invalidInput({
      items: `この開催にない議題のIDがあります（${unknown.map((u) => u.id).join(", ")}）`,
    });
  const kept = new Set(input.items.flatMap((i) => (i.id ? [i.id] : [])));
  const removed = [...have].filter((h) => !kept.has(h));
  if (removed.length > 0) {
    const decided = await trx
      .selectFrom("meeting_decisions")
      .select("agenda_item_id")
      .where("agenda_item_id", "in", removed)
      .executeTakeFirst();
    if (decided)
      throw new AppError("conflict", "決定事項が記録された議題は削除できません", {
        items: `議題（ID ${decided.agenda_item_id}）には決定事項があります`,
      });
    await trx.deleteFrom("meeting_agenda_items").where("id", "in", removed).execute();
  }
  for (const [i, it] of input.items.entries()) {
    const title = normalizeText(it.title);
    const body = normalizeText(it.body ?? "");
    if (it.id) {
      await trx
        .updateTable("meeting_agenda_items")
        .set({ position: i + 1, title, body })
        .where("id", "=", it.id)
        .execute();
    } else {
      await trx
        .insertInto("meeting_agenda_items")
        .values({
          meeting_id: id,
          position: i + 1,
          kind: "other",
          title,
          body,
          data: JSON.stringify(EMPTY_DATA),
        })
        .execute();
    }
  }
  if (input.attendees) await writeAttendees(trx, id, input.attendees);
  const patch: { updated_at: string; notes?: string | null } = { updated_at: now.toISOString() };
  if (input.notes !== undefined) patch.notes = input.notes ? normalizeText(input.notes) : null;
  await trx.updateTable("meetings").set(patch).where("id", "=", id).execute();
}
