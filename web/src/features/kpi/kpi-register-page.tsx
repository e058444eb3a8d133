// The KPI register of a reporting year: each theme's KPIs with value, last year's value, the year-over-year
// wording, a sparkline of the last five years, breakdown and note; the records behind each value open in a dialog; an empty register offers seed
// 001's template. Values come from GET /api/v1/kpis (computed from the records, or entered by hand). Each KPI's
// 取り組み・評価 (and a hand-entered value with its evidence) opens in a dialog with its history; the other tabs
// manage the KPIs and themes (add, edit, retire) and the reporting setting; the year selector says 年度 on the
// fiscal-year basis.
import { Alert, Badge, Button, Group, Modal, Select, Stack, Table, Tabs, Text, Title } from "@mantine/core";
import { useCallback, useEffect, useState } from "react";
import { useSearchParams } from "react-router";
import { jstToday } from "../../../../src/domain/jst.js";
import { canManageKpis } from "../../../../src/domain/roles.js";
import type { KpiRegister, KpiReporting, KpiValue } from "../../../../src/features/kpi/contract.js";
import { api, errorMessage } from "../../api.js";
import { useCurrentUser } from "../../session.js";
import { KpiDefinitions } from "./kpi-definitions.js";
import { KpiEntryDialog, type KpiEntryTarget } from "./kpi-entry-dialog.js";
import { KpiReportingSettings } from "./kpi-reporting-settings.js";
import { Sparkline } from "./sparkline.js";

const CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩";

function SourcesDialog({ kpi, onClose }: { kpi: KpiValue | null; onClose: () => void }) {
  return (
    <Modal
      opened={kpi !== null}
      onClose={onClose}
      title={kpi ? `${kpi.name}（${kpi.display}）の根拠` : ""}
      size="lg"
    >
      {kpi && (
        <Stack gap="xs">
          <Text size="sm">
            {kpi.period.label}・{kpi.sourceTotal.toLocaleString("ja-JP")}件の記録
            {kpi.sources.length < kpi.sourceTotal ? `（先頭${kpi.sources.length}件を表示）` : ""}
          </Text>
          {kpi.voiceQuery && (
            <Button
              component="a"
              href={`/voices?${kpi.voiceQuery}`}
              variant="light"
              size="xs"
              w="fit-content"
            >
              声の一覧で開く
            </Button>
          )}
          <Table striped withTableBorder aria-label="根拠の記録">
            <Table.Tbody>
              {kpi.sources.map((s) => (
                <Table.Tr key={`${s.kind}-${s.id ?? s.label}`}>
                  <Table.Td>{s.date?.slice(0, 10) ?? ""}</Table.Td>
                  <Table.Td>{s.label}</Table.Td>
                  <Table.Td>{s.detail ?? ""}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Stack>
      )}
    </Modal>
  );
}

export function KpiRegisterPage() {
  const user = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const thisYear = Number(jstToday().slice(0, 4));
  const year = Number(params.get("year") ?? thisYear - 1);
  const tab = params.get("tab") ?? "register";
  const canEdit = canManageKpis(user);
  const [register, setRegister] = useState<KpiRegister | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [open, setOpen] = useState<KpiValue | null>(null);
  const [entry, setEntry] = useState<KpiEntryTarget | null>(null);
  // the year selector names 年度 when the reporting setting is the fiscal year
  const [basis, setBasis] = useState<KpiReporting["basis"] | null>(null);

  const load = useCallback(() => {
    setError(null);
    api("GET /api/v1/kpis", { query: { year } }).then(
      (r) => {
        setRegister(r);
        setBasis(r.reporting.basis);
      },
      (e: unknown) => setError(errorMessage(e)),
    );
  }, [year]);
  useEffect(load, [load]);
  useEffect(() => {
    // the register may refuse a year (not begun yet): the setting is read on its own too
    api("GET /api/v1/kpis/settings").then(
      (r) => setBasis(r.basis),
      () => undefined,
    );
  }, []);

  async function applyTemplate() {
    try {
      await api("POST /api/v1/kpis/template");
      load();
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  const years = Array.from({ length: 8 }, (_, i) => String(thisYear - i));
  return (
    <Stack>
      <Group justify="space-between">
        <Title order={2}>KPI（顧客本位の業務運営）</Title>
        <Select
          aria-label="報告期間の年"
          data={years.map((y) => ({ value: y, label: basis === "fiscal" ? `${y}年度` : `${y}年` }))}
          value={String(year)}
          onChange={(v) => v && setParams({ year: v, tab })}
          w={120}
        />
      </Group>
      {error && <Alert color="red">{error}</Alert>}
      <Tabs
        value={tab}
        onChange={(v) => v && setParams({ year: String(year), tab: v }, { replace: true })}
        keepMounted={false}
      >
        <Tabs.List>
          <Tabs.Tab value="register">KPI一覧</Tabs.Tab>
          <Tabs.Tab value="definitions">指標の管理</Tabs.Tab>
          <Tabs.Tab value="settings">報告の設定</Tabs.Tab>
        </Tabs.List>
        <Tabs.Panel value="definitions" pt="md">
          <KpiDefinitions year={year} canEdit={canEdit} onChanged={load} />
        </Tabs.Panel>
        <Tabs.Panel value="settings" pt="md">
          <KpiReportingSettings canEdit={canEdit} onChanged={load} />
        </Tabs.Panel>
        <Tabs.Panel value="register" pt="md">
          <Stack>
            {register && register.themes.length === 0 && (
              <Alert color="blue" title="KPI がまだありません">
                <Stack gap="xs">
                  <Text size="sm">
                    方針の5つのテーマと13の指標（研修回数、継続率、声の件数など）をひな形から作成できます。
                  </Text>
                  {canEdit && (
                    <Button onClick={applyTemplate} w="fit-content">
                      ひな形から作成
                    </Button>
                  )}
                </Stack>
              </Alert>
            )}
            {register?.themes.map((t) => (
              <Stack key={t.id} gap={4}>
                <Group gap="xs">
                  <Title order={4}>
                    {t.number}．{t.name}
                  </Title>
                  {t.retiredAt && (
                    <Badge color="gray" title={`テーマ廃止 ${t.retiredAt.slice(0, 10)}`}>
                      テーマ廃止
                    </Badge>
                  )}
                </Group>
                <Table withTableBorder aria-label={t.name}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th w={40}>番号</Table.Th>
                      <Table.Th>指標</Table.Th>
                      <Table.Th ta="right" style={{ whiteSpace: "nowrap" }}>
                        {register.themes[0]?.kpis[0]?.period.label ?? `${year}年`}
                      </Table.Th>
                      <Table.Th ta="right">前年</Table.Th>
                      <Table.Th>前年比</Table.Th>
                      <Table.Th>推移（5年）</Table.Th>
                      <Table.Th>内訳</Table.Th>
                      <Table.Th />
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {t.kpis.map((k) => (
                      <Table.Tr key={k.kpiId} data-kpi={`${t.number}-${k.number}`}>
                        <Table.Td>{CIRCLED[k.number - 1]}</Table.Td>
                        <Table.Td>
                          {k.name} {k.retiredAt && <Badge color="gray">廃止</Badge>}
                          {k.source === "manual" && (
                            <Text size="xs" c="dimmed">
                              手入力{k.evidence ? `（根拠: ${k.evidence}）` : ""}
                            </Text>
                          )}
                          {k.narrative && (
                            <Text size="xs" lineClamp={2} data-role="narrative" title={k.narrative}>
                              取り組み・評価: {k.narrative}
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td ta="right" fw={700} data-role="value" style={{ whiteSpace: "nowrap" }}>
                          {k.display}
                        </Table.Td>
                        <Table.Td ta="right" style={{ whiteSpace: "nowrap" }}>
                          {k.previousDisplay}
                        </Table.Td>
                        <Table.Td data-role="yoy" style={{ whiteSpace: "nowrap" }}>
                          {k.yoy}
                        </Table.Td>
                        <Table.Td>
                          <Sparkline points={k.trend} unit={k.unit} />
                        </Table.Td>
                        <Table.Td>
                          <Text size="sm">
                            {k.breakdown.map((b) => `${b.label} ${b.display}`).join("・")}
                          </Text>
                          {k.note && (
                            <Text size="xs" c="dimmed">
                              ※{k.note}
                            </Text>
                          )}
                        </Table.Td>
                        <Table.Td>
                          <Group gap={2} wrap="nowrap">
                            {k.sourceTotal > 0 && (
                              <Button variant="subtle" size="xs" onClick={() => setOpen(k)}>
                                根拠を見る
                              </Button>
                            )}
                            <Button
                              variant="subtle"
                              size="xs"
                              onClick={() => setEntry({ kpiId: k.kpiId, name: k.name, year })}
                            >
                              {canEdit ? "取り組み・評価" : "履歴"}
                            </Button>
                          </Group>
                        </Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              </Stack>
            ))}
          </Stack>
        </Tabs.Panel>
      </Tabs>
      <SourcesDialog kpi={open} onClose={() => setOpen(null)} />
      <KpiEntryDialog target={entry} canEdit={canEdit} onClose={() => setEntry(null)} onSaved={load} />
    </Stack>
  );
}
