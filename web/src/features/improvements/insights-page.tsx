// 職員の気づき: record one (text, department, related voices by receipt id), search them with the voices' search
// words, and start an improvement from one.
import {
  Alert,
  Anchor,
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
import { Link } from "react-router";
import type { InsightList } from "../../../../src/features/improvements/contract.js";
import { api } from "../../api.js";
import { formatDateTime } from "../../format.js";
import { useReferenceData } from "../../reference-data.js";
import { useCurrentUser } from "../../session.js";
import { errorText } from "./improvement-ui.js";

export function InsightsPage() {
  const { taxonomy } = useReferenceData();
  const user = useCurrentUser();
  const [q, setQ] = useState("");
  const [list, setList] = useState<InsightList | null>(null);
  const [content, setContent] = useState("");
  const [dept, setDept] = useState<string | null>(user.departmentId ? String(user.departmentId) : null);
  const [voiceIds, setVoiceIds] = useState("");
  const [error, setError] = useState<string | null>(null);
  const load = useCallback((query: string) => {
    api("GET /api/v1/insights", { query: { q: query || undefined, limit: 100 } }).then(setList, (e) =>
      setError(errorText(e)),
    );
  }, []);
  useEffect(() => load(""), [load]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(null);
    try {
      await api("POST /api/v1/insights", {
        body: {
          content,
          departmentId: Number(dept ?? 0),
          voiceIds: voiceIds
            .split(/[,、\s]+/)
            .filter(Boolean)
            .map(Number),
        },
      });
      setContent("");
      setVoiceIds("");
      load(q);
    } catch (err) {
      setError(errorText(err));
    }
  }

  return (
    <Stack gap="md" maw={1100}>
      <Group justify="space-between">
        <Title order={2}>職員の気づき</Title>
        <Button component={Link} to="/improvements" variant="default">
          業務改善課題へ
        </Button>
      </Group>
      <Text size="sm" c="dimmed">
        職員の気づきはお客さまの声とは別に記録され、声の件数には数えません。
      </Text>
      <Paper withBorder p="sm">
        <form onSubmit={submit}>
          <Stack gap="xs">
            <Textarea
              label="気づいたこと"
              required
              autosize
              minRows={2}
              value={content}
              onChange={(e) => setContent(e.currentTarget.value)}
            />
            <Group grow>
              <Select
                label="部署"
                required
                data={(taxonomy?.departments ?? [])
                  .filter((d) => d.active)
                  .map((d) => ({ value: String(d.id), label: d.name }))}
                value={dept}
                onChange={setDept}
              />
              <TextInput
                label="関連する声のID（任意、カンマ区切り）"
                value={voiceIds}
                onChange={(e) => setVoiceIds(e.currentTarget.value)}
              />
            </Group>
            {error && <Alert color="red">{error}</Alert>}
            <Group>
              <Button type="submit">記録する</Button>
            </Group>
          </Stack>
        </form>
      </Paper>
      <Group align="flex-end">
        <TextInput
          label="検索"
          placeholder="例: 待ち時間 窓口"
          value={q}
          onChange={(e) => setQ(e.currentTarget.value)}
          style={{ flex: 1 }}
        />
        <Button variant="light" onClick={() => load(q)}>
          検索
        </Button>
      </Group>
      <Text size="sm">{list ? `${list.total}件` : ""}</Text>
      <Table aria-label="職員の気づきの一覧">
        <Table.Tbody>
          {list?.items.map((i) => (
            <Table.Tr key={i.id}>
              <Table.Td>
                <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
                  {i.content}
                </Text>
                <Text size="xs" c="dimmed">
                  {i.department.name}・{i.createdBy?.name ?? ""}・{formatDateTime(i.createdAt)}
                  {i.voices.length > 0 && `・関連する声 ${i.voices.map((v) => v.receiptNumber).join("、")}`}
                </Text>
                {i.improvements.map((imp) => (
                  <Anchor key={imp.id} component={Link} to={`/improvements/${imp.id}`} size="xs" mr="sm">
                    {imp.title}
                  </Anchor>
                ))}
              </Table.Td>
              <Table.Td w={150}>
                <Button
                  size="xs"
                  variant="light"
                  component={Link}
                  to={`/improvements/new?insights=${i.id}&voices=${i.voices.map((v) => v.id).join(",")}`}
                >
                  改善課題にする
                </Button>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
