// One place for each kind of rule (issue 10): what differs between SQLite and PostgreSQL is decided in
// src/db/dialect.ts only, and who may do what in src/domain/roles.ts only. These tests grep the tree. The
// allow-lists name what sits elsewhere today, per file with its count, so a new branch in a listed file fails
// too; moving a branch out means shortening its entry here.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const REPO = join(import.meta.dirname, "..", "..");

/** Application sources under the given folders: .ts/.tsx files, without tests. */
function sources(...folders: string[]): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name))
        files.push(relative(REPO, path).replaceAll("\\", "/"));
    }
  };
  for (const folder of folders) walk(join(REPO, folder));
  return files.sort();
}

/** file → each match of `pattern` as "line: the line(s) it spans"; comments count too (rare, and easy to reword). */
function occurrences(files: string[], pattern: RegExp): Record<string, string[]> {
  const found: Record<string, string[]> = {};
  for (const file of files) {
    const text = readFileSync(join(REPO, file), "utf8");
    const hits: string[] = [];
    for (const match of text.matchAll(new RegExp(pattern.source, `${pattern.flags.replace("g", "")}g`))) {
      const before = text.slice(0, match.index);
      const start = before.lastIndexOf("\n") + 1;
      const end = text.indexOf("\n", match.index + match[0].length);
      const lines = text.slice(start, end < 0 ? undefined : end);
      hits.push(`${before.split("\n").length}: ${lines.replace(/\s+/g, " ").trim()}`);
    }
    if (hits.length) found[file] = hits;
  }
  return found;
}

const counts = (found: Record<string, string[]>) =>
  Object.fromEntries(Object.entries(found).map(([file, hits]) => [file, hits.length]));

describe("database differences only in src/db/dialect.ts", () => {
  // A comparison with a dialect's name or of a variable named dialect, a switch case on a name, or asking Kysely
  // which adapter runs. Everything else asks the adapter (dialectFor(db)): its capabilities and functions.
  const BRANCH =
    /(?:===|!==)\s*["'](?:sqlite|postgres)["']|["'](?:sqlite|postgres)["']\s*(?:===|!==)|\b[dD]ialect\s*(?:===|!==)|(?:===|!==)\s*[\w.]*\b[dD]ialect\b|case\s+["'](?:sqlite|postgres)["']\s*:|instanceof\s+(?:Postgres|Sqlite)Adapter/;

  it("no dialect branch outside src/db/dialect.ts", () => {
    // Migrations are frozen (they never import app code), so they keep their own branches. Benchmarks and tests
    // choose which database to open by name, as the application's configuration does.
    const files = sources("src").filter(
      (f) => f !== "src/db/dialect.ts" && !f.startsWith("src/db/migrations/"),
    );
    const found = occurrences(files, BRANCH);
    expect(counts(found), JSON.stringify(found, null, 1)).toEqual({});
  });

  it("the pattern finds what it is meant to find", () => {
    const sample = [
      'const exact = dialect === "sqlite" ? 10_000 : cap;',
      "if (kdb.dialect !== 'postgres') return;",
      'if ("postgres" === target.dialect) open();',
      "if (f.dialect === other.dialect) same();",
      'switch (name) {\n  case "postgres": break;\n}',
      "db.getExecutor().adapter instanceof PostgresAdapter",
    ];
    expect(sample.map((s) => BRANCH.test(s))).toEqual(sample.map(() => true));
    expect(BRANCH.test("const ft = dialectFor(db).fullText; if (ft.rowPerHit) walk();")).toBe(false);
    expect(BRANCH.test('openTarget({ dialect: "sqlite", path })')).toBe(false);
  });
});

describe("role rules only in src/domain/roles.ts", () => {
  const ROLE = `["'](?:admin|cs|lead|staff|viewer)["']`;
  /** An array of nothing but role names, e.g. requireRole(["admin", "cs"]). */
  const ROLE_LIST = new RegExp(`\\[\\s*${ROLE}(?:\\s*,\\s*${ROLE})*\\s*,?\\s*\\]`);
  /** A role compared with a role name, e.g. user.role !== "admin". */
  const ROLE_TEST = new RegExp(
    `\\brole\\??\\)?\\s*(?:===|!==)\\s*${ROLE}|${ROLE}\\s*(?:===|!==)\\s*[\\w.?]*\\brole\\b`,
  );

  // To be moved by issue 10: routes, services and the UI are to ask src/domain/roles.ts.
  // Issue 10 moved every role list and role comparison here; routes, services and the UI ask roles.ts.
  const ROLE_LISTS_TO_BE_MOVED: Record<string, number> = {};
  const ROLE_TESTS_TO_BE_MOVED: Record<string, number> = {};

  // The list of roles itself (ROLES) is defined once, in the zod-free constants the contracts re-export.
  const files = sources("src", "web/src").filter(
    (f) => f !== "src/domain/roles.ts" && f !== "src/shared/constants.ts",
  );

  it("no list of roles outside roles.ts but today's listed ones", () => {
    const found = occurrences(files, ROLE_LIST);
    expect(counts(found), JSON.stringify(found, null, 1)).toEqual(ROLE_LISTS_TO_BE_MOVED);
  });

  it("no comparison of a role with a role name outside src/domain but today's listed ones", () => {
    // The workflow's rules (src/domain/voice-workflow.ts) are domain rules beside roles.ts.
    const found = occurrences(
      files.filter((f) => !f.startsWith("src/domain/")),
      ROLE_TEST,
    );
    expect(counts(found), JSON.stringify(found, null, 1)).toEqual(ROLE_TESTS_TO_BE_MOVED);
  });

  it("the patterns find what they are meant to find", () => {
    const sample = [
      'requireRole(["admin", "cs"])',
      "const IMPORT_ROLES = [\n  'admin',\n  'cs',\n] as const;",
      'if (user?.role !== "admin") return',
      '"lead" === actor.role',
    ];
    expect(sample.map((s) => ROLE_LIST.test(s) || ROLE_TEST.test(s))).toEqual([true, true, true, true]);
    expect(ROLE_LIST.test('["admin", "経理"]')).toBe(false);
  });
});
