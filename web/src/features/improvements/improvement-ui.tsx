// Shared pieces of the improvement screens: the status badge, the error text with its fields, today's date.
import { Badge } from "@mantine/core";
import {
  IMPROVEMENT_STATUS_LABELS,
  type ImprovementStatus,
} from "../../../../src/features/improvements/contract.js";
import { ApiError, errorMessage } from "../../api.js";

const COLORS: Record<ImprovementStatus, string> = {
  proposed: "gray",
  under_review: "yellow",
  in_progress: "blue",
  completed: "teal",
  effect_confirmed: "green",
  dropped: "dark",
};

export function ImprovementStatusBadge({ status }: { status: ImprovementStatus }) {
  return (
    <Badge color={COLORS[status]} variant="light">
      {IMPROVEMENT_STATUS_LABELS[status]}
    </Badge>
  );
}

/** The message and each field's message, so a form says what to fix. */
export function errorText(e: unknown): string {
  if (e instanceof ApiError && Object.keys(e.fields).length > 0) return Object.values(e.fields).join(" / ");
  return errorMessage(e);
}

/** Today in Japan, YYYY-MM-DD. */
export function todayJst(): string {
  return new Date(Date.now() + 9 * 3600_000).toISOString().slice(0, 10);
}
