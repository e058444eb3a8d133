/**
 * The set-up the KPI register's and activity records' API tests share (tests/api/kpi-api.test.ts and
 * kpi-editing-api.test.ts): a database with the seeded users, the app, and the clients who enter records
 * (cs), lead and only read (viewer); and the monthly-figures import as the screen sends it.
 */
import type { FastifyInstance } from "fastify";
import type { Dialect } from "../../src/db/database.js";
import { encodeCp932 } from "../../src/io/export-voices.js";
import { type ApiClient, type ApiResponse, clientAs, seedUsers, testApp } from "./api-client.js";
import { createTestDatabase, type TestDatabase } from "./test-database.js";

export interface KpiApiTest {
  tdb: TestDatabase;
  app: FastifyInstance;
  cs: ApiClient;
  lead: ApiClient;
  viewer: ApiClient;
}

export async function startKpiApiTest(dialect: Dialect): Promise<KpiApiTest> {
  const tdb = await createTestDatabase(dialect);
  await seedUsers(tdb);
  const app = await testApp(tdb);
  return {
    tdb,
    app,
    cs: await clientAs(app, "cs@example.jp"),
    lead: await clientAs(app, "lead@example.jp"),
    viewer: await clientAs(app, "viewer@example.jp"),
  };
}

/** Uploads a monthly-figures CSV in Shift_JIS (as Excel saves it) under a Japanese file name. */
export function importBusinessFigures<T>(
  client: ApiClient,
  csv: string,
  query = "",
): Promise<ApiResponse<T>> {
  return client.request<T>("POST", `/api/v1/activities/business-figures/import${query}`, encodeCp932(csv), {
    "content-type": "text/csv",
    "x-file-name": encodeURIComponent("月次実績.csv"),
  });
}
