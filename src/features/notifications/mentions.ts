/**
 * Who a comment names: "@氏名" with or without the space between family and given name ("@責任 一郎",
 * "@責任一郎"; full-width ＠ too). Only whole names count, so "@田中" does not notify every 田中.
 */
/** Whether a text can mention anyone (an @ or ＠ in it): most comments do not, and need no list of users. */
export function mayMention(body: string): boolean {
  return body.includes("@") || body.includes("＠");
}

export function mentionedUserIds(body: string, users: readonly { id: number; name: string }[]): number[] {
  const text = body.replace(/＠/g, "@").replace(/\u3000/g, " ");
  if (!mayMention(text)) return [];
  const ids: number[] = [];
  for (const u of users) {
    const name = u.name.replace(/\u3000/g, " ").trim();
    if (!name) continue;
    const compact = name.replace(/\s+/g, "");
    if (text.includes(`@${name}`) || text.includes(`@${compact}`)) ids.push(u.id);
  }
  return ids;
}
