/** One error type with stable codes; the HTTP layer maps it to `{error: {code, message, fields}}`. */
import type { ErrorCode } from "./shared/api-contract.js";

const STATUS: Record<ErrorCode, number> = {
  invalid_input: 400,
  unauthenticated: 401,
  csrf: 403,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  stale_version: 409,
  transition_refused: 409,
  throttled: 429,
  internal: 500,
};

export class AppError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly fields?: Record<string, string>,
  ) {
    super(message);
    this.name = "AppError";
    this.status = STATUS[code];
  }
}

export const invalidInput = (fields: Record<string, string>, message = "入力内容に誤りがあります") =>
  new AppError("invalid_input", message, fields);
export const notFound = (what = "指定されたデータ") => new AppError("not_found", `${what}が見つかりません`);
export const forbidden = (message = "この操作を行う権限がありません") => new AppError("forbidden", message);
export const staleVersion = () =>
  new AppError(
    "stale_version",
    "他の人が先に更新しました。最新の内容を読み込み直してから、もう一度保存してください",
  );
