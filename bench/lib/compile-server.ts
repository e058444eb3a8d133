// The production build of the current sources, compiled to a private folder for a bench's spawned servers: the
// repository's dist/ is rebuilt by others at their own pace and may lack today's migrations.

import { execFileSync } from "node:child_process";
import { copyFileSync, existsSync, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";

const ROOT = join(import.meta.dirname, "..", "..");

/**
 * Compiles the server into `dir` (dist/ and bin/koe.js) and returns the script to run with `serve`, or null when
 * nothing was emitted. Type errors are reported through `log` but do not stop it: tsc still emits, and the server
 * may well run (work in progress elsewhere in the tree).
 */
export function compileServerInto(dir: string, log: (line: string) => void): string | null {
  const out = join(dir, "dist");
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, "bin"), { recursive: true });
  try {
    execFileSync(join(ROOT, "node_modules", ".bin", "tsc"), ["-p", "tsconfig.build.json", "--outDir", out], {
      cwd: ROOT,
      stdio: "pipe",
    });
  } catch (err) {
    log(
      `tsc reported errors while compiling the server: ${String((err as { stdout?: Buffer }).stdout ?? err).slice(0, 400)}`,
    );
  }
  if (!existsSync(join(out, "cli", "main.js"))) return null;
  copyFileSync(join(ROOT, "bin", "koe.js"), join(dir, "bin", "koe.js"));
  return join(dir, "bin", "koe.js");
}
