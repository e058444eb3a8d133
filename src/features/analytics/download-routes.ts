/**
 * The dashboard's chart downloads: the numbers of a counts query (or of the rising words) as XLSX or CSV
 * (UTF-8 with BOM, or Shift_JIS), in the same table the chart's table view shows (src/shared/analysis-tables.ts).
 * Thin: validate → count through the same use case as the JSON API → write the file.
 */
import type { FastifyInstance, FastifyReply } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../../db/database.js";
import { jstToday } from "../../domain/jst.js";
import { invalidInput } from "../../errors.js";
import { requireScope, requireUser } from "../../http/authentication.js";
import { tableCsv, tableXlsx } from "../../io/export-table.js";
import { recordFileExport } from "../../services/audit.js";
import {
  type AnalysisTable,
  crossTable,
  dimensionTable,
  fiscalMonthsTable,
  groupedTable,
  risingWordsTable,
} from "../../shared/analysis-tables.js";
import { errorResponses } from "../../shared/api-contract.js";
import { wordsQuery } from "../text/contract.js";
import { analyticsReaderOf } from "./analytics-reader.js";
import { countsQuerySchema, DIMENSION_LABELS, type Dimension, parseDimensions } from "./contract.js";

const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

export const TABLE_LAYOUTS = ["rows", "grouped", "cross", "fiscal_months"] as const;

const fileFields = {
  format: z.enum(["xlsx", "csv"], { error: "形式（format）は xlsx か csv です" }).default("xlsx"),
  encoding: z
    .enum(["utf8", "sjis"], { error: "文字コード（encoding）は utf8（UTF-8）か sjis（Shift_JIS）です" })
    .optional()
    .describe("CSV の文字コード: utf8（BOM 付き、既定）か sjis（Shift_JIS）"),
  title: z
    .string()
    .max(60, "表題（title）は60文字以内で指定してください")
    .optional()
    .describe("表とファイルの題"),
};

export const countsDownloadQuerySchema = countsQuerySchema.extend({
  ...fileFields,
  table: z
    .enum(TABLE_LAYOUTS, { error: "表の形（table）は rows、grouped、cross、fiscal_months のいずれかです" })
    .optional()
    .describe(
      "表の形: rows（軸ごとの行、既定）、grouped（2軸を1つ目の軸でまとめ小計つき）、cross（2軸のクロス集計）、" +
        "fiscal_months（年度の月別件数と前年度の同じ月。period は年度 fy2025 などで指定）",
    ),
});
export type CountsDownloadQuery = z.infer<typeof countsDownloadQuerySchema>;

export const wordsDownloadQuerySchema = wordsQuery.omit({ limit: true }).extend({
  ...fileFields,
  limit: z.coerce
    .number({ error: "limit は数値です" })
    .int()
    .min(1, "limit は1以上です")
    .max(50, "limit は50以下です")
    .optional(),
});

const fileResponse = {
  description: "集計表のファイル（Excel か CSV）。Content-Disposition にファイル名が入ります",
  // The body is a Buffer, never serialized: unknown lets the handler send it; the meta says what it is.
  content: {
    "text/csv": {
      schema: z.unknown().meta({ type: "string", description: "CSV（UTF-8 BOM 付き、または Shift_JIS）" }),
    },
    [XLSX_TYPE]: {
      schema: z.unknown().meta({ type: "string", format: "binary", description: "Excel（.xlsx）" }),
    },
  },
};

const dimLabel = (d: Dimension | undefined) => (d ? DIMENSION_LABELS[d] : "");

/** The default title: 種別×分類別の件数 */
function defaultTitle(dims: Dimension[], layout: (typeof TABLE_LAYOUTS)[number]): string {
  if (layout === "fiscal_months") return "月別の件数";
  return `${dims.map(dimLabel).join("×")}別の件数`;
}

/** attachment; an ASCII name for old clients and the Japanese one (RFC 5987) for the rest. */
function disposition(asciiName: string, name: string): string {
  return `attachment; filename="${asciiName}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

async function sendTable(
  reply: FastifyReply,
  table: AnalysisTable,
  file: { format: "xlsx" | "csv"; encoding?: "utf8" | "sjis" | undefined; asciiName: string; name: string },
) {
  reply.header(
    "content-disposition",
    disposition(`${file.asciiName}.${file.format}`, `${file.name}.${file.format}`),
  );
  if (file.format === "csv") {
    const sjis = file.encoding === "sjis";
    return reply
      .type(`text/csv; charset=${sjis ? "Shift_JIS" : "utf-8"}`)
      .send(tableCsv(table, { encoding: sjis ? "sjis" : "utf8" }));
  }
  return reply.type(XLSX_TYPE).send(await tableXlsx(table));
}

/** File names keep to characters every OS accepts. */
const safeName = (s: string) => s.replace(/[\\/:*?"<>|\s]+/g, "_");

export function analyticsDownloadRoutes(app: FastifyInstance, db: Db) {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const reader = analyticsReaderOf(app, db);
  r.get(
    "/api/v1/analysis/counts/download",
    {
      schema: {
        tags: ["analysis"],
        summary: "声の件数の表を Excel・CSV で出力（ダッシュボードのグラフの数値）",
        description:
          "GET /api/v1/analysis/counts と同じ条件（期間・比較・軸・一覧の絞り込み）の件数を、ダッシュボードの表表示と同じ表にして出力します。" +
          "CSV は UTF-8（BOM 付き、既定）か Shift_JIS（encoding=sjis）。文字のセルは数式として解釈されないよう無害化します。",
        querystring: countsDownloadQuerySchema,
        response: { 200: fileResponse, ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      requireScope(request, "voices:read");
      const { format, encoding, table: layoutAsked, title: titleAsked, ...query } = request.query;
      const parsed = parseDimensions(query.by);
      const dims = parsed.ok ? parsed.dimensions : [];
      const layout = layoutAsked ?? (dims.length === 2 ? "grouped" : "rows");
      if ((layout === "grouped" || layout === "cross") && dims.length !== 2)
        throw invalidInput(
          { table: `表の形「${layout}」には集計の軸（by）を2つ指定してください（例: by=type,category）` },
          "出力する表の指定に誤りがあります",
        );
      const title = titleAsked?.trim() || defaultTitle(dims, layout);

      let table: AnalysisTable;
      let periodLabel: string;
      let periodKey: string;
      if (layout === "fiscal_months") {
        const current = await reader.read("counts", user, { ...query, by: "month", compare: "none" });
        if (current.period.kind !== "fiscal_year")
          throw invalidInput(
            {
              period: "月別の推移（table=fiscal_months）の期間は年度で指定してください（例: period=fy2025）",
            },
            "出力する表の指定に誤りがあります",
          );
        const fy = Number(current.period.key.slice(2));
        const previous = await reader.read("counts", user, {
          ...query,
          period: `fy${fy - 1}`,
          by: "month",
          compare: "none",
        });
        table = fiscalMonthsTable(current, previous, { title, today: jstToday() });
        periodLabel = `${current.period.label}と${previous.period.label}`;
        periodKey = `${current.period.key}-${previous.period.key}`;
      } else {
        const counts = await reader.read("counts", user, query);
        const [a, b] = counts.by;
        table =
          layout === "rows"
            ? dimensionTable(counts, { title, dimensionLabel: dimLabel(a) })
            : (layout === "cross" ? crossTable : groupedTable)(counts, {
                title,
                dimensionLabels: [dimLabel(a), dimLabel(b)],
              });
        periodLabel = counts.period.label;
        periodKey = counts.period.key;
      }
      const name = safeName(`${title}_${periodLabel}`);
      await recordFileExport(db, { userId: user.id, file: `${name}.${format}`, ip: request.ip });
      return sendTable(reply, table, {
        format,
        encoding,
        asciiName: safeName(`koe-counts-${query.by ?? "type"}-${periodKey}`.replace(/,/g, "-")),
        name,
      });
    },
  );

  r.get(
    "/api/v1/analysis/words/download",
    {
      schema: {
        tags: ["analysis"],
        summary: "前年同期より増えた言葉の表を Excel・CSV で出力",
        description:
          "GET /api/v1/analysis/words と同じ条件で、前年同期より多くの声に出てきた言葉を増えた順に出力します（limit 件、既定10）。",
        querystring: wordsDownloadQuerySchema,
        response: { 200: fileResponse, ...errorResponses },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      requireScope(request, "voices:read");
      const { format, encoding, title: titleAsked, limit, ...query } = request.query;
      // The rising words are picked from the 100 most frequent, as the dashboard does.
      const words = await reader.read("words", user, { ...query, limit: 100 });
      const title = titleAsked?.trim() || "増えている言葉";
      const table = risingWordsTable(words.words, { title, limit: limit ?? 10 });
      const range = `${words.period.from}..${words.period.to}`;
      const name = safeName(`${title}_${range}`);
      await recordFileExport(db, { userId: user.id, file: `${name}.${format}`, ip: request.ip });
      return sendTable(reply, table, {
        format,
        encoding,
        asciiName: safeName(`koe-rising-words-${range}`),
        name,
      });
    },
  );
}
