/**
 * Organization settings stored as JSON values: fiscal year start month, deadline days per voice type, the
 * user dictionary (insurance and co-op words the analyzer must keep whole, added by admins), and how long a login
 * lasts (session-timeouts.ts).
 */
import type { Db } from "../../db/database.js";
import { DEFAULT_DEADLINE_RULES, type DeadlineRules } from "../../domain/deadlines.js";
import { invalidInput } from "../../errors.js";
import { configCacheOf, forgetConfig } from "../../services/config-cache.js";
import { normalizeText } from "../../shared/normalize.js";
import { DEFAULT_SESSION_TIMEOUTS, timeoutProblems, timeoutsFrom } from "./session-timeouts.js";

export interface Settings {
  fiscalYearStartMonth: number;
  deadlineRules: DeadlineRules;
  /** words added to the built-in user dictionary (src/text/user-dictionary.ts) */
  userDictionary: string[];
  /** a login ends after this many minutes unused … */
  sessionIdleMinutes: number;
  /** … and this many hours after it began, used or not */
  sessionAbsoluteHours: number;
}

export const DEFAULT_SETTINGS: Settings = {
  fiscalYearStartMonth: 4,
  deadlineRules: DEFAULT_DEADLINE_RULES,
  userDictionary: [],
  sessionIdleMinutes: DEFAULT_SESSION_TIMEOUTS.idleMinutes,
  sessionAbsoluteHours: DEFAULT_SESSION_TIMEOUTS.absoluteHours,
};
export const USER_DICTIONARY_MAX = 1000;
/** The keys that hold these settings; migration 0037's triggers move the cache's generation when one changes. */
export const SETTINGS_KEYS = Object.keys(DEFAULT_SETTINGS) as (keyof Settings)[];

/** The settings, kept in memory until they change (services/config-cache.ts); never modify them. */
export async function getSettings(db: Db): Promise<Settings> {
  return configCacheOf(db).read(db, "settings", loadSettings);
}

async function loadSettings(db: Db): Promise<Settings> {
  // Only the keys below: the table also keeps job cursors and claims (migration 0037 watches these keys).
  const rows = await db
    .selectFrom("settings")
    .select(["key", "value"])
    .where("key", "in", SETTINGS_KEYS)
    .execute();
  const map = new Map(rows.map((r) => [r.key, JSON.parse(r.value) as unknown]));
  const month = map.get("fiscalYearStartMonth");
  const rules = map.get("deadlineRules");
  const words = map.get("userDictionary");
  const timeouts = timeoutsFrom((key) => map.get(key));
  return {
    fiscalYearStartMonth: typeof month === "number" ? month : DEFAULT_SETTINGS.fiscalYearStartMonth,
    deadlineRules: { ...DEFAULT_DEADLINE_RULES, ...((rules as DeadlineRules | undefined) ?? {}) },
    userDictionary: Array.isArray(words) ? words.filter((w): w is string => typeof w === "string") : [],
    sessionIdleMinutes: timeouts.idleMinutes,
    sessionAbsoluteHours: timeouts.absoluteHours,
  };
}

/** Every voice type code, retired ones included (voices of a retired type keep their deadlines). */
async function voiceTypeCodes(db: Db): Promise<Set<string>> {
  const rows = await db.selectFrom("taxonomy_labels").select("code").where("kind", "=", "type").execute();
  return new Set(rows.map((r) => r.code));
}

/** Checks and stores a change of settings, in the caller's transaction (every key or none); returns the new settings. */
export async function updateSettings(db: Db, input: Partial<Settings>): Promise<Settings> {
  let patch = input;
  const fields: Record<string, string> = {};
  if (patch.fiscalYearStartMonth !== undefined) {
    const m = patch.fiscalYearStartMonth;
    if (!Number.isInteger(m) || m < 1 || m > 12)
      fields.fiscalYearStartMonth = "年度の開始月は1〜12で指定してください";
  }
  if (patch.deadlineRules !== undefined) {
    const rules = { ...patch.deadlineRules };
    const typeCodes = await voiceTypeCodes(db);
    const stored = (await getSettings(db)).deadlineRules;
    for (const [type, rule] of Object.entries(rules)) {
      if (typeCodes.has(type)) continue;
      // A rule is looked up by the voice's type code: a key that is no type would be stored and never used.
      // The settings screen sends back every stored rule, so one stored before this check is dropped, unchanged.
      const old = stored[type];
      if (old && old.acknowledgeDays === rule.acknowledgeDays && old.resolveDays === rule.resolveDays)
        delete rules[type];
      else fields[`deadlineRules.${type}`] = `「${type}」は登録されていない種別のコードです`;
    }
    patch = { ...patch, deadlineRules: rules };
  }
  for (const [type, rule] of Object.entries(patch.deadlineRules ?? {})) {
    for (const [k, v] of Object.entries(rule)) {
      if (v !== null && (!Number.isInteger(v) || v < 0 || v > 60)) {
        fields[`deadlineRules.${type}.${k}`] = "期限の日数は0〜60の整数か、空欄（期限なし）にしてください";
      }
    }
  }
  if (patch.userDictionary !== undefined) {
    const words = [...new Set(patch.userDictionary.map((w) => normalizeText(w)).filter((w) => w !== ""))];
    const bad = words.find((w) => Array.from(w).length < 2 || Array.from(w).length > 30 || /\s/.test(w));
    if (bad !== undefined)
      fields.userDictionary = `「${bad}」は登録できません（空白を含まない2〜30文字の語にしてください）`;
    else if (words.length > USER_DICTIONARY_MAX)
      fields.userDictionary = `ユーザー辞書は${USER_DICTIONARY_MAX.toLocaleString("ja-JP")}語までです`;
    patch = { ...patch, userDictionary: words };
  }
  if (patch.sessionIdleMinutes !== undefined || patch.sessionAbsoluteHours !== undefined) {
    const stored = await getSettings(db);
    Object.assign(
      fields,
      timeoutProblems(
        { idleMinutes: patch.sessionIdleMinutes, absoluteHours: patch.sessionAbsoluteHours },
        { idleMinutes: stored.sessionIdleMinutes, absoluteHours: stored.sessionAbsoluteHours },
      ),
    );
  }
  if (Object.keys(fields).length > 0) throw invalidInput(fields);
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) continue;
    const json = JSON.stringify(value);
    await db
      .insertInto("settings")
      .values({ key, value: json })
      .onConflict((oc) => oc.column("key").doUpdateSet({ value: json }))
      .execute();
  }
  forgetConfig(db);
  return getSettings(db);
}

const SETTING_NAMES: Record<keyof Settings, string> = {
  fiscalYearStartMonth: "年度の開始月",
  deadlineRules: "期限（営業日）",
  userDictionary: "ユーザー辞書",
  sessionIdleMinutes: "操作がないときのログアウト",
  sessionAbsoluteHours: "ログインの有効時間",
};

/** The settings that differ, by their Japanese names, for the audit log. */
export function changedSettingNames(before: Settings, after: Settings): string[] {
  return (Object.keys(SETTING_NAMES) as (keyof Settings)[])
    .filter((k) => JSON.stringify(before[k]) !== JSON.stringify(after[k]))
    .map((k) => {
      const [b, a] = [before[k], after[k]];
      return typeof b === "number" && typeof a === "number"
        ? `${SETTING_NAMES[k]}: ${b} → ${a}`
        : SETTING_NAMES[k];
    });
}
