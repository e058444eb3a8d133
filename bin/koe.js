#!/usr/bin/env node
// Entry of the `koe` command; the compiled CLI lives in dist/ (built by `npm ci` through the prepare script).
import("../dist/cli/main.js")
  .then((m) => m.main(process.argv))
  .catch((err) => {
    process.stderr.write(`koe: ${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  });
