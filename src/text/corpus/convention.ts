// The built-in corpus's labelling convention for dissatisfaction (docs/decisions-text.md, "Labelling convention").
// Default: dissatisfaction expressed = 苦情 — a failure the member went through, a reproach for what was not done
// (〜してほしかった) or words of dissatisfaction make a complaint; a wish for a better design stays 意見・要望 even
// when it names the inconvenience (〜がわかりにくいので〜してほしい), as the real voices' own labels do. The other
// readings measured against the real voices are kept as variants for bench/classifier-convention.ts.
import type { TypeCode } from "../labels.js";

/** Something the member went through that went wrong: unreachable, late, nothing came, kept waiting. */
const EXPERIENCED_FAILURE =
  /(つなが|繋が)(りにく|りづら|らな|らず)|電話に出(な|て(くれ|もらえ)な)|遅い(?!時間)|遅すぎ|遅れ(た|て)|時間がかかりすぎ|待たされ|なかなか(来|届|連絡|返事|つなが|繋が|振り込|支払|認証)|(連絡|返事|返信|折り返し)(が|も)(ない|なかった|来ない|こない)|(来|届か|こ)ない(。|$|し|の|まま)/u;

/** A reproach for what should have happened and did not: a wish in the past tense. */
const REPROACH = /(ほし|欲し|もらいたかっ|いただきたかっ)かった|てくれれば(よ|良)かった|べきだった/u;

/** Words that state dissatisfaction outright (negated forms such as 「不満はない」 are not among them). */
const DISSATISFACTION =
  /納得(が)?(でき|いか)(ない|ず|ません)|不信|腹が立|頭にき|憤|ひどい|酷い|失礼|不快|理不尽|うんざり|がっかり|不誠実|横柄|ふざけ|怒り|最悪|疑問を感じ/u;

/** A design that makes things hard: hard to understand, read or use, too many, inconvenient, tiresome. */
const DESIGN_DIFFICULTY =
  /((わか|分か|解)り|読み|見|理解し|探し|使い|書き|入力し|選び|停め|入り|記入し|判断し|聞き取り)(にく|づら|辛)|不便|面倒|手間(が|だ|で|な)|不親切|(多|細か|高|厳し|小さ|少な)すぎ|残念/u;

/** An explicit ask for a change. */
const ASK =
  /(ほしい|欲しい)|ください|下さい|お願い|ように(して|なれば|なると|なったら)|(と|たら|れば|ば)(いい|良い|よい|うれしい|嬉しい|助か|ありがた)|(もら|いただ|頂)(いたい|えないか|えないでしょうか|けないでしょうか|けると|えると|えたら|けたら)|ませんか|ないでしょうか|ないものでしょうか|(なら|でき)んか|べき(?!だった)|検討|希望|あれば|のに[。]?$/u;

/**
 * - default: as above;
 * - narrow: also a named difficulty of design, when nothing is asked for;
 * - failure-always: also a failure reported together with an ask;
 * - broad: the insurers' 不満足の表明 read literally — every request naming a failure or a difficulty.
 */
export type ConventionVariant = "default" | "narrow" | "failure-always" | "broad";

/** The type a voice gets under the convention; praise and questions stay unless they state dissatisfaction. */
export function conventionType(
  text: string,
  type: TypeCode,
  variant: ConventionVariant = "default",
): TypeCode {
  if (type === "complaint" || type === "praise") return type;
  if (DISSATISFACTION.test(text)) return "complaint";
  if (type !== "request") return type;
  if (REPROACH.test(text)) return "complaint";
  const failure = EXPERIENCED_FAILURE.test(text);
  const difficulty = DESIGN_DIFFICULTY.test(text);
  if (variant === "broad" && (failure || difficulty)) return "complaint";
  if (variant === "failure-always" && failure) return "complaint";
  const asks = ASK.test(text);
  if (failure && !asks) return "complaint";
  if (variant === "narrow" && difficulty && !asks) return "complaint";
  return type;
}
