/** The insurer report rule (which voices must be reported, within how many business days), kept in settings. */
import type { Db } from "../../db/database.js";
import {
  DEFAULT_INSURER_REPORT_RULE,
  INSURER_REPORT_MAX_DAYS,
  type InsurerReportRule,
} from "../../domain/insurer-report.js";
import { invalidInput } from "../../errors.js";
import { configCacheOf, forgetConfig } from "../../services/config-cache.js";

/** Its settings key; migration 0037's triggers watch it, so the rule is kept in memory (config-cache.ts). */
export const INSURER_REPORT_RULE_KEY = "insurerReportRule";
const KEY = INSURER_REPORT_RULE_KEY;

/** The rule, read on every voice shown: kept in memory until it changes; never modify it. */
export async function getInsurerReportRule(db: Db): Promise<InsurerReportRule> {
  return configCacheOf(db).read(db, KEY, loadRule);
}

async function loadRule(db: Db): Promise<InsurerReportRule> {
  const row = await db.selectFrom("settings").select("value").where("key", "=", KEY).executeTakeFirst();
  if (!row) return DEFAULT_INSURER_REPORT_RULE;
  return { ...DEFAULT_INSURER_REPORT_RULE, ...(JSON.parse(row.value) as Partial<InsurerReportRule>) };
}

/** Checks the codes against the taxonomy (retired labels included) and stores the rule in the caller's transaction. */
export async function saveInsurerReportRule(db: Db, rule: InsurerReportRule): Promise<InsurerReportRule> {
  const labels = await db
    .selectFrom("taxonomy_labels")
    .select(["kind", "code"])
    .where("kind", "in", ["type", "product_line"])
    .execute();
  const known = (kind: string) => new Set(labels.filter((l) => l.kind === kind).map((l) => l.code));
  const types = known("type");
  const lines = known("product_line");
  const fields: Record<string, string> = {};
  const badType = rule.typeCodes.find((c) => !types.has(c));
  if (badType !== undefined) fields.typeCodes = `「${badType}」は登録されていない種別のコードです`;
  const badLine = rule.productLineCodes.find((c) => !lines.has(c));
  if (badLine !== undefined) fields.productLineCodes = `「${badLine}」は登録されていない商品のコードです`;
  if (rule.enabled && rule.typeCodes.length === 0)
    fields.typeCodes =
      "報告が必要な種別を1つ以上選んでください（報告しない場合は「使わない」にしてください）";
  if (!Number.isInteger(rule.days) || rule.days < 0 || rule.days > INSURER_REPORT_MAX_DAYS)
    fields.days = `報告期限の営業日数は0〜${INSURER_REPORT_MAX_DAYS}の整数で指定してください`;
  if (Object.keys(fields).length > 0) throw invalidInput(fields);
  const value = JSON.stringify({
    enabled: rule.enabled,
    typeCodes: [...new Set(rule.typeCodes)],
    productLineCodes: [...new Set(rule.productLineCodes)],
    days: rule.days,
  });
  await db
    .insertInto("settings")
    .values({ key: KEY, value })
    .onConflict((oc) => oc.column("key").doUpdateSet({ value }))
    .execute();
  forgetConfig(db);
  return getInsurerReportRule(db);
}
