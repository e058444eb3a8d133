// Vite build of the web UI: sources in web/, output in dist/web, API proxied to a local server in dev.
import { relative } from "node:path";
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig, type Plugin } from "vite";

const webRoot = fileURLToPath(new URL(".", import.meta.url));
const repoRoot = fileURLToPath(new URL("..", import.meta.url));
const apiTarget = process.env.KOE_API_URL ?? "http://127.0.0.1:3000";

/**
 * Writes .vite/chunk-modules.json beside Vite's manifest: for each JavaScript chunk, the source modules bundled
 * into it (paths from the repository root). The bundle test reads it to prove that the public form's chunks
 * hold no staff screen and no zod, which the manifest alone (entries and imports) cannot show.
 */
function chunkModules(): Plugin {
  return {
    name: "koe-chunk-modules",
    apply: "build",
    generateBundle(_options, bundle) {
      const modules: Record<string, string[]> = {};
      for (const output of Object.values(bundle)) {
        if (output.type !== "chunk") continue;
        modules[output.fileName] = output.moduleIds
          .filter((id) => !id.startsWith("\0"))
          .map((id) => relative(repoRoot, id.split("?")[0] ?? id).replaceAll("\\", "/"))
          .sort();
      }
      this.emitFile({
        type: "asset",
        fileName: ".vite/chunk-modules.json",
        source: `${JSON.stringify(modules, null, 1)}\n`,
      });
    },
  };
}

export default defineConfig({
  root: webRoot,
  plugins: [react(), chunkModules()],
  build: {
    outDir: "../dist/web",
    emptyOutDir: true,
    // .vite/manifest.json: each page's entry and the chunks it imports (tests/architecture/bundle.test.ts).
    manifest: true,
    chunkSizeWarningLimit: 1200,
  },
  server: {
    // The UI imports ../src/shared/*.ts (API contract, Japanese labels), which sits outside web/.
    fs: { allow: [repoRoot] },
    proxy: {
      "/api": { target: apiTarget, changeOrigin: false },
      "/healthz": { target: apiTarget, changeOrigin: false },
    },
  },
});
