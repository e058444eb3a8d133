import { describe, expect, it } from "vitest";
import { createRandom, shuffleInPlace } from "./random.js";

describe("createRandom", () => {
  it("repeats the same sequence for the same seed and differs for another", () => {
    const a = createRandom(42);
    const b = createRandom(42);
    const c = createRandom(43);
    const xs = Array.from({ length: 20 }, () => a.next());
    expect(Array.from({ length: 20 }, () => b.next())).toEqual(xs);
    expect(Array.from({ length: 20 }, () => c.next())).not.toEqual(xs);
  });

  it("keeps next() in [0, 1) and int() within its inclusive bounds", () => {
    const r = createRandom(1);
    const seen = new Set<number>();
    let outside = 0;
    for (let i = 0; i < 10_000; i++) {
      const x = r.next();
      if (x < 0 || x >= 1) outside++;
      seen.add(r.int(3, 7));
    }
    expect(outside).toBe(0);
    expect([...seen].sort()).toEqual([3, 4, 5, 6, 7]);
  });

  it("picks by weight and by chance in about the right proportions", () => {
    const r = createRandom(7);
    let a = 0;
    let hits = 0;
    for (let i = 0; i < 20_000; i++) {
      if (
        r.weighted([
          ["a", 3],
          ["b", 1],
        ] as const) === "a"
      )
        a++;
      if (r.chance(0.1)) hits++;
    }
    expect(a / 20_000).toBeCloseTo(0.75, 1);
    expect(hits / 20_000).toBeCloseTo(0.1, 1);
    expect(r.weighted([["only", 0]] as const)).toBe("only");
  });

  it("refuses to pick from nothing", () => {
    const r = createRandom(1);
    expect(() => r.pick([])).toThrow();
    expect(() => r.weighted([])).toThrow();
  });

  it("shuffles in place, keeping every element", () => {
    const xs = Array.from({ length: 50 }, (_, i) => i);
    shuffleInPlace(createRandom(3), xs);
    expect(xs).not.toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect([...xs].sort((p, q) => p - q)).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });
});
