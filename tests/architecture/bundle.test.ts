// The built web UI's bundles (issue 10): the members' public form downloads no staff screen, no zod and no
// ECharts, and stays under 250 kB of gzipped JavaScript; the staff app's first load stays under the 240 kB
// it was before the split. Reads dist/web, so it runs after `npm run build:web` (`npm test` builds first).
import { describe, expect, it } from "vitest";
import { PAGES, pageFiles, readChunkModules, readManifest, totalSize } from "../../bench/lib/web-bundle.js";

const PUBLIC_FORM_MAX_GZIP = 250_000;
const STAFF_FIRST_LOAD_MAX_GZIP = 240_000;

/**
 * What the public pages may contain: the entry's own modules (router, session, fetch wrapper), the public
 * screens, the zod-free shared code, and libraries other than zod and ECharts. Any other web/src module is the
 * staff app.
 */
function allowedOnPublicPage(module: string): boolean {
  if (module.includes("node_modules/")) return !/node_modules\/(zod|echarts|zrender)\//.test(module);
  if (module.startsWith("src/shared/")) return !/-contract\.ts$|validation-messages\.ts$/.test(module);
  return (
    module === "web/index.html" ||
    /^web\/src\/(main|app)\.tsx$|^web\/src\/session\.tsx$|^web\/src\/api\.ts$/.test(module) ||
    module.startsWith("web/src/features/public-form/") ||
    module.startsWith("web/src/features/surveys/public/") ||
    // the 5-level scale's labels (pure, no zod)
    module === "src/domain/satisfaction.ts"
  );
}

describe("web bundles", () => {
  const manifest = readManifest();
  const modules = readChunkModules();

  for (const page of ["publicForm", "publicStatus", "publicSurvey"] as const) {
    it(`${page}: no staff screen, zod or ECharts among the chunks it downloads`, () => {
      const { js } = pageFiles(manifest, PAGES[page]);
      const loaded = js.flatMap((file) => {
        const inChunk = modules[file];
        if (!inChunk) throw new Error(`chunk-modules.json に ${file} がありません`);
        return inChunk.map((module) => `${file}: ${module}`);
      });
      // The public screens themselves must be there, or the check would pass on an empty list.
      expect(loaded.some((line) => line.includes("web/src/features/public-form/"))).toBe(true);
      expect(loaded.filter((line) => !allowedOnPublicPage(line.slice(line.indexOf(": ") + 2)))).toEqual([]);
    });
  }

  it("the public form downloads under 250 kB of gzipped JavaScript", () => {
    const size = totalSize(pageFiles(manifest, PAGES.publicForm).js);
    expect(size.gzip).toBeLessThan(PUBLIC_FORM_MAX_GZIP);
  });

  it("the survey page downloads under 250 kB of gzipped JavaScript, like the public form", () => {
    const size = totalSize(pageFiles(manifest, PAGES.publicSurvey).js);
    expect(size.gzip).toBeLessThan(PUBLIC_FORM_MAX_GZIP);
  });

  it("the staff app's first load (login, shell, voice list) downloads under 240 kB of gzipped JavaScript", () => {
    const size = totalSize(pageFiles(manifest, PAGES.staffFirstLoad).js);
    expect(size.gzip).toBeLessThan(STAFF_FIRST_LOAD_MAX_GZIP);
  });

  it("every screen is its own chunk, loaded on demand from the entry", () => {
    const entry = manifest["index.html"];
    expect(entry?.isEntry).toBe(true);
    for (const screen of [...PAGES.publicForm, ...PAGES.staffFirstLoad].filter((k) => k !== "index.html"))
      expect(entry?.dynamicImports ?? []).toContain(screen);
    expect(entry?.dynamicImports ?? []).toContain("src/features/text/words-page.tsx");
  });
});
