// Imports run downwards (issue 10): the HTTP layer uses services, never the reverse, and no module dodges an
// import circle by loading another module lazily (`await import("../text/merge-voices.js")`). These tests grep
// the tree, so a new upward import or a lazy import fails here with its file and line.
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const REPO = join(import.meta.dirname, "..", "..");

/** Application sources under the given folders: .ts files, without tests. */
function sources(...folders: string[]): string[] {
  return sourcesWhere(() => true, ...folders);
}

/** The same, kept only where `keep` says so. */
function sourcesWhere(keep: (file: string) => boolean, ...folders: string[]): string[] {
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (/\.ts$/.test(entry.name) && !/\.test\.ts$/.test(entry.name))
        files.push(relative(REPO, path).replaceAll("\\", "/"));
    }
  };
  for (const folder of folders) walk(join(REPO, folder));
  return files.filter(keep).sort();
}

/** "file:line: the line" for each line of the files matching `pattern`. */
function hits(files: string[], pattern: RegExp): string[] {
  const out: string[] = [];
  for (const file of files) {
    readFileSync(join(REPO, file), "utf8")
      .split("\n")
      .forEach((line, i) => {
        if (pattern.test(line)) out.push(`${file}:${i + 1}: ${line.trim()}`);
      });
  }
  return out;
}

describe("imports run downwards", () => {
  // An import (or re-export) whose path climbs into src/http from below it.
  const FROM_HTTP = /\bfrom\s+["'](?:\.\.\/)+http\//;
  // A lazy import of one of our own modules; data files (the built-in model's JSON) may load lazily.
  const LAZY_MODULE = /\bimport\(\s*["'`]\.{1,2}\/[^"'`]*\.js["'`]/;

  it("use cases (features' files but their routes), services, database, search, text and file code import nothing from src/http", () => {
    const below = [
      // a feature's routes are its HTTP layer; everything else in it sits below src/http
      ...sourcesWhere((file) => !/routes\.ts$/.test(file), "src/features"),
      ...sources("src/services", "src/db", "src/search", "src/text", "src/io", "src/domain", "src/shared"),
    ];
    expect(below.length).toBeGreaterThan(50);
    expect(hits(below, FROM_HTTP)).toEqual([]);
  });

  it("no module is imported lazily to get round an import circle", () => {
    expect(hits(sources("src"), LAZY_MODULE)).toEqual([]);
  });

  it("the patterns catch what they are for", () => {
    // the two imports issue 10 removed, as they stood
    expect(FROM_HTTP.test('import type { RequestAuth } from "../../http/request-context.js";')).toBe(true);
    expect(LAZY_MODULE.test('const { loadMergedVoices } = await import("../text/merge-voices.js");')).toBe(
      true,
    );
    expect(LAZY_MODULE.test('import("./builtin-model.json", { with: { type: "json" } })')).toBe(false);
    expect(FROM_HTTP.test('import { recordAudit } from "../audit.js";')).toBe(false);
  });
});
