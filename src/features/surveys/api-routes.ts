// This area's routes in the typed client's route map (src/shared/api-routes.ts), by declaration merging.
// Types only: both tsconfigs include src/features/*/api-routes.ts, so the web client and the OpenAPI test see them.
import type {
  AnswerInput,
  AnswerReceipt,
  KindFigures,
  PaperAnswerInput,
  PublicSurvey,
  Survey,
  SurveyInput,
  SurveyKind,
  SurveyLinkList,
  SurveyList,
  SurveyPatchInput,
  SurveyResults,
} from "./contract.js";

type PeriodQuery = { period?: string; from?: string; to?: string };
type PublicAnswer = Omit<AnswerInput, "answeredAt">;
type KindInput = { code?: string; name?: string; departmentCode?: string | null; active?: boolean };
type Respondent = {
  name?: string | null;
  ageBand?: string | null;
  prefecture?: string | null;
  productLine?: string | number | null;
  department?: string | number | null;
  staffId?: number | null;
};

declare module "../../shared/api-routes.js" {
  interface ApiRoutes {
    "GET /api/v1/surveys": { response: SurveyList };
    "POST /api/v1/surveys": { body: SurveyInput; response: Survey };
    "GET /api/v1/surveys/kinds": { response: { items: SurveyKind[] } };
    "POST /api/v1/surveys/kinds": { body: KindInput; response: SurveyKind };
    "PATCH /api/v1/surveys/kinds/:id": {
      params: { id: number };
      body: Omit<KindInput, "code">;
      response: SurveyKind;
    };
    "GET /api/v1/surveys/figures": { query: PeriodQuery; response: KindFigures };
    "GET /api/v1/surveys/:id": { params: { id: number }; response: Survey };
    "PATCH /api/v1/surveys/:id": { params: { id: number }; body: SurveyPatchInput; response: Survey };
    "POST /api/v1/surveys/:id/answers": {
      params: { id: number };
      body: PaperAnswerInput;
      response: AnswerReceipt;
    };
    "GET /api/v1/surveys/:id/links": { params: { id: number }; response: SurveyLinkList };
    "POST /api/v1/surveys/:id/links": {
      params: { id: number };
      body: { respondents: Respondent[] };
      response: SurveyLinkList;
    };
    "GET /api/v1/surveys/:id/results": {
      params: { id: number };
      query: PeriodQuery;
      response: SurveyResults;
    };
    "GET /api/v1/surveys/:id/results/download": {
      params: { id: number };
      query: PeriodQuery;
      response: Blob;
      file: true;
    };
    "GET /api/v1/public/surveys/:code": { params: { code: string }; response: PublicSurvey };
    "POST /api/v1/public/surveys/:code/answers": {
      params: { code: string };
      body: PublicAnswer;
      response: { thanks: string };
    };
    "GET /api/v1/public/survey-links/:code": { params: { code: string }; response: PublicSurvey };
    "POST /api/v1/public/survey-links/:code/answers": {
      params: { code: string };
      body: PublicAnswer;
      response: { thanks: string };
    };
  }
}
