// Builds varied, realistic Japanese demo voice texts from hand-written fragments, per type × category × product.

import { DEMO_PRODUCT_LINES, type DemoProductLineCode } from "./demo-product-lines.js";
import type { Random } from "./random.js";
import {
  CLAIM_SITUATIONS,
  COMPLAINT_CASES,
  COMPLAINT_FEELINGS,
  COMPLAINT_LEADS,
  DAYS,
  FAMILY,
  GENERIC_COMPLAINT_REMEDIES,
  MINUTES,
  OTHER_FOLLOW_UPS,
  OTHER_LEADS,
  OTHER_TEXTS,
  PLACES,
  PRAISE_ACTIONS,
  PRAISE_CLOSINGS,
  PRAISE_EFFECTS,
  PRAISE_EXTRAS,
  PRAISE_SITUATIONS,
  REQUEST_CLOSINGS,
  REQUEST_CONTEXTS,
  REQUEST_CORES,
  REQUEST_REASONS,
  REQUEST_REMEDIES,
  STAFF,
  STAFF_PREFIXES,
  type VoiceCategoryCode,
  type VoiceTypeCode,
} from "./voice-text-fragments.js";

export type { VoiceCategoryCode, VoiceTypeCode } from "./voice-text-fragments.js";

export interface VoiceText {
  content: string;
  remedySought: string | null;
  /** what staff did or can answer about this very case (complaints, some requests); null: no specific answer */
  responseBasis: string | null;
}

const PRODUCT_NAMES = new Map<string, string>(DEMO_PRODUCT_LINES.map((p) => [p.code, p.name]));
const CLAIM_LINES = new Set<string>(DEMO_PRODUCT_LINES.map((p) => p.code));
const WHEN = ["先日、", "先月、", "昨年、", "今回、", "この間、"];

/** How the member dealt with us, as far as the wording cares: on the phone or face to face. */
type Medium = "tel" | "desk";
const MEDIA = new Set(["tel", "desk", "web", "survey"]);
const CHANNEL_MEDIUM: Record<string, Medium> = { call_center: "tel", counter: "desk", visit: "desk" };
const CHANNEL_VIA: Record<string, string> = { web: "web", survey: "survey" };

interface Ctx {
  line: string;
  /** the contact the text may describe; web forms, surveys and the consultation office recall either */
  medium: Medium;
  /** "web" or "survey" when the voice came that way (for staff lead-ins), else null */
  via: string | null;
  product: string;
}

interface Fragment {
  lines: readonly string[] | null;
  media: readonly string[] | null;
  text: string;
}
const parsed = new Map<string, Fragment>();

/** Splits a fragment's "[auto|tel]" tag from its text; cached because fragments repeat. */
function parse(raw: string): Fragment {
  let f = parsed.get(raw);
  if (!f) {
    const end = raw.startsWith("[") ? raw.indexOf("]") : -1;
    const tags = end > 0 ? raw.slice(1, end).split("|") : [];
    const lines = tags.filter((t) => !MEDIA.has(t));
    const media = tags.filter((t) => MEDIA.has(t));
    f = {
      lines: lines.length > 0 ? lines : null,
      media: media.length > 0 ? media : null,
      text: end > 0 ? raw.slice(end + 1) : raw,
    };
    parsed.set(raw, f);
  }
  return f;
}

function fits(f: Fragment, ctx: Ctx): boolean {
  if (f.lines !== null && !f.lines.includes(ctx.line)) return false;
  return f.media === null || f.media.includes(ctx.medium) || (ctx.via !== null && f.media.includes(ctx.via));
}

/** Picks an item whose fragment suits the context: a few random tries, then the suitable ones only. */
function pickItem<T>(rnd: Random, xs: readonly T[], ctx: Ctx, key: (x: T) => string): [T, string] {
  for (let i = 0; i < 4; i++) {
    const x = rnd.pick(xs);
    const f = parse(key(x));
    if (fits(f, ctx)) return [x, f.text];
  }
  const ok = xs.filter((x) => fits(parse(key(x)), ctx));
  const x = rnd.pick(ok.length > 0 ? ok : xs);
  return [x, parse(key(x)).text];
}

const self = (x: string): string => x;

function pickFor(rnd: Random, xs: readonly string[], ctx: Ctx): string {
  return pickItem(rnd, xs, ctx, self)[1];
}

function fill(rnd: Random, template: string, ctx: Ctx): string {
  if (!template.includes("{")) return template;
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => {
    switch (key) {
      case "product":
        return ctx.product;
      case "staff":
        return pickFor(rnd, STAFF, ctx);
      case "place":
        return rnd.pick(PLACES);
      case "family":
        return rnd.pick(FAMILY);
      case "days":
        return rnd.pick(DAYS);
      case "minutes":
        return rnd.pick(MINUTES);
      case "n":
        return String(rnd.int(2, 30));
      default:
        return whole;
    }
  });
}

function praise(rnd: Random, cat: VoiceCategoryCode, ctx: Ctx): string {
  const situations =
    cat === "claim"
      ? CLAIM_SITUATIONS[(CLAIM_LINES.has(ctx.line) ? ctx.line : "none") as DemoProductLineCode | "none"]
      : PRAISE_SITUATIONS[cat];
  let text = "";
  if (rnd.chance(0.9)) text += (rnd.chance(0.12) ? rnd.pick(WHEN) : "") + pickFor(rnd, situations, ctx);
  text += pickFor(rnd, PRAISE_ACTIONS[cat], ctx) + pickFor(rnd, PRAISE_EFFECTS[cat], ctx);
  if (rnd.chance(0.25) || text.length < 30) text += pickFor(rnd, PRAISE_EXTRAS, ctx);
  if (rnd.chance(0.85) || text.length < 45) text += pickFor(rnd, PRAISE_CLOSINGS, ctx);
  return text;
}

function request(rnd: Random, cat: VoiceCategoryCode, ctx: Ctx): [string, string | null] {
  let text = "";
  if (rnd.chance(0.5)) text += pickFor(rnd, REQUEST_CONTEXTS[cat], ctx);
  const [[, answer], core] = pickItem(rnd, REQUEST_CORES[cat], ctx, (c) => c[0]);
  text += core;
  if (rnd.chance(0.4) || text.length < 30) text += pickFor(rnd, REQUEST_REASONS[cat], ctx);
  if (rnd.chance(0.3) || text.length < 40) text += pickFor(rnd, REQUEST_CLOSINGS, ctx);
  return [text, answer];
}

function complaint(rnd: Random, cat: VoiceCategoryCode, ctx: Ctx): [string, string, string] {
  let text = "";
  if (rnd.chance(0.7)) text += pickFor(rnd, COMPLAINT_LEADS[cat], ctx);
  const [[, remedies, actions], problem] = pickItem(rnd, COMPLAINT_CASES[cat], ctx, (c) => c[0]);
  const remedy = rnd.chance(0.85)
    ? pickFor(rnd, remedies, ctx)
    : pickFor(rnd, GENERIC_COMPLAINT_REMEDIES, ctx);
  text += problem + pickFor(rnd, COMPLAINT_FEELINGS, ctx);
  if (rnd.chance(0.35)) text += `${remedy}。`;
  return [text, remedy, pickFor(rnd, actions, ctx)];
}

function other(rnd: Random, cat: VoiceCategoryCode, ctx: Ctx): string {
  return (
    pickFor(rnd, OTHER_LEADS, ctx) + pickFor(rnd, OTHER_TEXTS[cat], ctx) + pickFor(rnd, OTHER_FOLLOW_UPS, ctx)
  );
}

/**
 * One demo voice's text. Deterministic for the state of `rnd`. With a channel code the wording fits how the
 * voice came in (no 「窓口に伺った際」 in a call-centre voice).
 * remedySought is set for every complaint and for about a fifth of requests; responseBasis feeds the
 * staff reply (voice-text-response.ts) so that the answer fits the case.
 */
export function generateVoiceText(
  rnd: Random,
  typeCode: VoiceTypeCode,
  categoryCode: VoiceCategoryCode,
  productLineCode: string | null,
  channelCode?: string | null,
): VoiceText {
  const ctx: Ctx = {
    line: productLineCode ?? "none",
    medium: (channelCode && CHANNEL_MEDIUM[channelCode]) || (rnd.chance(0.55) ? "tel" : "desk"),
    via: (channelCode && CHANNEL_VIA[channelCode]) || null,
    product: (productLineCode && PRODUCT_NAMES.get(productLineCode)) || "共済",
  };
  let raw: string;
  let remedy: string | null = null;
  let basis: string | null = null;
  switch (typeCode) {
    case "praise":
      raw = praise(rnd, categoryCode, ctx);
      break;
    case "request":
      [raw, basis] = request(rnd, categoryCode, ctx);
      if (rnd.chance(0.2)) remedy = pickFor(rnd, REQUEST_REMEDIES, ctx);
      break;
    case "complaint":
      [raw, remedy, basis] = complaint(rnd, categoryCode, ctx);
      break;
    default:
      raw = other(rnd, categoryCode, ctx);
  }
  // Staff often record a voice with a short lead-in rather than verbatim.
  if (typeCode !== "other" && rnd.chance(typeCode === "praise" ? 0.06 : 0.12)) {
    raw = pickFor(rnd, STAFF_PREFIXES[typeCode], ctx) + raw;
  }
  return { content: fill(rnd, raw, ctx), remedySought: remedy, responseBasis: basis };
}
