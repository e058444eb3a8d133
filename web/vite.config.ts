// Vite build of the web UI: sources in web/, output in dist/web, API proxied to a local server in dev.
import { fileURLToPath } from "node:url";
import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

const webRoot = fileURLToPath(new URL(".", import.meta.url));
const repoRoot = fileURLToPath(new URL("..", import.meta.url));
const apiTarget = process.env.KOE_API_URL ?? "http://127.0.0.1:3000";

export default defineConfig({
  root: webRoot,
  plugins: [react()],
  build: {
    outDir: "../dist/web",
    emptyOutDir: true,
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
