// 顧客本位の振り返り: the half-year reviews by FSA principle, newest first, and starting the review of a half.
import { Anchor, Badge, Button, Group, Select, Stack, Table, Text, Title } from "@mantine/core";
import { useEffect, useState } from "react";
import { Link, useNavigate } from "react-router";
import { periodAt } from "../../../../src/domain/analysis-period.js";
import { canEditPrincipleReview } from "../../../../src/domain/roles.js";
import type { ReviewList } from "../../../../src/features/reviews/contract.js";
import { api, errorMessage } from "../../api.js";
import { ErrorAlert, Loading } from "../../components/load-state.js";
import { useCurrentUser } from "../../session.js";

export function ReviewsPage() {
  const user = useCurrentUser();
  const navigate = useNavigate();
  // The selects only suggest a half (April years, as most organisations); the server reads the organisation's setting.
  const current = periodAt("half", new Date(), 4);
  const currentYear = current.kind === "half" ? current.fiscalYear : new Date().getFullYear();
  const [list, setList] = useState<ReviewList | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [year, setYear] = useState(String(currentYear));
  const [half, setHalf] = useState(current.kind === "half" && current.half === 2 ? "1" : "2");
  const [creating, setCreating] = useState(false);

  useEffect(() => {
    api("GET /api/v1/reviews")
      .then(setList)
      .catch((e) => setError(errorMessage(e)));
  }, []);

  async function create() {
    setCreating(true);
    setError(null);
    try {
      const r = await api("POST /api/v1/reviews", { body: { period: `fy${year}h${half}` } });
      navigate(`/reviews/${r.id}`);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setCreating(false);
    }
  }

  const years = Array.from({ length: 6 }, (_, i) => String(currentYear - i));
  return (
    <Stack gap="md">
      <Title order={2}>顧客本位の振り返り（原則別・半期）</Title>
      <Text c="dimmed" size="sm">
        金融庁「顧客本位の業務運営に関する原則」の7原則ごとに、取り組み課題・【数値・事実】・【評価】をまとめます。
      </Text>
      <ErrorAlert error={error} />
      {canEditPrincipleReview(user) && (
        <Group align="flex-end">
          <Select
            label="年度"
            data={years}
            value={year}
            onChange={(v) => setYear(v ?? year)}
            w={120}
            allowDeselect={false}
          />
          <Select
            label="半期"
            data={[
              { value: "1", label: "上期" },
              { value: "2", label: "下期" },
            ]}
            value={half}
            onChange={(v) => setHalf(v ?? half)}
            w={120}
            allowDeselect={false}
          />
          <Button onClick={create} loading={creating}>
            振り返りを作成
          </Button>
        </Group>
      )}
      {!list && !error && <Loading />}
      {list && list.reviews.length === 0 && <Text>まだ振り返りはありません。</Text>}
      {list && list.reviews.length > 0 && (
        <Table striped aria-label="振り返りの一覧">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>期間</Table.Th>
              <Table.Th>状態</Table.Th>
              <Table.Th>承認</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {list.reviews.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/reviews/${r.id}`}>
                    {r.label}
                  </Anchor>{" "}
                  <Text span size="sm" c="dimmed">
                    {r.rangeLabel}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Badge color={r.status === "approved" ? "teal" : "gray"}>{r.statusLabel}</Badge>
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
