// One KPI for one reporting year in a dialog: the narrative (取り組み・評価) and, for a hand-entered KPI, its value
// with the evidence and breakdown (one 「名前 値」 a line); below, the KPI's history (value, year-over-year
// wording and narrative of the years before), readable for a retired KPI too. Enter in a one-line field saves,
// and Ctrl+Enter in the narrative.
import { Alert, Badge, Button, Group, Modal, Stack, Table, Text, Textarea, TextInput } from "@mantine/core";
import { type FormEvent, useCallback, useEffect, useState } from "react";
import type { KpiHistory } from "../../../../src/features/kpi/contract.js";
import { ApiError, api, errorMessage } from "../../api.js";

export interface KpiEntryTarget {
  kpiId: number;
  name: string;
  year: number;
}

interface Props {
  target: KpiEntryTarget | null;
  canEdit: boolean;
  onClose: () => void;
  onSaved: () => void;
}

export function KpiEntryDialog({ target, canEdit, onClose, onSaved }: Props) {
  const [history, setHistory] = useState<KpiHistory | null>(null);
  const [narrative, setNarrative] = useState("");
  const [value, setValue] = useState("");
  const [evidence, setEvidence] = useState("");
  const [breakdown, setBreakdown] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    if (!target) return;
    const h = await api("GET /api/v1/kpis/:id/history", {
      params: { id: target.kpiId },
      query: { year: target.year },
    });
    setHistory(h);
    const now = h.items[0];
    setNarrative(now?.narrative ?? "");
    setEvidence(now?.evidence ?? "");
    setValue(h.kpi.source === "manual" && now?.value != null ? String(now.value) : "");
    setBreakdown(
      h.kpi.source === "manual" ? (now?.breakdown ?? []).map((b) => `${b.label} ${b.value}`).join("\n") : "",
    );
  }, [target]);

  useEffect(() => {
    setHistory(null);
    setErrors({});
    setMessage(null);
    load().catch((e: unknown) => setMessage({ ok: false, text: errorMessage(e) }));
  }, [load]);

  const manual = history?.kpi.source === "manual";
  const unit = history?.kpi.unit ?? "";

  async function save(e?: FormEvent) {
    e?.preventDefault();
    if (!target || !history) return;
    const body: {
      narrative: string | null;
      value?: number | null;
      evidence?: string | null;
      breakdown?: { label: string; value: number }[];
    } = {
      narrative: narrative.trim() ? narrative : null,
    };
    if (manual) {
      const t = value
        .normalize("NFKC")
        .replace(/[,％%]/g, "")
        .trim();
      if (t !== "" && !/^\d+(\.\d+)?$/.test(t)) {
        setErrors({ value: "値は0以上の数値で入力してください" });
        return;
      }
      body.value = t === "" ? null : Number(t);
      body.evidence = evidence.trim() ? evidence : null;
      const items: { label: string; value: number }[] = [];
      for (const [i, line] of breakdown.split("\n").entries()) {
        if (!line.trim()) continue;
        const m = /^(.+?)\s+([\d.,]+)\s*[名回件%％]?$/.exec(line.normalize("NFKC").trim());
        if (!m) {
          setErrors({
            breakdown: `内訳の${i + 1}行目は「名前 値」の形で入力してください（例: 自動車 92.5）`,
          });
          return;
        }
        items.push({ label: m[1] as string, value: Number((m[2] as string).replace(/,/g, "")) });
      }
      body.breakdown = items;
    }
    setBusy(true);
    setErrors({});
    setMessage(null);
    try {
      await api("PUT /api/v1/kpis/:id/entries", {
        params: { id: target.kpiId },
        query: { year: target.year },
        body,
      });
      await load();
      setMessage({ ok: true, text: "保存しました" });
      onSaved();
    } catch (e2) {
      if (e2 instanceof ApiError) setErrors(e2.fields);
      setMessage({ ok: false, text: errorMessage(e2) });
    } finally {
      setBusy(false);
    }
  }

  const current = history?.items[0];
  return (
    <Modal
      opened={target !== null}
      onClose={onClose}
      size="xl"
      title={target ? `${target.name}：${current?.period.label ?? `${target.year}年`}の取り組み・評価` : ""}
    >
      {message && (
        <Alert color={message.ok ? "green" : "red"} mb="sm" role={message.ok ? "status" : "alert"}>
          {message.text}
        </Alert>
      )}
      {history && current && (
        <Stack gap="md">
          <Group gap="xs">
            <Text size="sm">
              値: <b>{current.display}</b>（{current.yoy}）
            </Text>
            {history.kpi.retiredAt && (
              <Badge color="gray">廃止（{history.kpi.retiredAt.slice(0, 10)}）</Badge>
            )}
          </Group>
          {canEdit ? (
            <form onSubmit={save} aria-label="取り組み・評価の入力">
              <Stack gap="sm">
                {manual && (
                  <Group grow align="flex-start">
                    <TextInput
                      label={`値（${unit}）`}
                      inputMode="decimal"
                      maw={160}
                      value={value}
                      error={errors.value}
                      onChange={(e) => setValue(e.currentTarget.value)}
                    />
                    <TextInput
                      label="根拠（資料名・集計元）"
                      placeholder="例: CS向上委員会 議事録（2023年12月）"
                      value={evidence}
                      error={errors.evidence}
                      onChange={(e) => setEvidence(e.currentTarget.value)}
                    />
                  </Group>
                )}
                {manual && (
                  <Textarea
                    label="内訳（任意）"
                    description="1行に「名前 値」（例: 自動車 92.5）"
                    autosize
                    minRows={2}
                    value={breakdown}
                    error={
                      errors.breakdown ??
                      Object.entries(errors).find(([k]) => k.startsWith("breakdown."))?.[1]
                    }
                    onChange={(e) => setBreakdown(e.currentTarget.value)}
                  />
                )}
                <Textarea
                  label="取り組み・評価"
                  description="この年に取り組んだことと、その評価（Ctrl+Enter で保存）"
                  autosize
                  minRows={4}
                  value={narrative}
                  error={errors.narrative ?? errors.period}
                  onChange={(e) => setNarrative(e.currentTarget.value)}
                  onKeyDown={(e) => {
                    if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) void save();
                  }}
                />
                <Group justify="flex-end">
                  <Button type="submit" loading={busy}>
                    保存
                  </Button>
                </Group>
              </Stack>
            </form>
          ) : (
            <Text style={{ whiteSpace: "pre-wrap" }}>{current.narrative ?? "（記述はまだありません）"}</Text>
          )}
          <Stack gap={4}>
            <Text fw={700} size="sm">
              これまでの推移
            </Text>
            <Table withTableBorder striped aria-label="指標の履歴">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={110}>期間</Table.Th>
                  <Table.Th w={100} ta="right">
                    値
                  </Table.Th>
                  <Table.Th w={170}>前年比</Table.Th>
                  <Table.Th>取り組み・評価</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {history.items.map((h) => (
                  <Table.Tr key={h.period.key}>
                    <Table.Td>{h.period.label}</Table.Td>
                    <Table.Td ta="right" style={{ whiteSpace: "nowrap" }}>
                      {h.display}
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: "nowrap" }}>
                      {h.yoy}
                      {h.breakdown.length > 0 && (
                        <Text size="xs" c="dimmed">
                          {h.breakdown.map((b) => `${b.label} ${b.display}`).join("・")}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
                        {h.narrative ?? ""}
                      </Text>
                      {h.evidence && (
                        <Text size="xs" c="dimmed">
                          根拠: {h.evidence}
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Stack>
        </Stack>
      )}
    </Modal>
  );
}
