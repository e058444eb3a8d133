/** The access matrix's calls to labels, departments, users, settings, the audit screen, API tokens, synonyms and label aliases. */
import type { RouteKey } from "../../../src/shared/api-routes.js";
import { type Fixture, OWN, PASSWORD } from "./world.js";

export const adminFixtures = {
  "GET /api/v1/taxonomy": () => ({ url: "/api/v1/taxonomy" }),
  "POST /api/v1/taxonomy/:kind": (_w, c) => ({
    url: "/api/v1/taxonomy/category",
    body: { code: `matrix_${c.n}`, name: `行列確認用の分類${c.n}` },
  }),
  "PATCH /api/v1/taxonomy/:kind/:id": (w) => ({
    url: `/api/v1/taxonomy/category/${w.spareCategory}`,
    body: { name: "確認用の分類" },
  }),
  "GET /api/v1/departments": () => ({ url: "/api/v1/departments" }),
  "POST /api/v1/departments": (_w, c) => ({
    url: "/api/v1/departments",
    body: { code: `matrix_dept_${c.n}`, name: `行列確認部${c.n}` },
  }),
  "PATCH /api/v1/departments/:id": (w) => ({
    url: `/api/v1/departments/${w.spareDepartment}`,
    body: { name: "確認用の部署" },
  }),
  "GET /api/v1/users/options": () => ({ url: "/api/v1/users/options" }),
  "GET /api/v1/users": () => ({ url: "/api/v1/users" }),
  "POST /api/v1/users": (w, c) => ({
    url: "/api/v1/users",
    body: {
      email: `new-${c.n}@example.jp`,
      name: "新人 七海",
      role: "staff",
      departmentId: w.dept[OWN],
      password: PASSWORD,
    },
  }),
  "PATCH /api/v1/users/:id": (w, c) => ({
    url: `/api/v1/users/${w.spareUser}`,
    body: { name: `異動 八郎${c.n}` },
  }),
  "GET /api/v1/settings": () => ({ url: "/api/v1/settings" }),
  "DELETE /api/v1/users/:id/sessions": (w) => ({ url: `/api/v1/users/${w.spareUser}/sessions` }),
  "DELETE /api/v1/users/:id/two-factor": (w) => ({ url: `/api/v1/users/${w.spareUser}/two-factor` }),
  "PUT /api/v1/settings": () => ({ url: "/api/v1/settings", body: {} }),
  "GET /api/v1/audit": () => ({ url: "/api/v1/audit" }),
  "GET /api/v1/tokens": () => ({ url: "/api/v1/tokens" }),
  "POST /api/v1/tokens": () => ({
    url: "/api/v1/tokens",
    body: { name: "基幹システム連携", scopes: ["voices:read"] },
  }),
  "DELETE /api/v1/tokens/:id": async (w) => {
    const t = await w.make<{ id: number }>("POST", "/api/v1/tokens", {
      name: "失効させる連携",
      scopes: ["voices:read"],
    });
    return { url: `/api/v1/tokens/${t.id}` };
  },
  "GET /api/v1/search/synonyms": () => ({ url: "/api/v1/search/synonyms" }),
  "PUT /api/v1/search/synonyms": () => ({ url: "/api/v1/search/synonyms", body: { groups: [] } }),
  "GET /api/v1/label-aliases": () => ({ url: "/api/v1/label-aliases" }),
  "PUT /api/v1/label-aliases/:kind/:id": (w) => ({
    url: `/api/v1/label-aliases/department/${w.dept[OWN]}`,
    body: { aliases: ["CC", "コールセンタ"] },
  }),
} satisfies Partial<Record<RouteKey, Fixture>>;
