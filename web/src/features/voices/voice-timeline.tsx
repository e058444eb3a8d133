// 対応履歴: every event on a voice, oldest first, with who and when; edits show before → after.
import { Group, Stack, Text, Timeline } from "@mantine/core";
import type { TimelineEvent, VoiceStatus } from "../../../../src/shared/api-contract.js";
import { formatDateTime } from "../../format.js";
import {
  CUSTOMER_FIELD_LABELS,
  EVENT_KIND_LABELS,
  FIELD_LABELS,
  labelOf,
  PRIORITY_LABELS,
  STATUS_LABELS,
} from "../../labels.js";

interface Change {
  field: string;
  before: unknown;
  after: unknown;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** Reads the edit diff in any of the shapes an event may carry it. */
function changesOf(data: Record<string, unknown>): Change[] {
  const { changes, before, after } = data;
  if (Array.isArray(changes)) {
    return changes
      .filter(isRecord)
      .map((c) => ({ field: String(c.field ?? ""), before: c.before, after: c.after }));
  }
  if (isRecord(changes)) {
    return Object.entries(changes).map(([field, c]) =>
      isRecord(c) && ("before" in c || "after" in c)
        ? { field, before: c.before, after: c.after }
        : { field, before: undefined, after: c },
    );
  }
  if (isRecord(before) && isRecord(after)) {
    const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
    return [...keys].map((field) => ({ field, before: before[field], after: after[field] }));
  }
  return [];
}

function isStatus(value: unknown): value is VoiceStatus {
  return typeof value === "string" && value in STATUS_LABELS;
}

function display(value: unknown, field?: string): string {
  if (value === null || value === undefined || value === "") return "（なし）";
  if (typeof value === "boolean") return value ? "あり" : "なし";
  if (field === "status" && isStatus(value)) return STATUS_LABELS[value];
  if (field === "priority" && typeof value === "string") return labelOf(PRIORITY_LABELS, value);
  if (typeof value === "string") {
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/.test(value)) return formatDateTime(value);
    return value.length > 200 ? `${value.slice(0, 200)}…` : value;
  }
  if (typeof value === "number") return String(value);
  if (isRecord(value)) {
    if (typeof value.name === "string") return value.name;
    return Object.entries(value)
      .filter(([, v]) => v !== null && v !== undefined && v !== "")
      .map(([k, v]) => `${FIELD_LABELS[`${field}.${k}`] ?? k}：${display(v)}`)
      .join("、");
  }
  return JSON.stringify(value);
}

/** Personal data stays out of the timeline: a customer edit lists only which fields changed. */
function customerChangeText(after: unknown): string {
  if (isRecord(after)) {
    if (after.removed === true) return "削除";
    if (Array.isArray(after.fields)) {
      const names = after.fields.map((f) => CUSTOMER_FIELD_LABELS[String(f)] ?? String(f));
      return names.length ? `変更（${names.join("、")}）` : "変更";
    }
  }
  return "変更";
}

const DETAIL_KEYS: [string, string][] = [
  ["method", "方法"],
  ["respondedAt", "回答日時"],
  ["insurer", "保険会社"],
  ["reportedAt", "報告日時"],
  ["answer", "保険会社からの回答"],
  ["answeredAt", "保険会社の回答日時"],
  ["content", "内容"],
  ["body", "コメント"],
  ["note", "メモ"],
  ["reason", "理由"],
  ["assignee", "担当者"],
];

const DATE_KEYS = new Set(["respondedAt", "reportedAt", "answeredAt"]);

function EventDetails({ event }: { event: TimelineEvent }) {
  const changes = changesOf(event.data);
  const statusFrom = event.data.from;
  const statusTo = event.data.to;
  return (
    <Stack gap={2}>
      {isStatus(statusFrom) && isStatus(statusTo) && (
        <Text size="sm" c="dimmed">
          状態：{STATUS_LABELS[statusFrom]} → {STATUS_LABELS[statusTo]}
        </Text>
      )}
      {DETAIL_KEYS.filter(([key]) => key in event.data && event.data[key] !== null).map(([key, label]) => (
        <Text size="sm" key={key} style={{ whiteSpace: "pre-wrap", overflowWrap: "anywhere" }}>
          <Text span c="dimmed" size="sm">
            {label}：
          </Text>
          {DATE_KEYS.has(key) && typeof event.data[key] === "string"
            ? formatDateTime(event.data[key])
            : display(event.data[key], key)}
        </Text>
      ))}
      {changes.map((change) => (
        <Text size="sm" key={change.field} style={{ overflowWrap: "anywhere" }}>
          <Text span c="dimmed" size="sm">
            {FIELD_LABELS[change.field] ?? change.field}：
          </Text>
          {change.field === "customer"
            ? customerChangeText(change.after)
            : `${display(change.before, change.field)} → ${display(change.after, change.field)}`}
        </Text>
      ))}
    </Stack>
  );
}

export function VoiceTimeline({ events }: { events: TimelineEvent[] }) {
  const sorted = [...events].sort((a, b) => a.at.localeCompare(b.at) || a.id - b.id);
  if (sorted.length === 0) return <Text c="dimmed">履歴はまだありません。</Text>;
  return (
    <Timeline active={sorted.length - 1} bulletSize={14} lineWidth={2} aria-label="対応履歴">
      {sorted.map((event) => (
        <Timeline.Item
          key={event.id}
          title={
            <Group gap="xs" wrap="wrap">
              <Text fw={600} size="sm">
                {labelOf(EVENT_KIND_LABELS, event.kind)}
              </Text>
              <Text size="xs" c="dimmed">
                {formatDateTime(event.at)}・{event.actor?.name ?? "システム"}
              </Text>
            </Group>
          }
          data-testid="timeline-event"
        >
          <EventDetails event={event} />
        </Timeline.Item>
      ))}
    </Timeline>
  );
}
