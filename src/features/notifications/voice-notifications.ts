/**
 * Notifications caused by a workflow action on a voice, written in the action's transaction: assigned to me,
 * approval requested (a complaint marked resolved), returned (a resolved or closed voice reopened), and a mention
 * in a comment (@氏名).
 */
import type { Db } from "../../db/database.js";
import { departmentAttentionRecipients } from "../../domain/roles.js";
import type { VoiceActionName } from "../../shared/api-contract.js";
import { mayMention, mentionedUserIds } from "./mentions.js";
import { type NewNotification, notify } from "./notify.js";
import { activeUsers } from "./users.js";

export interface VoiceActionFacts {
  actor: { id: number; name?: string };
  action: VoiceActionName;
  voice: {
    id: number;
    receiptNumber: string;
    departmentId: number;
    isComplaint: boolean;
    fromStatus: string;
    resolvedById: number | null;
    assigneeId: number | null;
  };
  /** the new assignee (assign), the comment (comment), the reason (reopen) */
  assigneeId?: number | null;
  text?: string;
}

const excerpt = (s: string, n = 80) => {
  const chars = Array.from(s.replace(/\s+/g, " ").trim());
  return chars.length > n ? `${chars.slice(0, n).join("")}…` : chars.join("");
};

export async function notifyVoiceAction(db: Db, f: VoiceActionFacts, at: string): Promise<number> {
  const v = f.voice;
  const link = `/voices/${v.id}`;
  const base = { link, voiceId: v.id };
  const out: NewNotification[] = [];
  const others = (ids: (number | null | undefined)[]) => [
    ...new Set(ids.filter((id): id is number => id != null && id !== f.actor.id)),
  ];

  if (f.action === "assign") {
    for (const userId of others([f.assigneeId]))
      out.push({
        ...base,
        userId,
        kind: "assigned",
        title: `声 ${v.receiptNumber} の担当になりました`,
        body: "対応をお願いします。",
      });
  }
  if (f.action === "resolve" && v.isComplaint) {
    const users = await activeUsers(db);
    for (const u of departmentAttentionRecipients(users, v.departmentId))
      if (u.id !== f.actor.id)
        out.push({
          ...base,
          userId: u.id,
          kind: "approval_requested",
          title: `苦情 ${v.receiptNumber} の完了承認をお願いします`,
          body: "対応済になりました。回答の記録を確認し、承認して完了してください。",
        });
  }
  if (f.action === "reopen" && (v.fromStatus === "resolved" || v.fromStatus === "closed")) {
    for (const userId of others([v.resolvedById, v.assigneeId]))
      out.push({
        ...base,
        userId,
        kind: "returned",
        title: `声 ${v.receiptNumber} が差し戻されました`,
        body: f.text ? `理由: ${excerpt(f.text, 200)}` : "再開されました。",
      });
  }
  if (f.action === "comment" && f.text && mayMention(f.text)) {
    const users = await activeUsers(db);
    for (const userId of others(mentionedUserIds(f.text, users)))
      out.push({
        ...base,
        userId,
        kind: "mention",
        title: `声 ${v.receiptNumber} のコメントで名前が挙がりました`,
        body: excerpt(f.text, 200),
      });
  }
  return notify(db, out, at);
}
