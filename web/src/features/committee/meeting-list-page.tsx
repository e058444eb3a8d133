// CS向上委員会: the meetings with their open decisions, a new meeting (koe proposes the agenda), and for admins the
// committees themselves (committee-admin.tsx).
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Paper,
  Select,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { type FormEvent, useCallback, useEffect, useState } from "react";
import { Link, useNavigate } from "react-router";
import { canAdminister, canRunCommittee } from "../../../../src/domain/roles.js";
import type { CommitteeList, MeetingList } from "../../../../src/features/committee/contract.js";
import { api } from "../../api.js";
import { formatDate } from "../../format.js";
import { useCurrentUser } from "../../session.js";
import { errorText, todayJst } from "../improvements/improvement-ui.js";
import { CommitteeAdmin } from "./committee-admin.js";

function NewMeeting({ committees }: { committees: CommitteeList }) {
  const navigate = useNavigate();
  const [committeeId, setCommitteeId] = useState<string | null>(null);
  const [heldOn, setHeldOn] = useState(todayJst());
  const [attendees, setAttendees] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const m = await api("POST /api/v1/meetings", {
        body: {
          committeeId: Number(committeeId ?? 0),
          heldOn,
          attendees: attendees
            .split("\n")
            .map((s) => s.trim())
            .filter(Boolean)
            .map((name) => ({ name })),
        },
      });
      navigate(`/meetings/${m.id}`);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Paper withBorder p="sm">
      <form onSubmit={submit}>
        <Stack gap="xs">
          <Title order={4}>開催を登録（前回以降の議題案を作ります）</Title>
          <Group grow align="flex-start">
            <Select
              label="委員会"
              required
              data={committees.items
                .filter((c) => c.active)
                .map((c) => ({ value: String(c.id), label: c.name }))}
              value={committeeId}
              onChange={setCommitteeId}
            />
            <TextInput
              label="開催日"
              type="date"
              required
              value={heldOn}
              onChange={(e) => setHeldOn(e.currentTarget.value)}
            />
          </Group>
          <Textarea
            label="出席者（1行に1人）"
            required
            autosize
            minRows={3}
            value={attendees}
            onChange={(e) => setAttendees(e.currentTarget.value)}
          />
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <Group>
            <Button type="submit" loading={busy}>
              登録して議題案を作る
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

export function MeetingListPage() {
  const user = useCurrentUser();
  const [meetings, setMeetings] = useState<MeetingList | null>(null);
  const [committees, setCommittees] = useState<CommitteeList | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    Promise.all([api("GET /api/v1/meetings"), api("GET /api/v1/committees")]).then(
      ([m, c]) => {
        setMeetings(m);
        setCommittees(c);
      },
      (e) => setError(errorText(e)),
    );
  }, []);
  useEffect(load, [load]);
  return (
    <Stack gap="md" maw={1100}>
      <Title order={2}>CS向上委員会</Title>
      {error && <Alert color="red">{error}</Alert>}
      {committees && canAdminister(user) && <CommitteeAdmin committees={committees} onDone={load} />}
      {committees && canRunCommittee(user) && <NewMeeting committees={committees} />}
      <Table aria-label="開催の一覧">
        <Table.Thead>
          <Table.Tr>
            <Table.Th w={120}>開催日</Table.Th>
            <Table.Th w={200}>委員会</Table.Th>
            <Table.Th w={90}>議題</Table.Th>
            <Table.Th>未完了の決定事項</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {meetings?.items.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={4}>開催はまだありません。</Table.Td>
            </Table.Tr>
          )}
          {meetings?.items.map((m) => (
            <Table.Tr key={m.id}>
              <Table.Td>
                <Anchor component={Link} to={`/meetings/${m.id}`}>
                  {formatDate(m.heldOn)}
                </Anchor>
              </Table.Td>
              <Table.Td>{m.committee.name}</Table.Td>
              <Table.Td>{m.agendaCount}件</Table.Td>
              <Table.Td data-testid={`open-decisions-${m.id}`}>
                {m.openDecisions.length === 0 ? (
                  <Text size="sm" c="dimmed">
                    なし（決定 {m.decisionCount}件）
                  </Text>
                ) : (
                  m.openDecisions.map((d) => (
                    <Group key={d.id} gap={6}>
                      <Badge size="sm" variant="light">
                        未完了
                      </Badge>
                      <Text size="sm">{d.text}</Text>
                      {d.improvement && (
                        <Anchor component={Link} to={`/improvements/${d.improvement.id}`} size="sm">
                          {d.improvement.title}（期限 {formatDate(d.improvement.dueDate)}）
                        </Anchor>
                      )}
                    </Group>
                  ))
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
