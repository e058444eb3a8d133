/** Drives the Fastify app in process (inject) as a signed-in user: cookie, CSRF token, JSON. */
import type { FastifyInstance } from "fastify";
import { createUser } from "../../src/features/users-and-settings/users.js";
import { type AppOptions, buildApp } from "../../src/http/app.js";
import type { TestDatabase } from "./test-database.js";

export interface ApiResponse<T = unknown> {
  status: number;
  body: T;
  headers: Record<string, unknown>;
}

export class ApiClient {
  cookie: string | null = null;
  csrf: string | null = null;
  constructor(readonly app: FastifyInstance) {}

  async request<T = unknown>(
    method: string,
    url: string,
    payload?: unknown,
    headers: Record<string, string> = {},
  ) {
    const res = await this.app.inject({
      method: method as "GET",
      url,
      headers: {
        ...(this.cookie ? { cookie: this.cookie } : {}),
        ...(this.csrf && method !== "GET" ? { "x-csrf-token": this.csrf } : {}),
        ...headers,
      },
      ...(payload !== undefined ? { payload: payload as object } : {}),
    });
    const text = res.body;
    const body = text && res.headers["content-type"]?.toString().includes("json") ? JSON.parse(text) : text;
    return { status: res.statusCode, body: body as T, headers: res.headers } satisfies ApiResponse<T>;
  }

  async login(email: string, password: string) {
    const res = await this.app.inject({
      method: "POST",
      url: "/api/v1/session",
      payload: { email, password },
    });
    if (res.statusCode === 200) {
      const setCookie = res.headers["set-cookie"];
      const first = Array.isArray(setCookie) ? setCookie[0] : setCookie;
      this.cookie = first?.split(";")[0] ?? null;
      this.csrf = (JSON.parse(res.body) as { csrfToken: string }).csrfToken;
    }
    return { status: res.statusCode, body: JSON.parse(res.body) as Record<string, unknown> };
  }

  get = <T = unknown>(url: string) => this.request<T>("GET", url);
  post = <T = unknown>(url: string, body?: unknown) => this.request<T>("POST", url, body ?? {});
  patch = <T = unknown>(url: string, body: unknown) => this.request<T>("PATCH", url, body);
}

/** The app on a test database; `options` adds to it (e.g. how the classifier's retraining jobs train). */
export async function testApp(
  tdb: TestDatabase,
  options: Omit<Partial<AppOptions>, "db" | "dialect"> = {},
): Promise<FastifyInstance> {
  return buildApp({
    db: tdb.db,
    dialect: tdb.dialect,
    webDir: "/nonexistent",
    ...options,
  });
}

export const PASSWORD = "correct-horse-battery";

/** Users for every role; staff and lead belong to the call centre, otherStaff to the Tokyo branch. */
export async function seedUsers(tdb: TestDatabase) {
  const mk = (email: string, name: string, role: string, departmentCode: string | null) =>
    createUser(tdb.db, { email, name, role, departmentCode, password: PASSWORD });
  return {
    cs: await mk("cs@example.jp", "相談 花子", "cs", "cs"),
    lead: await mk("lead@example.jp", "責任 一郎", "lead", "call_center"),
    staff: await mk("staff@example.jp", "担当 次郎", "staff", "call_center"),
    staff2: await mk("staff2@example.jp", "担当 三郎", "staff", "call_center"),
    otherStaff: await mk("tokyo@example.jp", "東京 四郎", "staff", "tokyo_branch"),
    viewer: await mk("viewer@example.jp", "閲覧 五郎", "viewer", null),
  };
}

export async function clientAs(app: FastifyInstance, email: string, password = PASSWORD) {
  const c = new ApiClient(app);
  const r = await c.login(email, password);
  if (r.status !== 200) throw new Error(`login failed for ${email}: ${JSON.stringify(r.body)}`);
  return c;
}
