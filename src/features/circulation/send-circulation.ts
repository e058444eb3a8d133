/**
 * Sends a 回覧: resolves the voices (hand-picked ids, or the voice list's query as the sender sees it now), the
 * improvement sent round (if any) and the recipients (departments, roles, users; active users only, the sender left out), then writes the circulation,
 * its voices, its recipients and their "circulation received" notifications in the caller's transaction.
 * Any unknown id or an empty result is a 400 naming the field, and nothing is written.
 */
import type { Db } from "../../db/database.js";
import { type Actor, canSendCirculation, usersInRoles } from "../../domain/roles.js";
import { AppError, invalidInput } from "../../errors.js";
import { voiceListQuerySchema } from "../../shared/voice-list-query.js";
import { notify } from "../notifications/notify.js";
import { activeUsers } from "../notifications/users.js";
import { listVoices } from "../voices/list-voices.js";
import type { SendCirculationInput } from "./contract.js";

const MAX_VOICES = 200;

async function resolveVoiceIds(
  db: Db,
  actor: Actor,
  input: SendCirculationInput,
  fields: Record<string, string>,
) {
  const ids = [...new Set(input.voiceIds ?? [])];
  if (ids.length > 0) {
    const found = new Set(
      (await db.selectFrom("voices").select("id").where("id", "in", ids).execute()).map((v) => v.id),
    );
    const missing = ids.filter((id) => !found.has(id));
    if (missing.length > 0) fields.voiceIds = `ID ${missing.slice(0, 5).join("、")} の声が見つかりません`;
  }
  if (input.voiceQuery) {
    const params = Object.fromEntries(new URLSearchParams(input.voiceQuery.replace(/^\?/, "")));
    const parsed = voiceListQuerySchema.safeParse(params);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      fields.voiceQuery = `声の絞り込みが正しくありません（${String(issue?.path[0] ?? "")}: ${issue?.message ?? ""}）`;
    } else {
      const list = await listVoices(db, actor, { ...parsed.data, page: 1, limit: MAX_VOICES });
      if (list.items.length === 0) fields.voiceQuery = "この絞り込みに当てはまる声がありません";
      for (const v of list.items) if (!ids.includes(v.id)) ids.push(v.id);
    }
  }
  if (ids.length > MAX_VOICES) fields.voiceIds = `一度に回覧できる声は${MAX_VOICES}件までです`;
  return ids;
}

export async function sendCirculation(
  db: Db,
  actor: Actor,
  input: SendCirculationInput,
  at: string,
): Promise<number> {
  if (!canSendCirculation(actor)) throw new AppError("forbidden", "閲覧者は回覧を送れません");
  const fields: Record<string, string> = {};
  const voiceIds = await resolveVoiceIds(db, actor, input, fields);
  const improvement = input.improvementId
    ? await db
        .selectFrom("improvements")
        .select(["id", "title"])
        .where("id", "=", input.improvementId)
        .executeTakeFirst()
    : undefined;
  if (input.improvementId && !improvement)
    fields.improvementId = `ID ${input.improvementId} の改善課題が見つかりません`;
  if (voiceIds.length === 0 && !input.note && !input.voiceQuery && !input.improvementId && !fields.voiceIds)
    fields.voiceIds =
      "回覧する声（voiceIds か voiceQuery）、改善課題（improvementId）、お知らせ文（note）のいずれかを指定してください";

  const users = await activeUsers(db);
  const byId = new Map(users.map((u) => [u.id, u]));
  const recipients = new Set<number>();
  const deptIds = [...new Set(input.to.departmentIds ?? [])];
  if (deptIds.length > 0) {
    const known = new Set(
      (await db.selectFrom("departments").select("id").where("id", "in", deptIds).execute()).map((d) => d.id),
    );
    const missing = deptIds.filter((id) => !known.has(id));
    if (missing.length > 0) fields["to.departmentIds"] = `ID ${missing.join("、")} の部署が見つかりません`;
    for (const u of users)
      if (u.departmentId !== null && deptIds.includes(u.departmentId)) recipients.add(u.id);
  }
  for (const u of usersInRoles(users, input.to.roles ?? [])) recipients.add(u.id);
  const userIds = [...new Set(input.to.userIds ?? [])];
  const unknownUsers = userIds.filter((id) => !byId.has(id));
  if (unknownUsers.length > 0)
    fields["to.userIds"] =
      `ID ${unknownUsers.slice(0, 5).join("、")} の職員が見つかりません（無効な職員を含む）`;
  for (const id of userIds) if (byId.has(id)) recipients.add(id);
  recipients.delete(actor.id);
  if (recipients.size === 0 && !fields["to.departmentIds"] && !fields["to.userIds"])
    fields.to =
      "宛先に該当する職員がいません（部署・役割・職員のいずれかで、自分以外の有効な職員を指定してください）";
  if (Object.keys(fields).length > 0) throw invalidInput(fields);

  const [row] = await db
    .insertInto("circulations")
    .values({
      sender_id: actor.id,
      title: input.title,
      message: input.message,
      note: input.note || null,
      voice_query: input.voiceQuery || null,
      remind_after_days: input.remindAfterDays ?? null,
      created_at: at,
    })
    .returning("id")
    .execute();
  if (!row) throw new Error("circulation not stored");
  const id = row.id;
  if (voiceIds.length > 0)
    await db
      .insertInto("circulation_voices")
      .values(voiceIds.map((voiceId, position) => ({ circulation_id: id, voice_id: voiceId, position })))
      .execute();
  if (improvement)
    await db
      .insertInto("circulation_improvements")
      .values({ circulation_id: id, improvement_id: improvement.id })
      .execute();
  const to = [...recipients];
  await db
    .insertInto("circulation_recipients")
    .values(to.map((userId) => ({ circulation_id: id, user_id: userId, read_at: null, reminded_at: null })))
    .execute();
  const sender = byId.get(actor.id)?.name ?? "";
  const attached = [
    voiceIds.length > 0 ? `声 ${voiceIds.length}件` : null,
    improvement ? `改善課題「${improvement.title}」` : null,
  ].filter(Boolean);
  const what = attached.length > 0 ? `（${attached.join("・")}）` : "";
  await notify(
    db,
    to.map((userId) => ({
      userId,
      kind: "circulation_received" as const,
      title: `回覧「${input.title}」が届きました`,
      body: `${sender}さんから${what}: ${input.message}\n内容を確認したら「既読にする」を押してください。`,
      link: `/circulations/${id}`,
    })),
    at,
  );
  return id;
}
