/**
 * `koe alias list|add|set`: label aliases from the command line (acts as the system, like the other commands with
 * database access). `add` keeps the label's aliases and appends; `set` replaces them (none: clears).
 */
import { type Command, CommanderError } from "commander";
import { prepareDatabase } from "../../bootstrap.js";
import { readConfig } from "../../config.js";
import { type Db, openTarget } from "../../db/database.js";
import { AppError } from "../../errors.js";
import { KIND_LABELS_JA, taxonomyIndex } from "../users-and-settings/taxonomy.js";
import { ALIAS_KINDS, type AliasKind } from "./contract.js";
import { listLabelAliases, setLabelAliases } from "./label-aliases.js";

const fail = (message: string): never => {
  throw new CommanderError(1, "koe.error", message);
};

function kindOf(value: string): AliasKind {
  if ((ALIAS_KINDS as readonly string[]).includes(value)) return value as AliasKind;
  return fail(`種類「${value}」は指定できません（${ALIAS_KINDS.join("・")} のいずれか）`);
}

async function withDb<T>(run: (db: Db) => Promise<T>): Promise<T> {
  const config = readConfig();
  const kdb = await openTarget(config.database);
  try {
    await prepareDatabase(kdb, { email: config.adminEmail, password: config.adminPassword });
    return await run(kdb.db);
  } finally {
    await kdb.close();
  }
}

/** Sets the aliases of the label `label` (code or name) in one transaction; problems become the command's error. */
async function change(kindText: string, label: string, next: (current: string[]) => string[]) {
  const kind = kindOf(kindText);
  const result = await withDb(async (db) => {
    const found = (await taxonomyIndex(db)).find(kind, label);
    if (!found)
      return fail(
        `${KIND_LABELS_JA[kind]}「${label}」は登録されていません（コードか名称で指定してください）`,
      );
    const current = (await listLabelAliases(db)).items.find((i) => i.kind === kind && i.labelId === found.id);
    const aliases = next(current?.aliases ?? []);
    return db
      .transaction()
      .execute((trx) => setLabelAliases(trx, null, kind, found.id, aliases))
      .then((r) => ({ name: found.name, aliases: r.aliases }))
      .catch((err: unknown) => {
        if (err instanceof AppError && err.code === "invalid_input")
          return fail(Object.values(err.fields ?? {}).join("\n") || err.message);
        throw err;
      });
  });
  process.stdout.write(
    `${`${KIND_LABELS_JA[kind]}『${result.name}』の別名: ${result.aliases.join("、") || "（なし）"}`}\n`,
  );
}

export function registerAliasCommand(program: Command) {
  const alias = program
    .command("alias")
    .description("ラベル・部署の別名（取り込むファイルの言葉を koe のラベルに対応づけます）");
  alias
    .command("list")
    .description("別名の一覧を表示します")
    .option("--kind <kind>", `種類で絞り込み（${ALIAS_KINDS.join("・")}）`)
    .action(async (opts: { kind?: string }) => {
      const only = opts.kind === undefined ? null : kindOf(opts.kind);
      await withDb(async (db) => {
        const [tax, list] = await Promise.all([taxonomyIndex(db), listLabelAliases(db)]);
        for (const item of list.items) {
          if (only !== null && item.kind !== only) continue;
          const name = tax.byId(item.kind, item.labelId)?.name ?? `#${item.labelId}`;
          process.stdout.write(`${KIND_LABELS_JA[item.kind]}\t${name}\t${item.aliases.join("、")}\n`);
        }
      });
    });
  alias
    .command("add")
    .description("ラベルに別名を追加します（例: koe alias add channel counter 窓口）")
    .argument("<kind>", ALIAS_KINDS.join("・"))
    .argument("<label>", "ラベルのコードか名称")
    .argument("<aliases...>", "追加する別名")
    .action((kind: string, label: string, aliases: string[]) =>
      change(kind, label, (current) => [...current, ...aliases]),
    );
  alias
    .command("set")
    .description("ラベルの別名を置き換えます（別名を指定しなければすべて削除）")
    .argument("<kind>", ALIAS_KINDS.join("・"))
    .argument("<label>", "ラベルのコードか名称")
    .argument("[aliases...]", "別名")
    .action((kind: string, label: string, aliases: string[]) => change(kind, label, () => aliases));
}
