// The labels a new installation starts with (types, categories, channels, product lines, departments).
// Organizations rename, add and retire their own; these are only the seed.
import type { TaxonomyKind } from "../shared/api-contract.js";

export interface DefaultLabel {
  code: string;
  name: string;
  description?: string;
  sortOrder: number;
}

const labels = (
  rows: ReadonlyArray<readonly [code: string, name: string, description?: string]>,
): DefaultLabel[] =>
  rows.map(([code, name, description], i) => ({
    code,
    name,
    ...(description === undefined ? {} : { description }),
    sortOrder: (i + 1) * 10,
  }));

export const DEFAULT_TAXONOMY: Record<TaxonomyKind, DefaultLabel[]> = {
  type: labels([
    ["praise", "感謝・評価"],
    ["request", "意見・要望"],
    ["complaint", "苦情", "不満の表明で、対応と回答が必要なもの"],
    ["other", "その他"],
  ]),
  category: labels([
    ["handling", "応対", "応対に関するもの（職員の対応、電話、説明）"],
    [
      "servicing",
      "契約保全・掛金収納",
      "ご契約の保全、掛金収納に関するもの（住所・口座変更、更新、掛金の収納）",
    ],
    ["product", "商品", "共済商品に関するもの（保障内容、掛金）"],
    ["application", "申込手続き", "お申込手続きに関するもの（加入手続き、書類、Web申込）"],
    ["claim", "支払い", "共済金のお支払いに関するもの（請求、支払い）"],
    ["other", "その他", "その他"],
  ]),
  channel: labels([
    ["counter", "窓口（支所・共済ショップ）"],
    ["call_center", "コールセンター"],
    ["web", "ホームページ・マイページ"],
    ["consultation_office", "お客様相談室"],
    ["survey", "アンケート"],
    ["visit", "訪問・面談"],
  ]),
  product_line: labels([
    ["life", "生命共済"],
    ["medical", "医療共済"],
    ["cancer", "がん共済"],
    ["accident", "傷害共済"],
    ["fire", "火災共済"],
    ["home", "住まいる共済"],
    ["auto", "自動車共済"],
    ["pension", "年金共済"],
    ["other", "その他"],
  ]),
};

export const DEFAULT_DEPARTMENTS: DefaultLabel[] = labels([
  ["cs", "お客様相談室"],
  ["call_center", "コールセンター"],
  ["servicing", "契約保全部"],
  ["claims", "共済金支払部"],
  ["products", "商品企画部"],
  ["sales", "推進部"],
  ["compliance", "コンプライアンス部"],
  ["tokyo_branch", "東京支所"],
  ["osaka_branch", "大阪支所"],
  ["fukui_branch", "福井支所"],
  ["sapporo_branch", "札幌支所"],
]);
