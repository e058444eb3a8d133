// 保険会社への報告: the reports still to send (overdue first) for the user's scope; admins set which voices must
// be reported and within how many business days.
import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Loader,
  MultiSelect,
  NumberInput,
  SegmentedControl,
  Stack,
  Switch,
  Table,
  Text,
  Title,
} from "@mantine/core";
import { useEffect, useState } from "react";
import { Link, useSearchParams } from "react-router";
import { canAdminister } from "../../../../src/domain/roles.js";
import type {
  InsurerReportList,
  InsurerReportRuleDto,
} from "../../../../src/features/insurer-reports/contract.js";
import { ApiError, api, errorMessage } from "../../api.js";
import { formatDate, formatDateTime } from "../../format.js";
import { useReferenceData } from "../../reference-data.js";
import { useCurrentUser } from "../../session.js";

function RuleForm({
  rule,
  onSaved,
}: {
  rule: InsurerReportRuleDto;
  onSaved: (r: InsurerReportRuleDto) => void;
}) {
  const { taxonomy } = useReferenceData();
  const [value, setValue] = useState(rule);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const options = (list: { code: string; name: string; active: boolean }[] | undefined) =>
    (list ?? []).filter((l) => l.active).map((l) => ({ value: l.code, label: l.name }));
  async function save() {
    try {
      const saved = await api("PUT /api/v1/settings/insurer-reports", { body: value });
      setErrors({});
      setMessage({ ok: true, text: "保存しました" });
      onSaved(saved);
    } catch (e) {
      setMessage({ ok: false, text: errorMessage(e) });
      if (e instanceof ApiError) setErrors(e.fields ?? {});
    }
  }
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Title order={4}>報告の設定（管理者）</Title>
        <Switch
          label="保険会社への報告を管理する"
          checked={value.enabled}
          onChange={(e) => setValue({ ...value, enabled: e.currentTarget.checked })}
        />
        <MultiSelect
          label="報告が必要な種別"
          data={options(taxonomy?.type)}
          value={value.typeCodes}
          onChange={(typeCodes) => setValue({ ...value, typeCodes })}
          error={errors.typeCodes}
        />
        <MultiSelect
          label="報告が必要な商品（空欄ならすべて）"
          data={options(taxonomy?.product_line)}
          value={value.productLineCodes}
          onChange={(productLineCodes) => setValue({ ...value, productLineCodes })}
          error={errors.productLineCodes}
        />
        <NumberInput
          label="報告期限（受付から何営業日以内）"
          min={0}
          max={30}
          value={value.days}
          onChange={(d) => setValue({ ...value, days: typeof d === "number" ? d : Number(d) })}
          error={errors.days}
          w={260}
        />
        <Group>
          <Button onClick={() => void save()}>保存</Button>
          {message && (
            <Text size="sm" c={message.ok ? "teal.8" : "red"} role="status">
              {message.text}
            </Text>
          )}
        </Group>
      </Stack>
    </Card>
  );
}

export function InsurerReportsPage() {
  const user = useCurrentUser();
  // the state is in the address, so the dashboard's tile opens the overdue list
  const [params, setParams] = useSearchParams();
  const state = params.get("state") === "overdue" ? "overdue" : "pending";
  const setState = (v: "overdue" | "pending") =>
    setParams(v === "pending" ? {} : { state: v }, { replace: true });
  const [list, setList] = useState<InsurerReportList | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [reload, setReload] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: reload is the signal to read the list again
  useEffect(() => {
    api("GET /api/v1/insurer-reports", { query: { state } })
      .then(setList)
      .catch((e) => setError(errorMessage(e)));
  }, [state, reload]);

  return (
    <Stack gap="md" maw={1100}>
      <Title order={2}>保険会社への報告</Title>
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      {list && !list.rule.enabled && (
        <Text c="dimmed">保険会社への報告は管理していません（管理者が下の設定で使うようにできます）。</Text>
      )}
      <Group justify="space-between">
        <SegmentedControl
          value={state}
          onChange={(v) => setState(v as "overdue" | "pending")}
          data={[
            { value: "pending", label: "未報告すべて" },
            { value: "overdue", label: "期限超過" },
          ]}
        />
        {list && <Text fw={600}>期限超過 {list.overdue} 件</Text>}
      </Group>
      {list ? (
        list.items.length === 0 ? (
          <Text c="dimmed">該当する声はありません。</Text>
        ) : (
          <Table striped withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>受付番号</Table.Th>
                <Table.Th>受付日時</Table.Th>
                <Table.Th>部署</Table.Th>
                <Table.Th>種別・商品</Table.Th>
                <Table.Th>担当者</Table.Th>
                <Table.Th>報告期限</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.items.map((r) => (
                <Table.Tr key={r.voiceId}>
                  <Table.Td>
                    <Link to={`/voices/${r.voiceId}`}>{r.receiptNumber}</Link>
                  </Table.Td>
                  <Table.Td>{formatDateTime(r.receivedAt)}</Table.Td>
                  <Table.Td>{r.department.name}</Table.Td>
                  <Table.Td>
                    {r.type.name}
                    {r.productLine ? `・${r.productLine.name}` : ""}
                  </Table.Td>
                  <Table.Td>{r.assignee?.name ?? "未割り当て"}</Table.Td>
                  <Table.Td>
                    <Group gap={4}>
                      {formatDate(r.dueDate)}
                      {r.overdue && (
                        <Badge color="red" size="xs">
                          期限超過
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )
      ) : (
        <Loader />
      )}
      {list && canAdminister(user) && <RuleForm rule={list.rule} onSaved={() => setReload((n) => n + 1)} />}
    </Stack>
  );
}
