// Prints what each page of the built web UI downloads (JavaScript and CSS, raw and gzipped) and the largest
// chunks. Run after `npm run build:web`: node --import tsx bench/bundle-sizes.ts [dist/web]
import { loadavg } from "node:os";
import { resolve } from "node:path";
import { fileSize, PAGES, pageFiles, readManifest, totalSize, WEB_DIST } from "./lib/web-bundle.js";

const dist = process.argv[2] ? resolve(process.argv[2]) : WEB_DIST;
const manifest = readManifest(dist);
const kB = (bytes: number) => (bytes / 1000).toFixed(1);

console.log(
  `dist: ${dist}; load ${loadavg()
    .map((l) => l.toFixed(2))
    .join(" ")}`,
);
console.log("page | JS files | JS kB | JS gzip kB | CSS kB | CSS gzip kB");
for (const [name, entries] of Object.entries(PAGES)) {
  const files = pageFiles(manifest, entries);
  const js = totalSize(files.js, dist);
  const css = totalSize(files.css, dist);
  console.log(
    `${name} | ${files.js.length} | ${kB(js.raw)} | ${kB(js.gzip)} | ${kB(css.raw)} | ${kB(css.gzip)}`,
  );
}
console.log("\nlargest chunks (kB, gzip kB):");
const chunks = [...new Set(Object.values(manifest).map((c) => c.file))]
  .filter((f) => f.endsWith(".js"))
  .map((file) => ({ file, ...fileSize(file, dist) }))
  .sort((a, b) => b.gzip - a.gzip);
for (const c of chunks.slice(0, 8)) console.log(`${c.file} ${kB(c.raw)} ${kB(c.gzip)}`);
