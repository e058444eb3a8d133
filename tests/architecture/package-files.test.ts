// The real published voices (quoted from reports and public pages) are measured on in the repository and never
// shipped: the npm package holds the built-in corpus, model and the model's probabilities on them, not the voices.
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const REPO = join(import.meta.dirname, "..", "..");

describe("npm package files", () => {
  it("leave out the real voices and keep what the classifier needs", () => {
    const out = execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], {
      cwd: REPO,
      encoding: "utf8",
      stdio: ["ignore", "pipe", "ignore"],
    });
    const [pack] = JSON.parse(out) as { files: { path: string }[] }[];
    const files = (pack?.files ?? []).map((f) => f.path);
    expect(files).toContain("src/text/corpus/builtin-corpus.jsonl");
    expect(files).toContain("src/text/builtin-model.json");
    expect(files).toContain("src/text/builtin-real-scores.json");
    expect(files.filter((f) => /heldout/u.test(f))).toEqual([]);
  });
});
