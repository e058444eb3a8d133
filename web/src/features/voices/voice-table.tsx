// The voice table of 声の一覧 and 自分の担当: one row per voice, the receipt number links to the detail.
import { Anchor, Table, Text } from "@mantine/core";
import { useMediaQuery } from "@mantine/hooks";
import type { MouseEvent, ReactNode } from "react";
import { Link, useNavigate } from "react-router";
import type { VoiceSummary } from "../../../../src/shared/api-contract.js";
import { formatDateTime } from "../../format.js";
import { Snippet } from "./snippet.js";
import { DeadlineCell, PriorityBadge, StatusBadge } from "./voice-badges.js";

function openUnlessLink(event: MouseEvent<HTMLTableRowElement>, go: () => void) {
  // Let the link handle its own clicks (and ctrl-click to open a new tab).
  if ((event.target as HTMLElement).closest("a")) return;
  go();
}

function EmptyRow({ colSpan, text }: { colSpan: number; text: string }) {
  return (
    <Table.Tr>
      <Table.Td colSpan={colSpan}>
        <Text c="dimmed" ta="center" py="lg">
          {text}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}

/** A row that opens the voice when clicked anywhere but on a link. */
function VoiceRow({ voice, children }: { voice: VoiceSummary; children: ReactNode }) {
  const navigate = useNavigate();
  return (
    <Table.Tr
      style={{ cursor: "pointer" }}
      onClick={(event) => openUnlessLink(event, () => navigate(`/voices/${voice.id}`))}
    >
      {children}
    </Table.Tr>
  );
}

function ReceiptLink({ voice }: { voice: VoiceSummary }) {
  return (
    <Anchor component={Link} to={`/voices/${voice.id}`} size="sm" fw={600} ff="monospace">
      {voice.receiptNumber}
    </Anchor>
  );
}

function Excerpt({ voice }: { voice: VoiceSummary }) {
  return (
    <Text size="sm" lineClamp={2} style={{ overflowWrap: "anywhere" }}>
      <PriorityBadge priority={voice.priority} />{" "}
      {voice.snippet ? <Snippet html={voice.snippet} /> : voice.excerpt}
    </Text>
  );
}

function Deadline({ voice }: { voice: VoiceSummary }) {
  return (
    <DeadlineCell
      status={voice.status}
      acknowledgeBy={voice.acknowledgeBy}
      resolveBy={voice.resolveBy}
      overdue={voice.overdue}
    />
  );
}

function Assignee({ voice }: { voice: VoiceSummary }) {
  return (
    <Text size="sm" c={voice.assignee ? undefined : "dimmed"}>
      {voice.assignee?.name ?? "未割り当て"}
    </Text>
  );
}

/** Tablets: the same facts in five columns, two to a cell, so status and deadline stay in view. */
function CompactTable({ items, emptyText }: { items: VoiceSummary[]; emptyText: string }) {
  return (
    <Table highlightOnHover verticalSpacing="xs" aria-label="声の一覧表">
      <Table.Thead>
        <Table.Tr>
          <Table.Th w={150}>受付番号・受付日時</Table.Th>
          <Table.Th w={120}>種別・分類</Table.Th>
          <Table.Th>内容</Table.Th>
          <Table.Th w={120}>部署・担当者</Table.Th>
          <Table.Th w={140}>状態・期限</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {items.length === 0 && <EmptyRow colSpan={5} text={emptyText} />}
        {items.map((voice) => (
          <VoiceRow key={voice.id} voice={voice}>
            <Table.Td>
              <ReceiptLink voice={voice} />
              <Text size="xs" c="dimmed">
                {formatDateTime(voice.receivedAt)}
              </Text>
            </Table.Td>
            <Table.Td>
              <Text size="sm">{voice.type.name}</Text>
              <Text size="xs" c="dimmed" lineClamp={1}>
                {voice.category?.name ?? "－"}
              </Text>
            </Table.Td>
            <Table.Td>
              <Excerpt voice={voice} />
            </Table.Td>
            <Table.Td>
              <Text size="sm" lineClamp={1}>
                {voice.department.name}
              </Text>
              <Assignee voice={voice} />
            </Table.Td>
            <Table.Td>
              <StatusBadge status={voice.status} size="sm" />
              <Deadline voice={voice} />
            </Table.Td>
          </VoiceRow>
        ))}
      </Table.Tbody>
    </Table>
  );
}

export function VoiceTable({ items, emptyText }: { items: VoiceSummary[]; emptyText: string }) {
  const wide = useMediaQuery("(min-width: 75em)", true);
  if (!wide) return <CompactTable items={items} emptyText={emptyText} />;
  return (
    <Table.ScrollContainer minWidth={1000} type="native">
      <Table highlightOnHover verticalSpacing="xs" aria-label="声の一覧表">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={125}>受付番号</Table.Th>
            <Table.Th w={100}>受付日時</Table.Th>
            <Table.Th w={90}>種別</Table.Th>
            <Table.Th w={110}>分類</Table.Th>
            <Table.Th>内容</Table.Th>
            <Table.Th w={110}>部署</Table.Th>
            <Table.Th w={100}>担当者</Table.Th>
            <Table.Th w={75}>状態</Table.Th>
            <Table.Th w={110}>期限</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {items.length === 0 && <EmptyRow colSpan={9} text={emptyText} />}
          {items.map((voice) => (
            <VoiceRow key={voice.id} voice={voice}>
              <Table.Td>
                <ReceiptLink voice={voice} />
              </Table.Td>
              <Table.Td>
                <Text size="sm">{formatDateTime(voice.receivedAt)}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{voice.type.name}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm" lineClamp={2}>
                  {voice.category?.name ?? "－"}
                </Text>
              </Table.Td>
              <Table.Td>
                <Excerpt voice={voice} />
              </Table.Td>
              <Table.Td>
                <Text size="sm">{voice.department.name}</Text>
              </Table.Td>
              <Table.Td>
                <Assignee voice={voice} />
              </Table.Td>
              <Table.Td>
                <StatusBadge status={voice.status} size="sm" />
              </Table.Td>
              <Table.Td>
                <Deadline voice={voice} />
              </Table.Td>
            </VoiceRow>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
