/**
 * `koe user add | role | password`: accounts from the server's shell (the first admin, or an admin who is locked out).
 * Each change is audited as the API's are, by 「システム（CLI）」 with the OS user in the detail.
 */
import { type Command, CommanderError } from "commander";
import { prepareDatabase } from "../bootstrap.js";
import { readConfig } from "../config.js";
import { type Db, openTarget } from "../db/database.js";
import { CLI_CHANGER, createUser, updateUser } from "../features/users-and-settings/users.js";

function fail(message: string): never {
  throw new CommanderError(1, "koe.error", message);
}

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

async function passwordFromStdin(passwordStdin: boolean | undefined): Promise<string> {
  if (!passwordStdin)
    fail("パスワードは --password-stdin で標準入力から渡してください（コマンド履歴に残さないため）");
  return (await readStdin()).replace(/\r?\n$/, "");
}

async function withDatabase<T>(run: (db: Db) => Promise<T>): Promise<T> {
  const config = readConfig();
  const kdb = await openTarget(config.database);
  try {
    await prepareDatabase(kdb, { email: config.adminEmail, password: config.adminPassword });
    return await run(kdb.db);
  } finally {
    await kdb.close();
  }
}

async function userIdByEmail(db: Db, email: string): Promise<number> {
  const row = await db
    .selectFrom("users")
    .select("id")
    .where("email", "=", email.trim().toLowerCase())
    .executeTakeFirst();
  return row ? row.id : fail(`メールアドレス ${email} のユーザーは登録されていません`);
}

async function departmentId(db: Db, codeOrName: string): Promise<number> {
  const d = await db
    .selectFrom("departments")
    .select("id")
    .where((eb) => eb.or([eb("code", "=", codeOrName), eb("name", "=", codeOrName)]))
    .executeTakeFirst();
  return d ? d.id : fail(`部署「${codeOrName}」が見つかりません`);
}

export function registerUserCommands(program: Command): void {
  const user = program
    .command("user")
    .description("ユーザーの管理（操作は監査ログに「システム（CLI）」として記録されます）");
  user
    .command("add")
    .description("ユーザーを追加します（パスワードは標準入力から）")
    .requiredOption("--email <email>", "メールアドレス")
    .requiredOption("--name <name>", "氏名")
    .requiredOption("--role <role>", "役割: admin, cs, lead, staff, viewer")
    .option("--department <code>", "部署のコードまたは名称")
    .option("--password-stdin", "パスワードを標準入力から読みます（必須）")
    .action(
      async (opts: {
        email: string;
        name: string;
        role: string;
        department?: string;
        passwordStdin?: boolean;
      }) => {
        const password = await passwordFromStdin(opts.passwordStdin);
        const u = await withDatabase((db) =>
          createUser(
            db,
            {
              email: opts.email,
              name: opts.name,
              role: opts.role,
              departmentCode: opts.department ?? null,
              password,
            },
            CLI_CHANGER,
          ),
        );
        console.log(`ユーザーを追加しました: ${u.email}（${u.role}）`);
      },
    );
  user
    .command("role")
    .description("ユーザーの役割（と部署）を変えます。その人の開いている画面はすべてログアウトされます")
    .requiredOption("--email <email>", "メールアドレス")
    .requiredOption("--role <role>", "役割: admin, cs, lead, staff, viewer")
    .option("--department <code>", "部署のコードまたは名称")
    .action(async (opts: { email: string; role: string; department?: string }) => {
      const u = await withDatabase(async (db) => {
        const id = await userIdByEmail(db, opts.email);
        const patch = {
          role: opts.role,
          ...(opts.department !== undefined ? { departmentId: await departmentId(db, opts.department) } : {}),
        };
        return updateUser(db, id, patch, CLI_CHANGER);
      });
      console.log(`役割を変えました: ${u.email}（${u.role}）`);
    });
  user
    .command("password")
    .description("ユーザーのパスワードを再設定し、ロックを解除します（パスワードは標準入力から）")
    .requiredOption("--email <email>", "メールアドレス")
    .option("--password-stdin", "パスワードを標準入力から読みます（必須）")
    .action(async (opts: { email: string; passwordStdin?: boolean }) => {
      const password = await passwordFromStdin(opts.passwordStdin);
      const u = await withDatabase(async (db) =>
        updateUser(db, await userIdByEmail(db, opts.email), { password }, CLI_CHANGER),
      );
      console.log(`パスワードを再設定しました: ${u.email}`);
    });
}
