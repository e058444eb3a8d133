// Japanese display labels for code names (statuses, roles, actions, priorities, timeline events). Browser-safe.
import type { Priority, Role, TaxonomyKind, VoiceActionName, VoiceStatus } from "./api-contract.js";

export const STATUS_LABELS: Readonly<Record<VoiceStatus, string>> = {
  received: "受付",
  in_progress: "対応中",
  resolved: "対応済",
  closed: "完了",
  voided: "取消",
};

export const ROLE_LABELS: Readonly<Record<Role, string>> = {
  admin: "管理者",
  cs: "CS部門",
  lead: "責任者",
  staff: "担当者",
  viewer: "閲覧者",
};

export const ACTION_LABELS: Readonly<Record<VoiceActionName, string>> = {
  assign: "担当者を設定",
  start: "対応開始",
  respond: "回答を記録",
  comment: "コメント",
  resolve: "対応済にする",
  approve: "承認して完了",
  close: "完了にする",
  reopen: "再開",
  void: "取消",
};

export const PRIORITY_LABELS: Readonly<Record<Priority, string>> = {
  normal: "通常",
  high: "高",
  urgent: "緊急",
};

export const EVENT_KINDS = [
  "created",
  "updated",
  "type_changed",
  "assigned",
  "started",
  "responded",
  "commented",
  "resolved",
  "approved",
  "closed",
  "reopened",
  "voided",
  "customer_viewed",
  "classified",
  "merged",
  "personal_data_erased",
  "insurer_reported",
] as const;
export type EventKind = (typeof EVENT_KINDS)[number];

export const EVENT_KIND_LABELS: Readonly<Record<EventKind, string>> = {
  created: "登録",
  updated: "編集",
  type_changed: "種別変更",
  assigned: "担当者設定",
  started: "対応開始",
  responded: "回答記録",
  commented: "コメント",
  resolved: "対応済",
  approved: "承認",
  closed: "完了",
  reopened: "再開",
  voided: "取消",
  customer_viewed: "個人情報の閲覧",
  classified: "分類の提案",
  merged: "重複の統合",
  personal_data_erased: "個人情報の消去",
  insurer_reported: "保険会社への報告",
};

export const TAXONOMY_KIND_LABELS: Readonly<Record<TaxonomyKind, string>> = {
  type: "種別",
  category: "分類",
  channel: "受付経路",
  product_line: "商品",
};

/** 5-level satisfaction (満足度) as used in the surveys. */
export const SATISFACTION_LABELS: Readonly<Record<1 | 2 | 3 | 4 | 5, string>> = {
  5: "満足",
  4: "やや満足",
  3: "ふつう",
  2: "やや不満",
  1: "不満",
};

/** The label for a code, or the code itself when unknown (e.g. an event kind added later). */
export function labelOf(labels: Readonly<Record<string, string>>, code: string): string {
  return Object.hasOwn(labels, code) ? (labels[code] ?? code) : code;
}
