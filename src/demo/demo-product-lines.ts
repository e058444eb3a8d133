/** The demo federation's product lines, beyond the default labels, and adding them as an admin would. */
import type { Db } from "../db/database.js";
import { createLabel, taxonomyIndex } from "../features/users-and-settings/taxonomy.js";

export const DEMO_PRODUCT_LINES = [
  { code: "general", name: "総合保障共済" },
  { code: "medical", name: "医療共済" },
  { code: "life", name: "生命共済" },
  { code: "kids", name: "こども共済" },
  { code: "accident", name: "傷害共済" },
  { code: "auto", name: "自動車共済" },
  { code: "fire", name: "火災共済" },
  { code: "housing", name: "住まいる共済" },
  { code: "liability", name: "個人賠償責任共済" },
] as const;
export type DemoProductLineCode = (typeof DEMO_PRODUCT_LINES)[number]["code"];

/** Adds the product lines the database does not have yet. */
export async function addDemoProductLines(db: Db): Promise<void> {
  const before = await taxonomyIndex(db);
  for (const p of DEMO_PRODUCT_LINES) {
    if (!before.find("product_line", p.code))
      await createLabel(db, "product_line", { code: p.code, name: p.name });
  }
}
