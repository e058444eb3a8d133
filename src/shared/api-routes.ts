/**
 * Every route of /api/v1 as "METHOD /path" → what a caller sends (path params, query, body) and what it gets
 * back, in the contract's types (inferred from the schemas the routes declare). The web UI's client takes these
 * keys, so a changed response shape fails the UI's type-check. Types only: nothing here reaches a bundle.
 */
import type {
  AdminUser,
  AdminUserList,
  AuditPage,
  AuditQuery,
  ClassifyInput,
  ClassifyResponse,
  CreateUserInput,
  CreateVoiceInput,
  CurrentSession,
  Department,
  DepartmentList,
  Label,
  LabelCreateInput,
  LabelUpdateInput,
  LoginInput,
  MergeInput,
  ModelStatus,
  SessionResponse,
  Settings,
  SettingsInput,
  SimilarInput,
  SimilarResponse,
  Taxonomy,
  UpdateUserInput,
  UpdateVoiceInput,
  UserOptionList,
  VoiceActionInput,
  VoiceDetail,
  VoiceList,
  VoiceListQuery,
  WordsAnalysis,
  WordsQuery,
} from "./api-contract.js";
import type {
  ApiTokenInfo,
  ApiTokenList,
  CreateApiTokenInput,
  CreatedApiToken,
  ImportQuery,
  ImportResult,
  PublicStatusQuery,
  PublicVoiceInput,
  PublicVoiceReceipt,
  PublicVoiceStatus,
} from "./channels-contract.js";
import type { TaxonomyKind } from "./constants.js";

/** GET /api/v1/exports/voices: the list's filters without paging and sorting, and the file's format. */
export type ExportQuery = Omit<VoiceListQuery, "page" | "limit" | "sort"> & {
  format?: "csv" | "xlsx";
  encoding?: "utf8" | "sjis";
};

/**
 * One entry per route. `params` is given where a path parameter is narrower than text or a number; otherwise
 * the path's `:names` are the params. `file: true` marks an answer that is a file to download, not JSON.
 */
export interface ApiRoutes {
  "POST /api/v1/session": { body: LoginInput; response: SessionResponse };
  "GET /api/v1/session": { response: CurrentSession };
  "DELETE /api/v1/session": { response: undefined };

  "GET /api/v1/voices": { query: VoiceListQuery; response: VoiceList };
  "POST /api/v1/voices": { body: CreateVoiceInput; response: VoiceDetail };
  "GET /api/v1/voices/:id": { response: VoiceDetail };
  "PATCH /api/v1/voices/:id": { body: UpdateVoiceInput; response: VoiceDetail };
  "POST /api/v1/voices/:id/actions": { body: VoiceActionInput; response: VoiceDetail };

  "GET /api/v1/taxonomy": { response: Taxonomy };
  "POST /api/v1/taxonomy/:kind": { params: { kind: TaxonomyKind }; body: LabelCreateInput; response: Label };
  "PATCH /api/v1/taxonomy/:kind/:id": {
    params: { kind: TaxonomyKind; id: number };
    body: LabelUpdateInput;
    response: Label;
  };
  "GET /api/v1/departments": { response: DepartmentList };
  "POST /api/v1/departments": { body: LabelCreateInput; response: Department };
  "PATCH /api/v1/departments/:id": { body: LabelUpdateInput; response: Department };

  "GET /api/v1/users/options": { response: UserOptionList };
  "GET /api/v1/users": { response: AdminUserList };
  "POST /api/v1/users": { body: CreateUserInput; response: AdminUser };
  "PATCH /api/v1/users/:id": { body: UpdateUserInput; response: AdminUser };

  "GET /api/v1/settings": { response: Settings };
  "PUT /api/v1/settings": { body: SettingsInput; response: Settings };
  "GET /api/v1/audit": { query: AuditQuery; response: AuditPage };

  "POST /api/v1/imports": { query: ImportQuery; body: Blob; response: ImportResult };
  "GET /api/v1/exports/voices": { query: ExportQuery; response: Blob; file: true };

  "POST /api/v1/public/voices": { body: PublicVoiceInput; response: PublicVoiceReceipt };
  "GET /api/v1/public/voices/:receiptNumber": { query: PublicStatusQuery; response: PublicVoiceStatus };

  "POST /api/v1/classify": { body: ClassifyInput; response: ClassifyResponse };
  "GET /api/v1/model": { response: ModelStatus };
  "POST /api/v1/model/train": { response: ModelStatus };
  "POST /api/v1/voices/similar": { body: SimilarInput; response: SimilarResponse };
  "GET /api/v1/voices/:id/similar": { response: SimilarResponse };
  "POST /api/v1/voices/:id/merge": { body: MergeInput; response: VoiceDetail };
  "GET /api/v1/analysis/words": { query: WordsQuery; response: WordsAnalysis };

  "GET /api/v1/tokens": { response: ApiTokenList };
  "POST /api/v1/tokens": { body: CreateApiTokenInput; response: CreatedApiToken };
  "DELETE /api/v1/tokens/:id": { response: ApiTokenInfo };
}

export type RouteKey = keyof ApiRoutes;
/** The routes answering JSON (all but file downloads). */
export type JsonRouteKey = { [K in RouteKey]: ApiRoutes[K] extends { file: true } ? never : K }[RouteKey];

/** The `:names` of a route's path: "PATCH /api/v1/taxonomy/:kind/:id" → "kind" | "id". */
export type PathParamNames<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | PathParamNames<Rest>
  : P extends `${string}:${infer Name}`
    ? Name
    : never;

export type RouteParams<K extends RouteKey> = ApiRoutes[K] extends { params: infer P }
  ? P
  : Record<PathParamNames<K>, string | number>;

/** What a call of route K sends: params when the path has any, the body when the route takes one, a query. */
export type RouteRequest<K extends RouteKey> = ([PathParamNames<K>] extends [never]
  ? { params?: undefined }
  : { params: RouteParams<K> }) &
  (ApiRoutes[K] extends { body: infer B } ? { body: B } : { body?: undefined }) &
  // URLSearchParams: a screen whose filters live in its address passes them through as they are
  (ApiRoutes[K] extends { query: infer Q } ? { query?: Q | URLSearchParams } : { query?: undefined });

export type RouteResponse<K extends RouteKey> = ApiRoutes[K]["response"];
