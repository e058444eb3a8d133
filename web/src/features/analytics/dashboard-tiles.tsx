// The dashboard's numbers at a glance: the work queues of the user's role and the period's tiles. Every count
// opens the voice list on exactly the voices it counts; rates and medians are figures about those voices.
import { Group, Paper, SimpleGrid, Skeleton, Stack, Text, UnstyledButton } from "@mantine/core";
import type { ReactNode } from "react";
import { Link } from "react-router";
import type { WorkQueue } from "../../../../src/features/analytics/contract.js";
import { count } from "./format-figures.js";

const QUEUE_SCOPE: Record<WorkQueue["kind"], string> = {
  awaiting_approval: "苦情の完了承認",
  unassigned: "担当者が決まっていない声",
  overdue: "期限を過ぎた未完了の声",
  assigned_to_me: "自分が担当の未完了の声",
  my_overdue: "自分が担当で期限を過ぎた声",
};

export function WorkQueues({ queues }: { queues: WorkQueue[] }) {
  if (queues.length === 0) return null;
  return (
    <section aria-label="作業キュー">
      <SimpleGrid cols={{ base: 1, xs: 2, md: Math.min(queues.length, 5) }} spacing="sm">
        {queues.map((q) => {
          // 自分の担当 and 自分の期限超過 are about the user; the others about a department or all of them.
          const mine = q.kind === "assigned_to_me" || q.kind === "my_overdue";
          const where = mine ? "自分" : (q.department?.name ?? "全部署");
          const scope = mine ? QUEUE_SCOPE[q.kind] : `${where}・${QUEUE_SCOPE[q.kind]}`;
          const urgent =
            q.count > 0 &&
            (q.kind === "overdue" || q.kind === "my_overdue" || q.kind === "awaiting_approval");
          return (
            <UnstyledButton
              key={`${q.kind}-${q.department?.id ?? "all"}`}
              component={Link}
              to={`/voices?${q.listQuery}`}
              aria-label={`${q.label}（${where}）${count(q.count)}件。一覧を開く`}
              data-testid={`queue-${q.kind}`}
            >
              <Paper
                withBorder
                p="sm"
                style={{
                  borderLeft: `4px solid var(--mantine-color-${urgent ? "red" : q.count > 0 ? "teal" : "gray"}-6)`,
                }}
              >
                <Group justify="space-between" wrap="nowrap" align="flex-start">
                  <div>
                    <Text fw={700}>{q.label}</Text>
                    <Text size="xs" c="dimmed">
                      {scope}
                    </Text>
                  </div>
                  <Text
                    fw={700}
                    fz={28}
                    lh={1}
                    c={urgent ? "red.7" : undefined}
                    style={{ whiteSpace: "nowrap" }}
                    data-testid="queue-count"
                  >
                    {count(q.count)}
                    <Text span fz="sm" fw={500} ml={2}>
                      件
                    </Text>
                  </Text>
                </Group>
              </Paper>
            </UnstyledButton>
          );
        })}
      </SimpleGrid>
    </section>
  );
}

export interface TileProps {
  id: string;
  label: string;
  /** the big figure, already formatted */
  value: string;
  unit?: string;
  /** the change from the comparison period, already formatted (▲ 12件（+3.4%）) */
  change?: string | null;
  /** what the change is against, or any other small line */
  detail?: ReactNode;
  /** opens the voice list on exactly the voices the tile counts */
  listQuery?: string | null;
  /** colours the change: up is bad for complaints and overdue voices */
  upIsBad?: boolean;
  accent?: string;
}

export function Tile(t: TileProps) {
  const up = t.change?.startsWith("▲");
  const down = t.change?.startsWith("▼");
  const changeColor = !t.upIsBad ? "dimmed" : up ? "red.7" : down ? "teal.7" : "dimmed";
  const body = (
    <Paper
      withBorder
      p="sm"
      h="100%"
      style={t.accent ? { borderTop: `3px solid ${t.accent}` } : undefined}
      data-testid={`tile-${t.id}`}
    >
      <Stack gap={2}>
        <Text size="sm" fw={600} c="dimmed">
          {t.label}
        </Text>
        <Text fw={700} fz={26} lh={1.2} data-testid="tile-value">
          {t.value}
          {t.unit && (
            <Text span fz="sm" fw={500} ml={2}>
              {t.unit}
            </Text>
          )}
        </Text>
        {t.change && (
          <Text size="sm" c={changeColor} fw={500}>
            {t.change}
          </Text>
        )}
        {t.detail && (
          <Text size="xs" c="dimmed">
            {t.detail}
          </Text>
        )}
      </Stack>
    </Paper>
  );
  if (!t.listQuery) return body;
  const spoken = `${t.label} ${t.value}${t.unit ?? ""}${t.change ? `、前年同期より${t.change}` : ""}。一覧を開く`;
  return (
    <UnstyledButton component={Link} to={`/voices?${t.listQuery}`} aria-label={spoken} h="100%">
      {body}
    </UnstyledButton>
  );
}

export function TileSkeletons({ n }: { n: number }) {
  return (
    <>
      {Array.from({ length: n }, (_, i) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: placeholders without identity
        <Skeleton key={i} h={104} radius="sm" />
      ))}
    </>
  );
}
