/**
 * The dashboard's reads, by name: the one table both the in-process reader and the reader workers run, so a read
 * answers the same whichever runs it (analytics-reader.ts).
 */
import type { Db } from "../../db/database.js";
import type { Actor } from "../../domain/voice-workflow.js";
import type { WordsQuery } from "../text/contract.js";
import { analyzeWords } from "../text/word-analysis.js";
import type { AnalysisQuery } from "./analysis-request.js";
import { countVoices } from "./count-voices.js";
import { handlingFigures } from "./handling-figures.js";
import { workQueues } from "./work-queues.js";

export const ANALYTICS_READS = {
  counts: (db: Db, actor: Actor, q: AnalysisQuery & { by?: string | undefined }) => countVoices(db, actor, q),
  handling: (db: Db, actor: Actor, q: AnalysisQuery) => handlingFigures(db, actor, q),
  queues: (db: Db, actor: Actor, _q: Record<string, never>) => workQueues(db, actor),
  words: (db: Db, actor: Actor, q: WordsQuery) => analyzeWords(db, actor, q),
};

export type AnalyticsReadName = keyof typeof ANALYTICS_READS;
export type ReadQuery<K extends AnalyticsReadName> = Parameters<(typeof ANALYTICS_READS)[K]>[2];
export type ReadResult<K extends AnalyticsReadName> = Awaited<ReturnType<(typeof ANALYTICS_READS)[K]>>;

/** A read's request and answer between the server and a reader worker (plain data, structured-cloned). */
export interface ReadRequest {
  id: number;
  read: AnalyticsReadName;
  actor: Actor;
  query: unknown;
}
export type ReadAnswer =
  | { id: number; result: unknown }
  | { id: number; error: { code?: string; message: string; fields?: Record<string, string> } };
