/**
 * The OpenAPI document at /api/openapi.json shows what every /api/v1 route answers: a success response with a
 * content schema (204: none), and errors in the one error shape. The routes declare these schemas, so the serializer sends
 * exactly what the document says.
 */
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RouteKey } from "../../src/shared/api-routes.js";
import { testApp } from "../helpers/api-client.js";
import { createTestDatabase, type TestDatabase, testDialects } from "../helpers/test-database.js";

const dialects = await testDialects();

interface MediaType {
  schema?: Record<string, unknown>;
}
interface ResponseObject {
  description?: string;
  content?: Record<string, MediaType>;
}
interface Operation {
  responses?: Record<string, ResponseObject>;
}
type OpenApi = { paths: Record<string, Record<string, Operation>> };

const METHODS = ["get", "post", "put", "patch", "delete"];

/**
 * The routes the web UI's typed client knows (src/shared/api-routes.ts). `satisfies` makes the type-check fail
 * when a route is missing here or named here but not in the map, so this list is the map's keys.
 */
const CLIENT_ROUTES = {
  "POST /api/v1/session": true,
  "GET /api/v1/session": true,
  "DELETE /api/v1/session": true,
  "POST /api/v1/session/two-factor": true,
  "DELETE /api/v1/session/all": true,
  "GET /api/v1/account/two-factor": true,
  "POST /api/v1/account/two-factor/setup": true,
  "POST /api/v1/account/two-factor/confirm": true,
  "POST /api/v1/account/two-factor/disable": true,
  "GET /api/v1/voices": true,
  "POST /api/v1/voices": true,
  "GET /api/v1/voices/:id": true,
  "PATCH /api/v1/voices/:id": true,
  "POST /api/v1/voices/:id/actions": true,
  "GET /api/v1/taxonomy": true,
  "POST /api/v1/taxonomy/:kind": true,
  "PATCH /api/v1/taxonomy/:kind/:id": true,
  "GET /api/v1/departments": true,
  "POST /api/v1/departments": true,
  "PATCH /api/v1/departments/:id": true,
  "GET /api/v1/users/options": true,
  "GET /api/v1/users": true,
  "POST /api/v1/users": true,
  "PATCH /api/v1/users/:id": true,
  "DELETE /api/v1/users/:id/sessions": true,
  "DELETE /api/v1/users/:id/two-factor": true,
  "GET /api/v1/settings": true,
  "PUT /api/v1/settings": true,
  "GET /api/v1/audit": true,
  "POST /api/v1/imports": true,
  "GET /api/v1/exports/voices": true,
  "POST /api/v1/public/voices": true,
  "GET /api/v1/public/voices/:receiptNumber": true,
  "POST /api/v1/classify": true,
  "GET /api/v1/model": true,
  "POST /api/v1/model/train": true,
  "GET /api/v1/model/settings": true,
  "PUT /api/v1/model/settings": true,
  "GET /api/v1/model/report": true,
  "POST /api/v1/model/retrain": true,
  "GET /api/v1/model/retrain": true,
  "POST /api/v1/model/restore": true,
  "GET /api/v1/complaint-reviews": true,
  "GET /api/v1/complaint-reviews/count": true,
  "POST /api/v1/complaint-reviews/:id/confirm": true,
  "POST /api/v1/voices/similar": true,
  "GET /api/v1/voices/:id/similar": true,
  "POST /api/v1/voices/:id/merge": true,
  "GET /api/v1/analysis/words": true,
  "GET /api/v1/search/synonyms": true,
  "PUT /api/v1/search/synonyms": true,
  "GET /api/v1/tokens": true,
  "POST /api/v1/tokens": true,
  "DELETE /api/v1/tokens/:id": true,
  "GET /api/v1/insights": true,
  "POST /api/v1/insights": true,
  "GET /api/v1/insights/:id": true,
  "GET /api/v1/improvements": true,
  "POST /api/v1/improvements": true,
  "GET /api/v1/improvements/count": true,
  "GET /api/v1/improvements/public": true,
  "GET /api/v1/improvements/:id": true,
  "PATCH /api/v1/improvements/:id": true,
  "POST /api/v1/improvements/:id/links": true,
  "POST /api/v1/improvements/:id/status": true,
  "POST /api/v1/improvements/:id/notes": true,
  "GET /api/v1/improvements/:id/effect": true,
  "GET /api/v1/voices/:id/improvements": true,
  "GET /api/v1/committees": true,
  "POST /api/v1/committees": true,
  "PATCH /api/v1/committees/:id": true,
  "GET /api/v1/meetings": true,
  "POST /api/v1/meetings": true,
  "GET /api/v1/meetings/:id": true,
  "GET /api/v1/meetings/:id/proposed-agenda": true,
  "PUT /api/v1/meetings/:id/agenda": true,
  "POST /api/v1/meetings/:id/decisions": true,
  "GET /api/v1/notifications": true,
  "GET /api/v1/notifications/unread-count": true,
  "POST /api/v1/notifications/read": true,
  "GET /api/v1/notifications/preferences": true,
  "PUT /api/v1/notifications/preferences": true,
  "GET /api/v1/insurer-reports": true,
  "POST /api/v1/voices/:id/insurer-report": true,
  "GET /api/v1/settings/insurer-reports": true,
  "PUT /api/v1/settings/insurer-reports": true,
  "POST /api/v1/circulations": true,
  "GET /api/v1/circulations": true,
  "GET /api/v1/circulations/:id": true,
  "POST /api/v1/circulations/:id/read": true,
  "POST /api/v1/circulations/:id/comments": true,
  "GET /api/v1/settings/digest": true,
  "PUT /api/v1/settings/digest": true,
  "GET /api/v1/reports": true,
  "POST /api/v1/reports": true,
  "GET /api/v1/reports/:id": true,
  "PUT /api/v1/reports/:id": true,
  "POST /api/v1/reports/:id/sections/order": true,
  "PUT /api/v1/reports/:id/sections/:sectionId/voices": true,
  "GET /api/v1/reports/:id/sections/:sectionId/suggestions": true,
  "POST /api/v1/reports/:id/approve": true,
  "POST /api/v1/reports/:id/publish": true,
  "POST /api/v1/reports/:id/new-version": true,
  "GET /api/v1/reports/:id/document": true,
  "GET /api/v1/reports/:id/preview": true,
  "GET /api/v1/reports/:id/file": true,
  "GET /api/v1/analysis/counts": true,
  "GET /api/v1/analysis/handling": true,
  "GET /api/v1/analysis/queues": true,
  "GET /api/v1/analysis/counts/download": true,
  "GET /api/v1/analysis/words/download": true,
  "GET /api/v1/label-aliases": true,
  "PUT /api/v1/label-aliases/:kind/:id": true,
  "GET /api/v1/reviews": true,
  "POST /api/v1/reviews": true,
  "GET /api/v1/reviews/voice-example": true,
  "GET /api/v1/reviews/:id": true,
  "PUT /api/v1/reviews/:id": true,
  "POST /api/v1/reviews/:id/approve": true,
  "GET /api/v1/reviews/:id/figures": true,
  "POST /api/v1/surveys/:id/answers/import": true,
  "GET /api/v1/surveys": true,
  "POST /api/v1/surveys": true,
  "GET /api/v1/surveys/kinds": true,
  "POST /api/v1/surveys/kinds": true,
  "PATCH /api/v1/surveys/kinds/:id": true,
  "GET /api/v1/surveys/figures": true,
  "GET /api/v1/surveys/:id": true,
  "PATCH /api/v1/surveys/:id": true,
  "POST /api/v1/surveys/:id/answers": true,
  "GET /api/v1/surveys/:id/links": true,
  "POST /api/v1/surveys/:id/links": true,
  "GET /api/v1/surveys/:id/results": true,
  "GET /api/v1/surveys/:id/results/download": true,
  "GET /api/v1/public/surveys/:code": true,
  "POST /api/v1/public/surveys/:code/answers": true,
  "GET /api/v1/public/survey-links/:code": true,
  "POST /api/v1/public/survey-links/:code/answers": true,
  "GET /api/v1/kpis": true,
  "POST /api/v1/kpis": true,
  "GET /api/v1/kpis/definitions": true,
  "POST /api/v1/kpis/themes": true,
  "PATCH /api/v1/kpis/themes/:id": true,
  "POST /api/v1/kpis/themes/:id/retire": true,
  "PATCH /api/v1/kpis/:id": true,
  "GET /api/v1/kpis/settings": true,
  "PUT /api/v1/kpis/settings": true,
  "POST /api/v1/kpis/template": true,
  "POST /api/v1/kpis/:id/retire": true,
  "GET /api/v1/kpis/:id/value": true,
  "PUT /api/v1/kpis/:id/entries": true,
  "GET /api/v1/kpis/:id/history": true,
  "GET /api/v1/activities/labels": true,
  "POST /api/v1/activities/labels": true,
  "PATCH /api/v1/activities/labels/:id": true,
  "GET /api/v1/activities/staff": true,
  "POST /api/v1/activities/staff": true,
  "PUT /api/v1/activities/staff/:id": true,
  "GET /api/v1/activities/trainings": true,
  "POST /api/v1/activities/trainings": true,
  "DELETE /api/v1/activities/trainings/:id": true,
  "PATCH /api/v1/activities/trainings/:id": true,
  "GET /api/v1/activities/events": true,
  "POST /api/v1/activities/events": true,
  "DELETE /api/v1/activities/events/:id": true,
  "PATCH /api/v1/activities/events/:id": true,
  "GET /api/v1/activities/business-figures": true,
  "PUT /api/v1/activities/business-figures": true,
  "POST /api/v1/activities/business-figures/import": true,
  "DELETE /api/v1/activities/business-figures/:id": true,
  "GET /api/v1/activities/audits": true,
  "POST /api/v1/activities/audits": true,
  "DELETE /api/v1/activities/audits/:id": true,
  "PATCH /api/v1/activities/audits/:id": true,
  "POST /api/v1/activities/audit-items/:id/improvement-link": true,
  "POST /api/v1/activities/audit-items/:id/improvement": true,
  "GET /api/v1/activities/elderly-handlings": true,
  "POST /api/v1/activities/elderly-handlings": true,
  "PATCH /api/v1/activities/elderly-handlings/:id": true,
  "DELETE /api/v1/activities/elderly-handlings/:id": true,
  "GET /api/v1/activities/intent-records": true,
  "POST /api/v1/activities/intent-records": true,
  "PATCH /api/v1/activities/intent-records/:id": true,
  "DELETE /api/v1/activities/intent-records/:id": true,
  "POST /api/v1/personal-data-requests/lookup": true,
  "GET /api/v1/personal-data-requests": true,
  "POST /api/v1/personal-data-requests": true,
  "POST /api/v1/personal-data-requests/disclosure-file": true,
} satisfies Record<RouteKey, true>;

/** Every operation under /api/v1 as "METHOD /path", with its responses. */
function operations(doc: OpenApi): [string, Record<string, ResponseObject>][] {
  const out: [string, Record<string, ResponseObject>][] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    if (!path.startsWith("/api/v1/")) continue;
    for (const method of METHODS) {
      const op = item[method];
      // OpenAPI writes path parameters as {id}; the routes and the client as :id
      if (op) out.push([`${method.toUpperCase()} ${path.replace(/\{(\w+)\}/g, ":$1")}`, op.responses ?? {}]);
    }
  }
  return out;
}

/** What is wrong with one operation's responses, or null when it declares its success and error answers. */
function missingSchema(responses: Record<string, ResponseObject>): string | null {
  const success = Object.entries(responses).filter(([code]) => /^2\d\d$/.test(code));
  // Without a declared response, @fastify/swagger makes up `200: Default Response` with no content.
  if (success.length === 0) return "2xx の応答がありません";
  for (const [code, response] of success) {
    if (code === "204") {
      if (response.content) return "204 に本文があります";
      continue;
    }
    const media = Object.values(response.content ?? {});
    if (media.length === 0 || media.some((m) => !m.schema || Object.keys(m.schema).length === 0))
      return `${code} に本文のスキーマがありません`;
  }
  // Errors declared (4XX or single codes) have the one error shape.
  for (const [code, response] of Object.entries(responses).filter(([c]) => /^4(\d\d|XX)$/.test(c))) {
    const schema = response.content?.["application/json"]?.schema as { properties?: object } | undefined;
    if (!schema?.properties || !("error" in schema.properties)) return `${code} がエラーの形ではありません`;
  }
  return null;
}

describe.each(dialects)("the OpenAPI document on %s", (dialect) => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  let doc: OpenApi;

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    app = await testApp(tdb);
    const res = await app.inject({ method: "GET", url: "/api/openapi.json" });
    expect(res.statusCode).toBe(200);
    doc = JSON.parse(res.body) as OpenApi;
  });
  afterAll(async () => {
    await app?.close();
    await tdb?.drop();
  });

  it("shows a response schema for every /api/v1 route", () => {
    const ops = operations(doc);
    // the routes of sessions, voices, settings, users, audit, import/export, the public form, text and tokens
    expect(ops.length).toBeGreaterThanOrEqual(35);
    const lacking = ops
      .map(([op, responses]) => [op, missingSchema(responses)] as const)
      .filter(([, problem]) => problem !== null)
      .map(([op, problem]) => `${op}: ${problem}`);
    expect(lacking).toEqual([]);
  });

  it("has every route in the UI's typed client, each declaring the error shape", () => {
    const ops = new Map(operations(doc));
    const client = Object.keys(CLIENT_ROUTES);
    expect(client.filter((route) => !ops.has(route))).toEqual([]);
    expect([...ops.keys()].filter((op) => !(op in CLIENT_ROUTES))).toEqual([]);
    expect(client.filter((route) => !ops.get(route)?.["4XX"])).toEqual([]);
  });

  it("names the fields of a voice, of the voice list and of the error shape", () => {
    const schemaOf = (path: string, method: string, code: string) =>
      doc.paths[path]?.[method]?.responses?.[code]?.content?.["application/json"]?.schema as
        | { properties?: Record<string, { properties?: Record<string, unknown> }>; required?: string[] }
        | undefined;
    const detail = schemaOf("/api/v1/voices/{id}", "get", "200");
    expect(Object.keys(detail?.properties ?? {})).toEqual(
      expect.arrayContaining([
        "receiptNumber",
        "status",
        "customer",
        "timeline",
        "allowedActions",
        "version",
      ]),
    );
    expect(detail?.required).toEqual(expect.arrayContaining(["receiptNumber", "timeline"]));
    expect(detail?.required).not.toContain("mergedVoices");
    const list = schemaOf("/api/v1/voices", "get", "200");
    expect(Object.keys(list?.properties ?? {})).toEqual(
      expect.arrayContaining(["items", "total", "totalCapped", "page", "limit"]),
    );
    const created = schemaOf("/api/v1/voices", "post", "201");
    expect(Object.keys(created?.properties ?? {})).toContain("timeline");
    const error = schemaOf("/api/v1/voices", "post", "4XX");
    expect(Object.keys(error?.properties?.error?.properties ?? {})).toEqual(["code", "message", "fields"]);
  });

  it("shows the export as a CSV or Excel file and logout without a body", () => {
    const exportOk = doc.paths["/api/v1/exports/voices"]?.get?.responses?.["200"];
    expect(Object.keys(exportOk?.content ?? {})).toEqual([
      "text/csv",
      "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ]);
    const logout = doc.paths["/api/v1/session"]?.delete?.responses?.["204"];
    expect(logout).toBeDefined();
    expect(logout?.content).toBeUndefined();
  });
});
