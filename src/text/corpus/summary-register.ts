// Training voices in the register of published voice reports and survey answers: short, summarised, plain
// style (「〜してほしい」「〜がわかりにくい」「〜と言われたのに連絡がない」「〜で助かった」), questions written as
// 「〜がわからない」, and voices quoted inside 「…」とのお声. Written for the built-in corpus; not used for evaluation.
// Each cell pairs topics (what the voice is about) with predicates that carry the type.

import type { CategoryCode as Category, TypeCode as Type } from "../labels.js";

export interface SummaryRow {
  text: string;
  type: Type;
  category: Category;
}

const split = (s: string): string[] =>
  s
    .split("|")
    .map((x) => x.trim())
    .filter((x) => x.length > 0);

interface SummaryCell {
  type: Type;
  category: Category;
  /** Complete short voices (used as they are, and as the core of combined voices). */
  voices: string[];
}

// Second sentences that add a reason or a feeling, per type; appended to some voices.
const TAILS: Record<Type, string[]> = {
  praise: split(
    "|||本当に助かりました。|安心しました。|ありがとう。|感謝しています。|また利用したいと思います。|家族も喜んでいます。|入っていてよかったと思いました。|これからもお願いしたい。|",
  ),
  request: split(
    "|||検討してほしい。|そうしてもらえると助かる。|高齢の親には難しいので。|仕事をしていると平日は時間がとれない。|他の人も困っていると思う。|改善してもらえるとありがたい。|そうなればもっと使いやすくなる。|",
  ),
  complaint: split(
    "|||納得できない。|どうなっているのか。|不信感を持った。|とても不快だった。|きちんと対応してほしい。|二度と同じことがないようにしてほしい。|がっかりした。|",
  ),
  other: split("|||教えてほしい。|確認したい。|どうすればよいか。|連絡がほしい。|"),
};

// How reports and staff write a voice down: the voice inside quotes with a short label.
const WRAPPERS = split(
  "「{}」|「{}」とのお声|「{}」とのご意見|「{}」という声をいただきました。|お客さまから「{}」とのお申し出|「{}」との声が寄せられた。|",
);

const CELLS: SummaryCell[] = [
  // ---------------- praise ----------------
  {
    type: "praise",
    category: "handling",
    voices: split(
      "電話で質問したら、要点をまとめて答えてくれて助かった。|対応してくれた職員の言葉づかいが気持ちよかった。|メールでの問い合わせに当日中に返事をもらえた。|担当の人が最後まで話を聞いてくれて気持ちが楽になった。|電話の人の声がやさしくて安心できた。|ショップの職員さんが親身に相談に乗ってくれた。|こちらから聞く前に気づいて教えてくれた。|約束どおり折り返しの電話があり、きちんとした対応だと感じた。|家まで来て説明してもらえたので、不安が消えた。|相談しやすい雰囲気で、また来ようと思った。|忙しそうなのに嫌な顔をせず、ていねいに応対してくれた。|こちらの事情を考えて提案してくれたのがありがたかった。|専門的なことも身近な例でかみくだいてくれた。|",
    ),
  },
  {
    type: "praise",
    category: "servicing",
    voices: split(
      "住所の変更がスマホですぐ終わって便利になった。|口座の変更を電話一本で済ませられて楽だった。|更新の案内が早めに届くので準備しやすい。|証書の再発行がすぐに届いて安心した。|引き落とし日の変更に応じてもらえて家計の管理がしやすくなった。|更新のとき内容を見直してもらい、掛金が下がった。|契約の内容がアプリで確認できるようになって便利だ。|名義の変更の書類が少なくて助かった。|",
    ),
  },
  {
    type: "praise",
    category: "product",
    voices: split(
      "共済に入っていたから治療に専念できた。|保障の見直しで無駄がなくなり、掛金も下がった。|掛金が手頃なのに保障がしっかりしているのがいい。|保障の割に掛金が安く、家計にやさしい。|持病があっても入れるコースがあってうれしい。|子どもの保障が充実していて心強い。|必要な保障を選べるので無駄がない。|シンプルな保障でわかりやすい。|長く続けられる保障ができてほっとした。|",
    ),
  },
  {
    type: "praise",
    category: "application",
    voices: split(
      "ネットで申し込んだら短時間で終わって簡単だった。|加入の手続きを一緒に進めてもらえて迷わなかった。|申込書の書き方を横で教えてもらえて助かった。|家族の分もまとめて手続きできて楽だった。|加入できたという連絡がすぐに来て安心した。|マイページの登録がすぐにできた。|",
    ),
  },
  {
    type: "praise",
    category: "claim",
    voices: split(
      "骨折の通院分もきちんと支払われて助かった。|雪の重みで壊れた車庫の分も支払ってもらえた。|請求から入金まで思ったより早かった。|請求したら数日で共済金が振り込まれて驚いた。|台風の被害のとき、すぐに見に来てもらえた。|請求の書類の書き方を電話で一つずつ教えてもらえた。|ネットで請求できて、出かけずに済んだ。|",
    ),
  },
  {
    type: "praise",
    category: "other",
    voices: split(
      "生協の催しで知り合いが増えた。|配達の人がいつも笑顔で気持ちがいい。|会報の記事が参考になる。|子ども向けの催しに参加して、子どもが喜んでいた。|",
    ),
  },
  // ---------------- request ----------------
  {
    type: "request",
    category: "handling",
    voices: split(
      "女性の相談員を選べるといい。|折り返しの電話は夕方以降にしてほしい。|電話の受付時間をもっと長くしてほしい。|土日も相談できる窓口があると助かる。|メールやチャットでも問い合わせできるようにしてほしい。|担当者が替わるときは知らせてほしい。|説明の時は専門用語を使わないでほしい。|来店の予約ができるようにしてほしい。|電話の音声案内が長いので、短くしてほしい。|",
    ),
  },
  {
    type: "request",
    category: "servicing",
    voices: split(
      "口座振替の結果をメールで知らせてほしい。|掛金の支払い方法を増やしてほしい。|スマホ決済でも掛金を払えるといい。|引き落とし金額の明細がすぐ見られるようにしてほしい。|更新の書類をもっと簡単にしてほしい。|住所の変更を一回で全部の契約に反映してほしい。|控除証明書は一枚にまとめて送ってほしい。|案内の文字が小さくて読みにくい。|変更の手続きをネットで完結できるようにしてほしい。|契約の一覧を家族分まとめて見られるとうれしい。|",
    ),
  },
  {
    type: "request",
    category: "product",
    voices: split(
      "保障をもっと手厚くしてほしい。|通院だけでも出る保障があるといい。|保障の金額を細かく選べるようにしてほしい。|パンフレットの説明がわかりにくい。図や例を入れてほしい。|特約の違いがわかりにくいので、一覧にしてほしい。|ペットの保障も作ってほしい。|",
    ),
  },
  {
    type: "request",
    category: "application",
    voices: split(
      "申し込みの画面をもっと見やすくしてほしい。|申込みに必要なものを事前に一覧で示してほしい。|申込書の記入欄を減らしてほしい。|加入の手続きをスマホだけで終わらせたい。|本人確認のやり方がわかりにくいので、案内を増やしてほしい。|家族の加入もネットでできるようにしてほしい。|",
    ),
  },
  {
    type: "request",
    category: "claim",
    voices: split(
      "請求書をダウンロードできるようにしてほしい。|共済金の振込日を知らせてほしい。|診断書の費用が高いので、なくても請求できるようにしてほしい。|支払いまでにかかる日数の目安を知らせてほしい。|",
    ),
  },
  {
    type: "request",
    category: "other",
    voices: split(
      "生協の催しの案内を早めに出してほしい。|会報を紙ではなくメールで受け取りたい。|ショップを近くに作ってほしい。|ホームページの文字を大きくしてほしい。|アプリをもっと使いやすくしてほしい。|組合員向けの催しを平日の夜にも開いてほしい。|",
    ),
  },
  // ---------------- complaint ----------------
  {
    type: "complaint",
    category: "handling",
    voices: split(
      "問い合わせのメールに一週間返事がない。|窓口で大きな声で契約の話をされ、周りに聞こえて嫌だった。|電話を何度も保留にされ、結局切れた。|担当者によって言うことが違う。|前にも説明したことをまた一から聞かれた。|電話口の言い方が冷たく、突き放された感じがした。|説明が不十分で、あとから話が違うとわかった。|こちらが話している途中で電話を切られた。|窓口で長時間待たされたうえ、答えがもらえなかった。|約束の日になっても連絡が来なかった。|",
    ),
  },
  {
    type: "complaint",
    category: "servicing",
    voices: split(
      "払込票が期限の後に届いた。|住所を変えたのに古い住所に書類が届いた。|口座を変更したのに前の口座から引き落とされた。|解約したのに掛金が引き落とされている。|掛金が上がったのに何の説明もなかった。|名前の字が間違ったまま直っていない。|",
    ),
  },
  {
    type: "complaint",
    category: "product",
    voices: split(
      "特約をつけていたのに、今回は対象にならないと言われた。|加入の時に聞いた内容と保障が違っていた。|年齢で保障が減るとは聞いていなかった。|掛金が上がったのに保障は変わらないのはおかしい。|いざという時に対象外と言われ、入っていた意味がない。|思っていた保障と違っていて不満だ。|",
    ),
  },
  {
    type: "complaint",
    category: "application",
    voices: split(
      "申込書を出したのに、届いていないと言われた。|申し込んでひと月たつのに証書が届かない。|書類の不備を何度も言われ、そのたびに送り直した。|ネットで申し込んだのに受付の連絡が来ない。|加入の手続きが途中で止まっていた。|申込みの時の説明と違う書類を後から求められた。|",
    ),
  },
  {
    type: "complaint",
    category: "claim",
    voices: split(
      "同じ書類を二回出すように言われた。|調査に来た人の態度が横柄だった。|支払いが遅れている理由を聞いても、担当がいないと言われるだけだった。|請求してから何週間もたつのに支払われない。|査定の金額が低すぎて修理代にならない。|被害の連絡をしたのに、調査の日程の連絡が来ない。|支払いの額の理由を聞いても説明がなかった。|",
    ),
  },
  {
    type: "complaint",
    category: "other",
    voices: split(
      "断ったのに勧誘の電話が何度もかかってくる。|いらないと言ったのに案内の郵便が届き続ける。|個人情報の扱いがずさんで不安になった。|ホームページの案内どおりにしたらできなかった。|",
    ),
  },
  // ---------------- other ----------------
  {
    type: "other",
    category: "handling",
    voices: split(
      "ショップの場所がわからない。|電話番号が変わったのか知りたい。|担当者の名前を知りたい。|電話の受付時間が何時までかわからない。|どこに電話すればよいのかわからない。|先ほどの電話の用件が何だったのか確認したい。|ショップに行くのに予約はいるのか。|",
    ),
  },
  {
    type: "other",
    category: "servicing",
    voices: split(
      "口座を替えたいが、どの用紙を使えばよいのか。|契約者を子どもに変えられるのか。|満期がいつなのか教えてほしい。|引っ越したので住所を変えたい。|控除証明書をなくしたので、もう一度送ってほしい。|",
    ),
  },
  {
    type: "other",
    category: "product",
    voices: split(
      "火災と地震の保障の違いがわからない。|保障額を増やすことはできるのか。|この保障は家族も対象になるのか。|どんな事故なら対象になるのか。|六十歳を過ぎても入れる共済はあるか。|保障の内容を確認したい。|",
    ),
  },
  {
    type: "other",
    category: "application",
    voices: split(
      "未成年でも申し込めるのか。|申込書の生年月日を書き間違えたがどうすればよいか。|加入に必要な書類は何か。|申し込みがちゃんと届いているか確認したい。|",
    ),
  },
  {
    type: "other",
    category: "claim",
    voices: split(
      "入院が長引いたら、追加で請求できるのか。|相手のいる事故の場合、何から始めればよいのか。|通院だけでも請求できるのか。|請求の期限がいつまでか知りたい。|共済金はいつごろ振り込まれるのか。|請求書をもう一部送ってほしい。|",
    ),
  },
  {
    type: "other",
    category: "other",
    voices: split(
      "出資金を増やすことはできるのか。|出資金の返し方を知りたい。|組合員をやめるにはどうすればよいのか。|総代会はいつ開かれるのか。|会報の送り先を変えたい。|",
    ),
  },
];

/** Summarised-register voices: each cell's voices as written, some with a second sentence, some wrapped. */
export function summaryRows(random: () => number): SummaryRow[] {
  const pick = <T>(xs: readonly T[]): T => {
    const x = xs[Math.floor(random() * xs.length)];
    if (x === undefined) throw new Error("empty fragment list");
    return x;
  };
  const out: SummaryRow[] = [];
  for (const cell of CELLS) {
    for (const voice of cell.voices) {
      out.push({ text: voice, type: cell.type, category: cell.category });
      // One variant per voice: a second sentence of the same type, or the voice quoted as a report would.
      const tail = pick(TAILS[cell.type]);
      const variant =
        random() < 0.5 && tail.length > 0
          ? `${voice}${tail}`
          : pick(WRAPPERS).replace("{}", voice.replace(/。$/u, ""));
      if (variant !== voice) out.push({ text: variant, type: cell.type, category: cell.category });
    }
  }
  return out;
}
