/** The access matrix's calls to the activity records. */
import type { RouteKey } from "../../../src/shared/api-routes.js";
import { type Fixture, OWN } from "./world.js";

const TRAINING = { heldOn: "2026-10-15", kind: "商品", title: "新商品説明会", attendees: 18 };
const EVENT = { heldOn: "2026-10-20", kind: "seminar", title: "くらしの保障セミナー", attendance: 40 };
const AUDIT = { heldOn: "2026-09-30", kind: "internal", auditor: "内部監査室", items: ["受付記録の徹底"] };
const ELDERLY = {
  handledOn: "2026-11-02",
  customerRef: "契約 A-1031",
  staffName: "担当 花",
  measures: ["親族同席"],
};
const INTENT = { recordedOn: "2026-11-02", customerRef: "契約 A-1032", initialIntent: "医療保障の見直し" };

export const activityFixtures = {
  "GET /api/v1/activities/labels": () => ({ url: "/api/v1/activities/labels" }),
  "POST /api/v1/activities/labels": (_w, c) => ({
    url: "/api/v1/activities/labels",
    body: { kind: "training_kind", code: `matrix_${c.n}`, name: `確認研修${c.n}` },
  }),
  "PATCH /api/v1/activities/labels/:id": (w) => ({
    url: `/api/v1/activities/labels/${w.activityLabel}`,
    body: { name: "確認研修" },
  }),
  "GET /api/v1/activities/staff": () => ({ url: "/api/v1/activities/staff" }),
  "POST /api/v1/activities/staff": () => ({
    url: "/api/v1/activities/staff",
    body: { name: "職員 十和子", employmentType: "full_time", fromDate: "2024-04-01" },
  }),
  "GET /api/v1/activities/trainings": () => ({ url: "/api/v1/activities/trainings" }),
  "POST /api/v1/activities/trainings": () => ({ url: "/api/v1/activities/trainings", body: TRAINING }),
  "DELETE /api/v1/activities/trainings/:id": async (w) => {
    const t = await w.make<{ id: number }>("POST", "/api/v1/activities/trainings", TRAINING);
    return { url: `/api/v1/activities/trainings/${t.id}` };
  },
  "PATCH /api/v1/activities/trainings/:id": async (w) => {
    const t = await w.make<{ id: number }>("POST", "/api/v1/activities/trainings", TRAINING);
    return { url: `/api/v1/activities/trainings/${t.id}`, body: { attendees: 21 } };
  },
  "GET /api/v1/activities/events": () => ({ url: "/api/v1/activities/events" }),
  "PATCH /api/v1/activities/events/:id": async (w) => {
    const e = await w.make<{ id: number }>("POST", "/api/v1/activities/events", EVENT);
    return { url: `/api/v1/activities/events/${e.id}`, body: { attendance: 44 } };
  },
  "POST /api/v1/activities/events": () => ({ url: "/api/v1/activities/events", body: EVENT }),
  "DELETE /api/v1/activities/events/:id": async (w) => {
    const e = await w.make<{ id: number }>("POST", "/api/v1/activities/events", EVENT);
    return { url: `/api/v1/activities/events/${e.id}` };
  },
  "GET /api/v1/activities/business-figures": () => ({ url: "/api/v1/activities/business-figures" }),
  "PUT /api/v1/activities/business-figures": () => ({
    url: "/api/v1/activities/business-figures",
    body: { rows: [{ month: "2026-10", metric: "consultations", numerator: 31 }] },
  }),
  "POST /api/v1/activities/business-figures/import": () => ({
    url: "/api/v1/activities/business-figures/import",
    raw: {
      contentType: "text/csv; charset=utf-8",
      data: "月,項目,種目,件数,満期件数\n2026-09,保障相談件数,,28,\n",
    },
  }),
  "GET /api/v1/activities/audits": () => ({ url: "/api/v1/activities/audits" }),
  "PUT /api/v1/activities/staff/:id": async (w) => {
    const body = { name: "職員 十和子", employmentType: "full_time", fromDate: "2024-04-01" };
    const made = await w.make<{ id: number }>("POST", "/api/v1/activities/staff", body);
    return { url: `/api/v1/activities/staff/${made.id}`, body: { ...body, name: "職員 十和子（異動）" } };
  },
  "DELETE /api/v1/activities/business-figures/:id": async (w, c) => {
    const month = `2025-${String((c.n % 12) + 1).padStart(2, "0")}`;
    await w.make("PUT", "/api/v1/activities/business-figures", {
      rows: [{ month, metric: "early_lapses", numerator: 1 }],
    });
    const list = await w.make<{ items: { id: number; month: string; metric: string }[] }>(
      "GET",
      "/api/v1/activities/business-figures?metric=early_lapses",
    );
    const figure = list.items.find((f) => f.month === month);
    return { url: `/api/v1/activities/business-figures/${figure?.id ?? 0}` };
  },
  "POST /api/v1/activities/audit-items/:id/improvement": async (w) => {
    const a = await w.make<{ id: number }>("POST", "/api/v1/activities/audits", AUDIT);
    const audits = await w.make<{ items: { id: number; items: { id: number }[] }[] }>(
      "GET",
      "/api/v1/activities/audits",
    );
    const item = audits.items.find((x) => x.id === a.id)?.items[0];
    return {
      url: `/api/v1/activities/audit-items/${item?.id ?? 0}/improvement`,
      body: { ownerDepartmentId: w.dept[OWN], dueDate: "2027-03-31" },
    };
  },
  "POST /api/v1/activities/audit-items/:id/improvement-link": async (w) => {
    const a = await w.make<{ id: number }>("POST", "/api/v1/activities/audits", AUDIT);
    const audits = await w.make<{ items: { id: number; items: { id: number }[] }[] }>(
      "GET",
      "/api/v1/activities/audits",
    );
    const item = audits.items.find((x) => x.id === a.id)?.items[0];
    return {
      url: `/api/v1/activities/audit-items/${item?.id ?? 0}/improvement-link`,
      body: { improvementId: w.improvement },
    };
  },
  "PATCH /api/v1/activities/audits/:id": async (w) => {
    const a = await w.make<{ id: number }>("POST", "/api/v1/activities/audits", AUDIT);
    return { url: `/api/v1/activities/audits/${a.id}`, body: { auditor: "内部監査室（再監査）" } };
  },
  "POST /api/v1/activities/audits": () => ({ url: "/api/v1/activities/audits", body: AUDIT }),
  "DELETE /api/v1/activities/audits/:id": async (w) => {
    const a = await w.make<{ id: number }>("POST", "/api/v1/activities/audits", AUDIT);
    return { url: `/api/v1/activities/audits/${a.id}` };
  },
  "GET /api/v1/activities/elderly-handlings": () => ({ url: "/api/v1/activities/elderly-handlings" }),
  "POST /api/v1/activities/elderly-handlings": () => ({
    url: "/api/v1/activities/elderly-handlings",
    body: {
      handledOn: "2026-11-02",
      customerRef: "契約 A-1029",
      staffName: "担当 花",
      measures: ["親族同席"],
    },
  }),
  "PATCH /api/v1/activities/elderly-handlings/:id": async (w) => {
    const h = await w.make<{ id: number }>("POST", "/api/v1/activities/elderly-handlings", ELDERLY);
    return { url: `/api/v1/activities/elderly-handlings/${h.id}`, body: { staffName: "担当 葵" } };
  },
  "DELETE /api/v1/activities/elderly-handlings/:id": async (w) => {
    const h = await w.make<{ id: number }>("POST", "/api/v1/activities/elderly-handlings", ELDERLY);
    return { url: `/api/v1/activities/elderly-handlings/${h.id}` };
  },
  "PATCH /api/v1/activities/intent-records/:id": async (w) => {
    const r = await w.make<{ id: number }>("POST", "/api/v1/activities/intent-records", INTENT);
    return { url: `/api/v1/activities/intent-records/${r.id}`, body: { finalIntent: "入院保障を厚く" } };
  },
  "DELETE /api/v1/activities/intent-records/:id": async (w) => {
    const r = await w.make<{ id: number }>("POST", "/api/v1/activities/intent-records", INTENT);
    return { url: `/api/v1/activities/intent-records/${r.id}` };
  },
  "GET /api/v1/activities/intent-records": () => ({ url: "/api/v1/activities/intent-records" }),
  "POST /api/v1/activities/intent-records": () => ({
    url: "/api/v1/activities/intent-records",
    body: { recordedOn: "2026-11-02", customerRef: "契約 A-1030", initialIntent: "入院保障を厚く" },
  }),
} satisfies Partial<Record<RouteKey, Fixture>>;
