import { describe, expect, it } from "vitest";
import {
  figureRefs,
  formatFigure,
  halfHasBegun,
  halfIsOver,
  parseFigureText,
  reviewTemplate,
} from "./principle-review.js";

describe("figure tokens", () => {
  it("splits a text into text and figures", () => {
    const r = parseFigureText("声:{{voices}}件(不満:{{voices:complaint}}件)、指標{{kpi:12}}");
    expect(r).toEqual({
      ok: true,
      segments: [
        { kind: "text", text: "声:" },
        { kind: "figure", ref: { key: "voices", source: "voices", arg: null } },
        { kind: "text", text: "件(不満:" },
        { kind: "figure", ref: { key: "voices:complaint", source: "voices", arg: "complaint" } },
        { kind: "text", text: "件)、指標" },
        { kind: "figure", ref: { key: "kpi:12", source: "kpi", arg: "12" } },
      ],
    });
  });

  it("refuses anything else that opens with {{, naming it", () => {
    for (const bad of ["{{voices", "{{Voices}}", "{{voices:a b}}", "{{ voices }}", "{{<script>}}", "x{{}}"]) {
      const r = parseFigureText(bad);
      expect(r.ok, bad).toBe(false);
      if (!r.ok) expect(r.message).toContain("は数値の埋め込みとして読めません");
    }
    expect(parseFigureText("{ひとつ} と }} だけなら文字です")).toEqual({
      ok: true,
      segments: [{ kind: "text", text: "{ひとつ} と }} だけなら文字です" }],
    });
  });

  it("lists each figure once", () => {
    expect(figureRefs("{{voices}} {{voices}} {{improvements}}").map((r) => r.key)).toEqual([
      "voices",
      "improvements",
    ]);
  });

  it("prints figures as the seeds do", () => {
    expect(formatFigure(11312)).toBe("11,312");
    expect(formatFigure(44.14)).toBe("44.1");
    expect(formatFigure(null)).toBe("—");
  });
});

describe("review rules", () => {
  it("a half may be reviewed once it has begun, and approved once it is over", () => {
    const h1 = { from: "2025-04-01", to: "2025-09-30" };
    expect(halfHasBegun(h1, "2025-03-31")).toBe(false);
    expect(halfHasBegun(h1, "2025-04-01")).toBe(true);
    expect(halfIsOver(h1, "2025-09-30")).toBe(false);
    expect(halfIsOver(h1, "2025-10-01")).toBe(true);
  });

  it("the template covers the seven principles with seed 002's numbering and the voice figures", () => {
    const t = reviewTemplate([
      { code: "praise", name: "感謝" },
      { code: "complaint", name: "不満" },
    ]);
    expect(new Set(t.map((i) => i.principle))).toEqual(new Set([1, 2, 3, 4, 5, 6, 7]));
    expect(t.map((i) => i.number)).toEqual(
      expect.arrayContaining(["(1)1)", "(2)1)", "(2)2)", "(2)3)", "(2)①②", "(3)①②③"]),
    );
    expect(t.find((i) => i.number === "(2)①②")?.facts).toBe(
      "お客様の声の件数：{{voices}}件（感謝：{{voices:praise}}件、不満：{{voices:complaint}}件）",
    );
  });
});
