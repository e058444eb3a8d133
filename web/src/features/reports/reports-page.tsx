// 報告書: the annual voice report, the KPI report and the half-year review, every version, and starting a new one.
import { Anchor, Badge, Button, Group, Select, Stack, Table, Text, TextInput, Title } from "@mantine/core";
import { useEffect, useState } from "react";
import { Link, useNavigate } from "react-router";
import { canEditReport } from "../../../../src/domain/roles.js";
import {
  REPORT_KIND_LABELS,
  REPORT_KINDS,
  type ReportKind,
  type ReportList,
} from "../../../../src/features/reports/contract.js";
import { api, errorMessage } from "../../api.js";
import { ErrorAlert, Loading } from "../../components/load-state.js";
import { useCurrentUser } from "../../session.js";

export const STATUS_COLORS: Record<string, string> = { draft: "gray", approved: "teal", published: "blue" };

export function ReportsPage() {
  const user = useCurrentUser();
  const navigate = useNavigate();
  const thisYear = new Date().getFullYear();
  const [list, setList] = useState<ReportList | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [kind, setKind] = useState<ReportKind>("annual-voice");
  const [year, setYear] = useState(String(thisYear - 1));
  const [half, setHalf] = useState("1");
  const [organisationName, setOrganisationName] = useState("");
  const [creating, setCreating] = useState(false);

  useEffect(() => {
    api("GET /api/v1/reports")
      .then(setList)
      .catch((e) => setError(errorMessage(e)));
  }, []);

  async function create() {
    setCreating(true);
    setError(null);
    try {
      const r = await api("POST /api/v1/reports", {
        body: {
          kind,
          fiscalYear: Number(year),
          ...(kind === "half-year-review" ? { half: half === "2" ? 2 : 1 } : {}),
          ...(organisationName.trim() ? { organisationName: organisationName.trim() } : {}),
        },
      });
      navigate(`/reports/${r.id}`);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setCreating(false);
    }
  }

  const years = Array.from({ length: 8 }, (_, i) => String(thisYear - i));
  return (
    <Stack gap="md">
      <Title order={2}>報告書</Title>
      <Text c="dimmed" size="sm">
        年次「お客さまの声」報告書、顧客本位の業務運営 KPI
        報告、半期の取組み報告を、登録された声と記録から作成します。
        承認すると数値が確定し、公開できるようになります。
      </Text>
      <ErrorAlert error={error} />
      {canEditReport(user) && (
        <Group align="flex-end">
          <Select
            label="種類"
            data={REPORT_KINDS.map((k) => ({ value: k, label: REPORT_KIND_LABELS[k] }))}
            value={kind}
            onChange={(v) => setKind((v as ReportKind | null) ?? kind)}
            w={280}
            allowDeselect={false}
          />
          <Select
            label={kind === "kpi" ? "年（年度）" : "年度"}
            data={years}
            value={year}
            onChange={(v) => setYear(v ?? year)}
            w={110}
            allowDeselect={false}
          />
          {kind === "half-year-review" && (
            <Select
              label="半期"
              data={[
                { value: "1", label: "上期" },
                { value: "2", label: "下期" },
              ]}
              value={half}
              onChange={(v) => setHalf(v ?? half)}
              w={100}
              allowDeselect={false}
            />
          )}
          <TextInput
            label="組織名（省略時は前回と同じ）"
            value={organisationName}
            onChange={(e) => setOrganisationName(e.currentTarget.value)}
            w={240}
          />
          <Button onClick={create} loading={creating}>
            報告書を作成
          </Button>
        </Group>
      )}
      {!list && !error && <Loading />}
      {list && list.reports.length === 0 && <Text>まだ報告書はありません。</Text>}
      {list && list.reports.length > 0 && (
        <Table striped aria-label="報告書の一覧">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>表題</Table.Th>
              <Table.Th>種類</Table.Th>
              <Table.Th>期間</Table.Th>
              <Table.Th>版</Table.Th>
              <Table.Th>状態</Table.Th>
              <Table.Th>承認</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.reports.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/reports/${r.id}`}>
                    {r.title}
                  </Anchor>
                </Table.Td>
                <Table.Td>{r.kindLabel}</Table.Td>
                <Table.Td>
                  {r.periodLabel}{" "}
                  <Text span size="sm" c="dimmed">
                    {r.from}〜{r.to}
                  </Text>
                </Table.Td>
                <Table.Td>第{r.version}版</Table.Td>
                <Table.Td>
                  <Badge color={STATUS_COLORS[r.status] ?? "gray"}>{r.statusLabel}</Badge>
                </Table.Td>
                <Table.Td>
                  {r.approvedBy ? `${r.approvedBy.name}（${r.approvedAt?.slice(0, 10)}）` : "—"}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
    </Stack>
  );
}
