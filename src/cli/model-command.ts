// `koe model eval|train`: evaluate the voice classifier on a labelled file, or train one from a file or the database.
import { writeFile } from "node:fs/promises";
import type { Command } from "commander";
import { loadBuiltinModel, type Model, serializeModel, train } from "../text/classifier.js";
import { readRealVoices } from "../text/corpus-files.js";
import { categoryLabelJa, typeLabelJa } from "../text/labels.js";
import { evaluate, type HeadEvaluation, readLabelledJsonl } from "../text/model-eval.js";
import { formatSafetyNet, parseSafetyNetOptions, safetyNetJson } from "./model-safety-net.js";

export interface ModelCommandDeps {
  trainFromDatabase?: () => Promise<{ text: string; type: string; category: string | null }[]>;
  saveModel?: (json: string) => Promise<void>;
}

interface EvalOptions {
  file?: string;
  train?: string;
  json?: boolean;
  bias?: string;
  threshold?: string;
}

function pct(x: number): string {
  return `${(x * 100).toFixed(1)}%`;
}

/** Pads to a display width where CJK characters count as two columns. */
function pad(s: string, width: number, right = false): string {
  let w = 0;
  for (const ch of s)
    w +=
      /[\u1100-\u115F\u2E80-\uA4CF\uAC00-\uD7A3\uF900-\uFAFF\uFE30-\uFE4F\uFF00-\uFF60\uFFE0-\uFFE6]/u.test(
        ch,
      )
        ? 2
        : 1;
  const fill = " ".repeat(Math.max(0, width - w));
  return right ? fill + s : s + fill;
}

function formatHead(title: string, head: HeadEvaluation, label: (code: string) => string): string {
  const lines: string[] = [];
  lines.push(`■ ${title}（${head.n}件）  マクロF1 ${head.macroF1.toFixed(3)}  正解率 ${pct(head.accuracy)}`);
  lines.push(
    `  ${pad("ラベル", 22)}${pad("適合率", 9, true)}${pad("再現率", 9, true)}${pad("F1", 8, true)}${pad("件数", 7, true)}`,
  );
  for (const [code, s] of Object.entries(head.perClass)) {
    lines.push(
      `  ${pad(label(code), 22)}${pad(pct(s.precision), 9, true)}${pad(pct(s.recall), 9, true)}${pad(s.f1.toFixed(3), 8, true)}${pad(String(s.support), 7, true)}`,
    );
  }
  const { labels, matrix } = head.confusion;
  if (labels.length > 0) {
    const colWidth = 12;
    lines.push("  混同行列（行=正解、列=予測）");
    lines.push(`  ${pad("", 22)}${labels.map((l) => pad(label(l).slice(0, 5), colWidth, true)).join("")}`);
    labels.forEach((l, i) => {
      const row = matrix[i] ?? [];
      lines.push(`  ${pad(label(l), 22)}${row.map((n) => pad(String(n), colWidth, true)).join("")}`);
    });
  }
  return lines.join("\n");
}

function jsonHead(
  head: HeadEvaluation,
): Pick<HeadEvaluation, "macroF1" | "accuracy" | "perClass" | "confusion"> {
  return {
    macroF1: head.macroF1,
    accuracy: head.accuracy,
    perClass: head.perClass,
    confusion: head.confusion,
  };
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}

/** Adds `model eval` and `model train` to the koe program. */
export function registerModelCommand(program: Command, deps: ModelCommandDeps = {}): void {
  const model = program.command("model").description("声の自動分類モデル（種別・分類）の評価と学習");

  model
    .command("eval")
    .description("正解付きJSONLファイルで分類モデルを評価します")
    .option(
      "--file <path>",
      '評価用のJSONLファイル（1行に {"text","type","category"}）。省略時は組み込みの実データ評価セット（195件。公開された実際の声のためパッケージには含まれず、リポジトリで実行したときのみ）',
    )
    .option("--train <path>", "このJSONLファイルで学習したモデルを評価します（省略時は組み込みモデル）")
    .option("--bias <n>", "苦情の確率に掛ける倍率（省略時は既定値）")
    .option("--threshold <p>", "「苦情の可能性」を出す苦情の確率のしきい値（省略時は既定値）")
    .option("--json", "結果をJSONで出力します")
    .action(async (opts: EvalOptions, cmd: Command) => {
      let classifier: Model;
      let examples: Awaited<ReturnType<typeof readLabelledJsonl>>;
      const safety = parseSafetyNetOptions(opts);
      if (typeof safety === "string") cmd.error(`エラー: ${safety}`);
      const fileName = opts.file ?? "組み込みの実データ評価セット";
      try {
        examples = opts.file ? await readLabelledJsonl(opts.file) : await readRealVoices();
        if (examples.length === 0) cmd.error(`評価用ファイル ${fileName} に声がありません`);
        if (opts.train) {
          const trainingSet = await readLabelledJsonl(opts.train).catch((err: unknown) => {
            throw new Error(`${opts.train}: ${message(err)}`);
          });
          if (trainingSet.length === 0) cmd.error(`学習用ファイル ${opts.train} に声がありません`);
          classifier = train(trainingSet);
        } else {
          classifier = await loadBuiltinModel();
        }
      } catch (err) {
        if (isCommanderExit(err)) throw err;
        cmd.error(`エラー: ${message(err)}`);
      }
      const result = evaluate(classifier, examples);
      const net = safetyNetJson(classifier, examples, safety);
      if (opts.json) {
        process.stdout.write(
          `${JSON.stringify({
            type: jsonHead(result.type),
            category: jsonHead(result.category),
            complaint: result.type.perClass.complaint ?? null,
            safetyNet: net,
            n: result.n,
          })}\n`,
        );
        return;
      }
      const source = opts.train ? `学習ファイル ${opts.train} で学習したモデル` : "組み込みモデル";
      console.log(`${source}を ${fileName}（${result.n}件）で評価しました。\n`);
      console.log(formatHead("種別", result.type, typeLabelJa));
      console.log("");
      console.log(formatHead("分類（分類なしの声を除く）", result.category, categoryLabelJa));
      console.log("");
      console.log(formatSafetyNet(net));
    });

  model
    .command("train")
    .description("正解付きJSONLファイル、またはデータベースの声から分類モデルを学習します")
    .option("--file <path>", "学習用のJSONLファイル（省略時はデータベースの分類済みの声）")
    .option("--out <path>", "モデル(JSON)の保存先（省略時はデータベースに保存）")
    .action(async (opts: { file?: string; out?: string }, cmd: Command) => {
      try {
        let examples: { text: string; type: string; category: string | null }[];
        if (opts.file) {
          examples = await readLabelledJsonl(opts.file);
        } else if (deps.trainFromDatabase) {
          examples = await deps.trainFromDatabase();
        } else {
          cmd.error("エラー: --file を指定してください（データベースからの学習はこの環境では使えません）");
        }
        if (examples.length === 0) cmd.error("エラー: 学習に使える声がありません");
        const started = performance.now();
        const trained = train(examples);
        const ms = performance.now() - started;
        const json = serializeModel(trained);
        if (opts.out) {
          await writeFile(opts.out, json, "utf8");
        } else if (deps.saveModel) {
          await deps.saveModel(json);
        } else {
          cmd.error("エラー: --out で保存先を指定してください");
        }
        const where = opts.out ? opts.out : "データベース";
        console.log(
          `${examples.length}件の声でモデルを学習しました（${(ms / 1000).toFixed(1)}秒、特徴 ${trained.features.size}個）。保存先: ${where}`,
        );
      } catch (err) {
        if (isCommanderExit(err)) throw err;
        cmd.error(`エラー: ${message(err)}`);
      }
    });
}

function isCommanderExit(err: unknown): boolean {
  return (
    typeof err === "object" &&
    err !== null &&
    "code" in err &&
    typeof err.code === "string" &&
    err.code.startsWith("commander.")
  );
}
