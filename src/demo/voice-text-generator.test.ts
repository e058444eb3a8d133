import { describe, expect, it } from "vitest";
import { DEMO_PRODUCT_LINES } from "./demo-product-lines.js";
import { createRandom } from "./random.js";
import type { VoiceCategoryCode, VoiceTypeCode } from "./voice-text-fragments.js";
import { generateVoiceText } from "./voice-text-generator.js";
import {
  generateComplaintResponse,
  generatePraiseReply,
  generateRequestResponse,
} from "./voice-text-response.js";

const TYPES: readonly VoiceTypeCode[] = ["praise", "request", "complaint", "other"];
const CATEGORIES: readonly VoiceCategoryCode[] = [
  "handling",
  "servicing",
  "product",
  "application",
  "claim",
  "other",
];
const LINES: readonly (string | null)[] = [null, ...DEMO_PRODUCT_LINES.map((p) => p.code)];
const CHANNELS = ["counter", "call_center", "web", "consultation_office", "survey", "visit", undefined];

function sample(seed: number, n: number) {
  const rnd = createRandom(seed);
  return Array.from({ length: n }, () => {
    const type = rnd.weighted([
      ["praise", 70],
      ["request", 28],
      ["complaint", 1],
      ["other", 1],
    ] as const);
    const category = rnd.pick(CATEGORIES);
    const line = rnd.pick(LINES);
    const channel = rnd.pick(CHANNELS);
    return { type, category, line, channel, ...generateVoiceText(rnd, type, category, line, channel) };
  });
}

describe("generateVoiceText", () => {
  const voices = sample(11, 10_000);

  it("gives thousands of distinct texts among 10,000", () => {
    expect(new Set(voices.map((v) => v.content)).size).toBeGreaterThanOrEqual(3_000);
  });

  it("writes 40–300 characters for nearly every voice, never more than 300", () => {
    const inRange = voices.filter((v) => v.content.length >= 40 && v.content.length <= 300).length;
    expect(inRange / voices.length).toBeGreaterThan(0.95);
    expect(Math.max(...voices.map((v) => v.content.length))).toBeLessThanOrEqual(300);
    expect(Math.min(...voices.map((v) => v.content.length))).toBeGreaterThanOrEqual(20);
  });

  it("leaves no placeholder or tag in the text", () => {
    for (const v of voices) expect(v.content).not.toMatch(/[{}[\]]/);
  });

  it("covers every type × category × product line without failing", () => {
    const rnd = createRandom(5);
    for (const t of TYPES)
      for (const c of CATEGORIES)
        for (const l of LINES) {
          const v = generateVoiceText(rnd, t, c, l);
          expect(v.content.length).toBeGreaterThan(0);
          expect(v.content).not.toMatch(/[{}[\]]/);
        }
  });

  it("asks a remedy of every complaint and some requests, never of praise or other", () => {
    const complaints = voices.filter((v) => v.type === "complaint");
    expect(complaints.length).toBeGreaterThan(0);
    for (const v of complaints) expect(v.remedySought).toMatch(/ほしい$/);
    for (const v of voices.filter((x) => x.type === "praise" || x.type === "other"))
      expect(v.remedySought).toBeNull();
    const requests = voices.filter((v) => v.type === "request");
    const withRemedy = requests.filter((v) => v.remedySought !== null).length / requests.length;
    expect(withRemedy).toBeGreaterThan(0.1);
    expect(withRemedy).toBeLessThan(0.35);
  });

  it("sounds like members: thanks in praise, ～してほしい in requests", () => {
    const praise = voices.filter((v) => v.type === "praise");
    const thanks = praise.filter((v) =>
      /ありがとう|感謝|助か|安心|よかった|うれし|ありがた|心強|いただき|くださり/.test(v.content),
    ).length;
    expect(thanks / praise.length).toBeGreaterThan(0.95);
    const requests = voices.filter((v) => v.type === "request");
    expect(requests.filter((v) => /ほしい/.test(v.content)).length / requests.length).toBeGreaterThan(0.95);
  });

  it("fits the wording to the product line and the channel", () => {
    for (const v of voices) {
      if (v.type === "praise" && v.category === "claim" && v.line === "auto")
        expect(v.content).not.toMatch(/入院/);
      if (v.type === "praise" && v.category === "claim" && v.line === "medical")
        expect(v.content).not.toMatch(/事故/);
      if (v.channel === "call_center")
        expect(v.content).not.toMatch(/子どもをあやしながら|窓口の雰囲気|閉店間際/);
      if (v.type === "praise" && v.channel === "counter")
        expect(v.content).not.toMatch(/オペレーター|電話の声も穏やか/);
    }
  });

  it("is deterministic for the state of the generator", () => {
    expect(sample(11, 500)).toEqual(voices.slice(0, 500));
  });
});

describe("staff replies", () => {
  it("uses the case's own answer when there is one", () => {
    const rnd = createRandom(2);
    expect(generateComplaintResponse(rnd, "口座を確認しました。")).toContain("口座を確認しました。");
    expect(generateRequestResponse(rnd, "マイページをご案内しました。")).toContain(
      "マイページをご案内しました。",
    );
    expect(generateComplaintResponse(rnd, null).length).toBeGreaterThan(20);
    expect(generateRequestResponse(rnd, null).length).toBeGreaterThan(20);
    for (const c of CATEGORIES) expect(generatePraiseReply(rnd, c).length).toBeGreaterThan(20);
  });
});
