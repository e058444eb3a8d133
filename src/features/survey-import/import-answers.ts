/**
 * Imports a file of survey answers (CSV UTF-8/Shift_JIS or XLSX, from another form tool or a paper count) with the
 * voice import's machinery: the same reader, limits and encoding detection, the same problem list by row and
 * column, dry run, and all rows or none in one transaction. Idempotent by the answer id: an id stored before is
 * skipped (counted), so a re-import creates no answer and no voice. Answers are written in multi-row inserts, and
 * the closed loop's voices in bulk through the voice import's path (voicesFromAnswers).
 */
import type SQLite from "better-sqlite3";
import { sql } from "kysely";
import type { Db, KoeDatabase } from "../../db/database.js";
import { dialectFor } from "../../db/dialect.js";
import { AppError } from "../../errors.js";
import type { ImportLimits } from "../../io/import-limits.js";
import { readTable, TableReadError } from "../../io/read-table.js";
import { nowIso } from "../../services/clock.js";
import { labelLookup, loadLabelWords } from "../import-aliases/import-lookups.js";
import type { ImportResult } from "../import-export/contract.js";
import { inImportTransaction } from "../import-export/import-voices.js";
import { addAnswerCounts } from "../surveys/answer-counts.js";
import { loadSurvey, type SurveyRecord } from "../surveys/survey-store.js";
import { voicesFromAnswers } from "../surveys/survey-voice.js";
import { wordsChanged } from "../text/word-index.js";
import { type ImportedAnswer, validateAnswerRows } from "./answer-import-rows.js";
import { type AnswerMapping, parseAnswerMapping } from "./answer-mapping.js";

export interface AnswerImportOptions {
  dryRun: boolean;
  /** the mapping file's JSON text */
  mapping?: string;
  defaultDepartment?: string;
  limits?: Partial<ImportLimits>;
  onStep?: (step: "read" | "validate" | "write", detail: { rows: number }) => void;
}

/** The staff member running the import (entered_by); null from the CLI. */
export type AnswerImportActor = { id: number } | null;

// survey_answers has 15 columns: 500 rows stay below both databases' bound-parameter limits.
const ANSWER_BATCH = 500;
const ITEM_BATCH = 2000;
const LOOKUP_BATCH = 500;

function* chunks<T>(items: readonly T[], size: number): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

async function existingKeys(db: Db, surveyId: number, keys: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (const part of chunks(keys, LOOKUP_BATCH)) {
    const rows = await db
      .selectFrom("survey_answers")
      .select("answer_key")
      .where("survey_id", "=", surveyId)
      .where("answer_key", "in", part)
      .execute();
    for (const r of rows) found.add(r.answer_key);
  }
  return found;
}

export async function importAnswerFile(
  target: Db | KoeDatabase,
  actor: AnswerImportActor,
  surveyId: number,
  file: Buffer,
  fileName: string,
  opts: AnswerImportOptions,
): Promise<ImportResult> {
  const db = "db" in target && "dialect" in target ? target.db : (target as Db);
  const survey = await loadSurvey(db, surveyId);
  let mapping: AnswerMapping | undefined;
  if (opts.mapping) {
    const parsed = parseAnswerMapping(opts.mapping, survey.questions);
    if (!parsed.ok)
      throw new AppError("invalid_input", `対応表に誤りがあります: ${parsed.errors.join("／")}`, {
        mapping: parsed.errors.join("\n"),
      });
    mapping = parsed.mapping;
  }
  let table: Awaited<ReturnType<typeof readTable>>;
  try {
    table = await readTable(file, fileName, opts.limits);
  } catch (err) {
    if (err instanceof TableReadError)
      throw new AppError("invalid_input", err.message, { file: err.message });
    throw err;
  }
  opts.onStep?.("read", { rows: table.rows.length });
  const words = await loadLabelWords(db);
  const validation = await validateAnswerRows(table, {
    questions: survey.questions,
    lookups: {
      productLine: labelLookup(words, "product_line"),
      department: labelLookup(words, "department"),
    },
    ...(mapping ? { mapping } : {}),
    ...(opts.defaultDepartment ? { defaultDepartment: opts.defaultDepartment } : {}),
  });
  opts.onStep?.("validate", { rows: table.rows.length });
  const base = {
    dryRun: opts.dryRun,
    total: table.rows.length,
    problems: validation.problems,
    ignoredColumns: validation.ignoredColumns,
    ...(table.encoding ? { encoding: table.encoding } : {}),
  };
  if (validation.problems.length > 0) return { ...base, imported: 0, importable: 0, skipped: 0 };
  if (opts.dryRun) {
    const seen = await existingKeys(
      db,
      survey.id,
      validation.valid.map((a) => a.answerKey),
    );
    const skipped = validation.valid.filter((a) => seen.has(a.answerKey)).length;
    return { ...base, imported: 0, importable: validation.valid.length - skipped, skipped };
  }
  opts.onStep?.("write", { rows: validation.valid.length });
  const written = await inImportTransaction(target, (trx, sqlite) =>
    writeAnswers(trx, actor, survey, validation.valid, sqlite),
  );
  // The voices of dissatisfied answers have text for the word statistics.
  if (written.voices > 0) wordsChanged();
  return { ...base, imported: written.imported, importable: written.imported, skipped: written.skipped };
}

/** Writes checked answers in the caller's transaction; answer ids stored before are skipped. */
export async function writeAnswers(
  trx: Db,
  actor: AnswerImportActor,
  survey: SurveyRecord,
  answers: readonly ImportedAnswer[],
  /** the raw SQLite handle under trx (inImportTransaction): the voices are then written by prepared statements */
  sqlite?: SQLite.Database,
): Promise<{ imported: number; skipped: number; voices: number }> {
  // Two imports of one file at once must not both pass the answer-id check (released at commit).
  await dialectFor(trx).lockUntilCommit(trx, "koe_survey_import");
  const seen = await existingKeys(
    trx,
    survey.id,
    answers.map((a) => a.answerKey),
  );
  const unseen = answers.filter((a) => !seen.has(a.answerKey));
  const at = nowIso();
  const idOf = new Map<string, number>();
  for (const part of chunks(unseen, ANSWER_BATCH)) {
    const rows = await trx
      .insertInto("survey_answers")
      .values(
        part.map((a) => ({
          survey_id: survey.id,
          answer_key: a.answerKey,
          source: "import",
          link_id: null,
          answered_at: a.answeredAt,
          headline_value: a.answer.headlineValue,
          age_band: a.ageBand,
          prefecture: a.prefecture,
          product_line_id: a.productLineId,
          department_id: a.departmentId,
          staff_id: null,
          contact: a.contact ? JSON.stringify(a.contact) : null,
          voice_id: null,
          entered_by: actor?.id ?? null,
          created_at: at,
        })),
      )
      // A paper entry of the same answer id, committed after the look above (it takes no import lock), stands:
      // its row is skipped as a stored one would be, instead of failing the whole import on the unique key.
      .onConflict((oc) => oc.columns(["survey_id", "answer_key"]).doNothing())
      .returning(["id", "answer_key"])
      .execute();
    // Matched by answer id (unique per survey), not by position.
    for (const r of rows) idOf.set(r.answer_key, r.id);
  }
  const fresh = unseen.filter((a) => idOf.has(a.answerKey));
  const items = fresh.flatMap((a) =>
    a.answer.items.map((it) => ({
      answer_id: idOf.get(a.answerKey) as number,
      survey_id: survey.id,
      answered_at: a.answeredAt,
      question_key: it.questionKey,
      value: it.value,
      text: it.text,
    })),
  );
  for (const part of chunks(items, ITEM_BATCH))
    await trx.insertInto("survey_answer_items").values(part).execute();
  await addAnswerCounts(
    trx,
    survey.id,
    fresh.map((a) => ({
      answeredAt: a.answeredAt,
      headlineValue: a.answer.headlineValue,
      ageBand: a.ageBand,
      prefecture: a.prefecture,
      productLineId: a.productLineId,
      departmentId: a.departmentId,
      staffId: null,
      items: a.answer.items,
    })),
  );

  // The closed loop, as submitAnswer runs it, for every answer at once.
  const voiceOf = await voicesFromAnswers(
    trx,
    survey,
    fresh.map((a) => ({
      answerId: idOf.get(a.answerKey) as number,
      answeredAt: a.answeredAt,
      answer: a.answer,
      departmentId: a.departmentId,
      productLineId: a.productLineId,
      ageBand: a.ageBand,
      prefecture: a.prefecture,
      contact: a.contact,
    })),
    sqlite ? { sqlite } : {},
  );
  // Each answer keeps its voice's id: one update per batch (a CASE over the answer ids).
  for (const part of chunks([...voiceOf], LOOKUP_BATCH)) {
    const whens = sql.join(
      part.map(([answerId, id]) => sql`when ${answerId} then cast(${id} as integer)`),
      sql` `,
    );
    await trx
      .updateTable("survey_answers")
      .set({ voice_id: sql<number>`case id ${whens} end` })
      .where(
        "id",
        "in",
        part.map(([answerId]) => answerId),
      )
      .execute();
  }
  const voices = voiceOf.size;
  return { imported: fresh.length, skipped: answers.length - fresh.length, voices };
}
