/** Per-user mail preferences: for each kind of notification, whether it also comes by mail. */
import type { Db } from "../../db/database.js";
import { NOTIFICATION_KIND_LABELS, NOTIFICATION_KINDS } from "../../domain/notification-kinds.js";
import type { Preferences, PreferencesInput } from "./contract.js";
import { mailChoices } from "./notify.js";

export async function getPreferences(db: Db, userId: number, mailConfigured: boolean): Promise<Preferences> {
  const items = [];
  for (const kind of NOTIFICATION_KINDS) {
    const email = (await mailChoices(db, [userId], kind)).get(userId) ?? false;
    items.push({ kind, label: NOTIFICATION_KIND_LABELS[kind], email });
  }
  return { items, mailConfigured };
}

export async function savePreferences(db: Db, userId: number, input: PreferencesInput): Promise<void> {
  for (const item of input.items) {
    const email = item.email ? 1 : 0;
    await db
      .insertInto("notification_preferences")
      .values({ user_id: userId, kind: item.kind, email })
      .onConflict((oc) => oc.columns(["user_id", "kind"]).doUpdateSet({ email }))
      .execute();
  }
}
