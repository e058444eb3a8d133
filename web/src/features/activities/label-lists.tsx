// 一覧の編集: the activity records' editable lists — qualifications (and whether one counts as 専門資格 for the
// qualified-staff KPI), training kinds, elderly-handling measures. Rename, reorder, stop using (old records keep
// their item) or add an item; Enter in a row's field saves that row.
import { Alert, Button, Checkbox, Group, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { type FormEvent, type KeyboardEvent, useCallback, useEffect, useState } from "react";
import {
  type ActivityLabel,
  type ActivityLabelKind,
  LABEL_KIND_NAMES,
  LABEL_KINDS,
} from "../../../../src/features/activities/contract.js";
import { ApiError, api, errorMessage } from "../../api.js";

const HINTS: Record<ActivityLabelKind, string> = {
  qualification: "「専門資格」に印のある資格の保有者が、専門資格の取得者数・取得率に数えられます。",
  training_kind: "研修の記録で選ぶ種類です。KPI の内訳（実務・商品・マナー・その他）にも使われます。",
  elderly_measure: "高齢のお客さまへの対応の記録で選ぶ方法です（方法別の件数に使われます）。",
};

function LabelRow({
  label,
  canEdit,
  onSaved,
}: {
  label: ActivityLabel;
  canEdit: boolean;
  onSaved: () => void;
}) {
  const [name, setName] = useState(label.name);
  const [sortOrder, setSortOrder] = useState(String(label.sortOrder));
  const [qualifying, setQualifying] = useState(label.qualifying);
  const [active, setActive] = useState(label.active);
  const [error, setError] = useState<string | null>(null);
  const changed =
    name !== label.name ||
    sortOrder !== String(label.sortOrder) ||
    qualifying !== label.qualifying ||
    active !== label.active;

  async function save() {
    setError(null);
    const order = Number(sortOrder.normalize("NFKC").trim());
    if (!Number.isInteger(order) || order < 0 || order > 9999) {
      setError("並び順は0〜9999の整数で入力してください");
      return;
    }
    try {
      await api("PATCH /api/v1/activities/labels/:id", {
        params: { id: label.id },
        body: { name, sortOrder: order, qualifying, active },
      });
      onSaved();
    } catch (e) {
      setError(e instanceof ApiError ? (Object.values(e.fields)[0] ?? e.message) : errorMessage(e));
    }
  }
  const enter = (e: KeyboardEvent) => {
    if (e.key === "Enter" && changed) {
      e.preventDefault();
      void save();
    }
  };
  return (
    <Table.Tr data-label-code={label.code}>
      <Table.Td>
        <Text size="sm" ff="monospace">
          {label.code}
        </Text>
      </Table.Td>
      <Table.Td>
        <TextInput
          size="xs"
          aria-label={`${label.name}の名前`}
          value={name}
          readOnly={!canEdit}
          error={error ?? undefined}
          onChange={(e) => setName(e.currentTarget.value)}
          onKeyDown={enter}
        />
      </Table.Td>
      <Table.Td>
        <TextInput
          size="xs"
          w={70}
          inputMode="numeric"
          aria-label={`${label.name}の並び順`}
          value={sortOrder}
          readOnly={!canEdit}
          onChange={(e) => setSortOrder(e.currentTarget.value)}
          onKeyDown={enter}
        />
      </Table.Td>
      {label.kind === "qualification" && (
        <Table.Td>
          <Checkbox
            aria-label={`${label.name}を専門資格として数える`}
            checked={qualifying}
            disabled={!canEdit}
            onChange={(e) => setQualifying(e.currentTarget.checked)}
          />
        </Table.Td>
      )}
      <Table.Td>
        <Checkbox
          aria-label={`${label.name}を使う`}
          checked={active}
          disabled={!canEdit}
          onChange={(e) => setActive(e.currentTarget.checked)}
        />
      </Table.Td>
      <Table.Td>
        {canEdit && (
          <Button size="xs" variant={changed ? "filled" : "default"} disabled={!changed} onClick={save}>
            保存
          </Button>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

function NewLabel({
  kind,
  nextOrder,
  onAdded,
}: {
  kind: ActivityLabelKind;
  nextOrder: number;
  onAdded: () => void;
}) {
  const [code, setCode] = useState("");
  const [name, setName] = useState("");
  const [qualifying, setQualifying] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  async function submit(e: FormEvent) {
    e.preventDefault();
    setErrors({});
    try {
      await api("POST /api/v1/activities/labels", {
        body: { kind, code, name, qualifying, active: true, sortOrder: nextOrder },
      });
      setCode("");
      setName("");
      setQualifying(false);
      onAdded();
    } catch (e2) {
      setErrors(e2 instanceof ApiError ? { name: e2.message, ...e2.fields } : { name: errorMessage(e2) });
    }
  }
  return (
    <form onSubmit={submit} aria-label={`${LABEL_KIND_NAMES[kind]}の追加`}>
      <Group align="flex-start" gap="xs">
        <TextInput
          size="xs"
          w={150}
          aria-label={`新しい${LABEL_KIND_NAMES[kind]}のコード`}
          placeholder="コード（例: securities）"
          value={code}
          error={errors.code}
          onChange={(e) => setCode(e.currentTarget.value)}
        />
        <TextInput
          size="xs"
          w={220}
          aria-label={`新しい${LABEL_KIND_NAMES[kind]}の名前`}
          placeholder="名前（例: 証券外務員）"
          value={name}
          error={errors.name}
          onChange={(e) => setName(e.currentTarget.value)}
        />
        {kind === "qualification" && (
          <Checkbox
            mt={6}
            label="専門資格として数える"
            checked={qualifying}
            onChange={(e) => setQualifying(e.currentTarget.checked)}
          />
        )}
        <Button size="xs" type="submit" variant="light">
          追加
        </Button>
      </Group>
    </form>
  );
}

export function LabelListsTab({ canEdit }: { canEdit: boolean }) {
  const [labels, setLabels] = useState<ActivityLabel[]>([]);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      setLabels((await api("GET /api/v1/activities/labels")).items);
      setError(null);
    } catch (e) {
      setError(errorMessage(e));
    }
  }, []);
  useEffect(() => {
    void load();
  }, [load]);
  return (
    <Stack gap="lg">
      {error && <Alert color="red">{error}</Alert>}
      {LABEL_KINDS.map((kind) => {
        const rows = labels.filter((l) => l.kind === kind);
        return (
          <Stack key={kind} gap={4}>
            <Title order={4}>{LABEL_KIND_NAMES[kind]}</Title>
            <Text size="xs" c="dimmed">
              {HINTS[kind]}使わなくなった項目は「使う」を外します（過去の記録はそのまま残ります）。
            </Text>
            <Table withTableBorder striped aria-label={`${LABEL_KIND_NAMES[kind]}の一覧`} maw={760}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={150}>コード</Table.Th>
                  <Table.Th>名前</Table.Th>
                  <Table.Th w={90}>並び順</Table.Th>
                  {kind === "qualification" && <Table.Th w={90}>専門資格</Table.Th>}
                  <Table.Th w={60}>使う</Table.Th>
                  <Table.Th w={80} />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((l) => (
                  <LabelRow
                    key={`${l.id}-${l.name}-${l.sortOrder}-${l.active}-${l.qualifying}`}
                    label={l}
                    canEdit={canEdit}
                    onSaved={() => void load()}
                  />
                ))}
              </Table.Tbody>
            </Table>
            {canEdit && (
              <NewLabel
                kind={kind}
                nextOrder={Math.max(0, ...rows.map((r) => r.sortOrder)) + 10}
                onAdded={() => void load()}
              />
            )}
          </Stack>
        );
      })}
    </Stack>
  );
}
