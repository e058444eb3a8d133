/**
 * What a page of the built web UI downloads: its entry chunk and every chunk those import statically, read from
 * Vite's manifest (dist/web/.vite/manifest.json), with gzipped sizes and the source modules in each chunk
 * (dist/web/.vite/chunk-modules.json, written by web/vite.config.ts). Used by bench/bundle-sizes.ts and the
 * bundle test (tests/architecture/bundle.test.ts); both need `npm run build:web` first.
 */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

/** dist/web, or KOE_WEB_DIST to check another build (e.g. one made with `vite build --outDir`). */
export const WEB_DIST = process.env.KOE_WEB_DIST ?? join(import.meta.dirname, "..", "..", "dist", "web");

interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  isDynamicEntry?: boolean;
  imports?: string[];
  dynamicImports?: string[];
  css?: string[];
}
export type Manifest = Record<string, ManifestChunk>;

/** The pages measured: what each downloads is the HTML entry plus the lazily loaded screens it shows. */
export const PAGES = {
  /** the members' public form /voice */
  publicForm: ["index.html", "src/features/public-form/public-voice-page.tsx"],
  /** the members' survey page /s/:code and /a/:code */
  publicSurvey: ["index.html", "src/features/surveys/public/public-survey-page.tsx"],
  /** the members' status lookup /voice/status */
  publicStatus: ["index.html", "src/features/public-form/public-status-page.tsx"],
  /** the staff app's first load: the login screen, then the app shell with the voice list */
  staffFirstLoad: [
    "index.html",
    "src/features/users-and-settings/login-page.tsx",
    "src/staff-layout.tsx",
    "src/features/analytics/landing.tsx",
    "src/features/voices/voice-list-page.tsx",
  ],
} as const;

export function readManifest(dist = WEB_DIST): Manifest {
  const file = join(dist, ".vite", "manifest.json");
  if (!existsSync(file)) throw new Error(`${file} がありません。先に npm run build:web を実行してください`);
  return JSON.parse(readFileSync(file, "utf8")) as Manifest;
}

/** Source modules per chunk file (paths from the repository root). */
export function readChunkModules(dist = WEB_DIST): Record<string, string[]> {
  return JSON.parse(readFileSync(join(dist, ".vite", "chunk-modules.json"), "utf8")) as Record<
    string,
    string[]
  >;
}

/** The JavaScript and CSS files a page downloads: the given entries and their static imports, transitively. */
export function pageFiles(manifest: Manifest, entries: readonly string[]): { js: string[]; css: string[] } {
  const js = new Set<string>();
  const css = new Set<string>();
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    const chunk = manifest[key];
    if (!chunk) throw new Error(`manifest.json に ${key} がありません`);
    js.add(chunk.file);
    for (const file of chunk.css ?? []) css.add(file);
    for (const imported of chunk.imports ?? []) visit(imported);
  };
  for (const entry of entries) visit(entry);
  return { js: [...js].sort(), css: [...css].sort() };
}

/** Bytes of a built file, raw and gzipped (zlib's default level 6, as a typical server or proxy compresses). */
export function fileSize(file: string, dist = WEB_DIST): { raw: number; gzip: number } {
  const bytes = readFileSync(join(dist, file));
  return { raw: bytes.length, gzip: gzipSync(bytes).length };
}

export function totalSize(files: readonly string[], dist = WEB_DIST): { raw: number; gzip: number } {
  let raw = 0;
  let gzip = 0;
  for (const file of files) {
    const size = fileSize(file, dist);
    raw += size.raw;
    gzip += size.gzip;
  }
  return { raw, gzip };
}
