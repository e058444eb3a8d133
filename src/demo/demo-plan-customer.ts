// Demo customers: Japanese names with kana, member numbers, mobile phones, addresses across Japan (fictional).
import type { Random } from "./random.js";

export interface DemoCustomer {
  name: string;
  kana: string;
  memberNumber: string;
  phone: string;
  email: string | null;
  prefecture: string;
  address: string;
  ageBand: string;
  gender: string;
  contactConsent: boolean;
}

export type BranchCode = "sapporo_branch" | "tokyo_branch" | "fukui_branch" | "osaka_branch";

/** [prefecture, weight (≈ population in 100k), branch that serves it, municipalities] */
type Prefecture = readonly [string, number, BranchCode, readonly string[]];
const S = "sapporo_branch";
const T = "tokyo_branch";
const F = "fukui_branch";
const O = "osaka_branch";
export const PREFECTURES: readonly Prefecture[] = [
  ["北海道", 51, S, ["札幌市中央区", "札幌市北区", "旭川市", "函館市", "釧路市", "帯広市", "苫小牧市"]],
  ["青森県", 12, S, ["青森市", "弘前市", "八戸市", "十和田市"]],
  ["岩手県", 12, S, ["盛岡市", "一関市", "奥州市", "花巻市"]],
  ["宮城県", 23, S, ["仙台市青葉区", "仙台市泉区", "石巻市", "大崎市", "名取市"]],
  ["秋田県", 9, S, ["秋田市", "横手市", "大仙市"]],
  ["山形県", 10, S, ["山形市", "鶴岡市", "酒田市", "米沢市"]],
  ["福島県", 18, S, ["福島市", "郡山市", "いわき市", "会津若松市"]],
  ["茨城県", 28, T, ["水戸市", "つくば市", "日立市", "ひたちなか市", "土浦市"]],
  ["栃木県", 19, T, ["宇都宮市", "小山市", "栃木市", "足利市"]],
  ["群馬県", 19, T, ["前橋市", "高崎市", "太田市", "伊勢崎市"]],
  [
    "埼玉県",
    73,
    T,
    ["さいたま市浦和区", "さいたま市大宮区", "川越市", "川口市", "所沢市", "越谷市", "草加市"],
  ],
  ["千葉県", 63, T, ["千葉市中央区", "船橋市", "柏市", "市川市", "松戸市", "市原市"]],
  [
    "東京都",
    140,
    T,
    ["世田谷区", "練馬区", "大田区", "江戸川区", "足立区", "杉並区", "八王子市", "町田市", "府中市"],
  ],
  [
    "神奈川県",
    92,
    T,
    ["横浜市港北区", "横浜市青葉区", "川崎市中原区", "相模原市中央区", "藤沢市", "横須賀市", "平塚市"],
  ],
  ["新潟県", 22, T, ["新潟市中央区", "長岡市", "上越市", "三条市"]],
  ["富山県", 10, F, ["富山市", "高岡市", "射水市"]],
  ["石川県", 11, F, ["金沢市", "白山市", "小松市", "七尾市"]],
  ["福井県", 8, F, ["福井市", "坂井市", "越前市", "敦賀市", "鯖江市"]],
  ["山梨県", 8, T, ["甲府市", "甲斐市", "南アルプス市"]],
  ["長野県", 20, T, ["長野市", "松本市", "上田市", "飯田市"]],
  ["岐阜県", 20, F, ["岐阜市", "大垣市", "各務原市", "多治見市"]],
  ["静岡県", 36, T, ["静岡市葵区", "浜松市中央区", "沼津市", "富士市", "磐田市"]],
  ["愛知県", 75, F, ["名古屋市中区", "名古屋市緑区", "豊田市", "岡崎市", "一宮市", "豊橋市", "春日井市"]],
  ["三重県", 18, F, ["津市", "四日市市", "鈴鹿市", "松阪市"]],
  ["滋賀県", 14, O, ["大津市", "草津市", "彦根市", "長浜市"]],
  ["京都府", 26, O, ["京都市左京区", "京都市伏見区", "宇治市", "亀岡市"]],
  [
    "大阪府",
    88,
    O,
    ["大阪市北区", "大阪市平野区", "堺市堺区", "東大阪市", "豊中市", "吹田市", "枚方市", "高槻市"],
  ],
  ["兵庫県", 54, O, ["神戸市中央区", "神戸市西区", "姫路市", "西宮市", "尼崎市", "明石市"]],
  ["奈良県", 13, O, ["奈良市", "橿原市", "生駒市"]],
  ["和歌山県", 9, O, ["和歌山市", "田辺市", "橋本市"]],
  ["鳥取県", 5, O, ["鳥取市", "米子市", "倉吉市"]],
  ["島根県", 7, O, ["松江市", "出雲市", "浜田市"]],
  ["岡山県", 19, O, ["岡山市北区", "倉敷市", "津山市"]],
  ["広島県", 28, O, ["広島市中区", "広島市安佐南区", "福山市", "呉市", "東広島市"]],
  ["山口県", 13, O, ["山口市", "下関市", "宇部市", "周南市"]],
  ["徳島県", 7, O, ["徳島市", "阿南市", "鳴門市"]],
  ["香川県", 9, O, ["高松市", "丸亀市", "観音寺市"]],
  ["愛媛県", 13, O, ["松山市", "今治市", "新居浜市", "西条市"]],
  ["高知県", 7, O, ["高知市", "南国市", "四万十市"]],
  ["福岡県", 51, O, ["福岡市博多区", "福岡市東区", "北九州市小倉北区", "久留米市", "飯塚市"]],
  ["佐賀県", 8, O, ["佐賀市", "唐津市", "鳥栖市"]],
  ["長崎県", 13, O, ["長崎市", "佐世保市", "諫早市"]],
  ["熊本県", 17, O, ["熊本市中央区", "熊本市東区", "八代市", "天草市"]],
  ["大分県", 11, O, ["大分市", "別府市", "中津市"]],
  ["宮崎県", 11, O, ["宮崎市", "都城市", "延岡市"]],
  ["鹿児島県", 16, O, ["鹿児島市", "霧島市", "鹿屋市", "薩摩川内市"]],
  ["沖縄県", 15, O, ["那覇市", "沖縄市", "うるま市", "浦添市"]],
];
const PREFECTURE_CUMULATIVE = PREFECTURES.reduce<number[]>((c, p) => {
  c.push((c[c.length - 1] ?? 0) + p[1]);
  return c;
}, []);

const TOWNS = [
  "本町",
  "中央",
  "緑町",
  "旭町",
  "栄町",
  "寿町",
  "幸町",
  "桜町",
  "昭和町",
  "東町",
  "西町",
  "南町",
  "北町",
  "若葉町",
  "松原",
  "新町",
  "元町",
  "泉町",
  "末広町",
  "日吉町",
  "春日",
  "宮前",
  "清水",
  "大町",
  "高砂",
  "錦町",
  "朝日町",
  "富士見町",
  "平和町",
  "柳町",
];

/** [kanji, katakana, romaji] */
type Name = readonly [string, string, string];
const SURNAMES: readonly Name[] = [
  ["佐藤", "サトウ", "sato"],
  ["鈴木", "スズキ", "suzuki"],
  ["高橋", "タカハシ", "takahashi"],
  ["田中", "タナカ", "tanaka"],
  ["伊藤", "イトウ", "ito"],
  ["渡辺", "ワタナベ", "watanabe"],
  ["山本", "ヤマモト", "yamamoto"],
  ["中村", "ナカムラ", "nakamura"],
  ["小林", "コバヤシ", "kobayashi"],
  ["加藤", "カトウ", "kato"],
  ["吉田", "ヨシダ", "yoshida"],
  ["山田", "ヤマダ", "yamada"],
  ["佐々木", "ササキ", "sasaki"],
  ["山口", "ヤマグチ", "yamaguchi"],
  ["松本", "マツモト", "matsumoto"],
  ["井上", "イノウエ", "inoue"],
  ["木村", "キムラ", "kimura"],
  ["林", "ハヤシ", "hayashi"],
  ["斎藤", "サイトウ", "saito"],
  ["清水", "シミズ", "shimizu"],
  ["山崎", "ヤマザキ", "yamazaki"],
  ["森", "モリ", "mori"],
  ["池田", "イケダ", "ikeda"],
  ["橋本", "ハシモト", "hashimoto"],
  ["阿部", "アベ", "abe"],
  ["石川", "イシカワ", "ishikawa"],
  ["山下", "ヤマシタ", "yamashita"],
  ["中島", "ナカジマ", "nakajima"],
  ["石井", "イシイ", "ishii"],
  ["小川", "オガワ", "ogawa"],
  ["前田", "マエダ", "maeda"],
  ["岡田", "オカダ", "okada"],
  ["長谷川", "ハセガワ", "hasegawa"],
  ["藤田", "フジタ", "fujita"],
  ["後藤", "ゴトウ", "goto"],
  ["近藤", "コンドウ", "kondo"],
  ["村上", "ムラカミ", "murakami"],
  ["遠藤", "エンドウ", "endo"],
  ["青木", "アオキ", "aoki"],
  ["坂本", "サカモト", "sakamoto"],
  ["斉藤", "サイトウ", "saito"],
  ["福田", "フクダ", "fukuda"],
  ["太田", "オオタ", "ota"],
  ["西村", "ニシムラ", "nishimura"],
  ["藤井", "フジイ", "fujii"],
  ["金子", "カネコ", "kaneko"],
  ["岡本", "オカモト", "okamoto"],
  ["藤原", "フジワラ", "fujiwara"],
  ["中野", "ナカノ", "nakano"],
  ["三浦", "ミウラ", "miura"],
  ["原田", "ハラダ", "harada"],
  ["中川", "ナカガワ", "nakagawa"],
  ["松田", "マツダ", "matsuda"],
  ["竹内", "タケウチ", "takeuchi"],
  ["小野", "オノ", "ono"],
  ["田村", "タムラ", "tamura"],
  ["中山", "ナカヤマ", "nakayama"],
  ["和田", "ワダ", "wada"],
  ["石田", "イシダ", "ishida"],
  ["森田", "モリタ", "morita"],
  ["上田", "ウエダ", "ueda"],
  ["原", "ハラ", "hara"],
  ["内田", "ウチダ", "uchida"],
  ["柴田", "シバタ", "shibata"],
  ["酒井", "サカイ", "sakai"],
  ["宮崎", "ミヤザキ", "miyazaki"],
  ["横山", "ヨコヤマ", "yokoyama"],
  ["高木", "タカギ", "takagi"],
  ["安藤", "アンドウ", "ando"],
  ["宮本", "ミヤモト", "miyamoto"],
  ["大野", "オオノ", "ono"],
  ["小島", "コジマ", "kojima"],
  ["工藤", "クドウ", "kudo"],
  ["谷口", "タニグチ", "taniguchi"],
  ["今井", "イマイ", "imai"],
  ["高田", "タカダ", "takada"],
  ["丸山", "マルヤマ", "maruyama"],
  ["増田", "マスダ", "masuda"],
  ["杉山", "スギヤマ", "sugiyama"],
  ["村田", "ムラタ", "murata"],
  ["大塚", "オオツカ", "otsuka"],
  ["新井", "アライ", "arai"],
  ["小山", "コヤマ", "koyama"],
  ["平野", "ヒラノ", "hirano"],
  ["比嘉", "ヒガ", "higa"],
  ["菅原", "スガワラ", "sugawara"],
  ["千葉", "チバ", "chiba"],
];
const FEMALE: readonly Name[] = [
  ["花子", "ハナコ", "hanako"],
  ["恵子", "ケイコ", "keiko"],
  ["京子", "キョウコ", "kyoko"],
  ["幸子", "サチコ", "sachiko"],
  ["和子", "カズコ", "kazuko"],
  ["洋子", "ヨウコ", "yoko"],
  ["美智子", "ミチコ", "michiko"],
  ["久美子", "クミコ", "kumiko"],
  ["由美子", "ユミコ", "yumiko"],
  ["真由美", "マユミ", "mayumi"],
  ["智子", "トモコ", "tomoko"],
  ["裕子", "ユウコ", "yuko"],
  ["直美", "ナオミ", "naomi"],
  ["陽子", "ヨウコ", "yoko"],
  ["明美", "アケミ", "akemi"],
  ["典子", "ノリコ", "noriko"],
  ["順子", "ジュンコ", "junko"],
  ["純子", "ジュンコ", "junko"],
  ["さゆり", "サユリ", "sayuri"],
  ["恵美", "エミ", "emi"],
  ["麻衣", "マイ", "mai"],
  ["愛", "アイ", "ai"],
  ["彩", "アヤ", "aya"],
  ["美穂", "ミホ", "miho"],
  ["香織", "カオリ", "kaori"],
  ["舞", "マイ", "mai"],
  ["優子", "ユウコ", "yuko"],
  ["沙織", "サオリ", "saori"],
  ["千尋", "チヒロ", "chihiro"],
  ["美咲", "ミサキ", "misaki"],
  ["陽菜", "ヒナ", "hina"],
  ["結衣", "ユイ", "yui"],
  ["葵", "アオイ", "aoi"],
  ["さくら", "サクラ", "sakura"],
  ["七海", "ナナミ", "nanami"],
  ["芳子", "ヨシコ", "yoshiko"],
  ["節子", "セツコ", "setsuko"],
  ["文子", "フミコ", "fumiko"],
  ["トシ子", "トシコ", "toshiko"],
  ["由紀", "ユキ", "yuki"],
  ["理恵", "リエ", "rie"],
  ["美香", "ミカ", "mika"],
];
const MALE: readonly Name[] = [
  ["太郎", "タロウ", "taro"],
  ["一郎", "イチロウ", "ichiro"],
  ["健一", "ケンイチ", "kenichi"],
  ["誠", "マコト", "makoto"],
  ["浩", "ヒロシ", "hiroshi"],
  ["茂", "シゲル", "shigeru"],
  ["隆", "タカシ", "takashi"],
  ["清", "キヨシ", "kiyoshi"],
  ["勝", "マサル", "masaru"],
  ["博", "ヒロシ", "hiroshi"],
  ["正人", "マサト", "masato"],
  ["和夫", "カズオ", "kazuo"],
  ["修", "オサム", "osamu"],
  ["明", "アキラ", "akira"],
  ["進", "ススム", "susumu"],
  ["大輔", "ダイスケ", "daisuke"],
  ["拓也", "タクヤ", "takuya"],
  ["直樹", "ナオキ", "naoki"],
  ["和也", "カズヤ", "kazuya"],
  ["健太", "ケンタ", "kenta"],
  ["翔太", "ショウタ", "shota"],
  ["亮", "リョウ", "ryo"],
  ["達也", "タツヤ", "tatsuya"],
  ["剛", "ツヨシ", "tsuyoshi"],
  ["聡", "サトシ", "satoshi"],
  ["雄一", "ユウイチ", "yuichi"],
  ["康弘", "ヤスヒロ", "yasuhiro"],
  ["秀樹", "ヒデキ", "hideki"],
  ["哲也", "テツヤ", "tetsuya"],
  ["信也", "シンヤ", "shinya"],
  ["蓮", "レン", "ren"],
  ["大翔", "ヒロト", "hiroto"],
  ["悠真", "ユウマ", "yuma"],
  ["陽太", "ヨウタ", "yota"],
  ["湊", "ミナト", "minato"],
  ["勇", "イサム", "isamu"],
  ["昭", "アキラ", "akira"],
  ["実", "ミノル", "minoru"],
  ["豊", "ユタカ", "yutaka"],
  ["智也", "トモヤ", "tomoya"],
  ["圭介", "ケイスケ", "keisuke"],
  ["洋平", "ヨウヘイ", "yohei"],
];

const AGE_BANDS = [
  ["20代", 7],
  ["30代", 13],
  ["40代", 19],
  ["50代", 22],
  ["60代", 19],
  ["70代", 13],
  ["80代以上", 7],
] as const;
const GENDERS = [
  ["女性", 54],
  ["男性", 42],
  ["回答なし", 4],
] as const;
const MAIL_DOMAINS = ["example.jp", "example.com", "example.ne.jp", "example.co.jp", "example.or.jp"];
const OLD_NAMES = new Set([
  "芳子",
  "節子",
  "文子",
  "トシ子",
  "和子",
  "幸子",
  "茂",
  "清",
  "勝",
  "進",
  "昭",
  "実",
  "勇",
]);

/** Weighted by population; a binary search because this runs once per voice. */
export function pickPrefecture(rnd: Random): Prefecture {
  const r = rnd.next() * (PREFECTURE_CUMULATIVE[PREFECTURE_CUMULATIVE.length - 1] ?? 0);
  let lo = 0;
  let hi = PREFECTURES.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((PREFECTURE_CUMULATIVE[mid] ?? 0) > r) hi = mid;
    else lo = mid + 1;
  }
  return PREFECTURES[lo] ?? rnd.pick(PREFECTURES);
}

function digits(rnd: Random, n: number): string {
  return String(rnd.int(0, 10 ** n - 1)).padStart(n, "0");
}

/** A fictional customer living in the given prefecture; emails use reserved example domains only. */
export function generateCustomer(rnd: Random, prefecture: Prefecture): DemoCustomer {
  const gender = rnd.weighted(GENDERS);
  const ageBand = rnd.weighted(AGE_BANDS);
  const surname = rnd.pick(SURNAMES);
  const female = gender === "女性" || (gender === "回答なし" && rnd.chance(0.5));
  let given = rnd.pick(female ? FEMALE : MALE);
  // Names that belong to older generations read oddly on young members: pick again once.
  if ((ageBand === "20代" || ageBand === "30代") && OLD_NAMES.has(given[0]))
    given = rnd.pick(female ? FEMALE : MALE);
  const older = ageBand === "70代" || ageBand === "80代以上";
  const email = rnd.chance(older ? 0.25 : 0.6)
    ? `${given[2]}.${surname[2]}${rnd.chance(0.5) ? rnd.int(1, 99) : ""}@${rnd.pick(MAIL_DOMAINS)}`
    : null;
  const [pref, , , cities] = prefecture;
  return {
    name: `${surname[0]} ${given[0]}`,
    kana: `${surname[1]} ${given[1]}`,
    memberNumber: `${rnd.int(1, 9)}${digits(rnd, 9)}`,
    phone: `${rnd.pick(["090", "080", "070"])}-${digits(rnd, 4)}-${digits(rnd, 4)}`,
    email,
    prefecture: pref,
    address: `${pref}${rnd.pick(cities)}${rnd.pick(TOWNS)}${rnd.int(1, 5)}丁目${rnd.int(1, 30)}番${rnd.int(1, 20)}号`,
    ageBand,
    gender,
    contactConsent: rnd.chance(0.85),
  };
}
