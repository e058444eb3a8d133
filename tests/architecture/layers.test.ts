// The layer rules (biome.json, noRestrictedImports per folder) fail the lint, and so CI: src/domain imports no
// db/http/services (only src/domain and src/shared), src/shared imports no server code, the web UI imports from
// the server's tree only src/shared, src/domain's pure rules and features' contracts. Planted imports are
// linted in a temporary copy of the layout with the repository's own biome.json, so the shared tree is never
// touched; the real tree must pass the same rule.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const REPO = join(import.meta.dirname, "..", "..");
const BIOME = join(REPO, "node_modules", ".bin", "biome");

/** Files (relative path → source) that break a layer rule: each must be reported. */
const PLANTED: Record<string, string> = {
  "src/domain/planted-db.ts": 'import type { Db } from "../db/database.js";\nexport type D = Db;\n',
  "src/domain/planted-db-dynamic.ts": 'export const load = () => import("../db/database.js");\n',
  "src/domain/planted-http.ts": 'export { buildApp } from "../http/app.js";\n',
  "src/domain/planted-services.ts":
    'import { recordAudit } from "../services/audit.js";\nexport const r = recordAudit;\n',
  "src/domain/planted-voices.ts":
    'import { registerVoice } from "../features/voices/register-voice.js";\nexport const r = registerVoice;\n',
  "src/domain/planted-feature.ts":
    'import { countVoices } from "../features/analytics/count-voices.js";\nexport const c = countVoices;\n',
  "src/domain/planted-errors.ts": 'import { AppError } from "../errors.js";\nexport const e = AppError;\n',
  "src/domain/planted-kysely.ts": 'import { sql } from "kysely";\nexport const s = sql;\n',
  "src/domain/planted-node.ts": 'import { readFileSync } from "node:fs";\nexport const r = readFileSync;\n',
  "src/shared/planted-db.ts": 'import type { Db } from "../db/database.js";\nexport type D = Db;\n',
  "src/shared/planted-search.ts":
    'import { dialectOf } from "../search/search-sql.js";\nexport const d = dialectOf;\n',
  "src/shared/planted-fastify.ts":
    'import type { FastifyInstance } from "fastify";\nexport type F = FastifyInstance;\n',
  "src/features/planted/contract.ts":
    'import type { Db } from "../../db/database.js";\nexport type D = Db;\n',
  "web/src/planted-db.ts": 'import type { Db } from "../../src/db/database.js";\nexport type D = Db;\n',
  "web/src/features/voices/planted-use-case.tsx":
    'import { getVoice } from "../../../../src/features/voices/get-voice.js";\nexport const g = getVoice;\n',
  "web/src/planted-routes.ts":
    'import { analyticsRoutes } from "../../src/features/analytics/routes.js";\nexport const a = analyticsRoutes;\n',
  "web/src/planted-node.ts": 'import { readFileSync } from "node:fs";\nexport const r = readFileSync;\n',
};

/** Imports the rules allow: none of these may be reported. */
const ALLOWED: Record<string, string> = {
  "src/domain/allowed.ts": [
    'import holidayJp from "@holiday-jp/holiday_jp";',
    'import type { Role } from "../shared/constants.js";',
    'import { formatDateJa } from "../shared/japanese-date.js";',
    'import { jstDate } from "./jst.js";',
    "export const all = [holidayJp, formatDateJa, jstDate];",
    "export type R = Role;",
    "",
  ].join("\n"),
  "src/shared/allowed.ts":
    'import { z } from "zod";\nimport { ROLES } from "./constants.js";\nexport const r = z.enum(ROLES);\n',
  "src/features/planted/allowed-contract-neighbour.ts":
    'import type { Db } from "../../db/database.js";\nexport type D = Db;\n',
  "src/db/allowed.ts": 'import { sql } from "kysely";\nexport const s = sql;\n',
  "web/src/allowed.tsx": [
    'import { Button } from "@mantine/core";',
    'import { canVoid } from "../../src/domain/roles.js";',
    'import type { VoiceDetail } from "../../src/shared/api-contract.js";',
    'import { ROLES } from "../../src/shared/constants.js";',
    'import type { AnalyticsResponse } from "../../src/features/analytics/contract.js";',
    'import type { VoiceList } from "../../src/features/voices/contract.js";',
    'import { api } from "./api.js";',
    "export const all = [Button, canVoid, ROLES, api];",
    "export type T = [VoiceDetail, AnalyticsResponse, VoiceList];",
    "",
  ].join("\n"),
};

/** Runs only the restricted-imports rule; returns the files it reported, relative to `cwd`. */
function restrictedImports(
  cwd: string,
  paths: string[],
): { status: number | null; files: string[]; output: string } {
  const run = spawnSync(BIOME, ["lint", "--only=style/noRestrictedImports", "--reporter=github", ...paths], {
    cwd,
    encoding: "utf8",
  });
  const output = `${run.stdout}\n${run.stderr}`;
  const files = [...output.matchAll(/title=lint\/style\/noRestrictedImports,file=([^,]+),/g)].map((m) =>
    relative(cwd, resolve(cwd, m[1] ?? "")).replaceAll("\\", "/"),
  );
  return { status: run.status, files, output };
}

describe("layer rules (biome noRestrictedImports)", () => {
  const dir = mkdtempSync(join(tmpdir(), "koe-layers-"));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("reports every planted import across a layer, and none of the allowed ones", () => {
    const config = JSON.parse(readFileSync(join(REPO, "biome.json"), "utf8")) as {
      vcs?: { enabled?: boolean };
      $schema?: string;
    };
    // The same rules; the temporary folder is no git checkout, and the schema path would not resolve there.
    config.vcs = { enabled: false };
    delete config.$schema;
    writeFileSync(join(dir, "biome.json"), JSON.stringify(config));
    for (const [path, source] of Object.entries({ ...PLANTED, ...ALLOWED })) {
      mkdirSync(dirname(join(dir, path)), { recursive: true });
      writeFileSync(join(dir, path), source);
    }

    const result = restrictedImports(dir, ["src", "web"]);
    expect(result.status, result.output).not.toBe(0);
    expect([...new Set(result.files)].sort()).toEqual(Object.keys(PLANTED).sort());
    // The acceptance case in the lint's own words: the domain file importing the database is named.
    expect(result.output).toMatch(/file=[^,]*src\/domain\/planted-db\.ts,.*Layer rule: src\/domain/);
  });

  it("the real tree keeps the layer rules", () => {
    const result = restrictedImports(REPO, ["src", "web", "tests", "bench"]);
    expect(result.files, result.output).toEqual([]);
    expect(result.status, result.output).toBe(0);
  });
});
