// Settings: the aliases of each label (or department) — the words other systems' files use for it, so that their
// exports import as they are. One row per label; an alias list is saved as a whole.
import { Alert, Button, Table, TagsInput, Text, Title } from "@mantine/core";
import { useCallback, useEffect, useState } from "react";
import type { AliasKind, LabelAliasList } from "../../../../src/features/import-aliases/contract.js";
import { ApiError, api, errorMessage } from "../../api.js";

interface Entry {
  id: number;
  code: string;
  name: string;
  active: boolean;
}

function AliasRow({
  kind,
  entry,
  saved,
  onSaved,
}: {
  kind: AliasKind;
  entry: Entry;
  saved: string[];
  onSaved: () => Promise<void>;
}) {
  const [aliases, setAliases] = useState(saved);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState(false);
  const changed = aliases.join("\n") !== saved.join("\n");

  async function save() {
    setBusy(true);
    setError(null);
    setDone(false);
    try {
      const r = await api("PUT /api/v1/label-aliases/:kind/:id", {
        params: { kind, id: entry.id },
        body: { aliases },
      });
      setAliases(r.aliases);
      setDone(true);
      await onSaved();
    } catch (e) {
      setError(
        e instanceof ApiError && Object.keys(e.fields).length
          ? Object.values(e.fields).join("／")
          : errorMessage(e),
      );
    } finally {
      setBusy(false);
    }
  }

  return (
    <Table.Tr>
      <Table.Td>
        <Text size="sm" c={entry.active ? undefined : "dimmed"}>
          {entry.name}
          {entry.active ? "" : "（廃止）"}
        </Text>
      </Table.Td>
      <Table.Td>
        <TagsInput
          aria-label={`${entry.name} の別名`}
          value={aliases}
          onChange={(v) => {
            setAliases(v);
            setDone(false);
          }}
          splitChars={[",", "、"]}
          placeholder="別名を入力して Enter"
          error={error}
          size="xs"
          clearable
        />
        {done && !changed && (
          <Text size="xs" c="teal" role="status">
            保存しました
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Button size="xs" variant="light" disabled={!changed} loading={busy} onClick={() => void save()}>
          保存
        </Button>
      </Table.Td>
    </Table.Tr>
  );
}

export function LabelAliasesPanel({ kind, noun, items }: { kind: AliasKind; noun: string; items: Entry[] }) {
  const [list, setList] = useState<LabelAliasList | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      setList(await api("GET /api/v1/label-aliases"));
    } catch (e) {
      setError(errorMessage(e));
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const aliasesOf = (id: number) =>
    list?.items.find((i) => i.kind === kind && i.labelId === id)?.aliases ?? [];
  return (
    <section aria-label={`${noun}の別名`}>
      <Title order={4} mt="lg">
        別名（取り込み用）
      </Title>
      <Text size="sm" c="dimmed" mb="xs">
        他のシステムや帳票が使う言葉（例：窓口、ホームページ）を登録すると、取り込むファイルのその値をこの
        {noun}
        として読みます。全角・半角、大文字・小文字、空白の違いは同じ言葉として扱います。1つの言葉は1つの{noun}
        にしか登録できません。
      </Text>
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      {list && (
        <Table.ScrollContainer minWidth={560} type="native">
          <Table verticalSpacing="xs" aria-label={`${noun}の別名の一覧`}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={260}>{noun}</Table.Th>
                <Table.Th>別名</Table.Th>
                <Table.Th w={90}>操作</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((entry) => (
                <AliasRow
                  key={`${entry.id}-${aliasesOf(entry.id).join("\n")}`}
                  kind={kind}
                  entry={entry}
                  saved={aliasesOf(entry.id)}
                  onSaved={load}
                />
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </section>
  );
}
