// Runs every bench that exports run(), in sequence: the 1M fixture first, then the spine, then the others by name.
// Run: npm run bench   (node --import tsx bench/run-all.ts [name…] to run only some, --list to see the order)
import { readdirSync, readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const FIRST = ["million-voices", "spine"];
// Scripts that run at import time are skipped: importing them would run them outside this sequence.
const EXPORTS_RUN = /export\s+(async\s+)?function\s+run\s*\(|export\s+const\s+run\s*=/;

const only = process.argv.slice(2).filter((a) => !a.startsWith("-"));
const names = readdirSync(here)
  .filter((f) => f.endsWith(".ts") && f !== "run-all.ts" && !f.endsWith(".test.ts"))
  .map((f) => f.slice(0, -3))
  .sort((a, b) => {
    const ia = FIRST.indexOf(a);
    const ib = FIRST.indexOf(b);
    return (ia < 0 ? FIRST.length : ia) - (ib < 0 ? FIRST.length : ib) || a.localeCompare(b);
  });

if (process.argv.includes("--list")) {
  for (const name of names)
    console.log(
      `${name}: ${EXPORTS_RUN.test(readFileSync(join(here, `${name}.ts`), "utf8")) ? "run()" : "skipped"}`,
    );
  process.exit(0);
}

let failed = 0;
const skipped: string[] = [];
for (const name of names) {
  if (only.length && !only.includes(name)) continue;
  const file = join(here, `${name}.ts`);
  if (!EXPORTS_RUN.test(readFileSync(file, "utf8"))) {
    skipped.push(name);
    continue;
  }
  const load = loadavg()
    .map((x) => x.toFixed(2))
    .join(" ");
  console.log(`\n## ${name} (load average ${load})\n`);
  const started = performance.now();
  try {
    const mod = (await import(pathToFileURL(file).href)) as { run: () => Promise<unknown> };
    await mod.run();
    console.log(`\n${name}: ${((performance.now() - started) / 1000).toFixed(0)} s`);
  } catch (err) {
    failed++;
    console.log(`\n${name} FAILED: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
  }
}
if (skipped.length)
  console.log(
    `\nNot run (no exported run(); run each directly with node --import tsx bench/<name>.ts): ${skipped.join(", ")}`,
  );
if (failed) process.exitCode = 1;
