/**
 * APPI requests' API contract (保有個人データの開示・訂正・利用停止・消去). Browser-safe. Messages name their field in
 * Japanese; the date a request arrived accepts what people type (2025/4/1, 令和7年4月1日).
 */
import { z } from "zod";
import { CUSTOMER_LOOKUP_KINDS, PERSONAL_DATA_REQUEST_KINDS } from "../../domain/personal-data-request.js";
import { customerSchema, inputText } from "../../shared/api-contract.js";

const optionalField = (label: string, max: number) =>
  inputText().trim().max(max, `${label}は${max}文字以内で入力してください`).nullable().optional();

export const customerLookupInput = z
  .object({
    kind: z.enum(CUSTOMER_LOOKUP_KINDS, {
      error: "探し方は member_number（会員番号）・phone（電話番号）・email（メールアドレス）のいずれかです",
    }),
    value: inputText({ error: "会員番号・電話番号・メールアドレスのいずれかを入力してください" }).max(
      200,
      "200文字以内で入力してください",
    ),
  })
  .strict();
export type CustomerLookupInput = z.infer<typeof customerLookupInput>;

/** The corrected values; a field left out stays as it is, null empties it. */
export const correctionInput = z
  .object({
    name: optionalField("氏名", 100),
    kana: optionalField("フリガナ", 100),
    memberNumber: optionalField("会員番号", 50),
    phone: optionalField("電話番号", 30),
    email: optionalField("メールアドレス", 200),
    address: optionalField("住所", 300),
  })
  .strict();
export type CorrectionInput = z.infer<typeof correctionInput>;

export const personalDataRequestInput = z
  .object({
    kind: z.enum(PERSONAL_DATA_REQUEST_KINDS, {
      error:
        "請求の種類は disclosure（開示）・correction（訂正）・stop_use（利用停止）・erasure（消去）のいずれかです",
    }),
    lookup: customerLookupInput,
    receivedOn: inputText({ error: "請求を受けた日を入力してください" }).max(40, "日付の形ではありません"),
    note: optionalField("メモ", 1000),
    correction: correctionInput.optional(),
  })
  .strict();
export type PersonalDataRequestInput = z.infer<typeof personalDataRequestInput>;

const foundVoiceSchema = z.object({
  id: z.number(),
  receiptNumber: z.string(),
  receivedAt: z.string(),
  typeName: z.string(),
});
export const customerRecordsSchema = z.object({
  customers: z.array(
    // the voice's customer fields, unmasked (admins only), plus the record's id and erasure date
    customerSchema.omit({ masked: true }).extend({
      id: z.number(),
      erasedAt: z.string().nullable(),
      voices: z.array(foundVoiceSchema),
    }),
  ),
  answers: z.array(
    z.object({
      id: z.number(),
      surveyName: z.string(),
      answeredAt: z.string(),
      contact: z.object({
        name: z.string().nullable().optional(),
        email: z.string().nullable().optional(),
        phone: z.string().nullable().optional(),
      }),
    }),
  ),
});
export type CustomerRecordsResponse = z.infer<typeof customerRecordsSchema>;

export const personalDataRequestSchema = z.object({
  id: z.number(),
  kind: z.enum(PERSONAL_DATA_REQUEST_KINDS),
  lookupKind: z.enum(CUSTOMER_LOOKUP_KINDS),
  /** masked: the log outlives an erasure */
  lookupMasked: z.string(),
  customersFound: z.number(),
  voicesFound: z.number(),
  answersFound: z.number(),
  receivedOn: z.string(),
  note: z.string().nullable(),
  handledBy: z.object({ id: z.number(), name: z.string() }),
  handledAt: z.string(),
});
export type PersonalDataRequest = z.infer<typeof personalDataRequestSchema>;
export const personalDataRequestListSchema = z.object({ items: z.array(personalDataRequestSchema) });

declare module "../../shared/api-routes.js" {
  interface ApiRoutes {
    "POST /api/v1/personal-data-requests/lookup": {
      body: CustomerLookupInput;
      response: CustomerRecordsResponse;
    };
    "GET /api/v1/personal-data-requests": { response: { items: PersonalDataRequest[] } };
    "POST /api/v1/personal-data-requests": { body: PersonalDataRequestInput; response: PersonalDataRequest };
    "POST /api/v1/personal-data-requests/disclosure-file": {
      body: Omit<PersonalDataRequestInput, "kind" | "correction">;
      response: Blob;
      file: true;
    };
  }
}
