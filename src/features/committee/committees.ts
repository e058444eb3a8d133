/** Committees (本部 / 統括本部 / 推進本部 …), defined by admins. */
import type { Db } from "../../db/database.js";
import { AppError, notFound } from "../../errors.js";
import { normalizeText } from "../../shared/normalize.js";
import type { Committee, CreateCommitteeInput, UpdateCommitteeInput } from "./contract.js";

type Row = { id: number; name: string; description: string | null; active: number | boolean };
export const presentCommittee = (r: Row): Committee => ({
  id: r.id,
  name: r.name,
  description: r.description,
  active: Boolean(r.active),
});

export async function listCommittees(db: Db): Promise<Committee[]> {
  const rows = await db.selectFrom("committees").selectAll().orderBy("id").execute();
  return rows.map(presentCommittee);
}

export async function getCommittee(db: Db, id: number): Promise<Committee> {
  const r = await db.selectFrom("committees").selectAll().where("id", "=", id).executeTakeFirst();
  if (!r) throw notFound("委員会");
  return presentCommittee(r);
}

async function nameTaken(db: Db, name: string, exceptId?: number) {
  let q = db.selectFrom("committees").select("id").where("name", "=", name);
  if (exceptId !== undefined) q = q.where("id", "!=", exceptId);
  if (await q.executeTakeFirst())
    throw new AppError("conflict", `委員会「${name}」はすでにあります`, {
      name: "同じ名前の委員会があります",
    });
}

export async function createCommittee(trx: Db, input: CreateCommitteeInput): Promise<number> {
  const name = normalizeText(input.name);
  await nameTaken(trx, name);
  const r = await trx
    .insertInto("committees")
    .values({
      name,
      description: input.description ? normalizeText(input.description) : null,
      active: 1,
      created_at: new Date().toISOString(),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return r.id;
}

export async function updateCommittee(trx: Db, id: number, input: UpdateCommitteeInput): Promise<void> {
  await getCommittee(trx, id);
  const patch: Record<string, unknown> = {};
  if (input.name !== undefined) {
    patch.name = normalizeText(input.name);
    await nameTaken(trx, patch.name as string, id);
  }
  if (input.description !== undefined)
    patch.description = input.description ? normalizeText(input.description) : null;
  if (input.active !== undefined) patch.active = input.active ? 1 : 0;
  if (Object.keys(patch).length > 0)
    await trx.updateTable("committees").set(patch).where("id", "=", id).execute();
}
