/** Voice files: import (CSV/XLSX as the raw request body or one multipart file, cs/admin) and export of a list filter (CSV/XLSX). */
import { PassThrough, Readable } from "node:stream";
import type { FastifyError, FastifyInstance } from "fastify";
import type { ZodTypeProvider } from "fastify-type-provider-zod";
import { z } from "zod";
import type { Db } from "../../db/database.js";
import { canExportCustomers, canImport } from "../../domain/roles.js";
import { AppError } from "../../errors.js";
import { requireScope, requireUser } from "../../http/authentication.js";
import { errorHandler } from "../../http/error-handler.js";
import { fileFromMultipart, MultipartError } from "../../http/multipart-file.js";
import { requireAllowed } from "../../http/permissions.js";
import { streamVoicesXlsx, voicesCsvChunks } from "../../io/export-voices.js";
import { IMPORT_LIMITS, limitMessages } from "../../io/import-limits.js";
import { type ColumnMapping, parseColumnMapping } from "../../io/voice-columns.js";
import { errorResponses } from "../../shared/api-contract.js";
import { voiceListQuerySchema } from "../voices/routes.js";
import { importQuery, importResultSchema } from "./contract.js";
import { prepareExport } from "./export-voices.js";
import { importVoiceFile } from "./import-file.js";

/** An import file's size limit, the same as the CLI's (import-limits.ts holds every limit of an import). */
export const IMPORT_BODY_LIMIT = IMPORT_LIMITS.maxBytes;
const XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

/** A body that is not a file (JSON, form fields): 415 with a message saying what to send instead. */
class NotAFileError extends AppError {
  override readonly status = 415;
  constructor() {
    super(
      "invalid_input",
      "取り込むファイルは、ファイルの中身をそのまま本文にして（Content-Type: application/octet-stream や text/csv）、" +
        "または multipart/form-data のファイル欄で送ってください。JSON やフォームの値としては受け付けません" +
        '（curl なら --data-binary @声.csv -H "Content-Type: text/csv" か -F file=@声.csv）',
      { file: "ファイルとして送られていません" },
    );
  }
}

function looksLikeRawFile(body: Buffer): boolean {
  return (
    body.includes(0x0a) ||
    body.includes(0x0d) ||
    body.subarray(0, 4).equals(Buffer.from("PK\x03\x04", "latin1"))
  );
}

/** The file of an import request: the raw body, or the one file of a multipart/form-data body. */
export function uploadedFile(
  body: unknown,
  contentType: string,
  headerName: string,
): { data: Buffer; fileName: string } {
  const mediaType = (contentType.split(";")[0] ?? "").trim().toLowerCase();
  let data = Buffer.isBuffer(body) ? body : Buffer.alloc(0);
  if (mediaType === "application/json" || mediaType.endsWith("+json")) throw new NotAFileError();
  // `curl --data-binary @声.csv` labels the file form-encoded; form fields never hold a raw line break or a zip.
  if (mediaType === "application/x-www-form-urlencoded" && !looksLikeRawFile(data)) throw new NotAFileError();
  let fileName = headerName;
  if (mediaType === "multipart/form-data") {
    try {
      const file = fileFromMultipart(data, contentType);
      data = file.data;
      fileName = file.fileName || headerName;
    } catch (err) {
      if (err instanceof MultipartError)
        throw new AppError("invalid_input", err.message, { file: err.message });
      throw err;
    }
  }
  if (data.length === 0) {
    throw new AppError("invalid_input", "ファイルが空です。取り込むファイルを選んでください", {
      file: "ファイルが空です",
    });
  }
  return { data, fileName };
}

export function fileNameOf(header: string | string[] | undefined): string {
  const raw = (Array.isArray(header) ? header[0] : header) ?? "";
  try {
    // Header values are Latin-1: the UI sends the name percent-encoded (日本語のファイル名.csv).
    return decodeURIComponent(raw);
  } catch {
    return raw;
  }
}

/** The mapping file sent as the `mapping` query parameter; its problems are the CLI's messages. */
function mappingFromQuery(text: string): ColumnMapping {
  const parsed = parseColumnMapping(text);
  if (!parsed.ok) {
    const message = `対応表に誤りがあります: ${parsed.errors.join("／")}`;
    throw new AppError("invalid_input", message, { mapping: parsed.errors.join("\n") });
  }
  return parsed.mapping;
}

/**
 * Sets up an encapsulated scope for file uploads (the voice import, the survey answer import): every body arrives as
 * bytes (text/plain, text/csv, application/vnd.ms-excel as Windows browsers label a .csv, multipart…) up to the
 * import's size limit, and the handler decides what it is, so no request gets another route's JSON-only message; a
 * body over the limit gets 413 with the Japanese size message.
 */
export function acceptFileUploads(scope: FastifyInstance): void {
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser("*", { parseAs: "buffer", bodyLimit: IMPORT_BODY_LIMIT }, (_req, body, done) =>
    done(null, body),
  );
  scope.setErrorHandler((err: FastifyError, request, reply) => {
    if (err.code === "FST_ERR_CTP_BODY_TOO_LARGE") {
      const message = limitMessages.bytes(IMPORT_BODY_LIMIT);
      return reply.status(413).send({ error: { code: "invalid_input", message, fields: { file: message } } });
    }
    return errorHandler(err, request, reply);
  });
}

export async function importExportRoutes(app: FastifyInstance, db: Db): Promise<void> {
  // Encapsulated: the raw-body parser, the larger body limit and the size message apply to the import route only.
  await app.register(async (scope) => {
    acceptFileUploads(scope);
    const r = scope.withTypeProvider<ZodTypeProvider>();
    r.post(
      "/api/v1/imports",
      {
        bodyLimit: IMPORT_BODY_LIMIT,
        schema: {
          tags: ["imports"],
          summary: "声の取り込み（CSV・Excel）。CS部門・管理者",
          description:
            "ファイルをそのままリクエスト本文で送ります（Content-Type: application/octet-stream や text/csv、ファイル名は X-File-Name ヘッダー、" +
            "日本語はパーセントエンコード）。multipart/form-data のファイル欄1つでも送れます（curl -F file=@声.csv）。" +
            "CSV は UTF-8（BOM 有無）と Shift_JIS を自動判別、Excel は .xlsx の1枚目のシート。" +
            `上限は ${IMPORT_LIMITS.maxRows.toLocaleString("ja-JP")} 行・${IMPORT_LIMITS.maxBytes / 1024 / 1024} MB です（超えると 400 または 413）。` +
            "見出しは日本語（受付日時・種別・分類・部署・内容…）か英語のコード名。dryRun=true は書き込まずに問題点を一覧します。" +
            "本番の取り込みは全行か0行か（problems が1件でもあれば何も書き込みません）。取り込み済みの外部IDの行は skipped に数えて飛ばします。" +
            "種別・分類・受付チャネル・商品・部署は、コード・名称のほか設定で登録した別名でも指定できます。登録されていない値には、近いラベルを suggestion で示します。" +
            "mapping に対応表（JSON）を渡すと、列名と値を置き換えてから取り込みます。defaultDepartment は部署のないファイルの部署です。",
          querystring: importQuery,
          headers: z.object({ "x-file-name": z.string().optional() }),
          response: { 200: importResultSchema, ...errorResponses },
        },
      },
      async (request) => {
        const user = requireAllowed(request, canImport);
        requireScope(request, "voices:write");
        const file = uploadedFile(
          request.body,
          request.headers["content-type"] ?? "",
          fileNameOf(request.headers["x-file-name"]),
        );
        const { dryRun, mapping, defaultDepartment } = request.query;
        return importVoiceFile(db, user, file.data, file.fileName || "upload.csv", {
          dryRun: dryRun === "true",
          ...(mapping ? { mapping: mappingFromQuery(mapping) } : {}),
          ...(defaultDepartment?.trim() ? { defaultDepartment: defaultDepartment.trim() } : {}),
        });
      },
    );
  });

  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get(
    "/api/v1/exports/voices",
    {
      schema: {
        tags: ["exports"],
        summary: "声の出力（一覧の絞り込み条件で CSV・Excel）",
        description:
          "一覧（GET /api/v1/voices）と同じ絞り込み条件で全件を出力します。CSV は UTF-8（BOM 付き、既定）か Shift_JIS（encoding=sjis）。" +
          "お客さまの個人情報の列は CS部門と管理者のときだけ含まれます。出力は監査ログ（voices_exported）に記録されます。" +
          "数式として解釈される先頭文字（= + - @）のセルは ' を付けて無害化します。出力したファイルはそのまま取り込めます。",
        querystring: voiceListQuerySchema.omit({ page: true, limit: true, sort: true }).extend({
          format: z.enum(["csv", "xlsx"], { error: "format は csv か xlsx です" }).default("csv"),
          encoding: z.enum(["utf8", "sjis"], { error: "encoding は utf8 か sjis です" }).optional(),
        }),
        response: {
          200: {
            description:
              "声のファイル（CSV か Excel）。X-Total-Count ヘッダーに件数、Content-Disposition にファイル名が入ります",
            // The file is streamed, never serialized: unknown lets the handler send a stream; the meta says what it is.
            content: {
              "text/csv": {
                schema: z
                  .unknown()
                  .meta({ type: "string", description: "CSV（UTF-8 BOM 付き、または Shift_JIS）" }),
              },
              [XLSX_TYPE]: {
                schema: z.unknown().meta({ type: "string", format: "binary", description: "Excel（.xlsx）" }),
              },
            },
          },
          ...errorResponses,
        },
      },
    },
    async (request, reply) => {
      const user = requireUser(request);
      requireScope(request, "voices:read");
      const { format, encoding, ...query } = request.query;
      const includeCustomer = request.auth?.via === "session" && canExportCustomers(user);
      const prepared = await prepareExport(db, user, {
        query,
        format,
        ...(encoding ? { encoding } : {}),
        includeCustomer,
        userId: user.id,
        ip: request.ip,
        via: request.auth?.via === "token" ? "api" : "web",
      });
      reply.header("content-disposition", `attachment; filename="${prepared.fileName}"`);
      reply.header("x-total-count", String(prepared.count));
      if (format === "csv") {
        const charset = encoding === "sjis" ? "Shift_JIS" : "utf-8";
        return reply
          .type(`text/csv; charset=${charset}`)
          .send(
            Readable.from(voicesCsvChunks(prepared.rows, { encoding: encoding ?? "utf8", includeCustomer })),
          );
      }
      const out = new PassThrough();
      streamVoicesXlsx(prepared.rows, { includeCustomer }, out).catch((err: unknown) => {
        request.log.error({ err }, "xlsx export failed");
        out.destroy(err instanceof Error ? err : new Error(String(err)));
      });
      return reply.type(XLSX_TYPE).send(out);
    },
  );
}
