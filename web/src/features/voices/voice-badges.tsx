// Small displays shared by the voice screens: status and priority badges, deadlines with the overdue mark.
import { Badge, Group, Text } from "@mantine/core";
import type { Priority, VoiceStatus } from "../../../../src/shared/api-contract.js";
import { formatDate } from "../../format.js";
import { PRIORITY_LABELS, STATUS_LABELS } from "../../labels.js";

const STATUS_COLORS: Record<VoiceStatus, string> = {
  received: "blue",
  in_progress: "orange",
  resolved: "teal",
  closed: "gray",
  voided: "dark",
};

export function StatusBadge({ status, size = "md" }: { status: VoiceStatus; size?: "sm" | "md" | "lg" }) {
  return (
    <Badge color={STATUS_COLORS[status]} variant={status === "closed" ? "outline" : "light"} size={size}>
      {STATUS_LABELS[status]}
    </Badge>
  );
}

export function PriorityBadge({ priority }: { priority: Priority }) {
  if (priority === "normal") return null;
  return (
    <Badge color={priority === "urgent" ? "red" : "yellow"} variant="filled" size="sm">
      {PRIORITY_LABELS[priority]}
    </Badge>
  );
}

export function OverdueMark() {
  return (
    <Badge color="red" variant="filled" size="sm" radius="xs">
      期限超過
    </Badge>
  );
}

/** The deadline that matters now: acknowledgement while received, otherwise resolution. */
export function DeadlineCell({
  status,
  acknowledgeBy,
  resolveBy,
  overdue,
}: {
  status: VoiceStatus;
  acknowledgeBy: string | null;
  resolveBy: string | null;
  overdue: boolean;
}) {
  const done = status === "resolved" || status === "closed" || status === "voided";
  const date = status === "received" ? (acknowledgeBy ?? resolveBy) : resolveBy;
  if (!date)
    return (
      <Text size="sm" c="dimmed">
        －
      </Text>
    );
  return (
    <Group gap={4} wrap="wrap">
      <Text size="sm" c={overdue ? "red.7" : done ? "dimmed" : undefined} fw={overdue ? 600 : undefined}>
        {formatDate(date)}
      </Text>
      {overdue && <OverdueMark />}
    </Group>
  );
}
