/** Parses DATABASE_URL: `sqlite:PATH` (or `sqlite::memory:`) for the embedded database, `postgres://…` for PostgreSQL. */
export type DatabaseTarget = { dialect: "sqlite"; path: string } | { dialect: "postgres"; url: string };

export const DEFAULT_DATABASE_URL = "sqlite:./data/koe.sqlite";

export function parseDatabaseUrl(url: string): DatabaseTarget {
  const trimmed = url.trim();
  if (trimmed.startsWith("sqlite:")) {
    const path = trimmed.slice("sqlite:".length).replace(/^\/\/(?=\/)/, "");
    if (!path)
      throw new Error(
        "DATABASE_URL の sqlite: の後にファイルのパスを書いてください（例: sqlite:./data/koe.sqlite）",
      );
    return { dialect: "sqlite", path };
  }
  if (/^postgres(ql)?:\/\//.test(trimmed)) {
    try {
      new URL(trimmed);
    } catch {
      throw new Error(`DATABASE_URL を URL として読めません: ${redactUrl(trimmed)}`);
    }
    return { dialect: "postgres", url: trimmed };
  }
  throw new Error(
    `DATABASE_URL の形式が正しくありません（sqlite:PATH または postgres://… を指定してください）: ${redactUrl(trimmed)}`,
  );
}

/** Hides the password of a database URL so it can be printed. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/([^:/@]+):([^@]*)@/, "//$1:***@");
}
