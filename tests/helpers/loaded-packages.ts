/**
 * Imports the modules named on the command line, in order, and prints which of the packages after `--` were
 * loaded by then, as JSON (`node --import tsx tests/helpers/loaded-packages.ts MODULE… -- PACKAGE…`). A package
 * published as CommonJS shows in the require cache once anything imported it.
 */
import { createRequire } from "node:module";
import { pathToFileURL } from "node:url";

const args = process.argv.slice(2);
const split = args.indexOf("--");
const modules = args.slice(0, split);
const packages = args.slice(split + 1);
for (const m of modules) await import(m.startsWith("/") ? pathToFileURL(m).href : m);
const cached = Object.keys(createRequire(import.meta.url).cache);
const loaded = Object.fromEntries(
  packages.map((p) => [p, cached.some((k) => k.includes(`/node_modules/${p}/`))]),
);
process.stdout.write(`${JSON.stringify(loaded)}\n`);
