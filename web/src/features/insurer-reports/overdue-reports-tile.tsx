// The dashboard's tile for insurer reports past their due date: shown to the roles that handle them (their
// department's, or every department's for cs and admins) when the organization tracks insurer reports; it opens
// the report list filtered to the overdue ones.
import { Group, Paper, Text, UnstyledButton } from "@mantine/core";
import { useEffect, useState } from "react";
import { Link } from "react-router";
import { insurerReportScopeFor } from "../../../../src/domain/roles.js";
import type { InsurerReportList } from "../../../../src/features/insurer-reports/contract.js";
import { api } from "../../api.js";
import { useCurrentUser } from "../../session.js";

export function OverdueInsurerReportsTile() {
  const user = useCurrentUser();
  const scope = insurerReportScopeFor(user);
  const [list, setList] = useState<InsurerReportList | null>(null);
  useEffect(() => {
    if (scope.kind === "none") return;
    // the dashboard stays useful without this tile: a failed read just leaves it out
    api("GET /api/v1/insurer-reports", { query: { state: "overdue" } }).then(setList, () => setList(null));
  }, [scope.kind]);
  if (scope.kind === "none" || !list?.rule.enabled) return null;
  const n = list.overdue;
  const where = scope.kind === "organization" ? "全部署" : "自部署";
  return (
    <UnstyledButton
      component={Link}
      to="/insurer-reports?state=overdue"
      aria-label={`保険会社への報告の期限超過（${where}）${n}件。一覧を開く`}
      data-testid="tile-insurer-overdue"
      maw={360}
    >
      <Paper
        withBorder
        p="sm"
        style={{ borderLeft: `4px solid var(--mantine-color-${n > 0 ? "red" : "gray"}-6)` }}
      >
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <div>
            <Text fw={700}>保険会社への報告の期限超過</Text>
            <Text size="xs" c="dimmed">
              {where}・{list.rule.days}営業日以内に報告
            </Text>
          </div>
          <Text fw={700} fz={28} lh={1} c={n > 0 ? "red.7" : undefined} style={{ whiteSpace: "nowrap" }}>
            {n.toLocaleString("ja-JP")}
            <Text span fz="sm" fw={500} ml={2}>
              件
            </Text>
          </Text>
        </Group>
      </Paper>
    </UnstyledButton>
  );
}
