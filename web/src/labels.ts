// UI wording: the shared Japanese labels plus the few phrases only the screens need (button texts, field names).
export {
  ACTION_LABELS,
  EVENT_KIND_LABELS,
  labelOf,
  PRIORITY_LABELS,
  ROLE_LABELS,
  STATUS_LABELS,
} from "../../src/shared/labels-ja.js";

export const RESPOND_METHODS = ["電話", "書面", "メール", "面談"] as const;

/** Names of voice fields as shown in the edit history (before → after). */
export const FIELD_LABELS: Record<string, string> = {
  receivedAt: "受付日時",
  channel: "チャネル",
  type: "種別",
  category: "分類",
  productLine: "商品区分",
  department: "部署",
  content: "内容",
  remedySought: "ご要望",
  priority: "優先度",
  assignee: "担当者",
  assigneeId: "担当者",
  customer: "お客さま情報",
  insurerReport: "保険会社への報告",
  insurer: "保険会社",
  insurerReportedAt: "保険会社への報告日時",
  insurerAnswer: "保険会社の回答",
  status: "状態",
  "customer.name": "氏名",
  "customer.kana": "フリガナ",
  "customer.memberNumber": "組合員番号",
  "customer.phone": "電話番号",
  "customer.email": "メール",
  "customer.prefecture": "都道府県",
  "customer.address": "住所",
  "customer.ageBand": "年代",
  "customer.gender": "性別",
  "customer.contactConsent": "連絡可否",
};

/** Customer field names as the edit history lists them (camelCase or the stored snake_case). */
export const CUSTOMER_FIELD_LABELS: Record<string, string> = {
  name: "氏名",
  kana: "フリガナ",
  memberNumber: "組合員番号",
  member_number: "組合員番号",
  phone: "電話番号",
  email: "メール",
  prefecture: "都道府県",
  address: "住所",
  ageBand: "年代",
  age_band: "年代",
  gender: "性別",
  contactConsent: "連絡可否",
  contact_consent: "連絡可否",
};

export const AGE_BANDS = ["10代", "20代", "30代", "40代", "50代", "60代", "70代", "80代以上"] as const;
export const GENDERS = ["女性", "男性", "その他", "回答なし"] as const;

export { PREFECTURES } from "../../src/shared/constants.js";
