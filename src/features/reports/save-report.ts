/**
 * Editing a draft report: its title and sections (the list replaces the old one, so adding, removing and
 * reordering are one save), a new order alone, and the voices featured in a section. Every save checks the
 * revision read by the editor and bumps it; approved and published reports refuse every edit.
 */
import type { Db } from "../../db/database.js";
import type { Actor } from "../../domain/roles.js";
import { AppError, invalidInput, staleVersion } from "../../errors.js";
import { attributionOf } from "../reviews/remove-personal-data.js";
import type { ReorderSectionsInput, UpdateFeaturedVoicesInput, UpdateReportInput } from "./contract.js";
import { featuredVoiceInput, sectionInput } from "./contract.js";
import type { ReportKind } from "./report-document.js";
import { type ReportRow, reportRow, sectionRows } from "./report-rows.js";
import {
  BLOCKS_BY_KIND,
  FEATURED_BLOCKS,
  REPORT_BLOCK_LABELS,
  type ReportBlock,
} from "./report-templates.js";

/** Takes the draft's edit lock: the revision must be the one read, and the next revision is written now. */
async function touchDraft(trx: Db, actor: Actor, id: number, revision: number): Promise<ReportRow> {
  const row = await reportRow(trx, id);
  if (row.status !== "draft")
    throw new AppError(
      "transition_refused",
      "承認済み・公開済みの報告書は変更できません。変更するには新しい版を作成してください",
    );
  if (row.revision !== revision) throw staleVersion();
  const updated = await trx
    .updateTable("reports")
    .set({ revision: revision + 1, updated_by: actor.id, updated_at: new Date().toISOString() })
    .where("id", "=", id)
    .where("revision", "=", revision)
    .executeTakeFirst();
  if (Number(updated.numUpdatedRows) !== 1) throw staleVersion();
  return row;
}

export async function updateReport(
  trx: Db,
  actor: Actor,
  id: number,
  input: UpdateReportInput,
): Promise<void> {
  const row = await touchDraft(trx, actor, id, input.revision);
  const allowed = BLOCKS_BY_KIND[row.kind as ReportKind] ?? [];
  const existing = await sectionRows(trx, id);
  const existingIds = new Set(existing.map((s) => s.id));
  const sections = input.sections.map((s) => sectionInput.parse(s));
  const fields: Record<string, string> = {};
  const seen = new Set<number>();
  sections.forEach((s, i) => {
    if (!allowed.includes(s.block))
      fields[`sections.${i}.block`] =
        `「${REPORT_BLOCK_LABELS[s.block]}」はこの種類の報告書には入れられません`;
    if (s.id !== undefined && (!existingIds.has(s.id) || seen.has(s.id)))
      fields[`sections.${i}.id`] = `節（ID ${s.id}）はこの報告書にありません`;
    if (s.id !== undefined) seen.add(s.id);
  });
  if (Object.keys(fields).length) throw invalidInput(fields, "節の指定に誤りがあります");

  if (input.title !== undefined || input.organisationName !== undefined)
    await trx
      .updateTable("reports")
      .set({
        ...(input.title !== undefined ? { title: input.title } : {}),
        ...(input.organisationName !== undefined ? { organisation_name: input.organisationName } : {}),
      })
      .where("id", "=", id)
      .execute();
  const removed = existing.filter((s) => !seen.has(s.id)).map((s) => s.id);
  if (removed.length) {
    await trx.deleteFrom("report_featured_voices").where("section_id", "in", removed).execute();
    await trx.deleteFrom("report_sections").where("id", "in", removed).execute();
  }
  for (const [i, s] of sections.entries()) {
    const values = {
      sort_order: i,
      kind: s.block === "text" ? "text" : "generated",
      block: s.block,
      heading: s.heading,
      body: s.body,
      config: JSON.stringify(s.config),
    };
    if (s.id !== undefined) {
      const before = existing.find((e) => e.id === s.id);
      // A section that stops holding chosen voices drops them (they would never print).
      if (
        before &&
        FEATURED_BLOCKS.includes(before.block as ReportBlock) &&
        !FEATURED_BLOCKS.includes(s.block)
      )
        await trx.deleteFrom("report_featured_voices").where("section_id", "=", s.id).execute();
      await trx.updateTable("report_sections").set(values).where("id", "=", s.id).execute();
    } else
      await trx
        .insertInto("report_sections")
        .values({ report_id: id, ...values })
        .execute();
  }
}

export async function reorderSections(
  trx: Db,
  actor: Actor,
  id: number,
  input: ReorderSectionsInput,
): Promise<void> {
  await touchDraft(trx, actor, id, input.revision);
  const existing = await sectionRows(trx, id);
  const ids = input.sectionIds;
  const same =
    ids.length === existing.length &&
    new Set(ids).size === ids.length &&
    existing.every((s) => ids.includes(s.id));
  if (!same)
    throw invalidInput(
      { sectionIds: "この報告書のすべての節のIDを、重複なく新しい順番で指定してください" },
      "節の順番の指定に誤りがあります",
    );
  for (const [i, sectionId] of ids.entries())
    await trx.updateTable("report_sections").set({ sort_order: i }).where("id", "=", sectionId).execute();
}

export async function saveFeaturedVoices(
  trx: Db,
  actor: Actor,
  id: number,
  sectionId: number,
  input: UpdateFeaturedVoicesInput,
): Promise<void> {
  await touchDraft(trx, actor, id, input.revision);
  const section = (await sectionRows(trx, id)).find((s) => s.id === sectionId);
  if (!section) throw new AppError("not_found", "節が見つかりません");
  if (!FEATURED_BLOCKS.includes(section.block as ReportBlock))
    throw invalidInput({ sectionId: "この節には声を掲載できません（感謝の声・テーマ別の声の節だけです）" });
  const voices = input.voices.map((v) => featuredVoiceInput.parse(v));
  const found = voices.length
    ? await trx
        .selectFrom("voices as v")
        .leftJoin("customers as c", "c.id", "v.customer_id")
        .select(["v.id", "v.status", "c.prefecture", "c.age_band", "c.gender"])
        .where(
          "v.id",
          "in",
          voices.map((v) => v.voiceId),
        )
        .execute()
    : [];
  const fields: Record<string, string> = {};
  voices.forEach((v, i) => {
    const f = found.find((x) => x.id === v.voiceId);
    if (!f || f.status === "voided") fields[`voices.${i}.voiceId`] = `声（ID ${v.voiceId}）が見つかりません`;
  });
  if (Object.keys(fields).length) throw invalidInput(fields, "掲載する声の指定に誤りがあります");
  await trx.deleteFrom("report_featured_voices").where("section_id", "=", sectionId).execute();
  if (voices.length)
    await trx
      .insertInto("report_featured_voices")
      .values(
        voices.map((v, i) => {
          const c = found.find((x) => x.id === v.voiceId);
          // Attribution comes from the record, never from what was typed: prefecture, age band, gender only.
          const attribution =
            v.showAttribution && c
              ? attributionOf({ prefecture: c.prefecture, ageBand: c.age_band, gender: c.gender })
              : "";
          return {
            section_id: sectionId,
            sort_order: i,
            voice_id: v.voiceId,
            text: v.text,
            reply: v.reply,
            attribution,
            theme: v.theme,
          };
        }),
      )
      .execute();
}
