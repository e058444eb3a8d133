/**
 * Recurring themes for the committee's agenda: voices grouped by the similarity the similar-voices engine uses
 * (cosine of character bigrams). Leader clustering: each voice joins the first theme whose leader it resembles
 * enough, else leads a new one — one pass, stable for a given order (newest first), pure.
 */
import { bigramVector, cosine } from "../../text/similarity.js";

/** Two voices at least this alike (bigram cosine) are on one theme. */
export const THEME_SIMILARITY = 0.35;
/** A theme is put on the agenda from this many voices. */
export const THEME_MIN_SIZE = 3;

export interface ThemeText {
  id: number;
  content: string;
}

export function themeClusters(
  texts: readonly ThemeText[],
  opts: { similarity?: number; minSize?: number } = {},
): number[][] {
  const threshold = opts.similarity ?? THEME_SIMILARITY;
  const minSize = opts.minSize ?? THEME_MIN_SIZE;
  const leaders: { vector: Map<string, number>; ids: number[] }[] = [];
  for (const t of texts) {
    const vector = bigramVector(t.content);
    if (vector.size === 0) continue;
    let best: (typeof leaders)[number] | undefined;
    let bestScore = threshold;
    for (const l of leaders) {
      const s = cosine(vector, l.vector);
      if (s >= bestScore) {
        best = l;
        bestScore = s;
      }
    }
    if (best) best.ids.push(t.id);
    else leaders.push({ vector, ids: [t.id] });
  }
  return leaders
    .map((l) => l.ids)
    .filter((ids) => ids.length >= minSize)
    .sort((a, b) => b.length - a.length || (a[0] ?? 0) - (b[0] ?? 0));
}
