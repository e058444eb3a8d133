/**
 * Validation messages in natural Japanese for every zod schema without a message of its own. zod's Japanese
 * locale reads like a library (「大きすぎる値: stringは100文字以下である必要があります」); people using koe should
 * read 「100文字以内で入力してください」. Imported for its effect by the API contract, so the server, the CLI and
 * the UI all get it. Every issue kind gets a message here: zod's locale leaked through for the rarer ones
 * (「無効な入力: recordが期待されましたが、nullが入力されました」 on the public survey form).
 */
import { z } from "zod";

type RawIssue = Parameters<z.core.$ZodErrorMap>[0];

const count = (n: number | bigint) => (typeof n === "bigint" ? n.toString() : n.toLocaleString("ja-JP"));

const UNIT: Record<string, string> = { string: "文字", array: "件", set: "件", file: "バイト" };

const TYPE_NAME: Record<string, string> = {
  string: "文字列",
  number: "数値",
  int: "整数",
  boolean: "true か false ", // the space keeps the ASCII apart from 「で」
  bigint: "整数",
  array: "配列",
  tuple: "配列",
  set: "配列",
  object: "オブジェクト",
  record: "オブジェクト",
  map: "オブジェクト",
  date: "日時",
};

/** A message for one issue (a schema's own message, where it has one, comes first: zod asks this map only without). */
export function japaneseIssueMessage(issue: RawIssue): string {
  switch (issue.code) {
    case "too_big": {
      const unit = UNIT[issue.origin] ?? "";
      if (unit === "文字") return `${count(issue.maximum)}文字以内で入力してください`;
      if (unit) return `${count(issue.maximum)}${unit}以内で指定してください`;
      return `${count(issue.maximum)}${issue.inclusive ? "以下" : "未満"}で指定してください`;
    }
    case "too_small": {
      const unit = UNIT[issue.origin] ?? "";
      if (unit === "文字")
        return Number(issue.minimum) <= 1
          ? "入力してください"
          : `${count(issue.minimum)}文字以上で入力してください`;
      if (unit) return `${count(issue.minimum)}${unit}以上で指定してください`;
      return `${count(issue.minimum)}${issue.inclusive ? "以上" : "より大きい値"}で指定してください`;
    }
    case "invalid_type": {
      if (issue.input === undefined) return "入力してください";
      if (issue.expected === "never") return "この項目は指定できません";
      const name = TYPE_NAME[issue.expected];
      return name ? `${name}で指定してください` : "形式が正しくありません";
    }
    case "invalid_value":
      return issue.values.length === 1
        ? `${String(issue.values[0])} を指定してください`
        : `${issue.values.map(String).join("、")} のいずれかで指定してください`;
    case "invalid_format":
      return issue.format === "email" ? "メールアドレスの形式が正しくありません" : "形式が正しくありません";
    case "invalid_union":
      return "指定の形式が正しくありません";
    case "unrecognized_keys":
      return `使えない項目です（${issue.keys.join("、")}）`;
    case "invalid_key":
      return "項目名が正しくありません";
    case "invalid_element":
      return "含まれる値が正しくありません";
    case "not_multiple_of":
      return `${count(issue.divisor)}の倍数で指定してください`;
    default:
      // "custom": a refine without a message of its own
      return "入力内容が正しくありません";
  }
}

// In a browser, no JIT: zod probes `Function("")` when it builds an object schema, which koe's Content-Security-Policy
// (script-src 'self', no 'unsafe-eval') reports as a violation. The server keeps the faster compiled parsers.
z.config({ ...z.locales.ja(), customError: japaneseIssueMessage, jitless: typeof document !== "undefined" });
