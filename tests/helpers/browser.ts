/**
 * Harness for the browser tests: Debian's Chromium, the real `koe serve` on a fresh (or seeded) SQLite file,
 * signing in, screenshots.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  chromium,
  type Page,
} from "playwright-core";
import { afterAll, beforeAll, describe, it } from "vitest";
import { prepareDatabase } from "../../src/bootstrap.js";
import { type Db, openTarget } from "../../src/db/database.js";
import { addCalendarDays, jstToday } from "../../src/domain/jst.js";
import { type ServerProcess, startServerProcess } from "./server-process.js";

export const CHROMIUM = "/usr/bin/chromium";
export const chromiumAvailable = existsSync(CHROMIUM);
const REPO = join(import.meta.dirname, "..", "..");
export const SCREENSHOTS = join(REPO, "test-results", "screenshots");

/**
 * A describe block that needs Chromium: skipped where it is missing, except under CI=true, where a missing
 * Chromium is a failing test (CI must never pass by skipping the browser).
 */
export function describeBrowser(title: string, body: () => void): void {
  if (chromiumAvailable) {
    describe(title, body);
  } else if (process.env.CI === "true") {
    describe(title, () => {
      it("needs Chromium", () => {
        throw new Error(
          `Chromium が ${CHROMIUM} にありません。CI ではブラウザーテストを省略できません: apt-get install -y chromium`,
        );
      });
    });
  } else {
    describe.skip(title, body);
  }
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
    ],
  });
}

/** A full-page picture in test-results/screenshots/<name>.png; `fromTop` scrolls up first (fixed headers). */
export async function screenshot(
  page: Page,
  name: string,
  options: { fromTop?: boolean } = {},
): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  if (options.fromTop) await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: true });
}

export interface Credentials {
  email: string;
  password: string;
}

export interface NewUser extends Credentials {
  name: string;
  role: string;
  /** Code of the user's department in the default taxonomy (e.g. "tokyo_branch"). */
  departmentCode: string;
}

/** A staff member and their lead in one department, with passwords unique to the calling test file. */
export function staffAndLead(
  departmentCode: string,
  passwordSuffix: string,
): { staff: NewUser; lead: NewUser } {
  return {
    staff: {
      email: "staff@example.jp",
      name: "佐藤 美咲",
      password: `staff-Passw0rd-${passwordSuffix}`,
      role: "staff",
      departmentCode,
    },
    lead: {
      email: "lead@example.jp",
      name: "高橋 健一",
      password: `lead-Passw0rd-${passwordSuffix}`,
      role: "lead",
      departmentCode,
    },
  };
}

/** A voice's received time as the form takes it: 10:00 on the day `daysAgo` days before today (JST). */
export function receivedDaysAgo(daysAgo: number): string {
  return `${addCalendarDays(jstToday(), -daysAgo).replaceAll("-", "/")} 10:00`;
}

/** A complaint to コールセンター by phone, received `daysAgo` days ago, as POST /voices takes it. */
export function callCenterComplaint(daysAgo: number, content: string, category = "handling") {
  return {
    receivedAt: receivedDaysAgo(daysAgo),
    type: "complaint",
    category,
    channel: "call_center",
    department: "call_center",
    content,
  };
}

/** Calls /api/v1 as the signed-in admin (session cookie + CSRF token); a non-2xx answer throws. */
export type AdminCall = <T>(method: string, path: string, body?: unknown) => Promise<T>;

export interface AdminApi {
  call: AdminCall;
  /** Creates the users, each in its department (looked up in the taxonomy by code). */
  createUsers(users: NewUser[]): Promise<void>;
}

export interface Koe {
  url: string;
  adminApi(): Promise<AdminApi>;
  /** Stops the server and removes its database. */
  stop(): Promise<void>;
}

async function adminApi(base: string, admin: Credentials): Promise<AdminApi> {
  const login = await fetch(`${base}/api/v1/session`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(admin),
  });
  if (!login.ok) throw new Error(`admin login failed: ${login.status} ${await login.text()}`);
  const cookie = login.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  const { csrfToken } = (await login.json()) as { csrfToken: string };
  const call: AdminCall = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${base}/api/v1${path}`, {
      method,
      headers: {
        Cookie: cookie,
        "X-CSRF-Token": csrfToken,
        ...(body === undefined ? {} : { "Content-Type": "application/json" }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };
  return {
    call,
    async createUsers(users) {
      const taxonomy = await call<{ departments: { id: number; code: string }[] }>("GET", "/taxonomy");
      for (const { departmentCode, ...user } of users) {
        const department = taxonomy.departments.find((d) => d.code === departmentCode);
        if (!department) throw new Error(`department ${departmentCode} missing from the default taxonomy`);
        await call("POST", "/users", { ...user, departmentId: department.id });
      }
    },
  };
}

/** Starts the built server on a new SQLite database in a temporary folder, with this admin. */
export function startKoe(admin: Credentials, tmpPrefix: string): Promise<Koe> {
  return startKoeOn(admin, tmpPrefix);
}

/**
 * The same, on a database migrated, given this admin and filled by `seed` (in one transaction) before the
 * server starts: for records no API writes, or too many to write through it.
 */
export function startSeededKoe(
  admin: Credentials,
  tmpPrefix: string,
  seed: (db: Db) => Promise<unknown>,
): Promise<Koe> {
  return startKoeOn(admin, tmpPrefix, seed);
}

async function startKoeOn(
  admin: Credentials,
  tmpPrefix: string,
  seed?: (db: Db) => Promise<unknown>,
): Promise<Koe> {
  for (const built of ["dist/cli/main.js", "dist/web/index.html"]) {
    if (!existsSync(join(REPO, built)))
      throw new Error(`${built} がありません。先に npm run build を実行してください`);
  }
  const dataDir = mkdtempSync(join(tmpdir(), tmpPrefix));
  const file = join(dataDir, "koe.sqlite");
  let server: ServerProcess;
  try {
    if (seed) {
      const kdb = await openTarget({ dialect: "sqlite", path: file });
      try {
        await prepareDatabase(kdb, admin);
        await kdb.db.transaction().execute((trx) => seed(trx));
      } finally {
        await kdb.close();
      }
    }
    server = await startServerProcess({
      DATABASE_URL: `sqlite:${file}`,
      KOE_ADMIN_EMAIL: admin.email,
      KOE_ADMIN_PASSWORD: admin.password,
    });
  } catch (error) {
    rmSync(dataDir, { recursive: true, force: true });
    throw error;
  }
  return {
    url: server.url,
    adminApi: () => adminApi(server.url, admin),
    async stop() {
      await server.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** Signs in on the login page as `who` (after the cookies of whoever was signed in are cleared). */
export async function signIn(page: Page, base: string, who: Credentials): Promise<void> {
  await page.context().clearCookies();
  await page.goto(`${base}/login`);
  await page.getByLabel("メールアドレス").fill(who.email);
  await page.getByLabel("パスワード", { exact: true }).fill(who.password);
  await page.getByRole("button", { name: "ログイン" }).click();
  await page.waitForURL((u) => u.pathname !== "/login");
}

export interface BrowserTest {
  koe: Koe;
  url: string;
  context: BrowserContext;
  page: Page;
  /** Calls /api/v1 as the admin, signed in at the first call. */
  call: AdminCall;
}

export interface BrowserTestOptions {
  admin: Credentials;
  /** Users the admin creates before `setup` runs. */
  users?: NewUser[];
  /** Prefix of the temporary folder that holds the database. */
  tmpPrefix: string;
  /** Records written into the database before the server starts (startSeededKoe). */
  seed?: (db: Db) => Promise<unknown>;
  /** Viewport and device; locale ja-JP and timezone Asia/Tokyo are added. A 1366×900 window unless given. */
  context?: BrowserContextOptions;
  /** Playwright's default timeout for actions and waits; 10 s unless given. */
  defaultTimeout?: number;
  /** Runs once everything is up: take the page and URL, seed data through the admin API. */
  setup(test: BrowserTest): Promise<void> | void;
}

/**
 * Registers beforeAll/afterAll (call it inside a describe): the server, Chromium with one context and page,
 * the users, then `setup`; afterwards the browser is closed, the server stopped and its database removed.
 */
export function useBrowserTest(options: BrowserTestOptions): void {
  let koe: Koe | undefined;
  let browser: Browser | undefined;
  let context: BrowserContext | undefined;

  beforeAll(
    async () => {
      koe = options.seed
        ? await startSeededKoe(options.admin, options.tmpPrefix, options.seed)
        : await startKoe(options.admin, options.tmpPrefix);
      browser = await launchChromium();
      context = await browser.newContext({
        locale: "ja-JP",
        timezoneId: "Asia/Tokyo",
        ...(options.context ?? { viewport: { width: 1366, height: 900 } }),
      });
      context.setDefaultTimeout(options.defaultTimeout ?? 10_000);
      const page = await context.newPage();
      const started = koe;
      let api: Promise<AdminApi> | undefined;
      const admin = () => {
        api ??= started.adminApi();
        return api;
      };
      const call: AdminCall = async <T>(method: string, path: string, body?: unknown) =>
        (await admin()).call<T>(method, path, body);
      if (options.users?.length) await (await admin()).createUsers(options.users);
      await options.setup({ koe, url: koe.url, context, page, call });
    },
    // a seeded database takes longer to fill
    options.seed ? 180_000 : 90_000,
  );

  afterAll(async () => {
    await context?.close();
    await browser?.close();
    await koe?.stop();
  }, 20_000);
}
