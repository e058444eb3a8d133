// 活動記録: the records the KPIs count, one tab each — monthly business figures (a keyboard grid, a CSV/XLSX
// import and the stored figures), trainings, events, audits, the staff roster and the customer-protection
// records — for a chosen year, and the editable lists they choose from. cs and admins enter; leads read.
import { Group, Select, Stack, Tabs, Text, Title } from "@mantine/core";
import { useState } from "react";
import { useSearchParams } from "react-router";
import { jstToday } from "../../../../src/domain/jst.js";
import { canRecordActivities } from "../../../../src/domain/roles.js";
import { useCurrentUser } from "../../session.js";
import { BusinessFiguresGrid } from "./business-figures-grid.js";
import { FiguresImport, StoredFigures } from "./figures-import.js";
import { LabelListsTab } from "./label-lists.js";
import { ProtectionTab, StaffTab } from "./people-tabs.js";
import { AuditsTab, EventsTab, TrainingsTab } from "./record-tabs.js";

const TABS = [
  ["figures", "月次実績"],
  ["trainings", "研修"],
  ["events", "イベント・セミナー・相談会"],
  ["audits", "点検・監査"],
  ["staff", "職員・資格"],
  ["protection", "高齢者対応・意向把握"],
  ["lists", "一覧の編集"],
] as const;

export function ActivitiesPage() {
  const user = useCurrentUser();
  const canEdit = canRecordActivities(user);
  const [params, setParams] = useSearchParams();
  const thisYear = Number(jstToday().slice(0, 4));
  const year = Number(params.get("year") ?? thisYear);
  const tab = params.get("tab") ?? "figures";
  const set = (change: Record<string, string>) =>
    setParams({ year: String(year), tab, ...change }, { replace: true });
  const props = { year, canEdit };
  // bumped by an import or a deletion: the grid and the stored list read the year's figures again
  const [figuresVersion, setFiguresVersion] = useState(0);
  const figuresChanged = () => setFiguresVersion((v) => v + 1);
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>活動記録（KPI の元になる記録）</Title>
        <Select
          aria-label="記録の年"
          data={Array.from({ length: 8 }, (_, i) => ({
            value: String(thisYear - i),
            label: `${thisYear - i}年`,
          }))}
          value={String(year)}
          onChange={(v) => v && set({ year: v })}
          w={120}
        />
      </Group>
      {!canEdit && (
        <Text size="sm" c="dimmed">
          閲覧のみです（記録の入力はお客様相談室・管理者が行います）
        </Text>
      )}
      <Tabs value={tab} onChange={(v) => v && set({ tab: v })} keepMounted={false}>
        <Tabs.List>
          {TABS.map(([value, label]) => (
            <Tabs.Tab key={value} value={value}>
              {label}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="figures" pt="md">
          <Stack gap="xs">
            <BusinessFiguresGrid key={figuresVersion} {...props} />
            <FiguresImport canEdit={canEdit} onImported={figuresChanged} />
            <StoredFigures {...props} version={figuresVersion} onDeleted={figuresChanged} />
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="trainings" pt="md">
          <TrainingsTab {...props} />
        </Tabs.Panel>
        <Tabs.Panel value="events" pt="md">
          <EventsTab {...props} />
        </Tabs.Panel>
        <Tabs.Panel value="audits" pt="md">
          <AuditsTab {...props} />
        </Tabs.Panel>
        <Tabs.Panel value="staff" pt="md">
          <StaffTab {...props} />
        </Tabs.Panel>
        <Tabs.Panel value="protection" pt="md">
          <ProtectionTab {...props} />
        </Tabs.Panel>
        <Tabs.Panel value="lists" pt="md">
          <LabelListsTab canEdit={canEdit} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
