/**
 * The organisation's own convention the classifier tests teach koe: a phone that is hard to reach is a complaint
 * (the built-in corpus and model file it as a request). Used by the classifier's API and browser tests.
 */

/** Where the phone was hard to reach; the first ten are the API test's, all twenty the browser test's. */
const PLACES = [
  "コールセンター",
  "夜間窓口",
  "事故受付",
  "支所",
  "お客様センター",
  "共済ショップ",
  "フリーダイヤル",
  "解約の窓口",
  "請求の窓口",
  "本部",
  "住所変更の窓口",
  "自動車共済の窓口",
  "火災共済の窓口",
  "相談ダイヤル",
  "契約内容の問い合わせ窓口",
  "代理店",
  "窓口受付センター",
  "共済金の請求窓口",
  "年金共済の窓口",
  "生命共済の窓口",
];
const PHRASINGS = [
  (p: string) => `${p}の電話がつながりにくい。`,
  (p: string) => `${p}の電話が繋がりにくいです。`,
  (p: string) => `${p}に電話してもつながりにくい。`,
  (p: string) => `${p}は電話がつながりにくくて困ります。`,
];

/** Every phrasing at each of the first `places` places: staff filed these as complaints. */
export function hardToReachComplaints(places: number): string[] {
  return PLACES.slice(0, places).flatMap((p) => PHRASINGS.map((f) => f(p)));
}
