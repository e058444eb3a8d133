/**
 * Every route of /api/v1 as "METHOD /path" → what a caller sends (path params, query, body) and what it gets
 * back, in the contract's types (inferred from the schemas the routes declare). The web UI's client takes these
 * keys, so a changed response shape fails the UI's type-check. Types only: nothing here reaches a bundle.
 *
 * Each area adds its own routes to `ApiRoutes` from its contract (`src/features/<area>/contract.ts`, by
 * declaration merging), because this file may import only src/shared; both tsconfigs include every contract.
 */

/**
 * One entry per route. `params` is given where a path parameter is narrower than text or a number; otherwise
 * the path's `:names` are the params. `file: true` marks an answer that is a file to download, not JSON.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled by declaration merging from each feature's contract.ts
export interface ApiRoutes {}

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
