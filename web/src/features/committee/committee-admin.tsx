// Admins define the committees (本部 / 統括本部 / 推進本部 …): add one, rename it, describe it, retire or revive it.
// A retired committee keeps its meetings; it is only left out when a new meeting is registered.
import { Alert, Button, Group, Paper, Stack, Switch, Table, Text, TextInput, Title } from "@mantine/core";
import { type FormEvent, useState } from "react";
import type { Committee, CommitteeList } from "../../../../src/features/committee/contract.js";
import { api } from "../../api.js";
import { errorText } from "../improvements/improvement-ui.js";

function CommitteeRow({ c, onDone }: { c: Committee; onDone: () => void }) {
  const [name, setName] = useState(c.name);
  const [description, setDescription] = useState(c.description ?? "");
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const changed = name !== c.name || description !== (c.description ?? "");
  async function patch(body: { name?: string; description?: string | null; active?: boolean }) {
    setError(null);
    setSaved(false);
    try {
      await api("PATCH /api/v1/committees/:id", { params: { id: c.id }, body });
      setSaved(true);
      onDone();
    } catch (e) {
      setError(errorText(e));
    }
  }
  return (
    <Table.Tr data-testid={`committee-${c.id}`}>
      <Table.Td>
        <TextInput
          size="xs"
          aria-label={`委員会「${c.name}」の名前`}
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={error ?? undefined}
        />
      </Table.Td>
      <Table.Td>
        <TextInput
          size="xs"
          aria-label={`委員会「${c.name}」の説明`}
          placeholder="例: 理事・部長で構成、四半期ごと"
          value={description}
          onChange={(e) => setDescription(e.currentTarget.value)}
        />
      </Table.Td>
      <Table.Td>
        <Switch
          aria-label={`委員会「${c.name}」を使う`}
          label={c.active ? "使用中" : "廃止"}
          checked={c.active}
          onChange={(e) => void patch({ active: e.currentTarget.checked })}
        />
      </Table.Td>
      <Table.Td>
        <Group gap={6} wrap="nowrap">
          <Button
            size="xs"
            variant="light"
            disabled={!changed}
            onClick={() => void patch({ name, description: description || null })}
          >
            保存
          </Button>
          {saved && !changed && (
            <Text size="xs" c="teal" role="status">
              保存しました
            </Text>
          )}
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

function NewCommittee({ onDone }: { onDone: () => void }) {
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  async function submit(e: FormEvent) {
    e.preventDefault();
    try {
      await api("POST /api/v1/committees", { body: { name } });
      setName("");
      setError(null);
      onDone();
    } catch (err) {
      setError(errorText(err));
    }
  }
  return (
    <form onSubmit={submit}>
      <Group align="flex-end">
        <TextInput
          label="委員会を追加"
          placeholder="例: 本部CS向上委員会"
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
        />
        <Button type="submit" variant="light">
          追加
        </Button>
        {error && (
          <Alert color="red" role="alert" py={4}>
            {error}
          </Alert>
        )}
      </Group>
    </form>
  );
}

export function CommitteeAdmin({ committees, onDone }: { committees: CommitteeList; onDone: () => void }) {
  return (
    <Paper withBorder p="sm">
      <Stack gap="xs">
        <Title order={4}>委員会の設定（管理者）</Title>
        {committees.items.length > 0 && (
          <Table aria-label="委員会の一覧">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>名前</Table.Th>
                <Table.Th>説明</Table.Th>
                <Table.Th w={120}>状態</Table.Th>
                <Table.Th w={170} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {committees.items.map((c) => (
                <CommitteeRow key={`${c.id}:${c.name}:${c.description}:${c.active}`} c={c} onDone={onDone} />
              ))}
            </Table.Tbody>
          </Table>
        )}
        <NewCommittee onDone={onDone} />
      </Stack>
    </Paper>
  );
}
