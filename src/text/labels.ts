// Voice type/category codes used by the classifier, and parsing of Japanese labels in labelled files.

export const TYPE_CODES = ["praise", "request", "complaint", "other"] as const;
export const CATEGORY_CODES = ["handling", "servicing", "product", "application", "claim", "other"] as const;
export type TypeCode = (typeof TYPE_CODES)[number];
export type CategoryCode = (typeof CATEGORY_CODES)[number];

export const TYPE_LABELS_JA: Readonly<Record<TypeCode, string>> = {
  praise: "感謝・評価",
  request: "意見・要望",
  complaint: "苦情",
  other: "その他",
};

export const CATEGORY_LABELS_JA: Readonly<Record<CategoryCode, string>> = {
  handling: "応対",
  servicing: "契約保全・掛金収納",
  product: "商品",
  application: "申込手続き",
  claim: "支払い",
  other: "その他",
};

const TYPE_ALIASES: Record<string, TypeCode> = {
  感謝: "praise",
  評価: "praise",
  "感謝・評価": "praise",
  感謝評価: "praise",
  意見: "request",
  要望: "request",
  "意見・要望": "request",
  意見要望: "request",
  苦情: "complaint",
  その他: "other",
};

const CATEGORY_ALIASES: Record<string, CategoryCode> = {
  応対: "handling",
  応対に関するもの: "handling",
  "契約保全・掛金収納": "servicing",
  契約保全: "servicing",
  掛金収納: "servicing",
  "ご契約の保全、掛金収納に関するもの": "servicing",
  "ご契約の保全・掛金収納に関するもの": "servicing",
  商品: "product",
  共済商品: "product",
  共済商品に関するもの: "product",
  申込手続き: "application",
  申込手続: "application",
  お申込手続き: "application",
  お申込手続きに関するもの: "application",
  支払い: "claim",
  支払: "claim",
  共済金の支払い: "claim",
  共済金のお支払いに関するもの: "claim",
  その他: "other",
};

function clean(label: string): string {
  return label.normalize("NFKC").trim().replace(/\s+/gu, "").replace(/[、,]/gu, "、");
}

/** A type code from a code or a Japanese label; undefined when unknown. */
export function parseTypeLabel(label: string): TypeCode | undefined {
  const c = clean(label);
  const lower = c.toLowerCase();
  if ((TYPE_CODES as readonly string[]).includes(lower)) return lower as TypeCode;
  return TYPE_ALIASES[c] ?? TYPE_ALIASES[c.replace(/・/gu, "")];
}

/** A category code from a code or a Japanese label; undefined when unknown. */
export function parseCategoryLabel(label: string): CategoryCode | undefined {
  const c = clean(label);
  const lower = c.toLowerCase();
  if ((CATEGORY_CODES as readonly string[]).includes(lower)) return lower as CategoryCode;
  return CATEGORY_ALIASES[c] ?? CATEGORY_ALIASES[c.replace(/・/gu, "")];
}

export function typeLabelJa(code: string): string {
  return TYPE_LABELS_JA[code as TypeCode] ?? code;
}

export function categoryLabelJa(code: string): string {
  return CATEGORY_LABELS_JA[code as CategoryCode] ?? code;
}
