// What a notification can be about, its Japanese label, and whether it is mailed unless the user says otherwise.
export const NOTIFICATION_KINDS = [
  "assigned",
  "approval_requested",
  "returned",
  "mention",
  "insurer_report_overdue",
  "circulation_received",
  "circulation_reminder",
  "digest",
  "improvement_due",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const NOTIFICATION_KIND_LABELS: Record<NotificationKind, string> = {
  assigned: "担当に割り当てられたとき",
  approval_requested: "苦情の完了承認を依頼されたとき",
  returned: "対応済にした声が差し戻されたとき",
  mention: "コメントで名前を挙げられたとき（@氏名）",
  insurer_report_overdue: "保険会社への報告が期限を過ぎたとき",
  circulation_received: "回覧が届いたとき",
  circulation_reminder: "未読の回覧の督促",
  digest: "週次の声の日ダイジェスト",
  improvement_due: "担当の改善課題が期日を迎えたとき",
};

/** Mail by default for what asks the user to act; the rest only in the bell unless they turn mail on. */
export const EMAIL_BY_DEFAULT: Record<NotificationKind, boolean> = {
  assigned: true,
  approval_requested: true,
  returned: true,
  mention: false,
  insurer_report_overdue: true,
  circulation_received: false,
  circulation_reminder: true,
  digest: true,
  improvement_due: true,
};
