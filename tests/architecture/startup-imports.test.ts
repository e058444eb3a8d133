/**
 * What `koe serve` loads when it starts: playwright-core (0.7 s and 85 MB per process) only on the first report
 * PDF, not with the app (src/features/reports/render/report-browser.ts imports it when a browser is needed).
 */
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..", "..");
const run = promisify(execFile);

async function loadedAfter(modules: string[], packages: string[]): Promise<Record<string, boolean>> {
  const { stdout } = await run(
    process.execPath,
    ["--import", "tsx", join(ROOT, "tests", "helpers", "loaded-packages.ts"), ...modules, "--", ...packages],
    { cwd: ROOT, timeout: 60_000 },
  );
  return JSON.parse(stdout.trim().split("\n").at(-1) ?? "{}") as Record<string, boolean>;
}

describe("what the server loads at start", () => {
  it("builds the whole app without loading playwright-core; importing it does show", {
    timeout: 90_000,
  }, async () => {
    const app = join(ROOT, "src", "http", "app.ts");
    expect(await loadedAfter([app], ["playwright-core", "fastify"])).toEqual({
      "playwright-core": false,
      fastify: true,
    });
    expect(await loadedAfter([app, "playwright-core"], ["playwright-core"])).toEqual({
      "playwright-core": true,
    });
  });
});
