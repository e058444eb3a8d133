// Demo staff replies: what a member was told about a complaint or request, and replies to praise.

import type { Random } from "./random.js";
import type { VoiceCategoryCode } from "./voice-text-fragments.js";

type ByCategory = Record<VoiceCategoryCode, readonly string[]>;

const APOLOGIES = [
  "このたびはご不便とご心配をおかけし、誠に申し訳ございませんでした。",
  "ご不快な思いをおかけしましたことを深くお詫び申し上げます。",
  "お手数とご迷惑をおかけし、大変申し訳ございませんでした。",
  "ご期待に沿えない対応となり、申し訳ございませんでした。",
];

const COMPLAINT_FALLBACKS = [
  "事実関係を確認し、経緯をご説明しました。",
  "責任者よりお電話で経緯をご説明し、ご質問にお答えしました。",
];

const PREVENTIONS = [
  "今後同様のことがないよう、部内で事例を共有し再発防止に努めてまいります。",
  "いただいたご指摘はCS向上委員会で共有し、業務の改善につなげてまいります。",
  "職員への研修を通じて、応対品質の向上に努めてまいります。",
  "手続きの確認手順を見直し、再発防止を図りました。",
];

const REQUEST_THANKS = [
  "貴重なご意見をいただき、ありがとうございます。",
  "ご要望をお寄せいただき、ありがとうございます。",
  "率直なご意見をありがとうございます。",
];

const REQUEST_GENERAL_ANSWERS = [
  "いただいたご要望は担当部署と共有し、今後の検討課題とさせていただきます。",
  "ご要望の内容を関係部署に伝え、改善に向けて検討してまいります。",
  "現時点ではご希望に沿えないことをご説明し、ご意見を担当部署と共有いたしました。",
];

const REQUEST_CLOSINGS = [
  "今後の業務改善の参考とさせていただきます。",
  "引き続きよろしくお願い申し上げます。",
  "",
];

const PRAISE_REPLIES_HEAD = [
  "温かいお言葉をいただき、ありがとうございます。",
  "うれしいお声をいただき、職員一同励みになりました。",
  "お客さまのご不安が少しでも和らいだのであれば幸いです。",
  "お役に立てたことを大変うれしく思います。",
];

const PRAISE_REPLIES_BODY: ByCategory = {
  handling: [
    "ご高齢の方にもわかりやすいよう、ゆっくりとお話しすることを心がけています。",
    "お客さまのお話を最後までお聴きすることを大切にしています。",
  ],
  servicing: [
    "お手続きの負担を少しでも減らせるよう、マイページのご利用もおすすめしています。",
    "必要な書類を事前にご案内し、一度で手続きが終わるよう努めています。",
  ],
  product: ["ご家庭における保障の位置づけを一緒に考えることを大切にしています。"],
  application: ["必要な保障を無理なくお選びいただけるよう、丁寧なご説明を心がけています。"],
  claim: [
    "事故や病気で動揺されているお客さまの不安を和らげることを第一に考えています。",
    "一日も早くお支払いできるよう、書類のご案内を工夫しています。",
  ],
  other: ["これからも暮らしに役立つサービスをご案内してまいります。"],
};

const PRAISE_REPLIES_TAIL = [
  "これからもお客さまの立場に立った対応をしてまいります。",
  "今後もお客さまに寄り添った対応を心がけます。",
  "いただいたお声を全職員で共有し、さらなるサービス向上に努めます。",
];

/** What a complainant was told: apology, what was done (the case's own basis when known), prevention. */
export function generateComplaintResponse(rnd: Random, basis: string | null): string {
  const parts = [rnd.pick(APOLOGIES), basis ?? rnd.pick(COMPLAINT_FALLBACKS)];
  if (rnd.chance(0.8)) parts.push(rnd.pick(PREVENTIONS));
  return parts.join("");
}

export function generateRequestResponse(rnd: Random, basis: string | null): string {
  return rnd.pick(REQUEST_THANKS) + (basis ?? rnd.pick(REQUEST_GENERAL_ANSWERS)) + rnd.pick(REQUEST_CLOSINGS);
}

/** A staff member's reply to praise, in the manner of the voice report's 「感謝の声をいただいて」. */
export function generatePraiseReply(rnd: Random, categoryCode: VoiceCategoryCode): string {
  return (
    rnd.pick(PRAISE_REPLIES_HEAD) +
    rnd.pick(PRAISE_REPLIES_BODY[categoryCode]) +
    rnd.pick(PRAISE_REPLIES_TAIL)
  );
}
