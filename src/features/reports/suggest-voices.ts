/**
 * Suggestions for a featured-voice section: praise the classifier is most sure of (感謝の声 worth quoting), and, for
 * requests and complaints, recurring themes — voices grouped by the similarity the similar-voices engine uses
 * (bigram cosine, the committee's theme clusters). Texts come with the customer's personal data already removed
 * and with the staff's latest response as the reply; staff still edit and choose.
 */
import { sql } from "kysely";
import type { Db } from "../../db/database.js";
import { jstDateTimeToIso } from "../../domain/jst.js";
import { predict } from "../../text/classifier.js";
import { themeClusters } from "../committee/theme-clusters.js";
import { attributionOf, removePersonalData } from "../reviews/remove-personal-data.js";
import { currentModel } from "../text/classifier-model.js";
import type { SuggestedVoice, Suggestions } from "./contract.js";
import { parseConfig, reportRow, sectionRows } from "./report-rows.js";

/** How many of the period's voices of a type are read (newest first): enough for themes, quick to classify. */
const SAMPLE = 600;
const PRAISE_CONFIDENCE = 0.8;
const PRAISE_SHOWN = 12;
const THEMES_PER_TYPE = 5;
const VOICES_PER_THEME = 3;

interface Candidate {
  id: number;
  receipt_number: string;
  content: string;
  typeCode: string;
  customer_id: number | null;
  name: string | null;
  kana: string | null;
  member_number: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
  prefecture: string | null;
  age_band: string | null;
  gender: string | null;
}

async function candidates(
  db: Db,
  typeCode: string,
  from: string,
  to: string,
  minLength: number,
): Promise<Candidate[]> {
  const next = new Date(`${to}T00:00:00Z`);
  next.setUTCDate(next.getUTCDate() + 1);
  const rows = await db
    .selectFrom("voices as v")
    .innerJoin("taxonomy_labels as t", "t.id", "v.type_id")
    .leftJoin("customers as c", "c.id", "v.customer_id")
    .select([
      "v.id",
      "v.receipt_number",
      "v.content",
      "t.code as typeCode",
      "v.customer_id",
      "c.name",
      "c.kana",
      "c.member_number",
      "c.phone",
      "c.email",
      "c.address",
      "c.prefecture",
      "c.age_band",
      "c.gender",
    ])
    .where("t.code", "=", typeCode)
    .where("v.status", "<>", "voided")
    .where("v.received_at", ">=", jstDateTimeToIso(from))
    .where("v.received_at", "<", jstDateTimeToIso(next.toISOString().slice(0, 10)))
    // a quote is a few sentences: neither a one-liner nor a long letter
    .where(sql<boolean>`length(v.content) between ${minLength} and 400`)
    .orderBy("v.received_at", "desc")
    .orderBy("v.id", "desc")
    .limit(SAMPLE)
    .execute();
  return rows;
}

async function replies(db: Db, ids: number[]): Promise<Map<number, string>> {
  const out = new Map<number, string>();
  if (ids.length === 0) return out;
  const rows = await db
    .selectFrom("voice_events")
    .select(["voice_id", "data"])
    .where("voice_id", "in", ids)
    .where("kind", "=", "responded")
    .orderBy("id")
    .execute();
  for (const r of rows) {
    const content = (JSON.parse(r.data) as { content?: unknown }).content;
    if (typeof content === "string") out.set(r.voice_id, content);
  }
  return out;
}

function suggested(c: Candidate, reply: string, confidence: number | null): SuggestedVoice {
  const customer =
    c.customer_id === null
      ? null
      : {
          name: c.name,
          kana: c.kana,
          memberNumber: c.member_number,
          phone: c.phone,
          email: c.email,
          address: c.address,
        };
  return {
    voiceId: c.id,
    receiptNumber: c.receipt_number,
    typeCode: c.typeCode,
    text: removePersonalData(c.content, customer).text,
    reply: removePersonalData(reply, customer).text,
    attribution: attributionOf({ prefecture: c.prefecture, ageBand: c.age_band, gender: c.gender }),
    confidence,
  };
}

export async function suggestVoices(db: Db, reportId: number, sectionId: number): Promise<Suggestions> {
  const report = await reportRow(db, reportId);
  const section = (await sectionRows(db, reportId)).find((s) => s.id === sectionId);
  if (!section) return { praise: [], themes: [] };
  const { period_from: from, period_to: to } = report;

  if (section.block === "featured_thanks") {
    const [model, praise] = await Promise.all([currentModel(db), candidates(db, "praise", from, to, 30)]);
    const scored = praise
      .map((c) => {
        const p = predict(model.model, c.content);
        const conf = p.alternatives.type.find((t) => t.code === "praise")?.confidence ?? 0;
        return { c, conf };
      })
      .filter((x) => x.conf >= PRAISE_CONFIDENCE)
      // quotable first: with an attribution, then the surest
      .sort((a, b) => Number(b.c.prefecture !== null) - Number(a.c.prefecture !== null) || b.conf - a.conf)
      .slice(0, PRAISE_SHOWN);
    const r = await replies(
      db,
      scored.map((x) => x.c.id),
    );
    return {
      praise: scored.map((x) => suggested(x.c, r.get(x.c.id) ?? "", Math.round(x.conf * 1000) / 1000)),
      themes: [],
    };
  }

  const config = parseConfig(section.config);
  const types = Array.isArray(config.types) ? config.types.map(String) : ["request", "complaint"];
  const themes: Suggestions["themes"] = [];
  for (const typeCode of types) {
    const voices = await candidates(db, typeCode, from, to, 10);
    const byId = new Map(voices.map((v) => [v.id, v]));
    const clusters = themeClusters(voices.map((v) => ({ id: v.id, content: v.content }))).slice(
      0,
      THEMES_PER_TYPE,
    );
    const shownIds = clusters.flatMap((ids) => ids.slice(0, VOICES_PER_THEME));
    const r = await replies(db, shownIds);
    for (const ids of clusters) {
      const members = ids.slice(0, VOICES_PER_THEME).map((id) => byId.get(id) as Candidate);
      const lead = suggested(members[0] as Candidate, "", null).text;
      themes.push({
        theme: [...lead].slice(0, 24).join("") + ([...lead].length > 24 ? "…" : ""),
        typeCode,
        size: ids.length,
        voices: members.map((m) => suggested(m, r.get(m.id) ?? "", null)),
      });
    }
  }
  return { praise: [], themes };
}
