/** Maps every failure to the one error shape `{error: {code, message, fields}}`, in Japanese. */
import type { FastifyError, FastifyReply, FastifyRequest } from "fastify";
import { hasZodFastifySchemaValidationErrors } from "fastify-type-provider-zod";
import { isDatabaseBusy } from "../db/dialect.js";
import { AppError } from "../errors.js";
import type { ApiError } from "../shared/api-contract.js";

function fieldName(instancePath: string): string {
  return instancePath.replace(/^\//, "").replace(/\//g, ".") || "body";
}

/**
 * The message of one schema issue. A schema-wide message (z.string({ error: "メールアドレスを入力してください" }))
 * also answers a value that is too long, where it misleads; a message about a too-long text must give the limit.
 */
function issueMessage(issue: { keyword: string; message?: string; params: Record<string, unknown> }): string {
  const message = issue.message ?? "入力内容に誤りがあります";
  const max = issue.params.maximum;
  if (issue.keyword !== "too_big" || issue.params.origin !== "string" || typeof max !== "number")
    return message;
  const limit = max.toLocaleString("ja-JP");
  return message.includes(limit) || message.includes(String(max))
    ? message
    : `${limit}文字以内で入力してください`;
}

export function errorHandler(err: FastifyError, request: FastifyRequest, reply: FastifyReply) {
  if (err instanceof AppError) {
    const body: ApiError = {
      error: { code: err.code, message: err.message, ...(err.fields ? { fields: err.fields } : {}) },
    };
    return reply.status(err.status).send(body);
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    // A number in the path beyond any id that can exist (pathIdParams) names nothing: 404, like a missing record.
    const beyond = err.validation.find(
      (issue) => issue.keyword === "too_big" && issue.params.origin === "number",
    );
    if (err.validationContext === "params" && beyond) {
      const body: ApiError = { error: { code: "not_found", message: beyond.message ?? "見つかりません" } };
      return reply.status(404).send(body);
    }
    const fields: Record<string, string> = {};
    for (const issue of err.validation) {
      const name = fieldName(issue.instancePath);
      fields[name] ??= issueMessage(issue);
    }
    const body: ApiError = { error: { code: "invalid_input", message: "入力内容に誤りがあります", fields } };
    return reply.status(400).send(body);
  }
  if (err.statusCode === 415 || err.code === "FST_ERR_CTP_INVALID_MEDIA_TYPE") {
    return reply
      .status(415)
      .send({ error: { code: "invalid_input", message: "JSON 形式で送信してください" } });
  }
  if (
    err.code === "FST_ERR_CTP_INVALID_JSON_BODY" ||
    err.code === "FST_ERR_CTP_EMPTY_JSON_BODY" ||
    err instanceof SyntaxError
  ) {
    return reply
      .status(400)
      .send({ error: { code: "invalid_input", message: "リクエストの JSON を読めません" } });
  }
  if (err.code === "FST_ERR_CTP_BODY_TOO_LARGE") {
    return reply.status(413).send({ error: { code: "invalid_input", message: "送信データが大きすぎます" } });
  }
  if (err.statusCode === 429) {
    return reply.status(429).send({
      error: { code: "throttled", message: "リクエストが多すぎます。しばらく待ってから再度お試しください" },
    });
  }
  if (err.code === "22021") {
    // PostgreSQL refused a character (NUL) that a request schema should have removed (inputText): the input is
    // at fault, not the server. Logged, so the schema that let it through can be found and fixed.
    request.log.warn({ err }, "text with a character PostgreSQL refuses reached the database");
    return reply.status(400).send({
      error: { code: "invalid_input", message: "使用できない文字（制御文字）が含まれています" },
    });
  }
  if (isDatabaseBusy(err)) {
    // Overload, not a fault: the client may try again shortly (the load bench met this as 500s).
    request.log.warn({ err }, "no database connection free within the pool's wait");
    return reply
      .status(503)
      .header("retry-after", "5")
      .send({
        error: {
          code: "internal",
          message: "ただいま混み合っているため、処理できませんでした。少し時間をおいて再度お試しください",
        },
      });
  }
  request.log.error({ err }, "unhandled error");
  return reply.status(500).send({
    error: { code: "internal", message: "サーバーで問題が発生しました。時間をおいて再度お試しください" },
  });
}

/**
 * What Fastify answers itself, before any route or hook runs: a path that is not valid percent-encoding
 * (/api/v1/voices/%E3%81, an encoded lone surrogate) and a path parameter longer than the router keeps (100
 * characters). Fastify's own answers are English and outside the error shape; these are koe's. A parameter that long
 * names nothing that can exist, so it is "not found", as an id beyond any id is.
 */
export function frameworkErrorHandler(err: FastifyError, _request: FastifyRequest, reply: FastifyReply) {
  if (err.code === "FST_ERR_MAX_PARAM_LENGTH") {
    const body: ApiError = {
      error: { code: "not_found", message: "URL の値が長すぎます。該当するものは見つかりません" },
    };
    return reply.status(404).send(body);
  }
  const message = "URL に読み取れない文字があります（パーセントエンコードが正しくありません）";
  const body: ApiError = { error: { code: "invalid_input", message, fields: { url: message } } };
  return reply.status(400).send(body);
}

export function notFoundHandler(request: FastifyRequest, reply: FastifyReply) {
  return reply.status(404).send({
    error: { code: "not_found", message: `${request.method} ${request.url.split("?")[0]} は存在しません` },
  });
}
