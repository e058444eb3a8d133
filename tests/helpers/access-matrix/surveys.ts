/** The access matrix's calls to surveys, their answers, links, results and public pages. */
import type { RouteKey } from "../../../src/shared/api-routes.js";
import { satisfactionSurvey } from "../satisfaction-survey.js";
import type { Fixture, World } from "./world.js";

/** The survey the world makes, and the body of the survey-creating call. */
export const SURVEY = satisfactionSurvey("保全対応時アンケート（確認用）", { kind: "members" });

/** A one-time survey link not yet answered. */
async function linkCode(w: World): Promise<string> {
  const made = await w.make<{ items: { code: string }[] }>("POST", `/api/v1/surveys/${w.survey.id}/links`, {
    respondents: [{ name: "組合員 一葉" }],
  });
  return made.items[0]?.code ?? "none";
}

export const surveyFixtures = {
  "POST /api/v1/surveys/:id/answers/import": (w) => ({
    url: `/api/v1/surveys/${w.survey.id}/answers/import?dryRun=true`,
    raw: {
      contentType: "text/csv; charset=utf-8",
      data: "回答ID,回答日時,overall\nP-001,2026/11/10 10:00,5\n",
    },
  }),
  "GET /api/v1/surveys": () => ({ url: "/api/v1/surveys" }),
  "POST /api/v1/surveys": () => ({ url: "/api/v1/surveys", body: SURVEY }),
  "GET /api/v1/surveys/kinds": () => ({ url: "/api/v1/surveys/kinds" }),
  "POST /api/v1/surveys/kinds": (_w, c) => ({
    url: "/api/v1/surveys/kinds",
    body: { code: `matrix_${c.n}`, name: `確認用アンケート${c.n}` },
  }),
  "PATCH /api/v1/surveys/kinds/:id": async (w) => {
    const kinds = await w.make<{ items: { id: number }[] }>("GET", "/api/v1/surveys/kinds");
    return { url: `/api/v1/surveys/kinds/${kinds.items[0]?.id ?? 1}`, body: { name: "加入者向け" } };
  },
  "GET /api/v1/surveys/figures": () => ({ url: "/api/v1/surveys/figures" }),
  "GET /api/v1/surveys/:id": (w) => ({ url: `/api/v1/surveys/${w.survey.id}` }),
  "PATCH /api/v1/surveys/:id": async (w) => {
    const s = await w.make<{ id: number; version: number }>("POST", "/api/v1/surveys", SURVEY);
    return { url: `/api/v1/surveys/${s.id}`, body: { version: s.version, intro: "ご協力をお願いします" } };
  },
  "POST /api/v1/surveys/:id/answers": (w, c) => ({
    url: `/api/v1/surveys/${w.survey.id}/answers`,
    body: { answers: { overall: 4 }, answerId: `paper-${c.n}`, answeredAt: "2026/11/10 10:00" },
  }),
  "GET /api/v1/surveys/:id/links": (w) => ({ url: `/api/v1/surveys/${w.survey.id}/links` }),
  "POST /api/v1/surveys/:id/links": (w) => ({
    url: `/api/v1/surveys/${w.survey.id}/links`,
    body: { respondents: [{ name: "組合員 九条" }] },
  }),
  "GET /api/v1/surveys/:id/results": (w) => ({ url: `/api/v1/surveys/${w.survey.id}/results` }),
  "GET /api/v1/surveys/:id/results/download": (w) => ({
    url: `/api/v1/surveys/${w.survey.id}/results/download`,
  }),
  "GET /api/v1/public/surveys/:code": (w) => ({ url: `/api/v1/public/surveys/${w.survey.publicCode}` }),
  "POST /api/v1/public/surveys/:code/answers": (w) => ({
    url: `/api/v1/public/surveys/${w.survey.publicCode}/answers`,
    body: { answers: { overall: 5 } },
  }),
  "GET /api/v1/public/survey-links/:code": async (w) => ({
    url: `/api/v1/public/survey-links/${await linkCode(w)}`,
  }),
  "POST /api/v1/public/survey-links/:code/answers": async (w) => ({
    url: `/api/v1/public/survey-links/${await linkCode(w)}/answers`,
    body: { answers: { overall: 4 } },
  }),
} satisfies Partial<Record<RouteKey, Fixture>>;
