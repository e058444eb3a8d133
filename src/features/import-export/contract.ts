/**
 * Request and response shapes of file import and export. Shared by the server (validation, OpenAPI) and the web
 * UI; browser-safe: imports only src/shared and src/domain.
 */
import { z } from "zod";
import { inputText, type VoiceListQuery } from "../../shared/api-contract.js";

export const importQuery = z.object({
  dryRun: z.enum(["true", "false"], { error: "dryRun は true か false です" }).optional(),
  /** the mapping file's JSON (columns, values, defaultDepartment), as `koe import voices --mapping` reads it */
  mapping: z
    .string()
    .max(100_000, "対応表は100,000文字以内で指定してください")
    .optional()
    .describe('列と値の対応表（JSON）: {"columns": {...}, "values": {"受付チャネル": {"窓口": "counter"}}}'),
  /** the department of rows without one: its name or code */
  defaultDepartment: inputText()
    .max(100, "既定の部署は100文字以内で指定してください")
    .optional()
    .describe("部署の列がない（空の）行の部署（名称かコード）"),
});
export type ImportQuery = z.input<typeof importQuery>;

export const importProblemRowSchema = z.object({
  row: z.int(),
  column: z.string(),
  value: z.string(),
  reason: z.string(),
  /** for an unknown label: the closest label's name */
  suggestion: z.string().optional(),
});
export type ImportProblemRow = z.infer<typeof importProblemRowSchema>;

export const importResultSchema = z
  .object({
    dryRun: z.boolean(),
    /** data rows in the file */
    total: z.int().describe("ファイルのデータ行数"),
    /** rows written (0 on a dry run, and 0 when any row has a problem: all or nothing) */
    imported: z.int().describe("書き込んだ行数（dryRun と、問題が1件でもあるときは0）"),
    /** rows that would be written (dry run) or were written */
    importable: z.int().describe("書き込める（書き込んだ）行数"),
    /** rows whose 外部ID was imported before */
    skipped: z.int().describe("取り込み済みの外部IDで飛ばした行数"),
    problems: z.array(importProblemRowSchema),
    /** headers of the file that are not imported */
    ignoredColumns: z.array(z.string()).describe("取り込まない見出し"),
    encoding: z.string().optional(),
  })
  .meta({
    description: "取り込み（または dryRun の確認）の結果と、行・列ごとの問題",
    example: {
      dryRun: true,
      total: 3,
      imported: 0,
      importable: 0,
      skipped: 0,
      problems: [
        {
          row: 3,
          column: "受付日時",
          value: "令和7年2月30日",
          reason: "「令和7年2月30日」は存在しない日付です",
        },
      ],
      ignoredColumns: ["受付番号"],
      encoding: "shift_jis",
    },
  });
export type ImportResult = z.infer<typeof importResultSchema>;

/** GET /api/v1/exports/voices: the list's filters without paging and sorting, and the file's format. */
export type ExportQuery = Omit<VoiceListQuery, "page" | "limit" | "sort"> & {
  format?: "csv" | "xlsx";
  encoding?: "utf8" | "sjis";
};

// This area's routes in the typed client's map (src/shared/api-routes.ts).
declare module "../../shared/api-routes.js" {
  interface ApiRoutes {
    "POST /api/v1/imports": { query: ImportQuery; body: Blob; response: ImportResult };
    "GET /api/v1/exports/voices": { query: ExportQuery; response: Blob; file: true };
  }
}
