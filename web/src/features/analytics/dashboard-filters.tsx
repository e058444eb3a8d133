// The dashboard's period selector (今年度 / 前年度 / 上期 / 下期 / 月 / 期間指定, with the 年度) and the voice list's
// filters (部署・受付チャネル・種別・分類). Everything is written to the address, so the view can be shared.
import {
  Button,
  Group,
  NativeSelect,
  Paper,
  SegmentedControl,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
} from "@mantine/core";
import { useEffect, useId, useState } from "react";
import type { Taxonomy } from "../../../../src/shared/api-contract.js";
import { labelOptions } from "../../reference-data.js";
import {
  FILTER_KEYS,
  type FilterKey,
  fiscalYearParams,
  PERIOD_CHOICES,
  type PeriodChoice,
  type PeriodState,
  periodParamsFor,
} from "./dashboard-query.js";

const FILTER_LABELS: Record<FilterKey, string> = {
  department: "部署",
  channel: "受付チャネル",
  type: "種別",
  category: "分類",
};

interface Props {
  params: URLSearchParams;
  state: PeriodState;
  startMonth: number;
  taxonomy: Taxonomy | null;
  /** staff see their own department only: the 部署 filter is fixed to it */
  fixedDepartment: { code: string; name: string } | null;
  onChange: (values: Record<string, string | undefined>) => void;
}

export function DashboardFilters({ params, state, startMonth, taxonomy, fixedDepartment, onChange }: Props) {
  const periodLabelId = useId();
  const [from, setFrom] = useState(params.get("from") ?? "");
  const [to, setTo] = useState(params.get("to") ?? "");
  const paramFrom = params.get("from") ?? "";
  const paramTo = params.get("to") ?? "";
  useEffect(() => {
    setFrom(paramFrom);
    setTo(paramTo);
  }, [paramFrom, paramTo]);

  const choose = (choice: PeriodChoice) => {
    if (choice === "other") return;
    onChange(periodParamsFor(choice, state, startMonth));
  };
  const years = Array.from({ length: 7 }, (_, i) => state.currentFiscalYear - i);
  if (!years.includes(state.fiscalYear)) years.push(state.fiscalYear);
  const showYear = state.choice !== "month" && state.choice !== "custom";

  const options: Record<FilterKey, { value: string; label: string }[]> = {
    department: (taxonomy?.departments ?? [])
      .filter((d) => d.active || d.code === params.get("department"))
      .map((d) => ({ value: d.code, label: d.name })),
    channel: labelOptions(taxonomy?.channel, params.get("channel")),
    type: labelOptions(taxonomy?.type, params.get("type")),
    category: labelOptions(taxonomy?.category, params.get("category")),
  };
  const hasFilters = FILTER_KEYS.some((k) => params.get(k) && !(k === "department" && fixedDepartment));

  return (
    <Paper withBorder p="sm" component="section" aria-label="期間と絞り込み">
      <Stack gap="sm">
        <Group gap="sm" align="flex-end" wrap="wrap">
          <Stack gap={4}>
            <Text size="sm" fw={500} id={periodLabelId}>
              期間
            </Text>
            <SegmentedControl
              value={state.choice === "other" ? "" : state.choice}
              onChange={(v) => choose(v as PeriodChoice)}
              data={PERIOD_CHOICES}
              aria-labelledby={periodLabelId}
            />
          </Stack>
          {showYear && (
            <NativeSelect
              label="年度"
              value={String(state.fiscalYear)}
              onChange={(e) => onChange(fiscalYearParams(Number(e.currentTarget.value), state, startMonth))}
              data={years.map((y) => ({
                value: String(y),
                label: `${y}年度${y === state.currentFiscalYear ? "（今年度）" : ""}`,
              }))}
              w={190}
            />
          )}
          {state.choice === "month" && (
            <TextInput
              type="month"
              label="月"
              value={state.period?.kind === "month" ? state.period.month : ""}
              onChange={(e) => {
                const v = e.currentTarget.value;
                if (/^\d{4}-\d{2}$/.test(v)) onChange({ period: v, from: undefined, to: undefined });
              }}
              w={170}
            />
          )}
          {state.choice === "custom" && (
            <Group
              gap="xs"
              align="flex-end"
              component="form"
              onSubmit={(e) => {
                e.preventDefault();
                onChange({ period: undefined, from, to });
              }}
              aria-label="期間指定"
            >
              <TextInput
                type="date"
                label="受付日（から）"
                value={from}
                onChange={(e) => setFrom(e.currentTarget.value)}
              />
              <TextInput
                type="date"
                label="受付日（まで）"
                value={to}
                onChange={(e) => setTo(e.currentTarget.value)}
              />
              <Button type="submit" variant="light">
                表示
              </Button>
            </Group>
          )}
        </Group>
        <SimpleGrid cols={{ base: 2, md: 4 }} spacing="sm">
          {FILTER_KEYS.map((k) =>
            k === "department" && fixedDepartment ? (
              <NativeSelect
                key={k}
                label={FILTER_LABELS[k]}
                value={fixedDepartment.code}
                data={[{ value: fixedDepartment.code, label: fixedDepartment.name }]}
                disabled
                description="担当者は所属部署の集計を表示します"
              />
            ) : (
              <NativeSelect
                key={k}
                label={FILTER_LABELS[k]}
                value={params.get(k) ?? ""}
                onChange={(e) => onChange({ [k]: e.currentTarget.value || undefined })}
                data={[{ value: "", label: "すべて" }, ...options[k]]}
              />
            ),
          )}
        </SimpleGrid>
        {hasFilters && (
          <Group justify="flex-end">
            <Button
              variant="subtle"
              size="xs"
              onClick={() => onChange(Object.fromEntries(FILTER_KEYS.map((k) => [k, undefined])))}
            >
              絞り込みを解除
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
