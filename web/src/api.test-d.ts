// Type tests of the typed client, checked by `npm run typecheck` (tsc -p web/tsconfig.json), never run or bundled.
// Each @ts-expect-error line must fail to compile: if the contract stopped catching the mistake, tsc would report
// the directive as unused and the type-check would fail.
import type { RouteResponse } from "../../src/shared/api-routes.js";
import { api, apiUrl } from "./api.js";

export async function typedClientChecks(): Promise<void> {
  const voice = await api("GET /api/v1/voices/:id", { params: { id: 1 } });
  const receiptNumber: string = voice.receiptNumber;
  // @ts-expect-error a voice has no "receiptNo": the contract's voiceDetailSchema names it receiptNumber
  voice.receiptNo;
  // @ts-expect-error the status is one of VOICE_STATUSES, not any text
  const status: "open" = voice.status;

  const list = await api("GET /api/v1/voices", { query: { status: "received", limit: 50 } });
  const total: number = list.total;
  // @ts-expect-error the list's items are voice summaries: the timeline comes only with a voice's detail
  list.items[0]?.timeline;

  const settings = await api("GET /api/v1/settings");
  // @ts-expect-error deadline days are numbers or null (no deadline), never text
  const days: string | undefined = settings.deadlineRules.complaint?.resolveDays;

  // @ts-expect-error a route with a path parameter needs its params
  await api("GET /api/v1/voices/:id");
  // @ts-expect-error an action the workflow does not have
  await api("POST /api/v1/voices/:id/actions", { params: { id: 1 }, body: { action: "escalate" } });
  // @ts-expect-error a route that does not exist
  await api("GET /api/v1/voice/:id", { params: { id: 1 } });
  // @ts-expect-error a file download is a link (apiUrl), not a JSON call
  await api("GET /api/v1/exports/voices");

  const logout: undefined = await api("DELETE /api/v1/session");
  const href: string = apiUrl("GET /api/v1/exports/voices", { query: { format: "xlsx" } });
  const token: RouteResponse<"POST /api/v1/tokens"> = await api("POST /api/v1/tokens", {
    body: { name: "基幹システム連携", scopes: ["voices:write"] },
  });
  // @ts-expect-error the secret is text shown once, not a number
  const secret: number = token.token;
  void [receiptNumber, status, total, days, logout, href, secret];
}
