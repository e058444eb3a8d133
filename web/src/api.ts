// Typed client for /api/v1: same-origin cookie session, CSRF header on writes, one error type for failures.
// Calls name a route of the contract ("GET /api/v1/voices/:id") and get its response type: a changed response
// shape in the contract fails the UI's type-check. Types only come from the contract, so zod stays out.
import type { ApiError as ApiErrorBody, ErrorCode } from "../../src/shared/api-contract.js";
import type { JsonRouteKey, RouteKey, RouteRequest, RouteResponse } from "../../src/shared/api-routes.js";

/** A failed API call, carrying the server's stable code, Japanese message and per-field messages. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: ErrorCode | "network";
  readonly fields: Record<string, string>;

  constructor(status: number, code: ErrorCode | "network", message: string, fields?: Record<string, string>) {
    super(message);
    this.status = status;
    this.code = code;
    this.fields = fields ?? {};
  }
}

let csrfToken: string | null = null;
let onUnauthenticated: (() => void) | null = null;

export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when a request comes back 401 mid-session, so the app can return to the login screen. */
export function setUnauthenticatedHandler(handler: (() => void) | null): void {
  onUnauthenticated = handler;
}

function isErrorBody(value: unknown): value is ApiErrorBody {
  if (typeof value !== "object" || value === null || !("error" in value)) return false;
  const error = (value as { error: unknown }).error;
  return typeof error === "object" && error !== null && "message" in error;
}

/** The request is optional when the route has no path params and takes no body. */
type RequestArgs<K extends RouteKey> =
  object extends RouteRequest<K> ? [request?: RouteRequest<K>] : [request: RouteRequest<K>];

/** What a URL needs: the path params and the query (the body travels apart). */
type UrlArgs<K extends RouteKey> =
  object extends Omit<RouteRequest<K>, "body">
    ? [request?: Omit<RouteRequest<K>, "body">]
    : [request: Omit<RouteRequest<K>, "body">];

interface UrlParts {
  params?: Record<string, string | number>;
  query?: URLSearchParams | Record<string, string | number | undefined | null>;
}

function buildUrl(route: string, request: UrlParts | undefined): string {
  const path = route.slice(route.indexOf(" ") + 1);
  const params = request?.params ?? {};
  const filled = path.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(String(params[name])));
  const query = request?.query;
  const search = query instanceof URLSearchParams ? query.toString() : toQuery(query ?? {}).slice(1);
  return search ? `${filled}?${search}` : filled;
}

/** The URL of a route with its params and query filled in (also for a file upload or download). */
export function apiUrl<K extends RouteKey>(route: K, ...[request]: UrlArgs<K>): string {
  return buildUrl(route, request as UrlParts | undefined);
}

/** Calls a route that answers JSON; resolves to the route's response type, rejects with ApiError. */
export async function api<K extends JsonRouteKey>(
  route: K,
  ...args: RequestArgs<K>
): Promise<RouteResponse<K>> {
  const method = route.slice(0, route.indexOf(" "));
  const body = args[0]?.body;
  const headers: Record<string, string> = { Accept: "application/json" };
  if (body !== undefined) headers["Content-Type"] = "application/json";
  if (method !== "GET" && csrfToken) headers["X-CSRF-Token"] = csrfToken;
  let response: Response;
  try {
    response = await fetch(buildUrl(route, args[0] as UrlParts | undefined), {
      method,
      headers,
      credentials: "same-origin",
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, "network", "サーバーに接続できませんでした。通信環境を確認してください。");
  }
  if (response.status === 204) return undefined as RouteResponse<K>;
  const text = await response.text();
  let parsed: unknown = null;
  if (text) {
    try {
      parsed = JSON.parse(text);
    } catch {
      parsed = null;
    }
  }
  if (!response.ok) {
    // A failed login or session check is answered on the login screen itself, not by leaving the page.
    if (response.status === 401 && !route.endsWith(" /api/v1/session")) onUnauthenticated?.();
    if (isErrorBody(parsed)) {
      throw new ApiError(response.status, parsed.error.code, parsed.error.message, parsed.error.fields);
    }
    throw new ApiError(
      response.status,
      response.status === 401 ? "unauthenticated" : "internal",
      `エラーが発生しました（${response.status}）。時間をおいて再度お試しください。`,
    );
  }
  return parsed as RouteResponse<K>;
}

/** Builds a query string from the defined, non-empty values. */
export function toQuery(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value === undefined || value === null || value === "") continue;
    search.set(key, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : "";
}

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) return error.message;
  return "予期しないエラーが発生しました。";
}

/** Posts a JSON body to a route that answers a file (the disclosure workbook) and resolves to the file. */
export async function apiFile<K extends RouteKey>(route: K, body: RouteRequest<K>["body"]): Promise<Blob> {
  const headers: Record<string, string> = { "Content-Type": "application/json" };
  if (csrfToken) headers["X-CSRF-Token"] = csrfToken;
  let response: Response;
  try {
    response = await fetch(route.slice(route.indexOf(" ") + 1), {
      method: route.slice(0, route.indexOf(" ")),
      headers,
      credentials: "same-origin",
      body: JSON.stringify(body),
    });
  } catch {
    throw new ApiError(0, "network", "サーバーに接続できませんでした。通信環境を確認してください。");
  }
  if (response.ok) return response.blob();
  const parsed: unknown = await response.json().catch(() => null);
  if (isErrorBody(parsed))
    throw new ApiError(response.status, parsed.error.code, parsed.error.message, parsed.error.fields);
  throw new ApiError(response.status, "internal", `エラーが発生しました（${response.status}）。`);
}
