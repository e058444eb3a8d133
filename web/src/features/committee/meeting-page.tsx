// One meeting: the agenda koe proposed, edited by the secretary (titles, notes, order, own items), the voices and
// rising words behind each item, and decisions per item that create or update improvements.
import {
  Alert,
  Anchor,
  Badge,
  Button,
  Group,
  Loader,
  Paper,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useCallback, useEffect, useState } from "react";
import { Link, useParams } from "react-router";
import { canRunCommittee } from "../../../../src/domain/roles.js";
import {
  AGENDA_KIND_LABELS,
  type AgendaItem,
  type MeetingDetail,
} from "../../../../src/features/committee/contract.js";
import { api } from "../../api.js";
import { formatDate } from "../../format.js";
import { useReferenceData } from "../../reference-data.js";
import { useCurrentUser } from "../../session.js";
import { errorText, ImprovementStatusBadge } from "../improvements/improvement-ui.js";

function DecisionForm({
  meeting,
  item,
  onDone,
}: {
  meeting: MeetingDetail;
  item: AgendaItem;
  onDone: (m: MeetingDetail) => void;
}) {
  const { taxonomy } = useReferenceData();
  const existing = item.improvements[0];
  const [mode, setMode] = useState<"create" | "update">(existing ? "update" : "create");
  const [text, setText] = useState("");
  const [title, setTitle] = useState(
    item.kind === "theme" ? item.title.replace(/^繰り返し寄せられている声 \d+件: /, "") : "",
  );
  const [dept, setDept] = useState<string | null>(null);
  const [due, setDue] = useState("");
  const [target, setTarget] = useState<string | null>(existing ? String(existing.id) : null);
  const [error, setError] = useState<string | null>(null);
  async function submit() {
    setError(null);
    try {
      const body =
        mode === "create"
          ? {
              agendaItemId: item.id,
              text,
              create: { title, ownerDepartmentId: Number(dept ?? 0), dueDate: due },
            }
          : {
              agendaItemId: item.id,
              text,
              update: {
                improvementId: Number(target ?? 0),
                ...(dept ? { ownerDepartmentId: Number(dept) } : {}),
                ...(due ? { dueDate: due } : {}),
              },
            };
      onDone(await api("POST /api/v1/meetings/:id/decisions", { params: { id: meeting.id }, body }));
      setText("");
    } catch (e) {
      setError(errorText(e));
    }
  }
  return (
    <Stack gap="xs" mt="xs" data-testid={`decision-form-${item.id}`}>
      <Group gap="xs">
        <Button
          size="xs"
          variant={mode === "create" ? "filled" : "default"}
          onClick={() => setMode("create")}
        >
          改善課題を作る
        </Button>
        <Button
          size="xs"
          variant={mode === "update" ? "filled" : "default"}
          onClick={() => setMode("update")}
        >
          既存の改善課題を更新
        </Button>
      </Group>
      <Textarea label="決定事項" autosize value={text} onChange={(e) => setText(e.currentTarget.value)} />
      <Group grow align="flex-start">
        {mode === "create" ? (
          <TextInput label="改善課題の件名" value={title} onChange={(e) => setTitle(e.currentTarget.value)} />
        ) : (
          <TextInput
            label="改善課題のID"
            value={target ?? ""}
            onChange={(e) => setTarget(e.currentTarget.value)}
          />
        )}
        <Select
          label="担当部署"
          data={(taxonomy?.departments ?? [])
            .filter((d) => d.active)
            .map((d) => ({ value: String(d.id), label: d.name }))}
          value={dept}
          onChange={setDept}
        />
        <TextInput label="期限" type="date" value={due} onChange={(e) => setDue(e.currentTarget.value)} />
      </Group>
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      <Group>
        <Button size="xs" onClick={submit}>
          決定を記録
        </Button>
      </Group>
    </Stack>
  );
}

export function MeetingPage() {
  const { id } = useParams();
  const user = useCurrentUser();
  const secretary = canRunCommittee(user);
  const [meeting, setMeeting] = useState<MeetingDetail | null>(null);
  const [titles, setTitles] = useState<Record<number, string>>({});
  const [bodies, setBodies] = useState<Record<number, string>>({});
  const [notes, setNotes] = useState("");
  const [attendees, setAttendees] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const show = useCallback((m: MeetingDetail) => {
    setMeeting(m);
    setTitles(Object.fromEntries(m.agenda.map((a) => [a.id, a.title])));
    setBodies(Object.fromEntries(m.agenda.map((a) => [a.id, a.body])));
    setNotes(m.notes ?? "");
    setAttendees(m.attendees.map((a) => a.name).join("\n"));
  }, []);
  useEffect(() => {
    api("GET /api/v1/meetings/:id", { params: { id: Number(id) } }).then(show, (e) => setError(errorText(e)));
  }, [id, show]);
  if (error && !meeting) return <Alert color="red">{error}</Alert>;
  if (!meeting) return <Loader aria-label="読み込み中" />;
  async function save(extra: { title: string; body: string }[] = []) {
    if (!meeting) return;
    setError(null);
    try {
      show(
        await api("PUT /api/v1/meetings/:id/agenda", {
          params: { id: meeting.id },
          body: {
            items: [
              ...meeting.agenda.map((a) => ({
                id: a.id,
                title: titles[a.id] ?? a.title,
                body: bodies[a.id] ?? a.body,
              })),
              ...extra,
            ],
            notes,
            // one name a line; a name kept from before keeps its link to the staff member
            attendees: attendees
              .split("\n")
              .map((name) => name.trim())
              .filter(Boolean)
              .map((name) => ({
                name,
                userId: meeting.attendees.find((a) => a.name === name)?.userId ?? null,
              })),
          },
        }),
      );
      setSaved(true);
    } catch (e) {
      setError(errorText(e));
    }
  }
  return (
    <Stack gap="md" maw={1100}>
      <Group justify="space-between">
        <Title order={2}>
          {meeting.committee.name} {formatDate(meeting.heldOn)}
        </Title>
        <Group gap="xs">
          <Button component={Link} to={`/meetings/${meeting.id}/minutes`} variant="default">
            議事録（A4印刷）
          </Button>
          <Button component={Link} to="/meetings" variant="default">
            開催一覧
          </Button>
        </Group>
      </Group>
      <Text size="sm">
        議題の対象: {formatDate(meeting.since)}〜{formatDate(meeting.heldOn)}　出席者:{" "}
        {meeting.attendees.map((a) => a.name).join("、")}
      </Text>
      {error && <Alert color="red">{error}</Alert>}
      {meeting.agenda.map((a, i) => (
        <Paper key={a.id} withBorder p="sm" data-testid={`agenda-${a.kind}`}>
          <Group gap="xs" mb={4}>
            <Badge variant="light">{AGENDA_KIND_LABELS[a.kind]}</Badge>
            <Text size="sm" c="dimmed">
              議題{i + 1}
            </Text>
          </Group>
          {secretary ? (
            <Stack gap={4}>
              <TextInput
                aria-label={`議題${i + 1}の見出し`}
                value={titles[a.id] ?? ""}
                onChange={(e) => setTitles({ ...titles, [a.id]: e.currentTarget.value })}
              />
              <Textarea
                aria-label={`議題${i + 1}の説明`}
                autosize
                value={bodies[a.id] ?? ""}
                onChange={(e) => setBodies({ ...bodies, [a.id]: e.currentTarget.value })}
              />
            </Stack>
          ) : (
            <>
              <Text fw={600}>{a.title}</Text>
              <Text size="sm">{a.body}</Text>
            </>
          )}
          {a.words.length > 0 && (
            <Group gap={4} mt={4}>
              {a.words.map((w) => (
                <Badge key={w.word} color="orange" variant="outline">
                  {w.word} {w.previousCount}→{w.count}
                </Badge>
              ))}
            </Group>
          )}
          {a.voices.length > 0 && (
            <Stack gap={0} mt={4}>
              {a.voices.slice(0, 5).map((v) => (
                <Text key={v.id} size="xs">
                  <Anchor component={Link} to={`/voices/${v.id}`} size="xs">
                    {v.receiptNumber}
                  </Anchor>{" "}
                  {v.excerpt}
                </Text>
              ))}
              {a.count > 5 && (
                <Text size="xs" c="dimmed">
                  ほか {a.count - 5}件
                </Text>
              )}
            </Stack>
          )}
          {a.improvements.map((imp) => (
            <Group key={imp.id} gap="xs" mt={4}>
              <ImprovementStatusBadge status={imp.status} />
              <Anchor component={Link} to={`/improvements/${imp.id}`} size="sm">
                {imp.title}（ID {imp.id}、期限 {formatDate(imp.dueDate)}）
              </Anchor>
            </Group>
          ))}
          {meeting.decisions
            .filter((d) => d.agendaItemId === a.id)
            .map((d) => (
              <Text key={d.id} size="sm" mt={4} data-testid="decision">
                決定: {d.text}
                {d.improvement && (
                  <>
                    {" → "}
                    <Anchor component={Link} to={`/improvements/${d.improvement.id}`}>
                      {d.improvement.title}
                    </Anchor>
                  </>
                )}
              </Text>
            ))}
          {secretary && <DecisionForm meeting={meeting} item={a} onDone={show} />}
        </Paper>
      ))}
      {secretary && (
        <Paper withBorder p="sm">
          <Textarea
            label="出席者（1行に1人）"
            autosize
            minRows={2}
            value={attendees}
            onChange={(e) => setAttendees(e.currentTarget.value)}
          />
          <Textarea
            label="議事メモ"
            mt="xs"
            autosize
            minRows={3}
            value={notes}
            onChange={(e) => setNotes(e.currentTarget.value)}
          />
          <Group mt="xs">
            <Button onClick={() => save()}>議題・出席者・議事メモを保存</Button>
            <Button variant="default" onClick={() => save([{ title: "その他の議題", body: "" }])}>
              議題を追加
            </Button>
            {saved && (
              <Text size="sm" c="teal">
                保存しました
              </Text>
            )}
          </Group>
        </Paper>
      )}
    </Stack>
  );
}
