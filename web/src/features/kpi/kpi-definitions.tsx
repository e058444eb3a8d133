// 指標の管理: every theme and KPI, retired ones included — add, rename or retire a theme, add or edit a KPI,
// retire it (its past values and narratives stay in the register of the years it was in force and in its
// history) or bring either back. A retired theme takes its KPIs with it for the years after.
import { Alert, Badge, Button, Group, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { type FormEvent, useCallback, useEffect, useState } from "react";
import { KPI_SOURCE_LABELS, type Kpi } from "../../../../src/features/kpi/contract.js";
import { ApiError, api, errorMessage } from "../../api.js";
import { KpiEntryDialog, type KpiEntryTarget } from "./kpi-entry-dialog.js";
import { KpiForm, type ThemeOption } from "./kpi-form.js";

interface Props {
  year: number;
  canEdit: boolean;
  /** the register changed (a KPI added, edited or retired) */
  onChanged: () => void;
}

/** A theme's heading: its name, renamed in place (Enter saves, Esc leaves it), and its retirement. */
function ThemeHeading({
  theme,
  canEdit,
  onChanged,
}: {
  theme: ThemeOption;
  canEdit: boolean;
  onChanged: () => void;
}) {
  const [name, setName] = useState<string | null>(null);
  const [error, setError] = useState<string | undefined>();
  async function rename(e: FormEvent) {
    e.preventDefault();
    setError(undefined);
    try {
      await api("PATCH /api/v1/kpis/themes/:id", { params: { id: theme.id }, body: { name: name ?? "" } });
      setName(null);
      onChanged();
    } catch (e2) {
      setError(e2 instanceof ApiError ? (e2.fields.name ?? e2.message) : errorMessage(e2));
    }
  }
  async function retire(retired: boolean) {
    if (
      retired &&
      !window.confirm(
        `テーマ「${theme.name}」を廃止しますか？テーマと指標は、廃止した年までの一覧と履歴に残ります。`,
      )
    )
      return;
    try {
      await api("POST /api/v1/kpis/themes/:id/retire", { params: { id: theme.id }, body: { retired } });
      onChanged();
    } catch (e2) {
      setError(errorMessage(e2));
    }
  }
  if (name !== null)
    return (
      <form onSubmit={rename} aria-label={`テーマ「${theme.name}」の名前の変更`}>
        <Group align="flex-start" gap="xs">
          <Text fw={700} pt={4}>
            {theme.number}．
          </Text>
          <TextInput
            size="xs"
            w={420}
            aria-label="テーマの名前"
            value={name}
            error={error}
            onChange={(e) => setName(e.currentTarget.value)}
            onKeyDown={(e) => {
              if (e.key === "Escape") setName(null);
            }}
            data-autofocus
          />
          <Button size="xs" type="submit">
            保存
          </Button>
          <Button size="xs" variant="default" onClick={() => setName(null)}>
            取消
          </Button>
        </Group>
      </form>
    );
  return (
    <Group gap="xs" data-theme-id={theme.id}>
      <Title order={5} c={theme.retiredAt ? "dimmed" : undefined}>
        {theme.number}．{theme.name}
      </Title>
      {theme.retiredAt && (
        <Badge color="gray" size="sm">
          テーマ廃止 {theme.retiredAt.slice(0, 10)}
        </Badge>
      )}
      {canEdit && (
        <>
          <Button size="compact-xs" variant="subtle" onClick={() => setName(theme.name)}>
            名前を変更
          </Button>
          {theme.retiredAt ? (
            <Button size="compact-xs" variant="subtle" onClick={() => retire(false)}>
              テーマを元に戻す
            </Button>
          ) : (
            <Button size="compact-xs" variant="subtle" color="red" onClick={() => retire(true)}>
              テーマを廃止
            </Button>
          )}
        </>
      )}
      {error && (
        <Text size="xs" c="red">
          {error}
        </Text>
      )}
    </Group>
  );
}

function ThemeForm({ nextNumber, onAdded }: { nextNumber: number; onAdded: () => void }) {
  const [name, setName] = useState("");
  const [error, setError] = useState<string | undefined>();
  async function submit(e: FormEvent) {
    e.preventDefault();
    setError(undefined);
    try {
      await api("POST /api/v1/kpis/themes", { body: { number: nextNumber, name } });
      setName("");
      onAdded();
    } catch (e2) {
      setError(e2 instanceof ApiError ? (e2.fields.name ?? e2.message) : errorMessage(e2));
    }
  }
  return (
    <form onSubmit={submit} aria-label="テーマの追加">
      <Group align="flex-start" gap="xs">
        <TextInput
          size="xs"
          w={360}
          aria-label="新しいテーマの名前"
          placeholder={`${nextNumber}．例: お客さまの声を経営に活かします`}
          value={name}
          error={error}
          onChange={(e) => setName(e.currentTarget.value)}
        />
        <Button size="xs" variant="default" type="submit">
          テーマを追加
        </Button>
      </Group>
    </form>
  );
}

export function KpiDefinitions({ year, canEdit, onChanged }: Props) {
  const [themes, setThemes] = useState<ThemeOption[]>([]);
  const [kpis, setKpis] = useState<Kpi[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<Kpi | null | "new">(null);
  const [history, setHistory] = useState<KpiEntryTarget | null>(null);

  const load = useCallback(async () => {
    try {
      const d = await api("GET /api/v1/kpis/definitions");
      setThemes(d.themes);
      setKpis(d.kpis);
      setError(null);
    } catch (e) {
      setError(errorMessage(e));
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);

  const nextNumber = (themeId: number) =>
    Math.max(0, ...kpis.filter((k) => k.themeId === themeId).map((k) => k.number)) + 1;

  async function retire(k: Kpi, retired: boolean) {
    if (retired && !window.confirm(`「${k.name}」を廃止しますか？過去の値と取り組み・評価は残ります。`))
      return;
    try {
      await api("POST /api/v1/kpis/:id/retire", { params: { id: k.id }, body: { retired } });
      await load();
      onChanged();
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  return (
    <Stack gap="sm">
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          廃止した指標・テーマは、廃止した年までの一覧と履歴に残ります。元に戻すこともできます。
        </Text>
        {canEdit && themes.length > 0 && <Button onClick={() => setEditing("new")}>指標を追加</Button>}
      </Group>
      {themes.map((t) => (
        <Stack key={t.id} gap={4}>
          <ThemeHeading
            theme={t}
            canEdit={canEdit}
            onChanged={() => {
              void load();
              onChanged();
            }}
          />
          <Table withTableBorder striped aria-label={`${t.name}の指標`}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th w={50}>番号</Table.Th>
                <Table.Th>指標</Table.Th>
                <Table.Th w={50}>単位</Table.Th>
                <Table.Th>値の求め方</Table.Th>
                <Table.Th>目標</Table.Th>
                <Table.Th w={250} />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {kpis
                .filter((k) => k.themeId === t.id)
                .map((k) => (
                  <Table.Tr key={k.id} data-kpi-id={k.id}>
                    <Table.Td>{k.number}</Table.Td>
                    <Table.Td>
                      {k.name}{" "}
                      {k.retiredAt && (
                        <Badge color="gray" size="sm">
                          廃止 {k.retiredAt.slice(0, 10)}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>{k.unit}</Table.Td>
                    <Table.Td>
                      <Text size="sm">{KPI_SOURCE_LABELS[k.source]}</Text>
                    </Table.Td>
                    <Table.Td>{k.target ?? ""}</Table.Td>
                    <Table.Td>
                      <Group gap={4} wrap="nowrap">
                        <Button
                          size="xs"
                          variant="subtle"
                          onClick={() => setHistory({ kpiId: k.id, name: k.name, year })}
                        >
                          履歴
                        </Button>
                        {canEdit && (
                          <Button size="xs" variant="subtle" onClick={() => setEditing(k)}>
                            編集
                          </Button>
                        )}
                        {canEdit &&
                          (k.retiredAt ? (
                            <Button size="xs" variant="subtle" onClick={() => retire(k, false)}>
                              元に戻す
                            </Button>
                          ) : (
                            <Button size="xs" variant="subtle" color="red" onClick={() => retire(k, true)}>
                              廃止
                            </Button>
                          ))}
                      </Group>
                    </Table.Td>
                  </Table.Tr>
                ))}
            </Table.Tbody>
          </Table>
        </Stack>
      ))}
      {canEdit && (
        <ThemeForm nextNumber={Math.max(0, ...themes.map((t) => t.number)) + 1} onAdded={() => void load()} />
      )}
      <KpiForm
        opened={editing !== null}
        kpi={editing === "new" ? null : editing}
        themes={themes}
        nextNumber={nextNumber}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          void load();
          onChanged();
        }}
      />
      <KpiEntryDialog
        target={history}
        canEdit={canEdit}
        onClose={() => setHistory(null)}
        onSaved={onChanged}
      />
    </Stack>
  );
}
