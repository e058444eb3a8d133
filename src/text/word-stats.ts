// Frequent words and co-occurrence over tokenized voices (pure: docs are content-word lists).

export interface WordCount {
  word: string;
  /** Number of documents containing the word (a word repeated in one voice counts once). */
  count: number;
}

export interface WordCountChange extends WordCount {
  previousCount: number;
  /** count - previousCount */
  change: number;
  /** change / previousCount; null when the word did not occur before. */
  changeRate: number | null;
}

export interface CooccurrenceEdge {
  source: string;
  target: string;
  /** |docs with both| / |docs with either| */
  jaccard: number;
  /** Documents containing both words. */
  count: number;
}

/** Document frequency of every word. */
export function documentFrequency(docs: readonly (readonly string[])[]): Map<string, number> {
  const df = new Map<string, number>();
  for (const doc of docs) {
    for (const w of new Set(doc)) df.set(w, (df.get(w) ?? 0) + 1);
  }
  return df;
}

function byCountThenWord(a: WordCount, b: WordCount): number {
  return b.count - a.count || (a.word < b.word ? -1 : a.word > b.word ? 1 : 0);
}

/** The `limit` words found in the most documents (ties by code-point order, so results are stable). */
export function topWords(docs: readonly (readonly string[])[], limit: number): WordCount[] {
  const all = [...documentFrequency(docs)].map(([word, count]) => ({ word, count }));
  all.sort(byCountThenWord);
  return all.slice(0, Math.max(0, limit));
}

/**
 * Adds last period's figures to this period's words. Pass the previous period as full counts
 * (documentFrequency of its docs, or an untruncated list) so words that were rare before are not shown as new.
 */
export function compareWithPrevious(
  current: readonly WordCount[],
  previous: readonly WordCount[] | ReadonlyMap<string, number>,
): WordCountChange[] {
  const prev =
    previous instanceof Map
      ? previous
      : new Map((previous as readonly WordCount[]).map((w) => [w.word, w.count]));
  return current.map((w) => {
    const previousCount = prev.get(w.word) ?? 0;
    const change = w.count - previousCount;
    return { ...w, previousCount, change, changeRate: previousCount > 0 ? change / previousCount : null };
  });
}

/**
 * Pairs of `words` that occur in the same documents, with Jaccard ≥ minJaccard (and at least one shared document),
 * strongest first. `source` is the word listed earlier in `words`.
 */
export function cooccurrence(
  docs: readonly (readonly string[])[],
  words: readonly string[],
  minJaccard: number,
): CooccurrenceEdge[] {
  const index = new Map<string, number>();
  for (const w of words) if (!index.has(w)) index.set(w, index.size);
  const n = index.size;
  const single = new Array<number>(n).fill(0);
  const pair = new Map<number, number>();
  for (const doc of docs) {
    const present = [...new Set(doc)]
      .map((w) => index.get(w))
      .filter((i): i is number => i !== undefined)
      .sort((a, b) => a - b);
    for (let x = 0; x < present.length; x++) {
      const i = present[x] as number;
      single[i] = (single[i] ?? 0) + 1;
      for (let y = x + 1; y < present.length; y++) {
        const key = i * n + (present[y] as number);
        pair.set(key, (pair.get(key) ?? 0) + 1);
      }
    }
  }
  const names = [...index.keys()];
  const edges: CooccurrenceEdge[] = [];
  for (const [key, both] of pair) {
    const i = Math.floor(key / n);
    const j = key % n;
    const union = (single[i] ?? 0) + (single[j] ?? 0) - both;
    const jaccard = union > 0 ? both / union : 0;
    if (jaccard >= minJaccard) {
      edges.push({ source: names[i] ?? "", target: names[j] ?? "", jaccard, count: both });
    }
  }
  edges.sort((a, b) => b.jaccard - a.jaccard || b.count - a.count || a.source.localeCompare(b.source));
  return edges;
}
