// A list of code + name entries (labels, departments) with add, rename, retire and reinstate.
import { Alert, Badge, Button, Group, Paper, Table, Text, TextInput } from "@mantine/core";
import { type FormEvent, useState } from "react";
import { ApiError, errorMessage } from "../../api.js";

export interface CodeNameEntry {
  id: number;
  code: string;
  name: string;
  active: boolean;
}

interface Props {
  noun: string;
  items: CodeNameEntry[];
  onAdd: (code: string, name: string) => Promise<void>;
  onUpdate: (id: number, change: { name?: string; active?: boolean }) => Promise<void>;
}

function RenameRow({ entry, onUpdate }: { entry: CodeNameEntry; onUpdate: Props["onUpdate"] }) {
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(entry.name);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function run(change: { name?: string; active?: boolean }) {
    setBusy(true);
    setError(null);
    try {
      await onUpdate(entry.id, change);
      setEditing(false);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Table.Tr>
      <Table.Td ff="monospace">{entry.code}</Table.Td>
      <Table.Td>
        {editing ? (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void run({ name: name.trim() });
            }}
          >
            <Group gap="xs" wrap="nowrap">
              <TextInput
                aria-label={`${entry.code} の新しい名称`}
                value={name}
                onChange={(e) => setName(e.currentTarget.value)}
                error={error}
                size="xs"
                autoFocus
                style={{ flex: 1 }}
              />
              <Button type="submit" size="xs" loading={busy}>
                保存
              </Button>
              <Button
                size="xs"
                variant="default"
                onClick={() => {
                  setEditing(false);
                  setName(entry.name);
                  setError(null);
                }}
              >
                取消
              </Button>
            </Group>
          </form>
        ) : (
          <>
            <Text size="sm" c={entry.active ? undefined : "dimmed"}>
              {entry.name}
            </Text>
            {error && (
              <Text size="xs" c="red">
                {error}
              </Text>
            )}
          </>
        )}
      </Table.Td>
      <Table.Td>
        {entry.active ? (
          <Badge color="teal" variant="light">
            使用中
          </Badge>
        ) : (
          <Badge color="gray" variant="light">
            廃止
          </Badge>
        )}
      </Table.Td>
      <Table.Td>
        <Group gap="xs" wrap="nowrap">
          {!editing && (
            <Button
              size="xs"
              variant="light"
              onClick={() => setEditing(true)}
              aria-label={`${entry.name} の名称を変更`}
            >
              名称を変更
            </Button>
          )}
          <Button
            size="xs"
            variant="subtle"
            color={entry.active ? "red" : "teal"}
            loading={busy && !editing}
            onClick={() => void run({ active: !entry.active })}
            aria-label={entry.active ? `${entry.name} を廃止` : `${entry.name} を再び使用`}
          >
            {entry.active ? "廃止する" : "再び使用する"}
          </Button>
        </Group>
      </Table.Td>
    </Table.Tr>
  );
}

export function CodeNameTable({ noun, items, onAdd, onUpdate }: Props) {
  const [code, setCode] = useState("");
  const [name, setName] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);

  async function handleAdd(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setFields({});
    try {
      await onAdd(code.trim(), name.trim());
      setCode("");
      setName("");
    } catch (e) {
      setError(errorMessage(e));
      if (e instanceof ApiError) setFields(e.fields);
    } finally {
      setBusy(false);
    }
  }

  return (
    <>
      <Paper withBorder p="sm" mb="md">
        <form onSubmit={handleAdd} noValidate aria-label={`${noun}の追加`}>
          <Group align="flex-start" gap="sm" wrap="wrap">
            <TextInput
              label="コード"
              description="半角英小文字・数字・_（例：complaint）"
              value={code}
              onChange={(e) => setCode(e.currentTarget.value)}
              error={fields.code}
              w={220}
            />
            <TextInput
              label="名称"
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={fields.name}
              style={{ flex: "1 1 240px" }}
              description="画面に表示する名前"
            />
            <Button type="submit" loading={busy} mt={46}>
              {noun}を追加
            </Button>
          </Group>
          {error && !Object.keys(fields).length && (
            <Alert color="red" mt="sm" role="alert">
              {error}
            </Alert>
          )}
        </form>
      </Paper>
      <Table.ScrollContainer minWidth={640} type="native">
        <Table verticalSpacing="xs" aria-label={`${noun}の一覧`}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th w={200}>コード</Table.Th>
              <Table.Th>名称</Table.Th>
              <Table.Th w={100}>状態</Table.Th>
              <Table.Th w={240}>操作</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {items.map((entry) => (
              <RenameRow
                key={`${entry.id}-${entry.name}-${entry.active}`}
                entry={entry}
                onUpdate={onUpdate}
              />
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Text size="xs" c="dimmed" mt="xs">
        廃止した{noun}は新しい声では選べなくなりますが、過去の声には表示されたままです。
      </Text>
    </>
  );
}
