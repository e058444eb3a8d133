// The 月次実績 tab's file import and stored-figure list: a CSV or Excel file from another system is checked first
// (確認する writes nothing and lists every bad row and column in Japanese), then imported all or nothing; below,
// the year's stored figures, each deletable on its own.
import { Accordion, Alert, Button, FileInput, Group, List, Paper, Stack, Table, Text } from "@mantine/core";
import { useCallback, useEffect, useState } from "react";
import {
  BUSINESS_METRIC_LABELS,
  type BusinessFigure,
  type BusinessFigureImportResult,
  type BusinessMetric,
} from "../../../../src/features/activities/contract.js";
import type { ApiError as ApiErrorBody } from "../../../../src/shared/api-contract.js";
import { ApiError, api, apiUrl, errorMessage } from "../../api.js";
import { monthLabel } from "./figure-cells.js";

async function upload(file: File, dryRun: boolean): Promise<BusinessFigureImportResult> {
  // the file goes as the raw request body (not JSON, so not through api()); the CSRF token comes from the session
  const { csrfToken } = await api("GET /api/v1/session");
  let res: Response;
  try {
    res = await fetch(
      apiUrl("POST /api/v1/activities/business-figures/import", {
        query: { dryRun: dryRun ? "true" : "false" },
      }),
      {
        method: "POST",
        credentials: "same-origin",
        headers: {
          "Content-Type": "application/octet-stream",
          "X-File-Name": encodeURIComponent(file.name),
          ...(csrfToken ? { "X-CSRF-Token": csrfToken } : {}),
          Accept: "application/json",
        },
        body: file,
      },
    );
  } catch {
    throw new ApiError(0, "network", "サーバーに接続できませんでした。通信環境を確認してください。");
  }
  const body = (await res.json().catch(() => null)) as BusinessFigureImportResult | ApiErrorBody | null;
  if (!res.ok || body === null || "error" in body) {
    if (body && "error" in body)
      throw new ApiError(res.status, body.error.code, body.error.message, body.error.fields);
    throw new ApiError(res.status, "internal", `取り込みに失敗しました（${res.status}）`);
  }
  return body;
}

/** "row12.numerator" sorts by its row number; a file-wide problem first. */
const rowOf = (field: string) => Number(/^row(\d+)/.exec(field)?.[1] ?? 0);

export function FiguresImport({ canEdit, onImported }: { canEdit: boolean; onImported: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [checked, setChecked] = useState<BusinessFigureImportResult | null>(null);
  const [problems, setProblems] = useState<{ message: string; lines: string[] } | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState<"check" | "import" | null>(null);
  if (!canEdit) return null;

  async function run(dryRun: boolean) {
    if (!file) return;
    setBusy(dryRun ? "check" : "import");
    setProblems(null);
    setDone(null);
    try {
      const r = await upload(file, dryRun);
      if (dryRun) setChecked(r);
      else {
        setChecked(null);
        setDone(
          `${r.saved}件の実績を取り込みました${r.replaced ? `（うち${r.replaced}件は前の値を置き換え）` : ""}`,
        );
        onImported();
      }
    } catch (e) {
      setChecked(null);
      const fields = e instanceof ApiError ? e.fields : {};
      const lines = Object.entries(fields)
        .sort(([a], [b]) => rowOf(a) - rowOf(b))
        .map(([, m]) => m);
      setProblems({ message: errorMessage(e), lines: lines.filter((l) => l !== errorMessage(e)) });
    } finally {
      setBusy(null);
    }
  }

  return (
    <Paper withBorder p="sm">
      <Stack gap="xs">
        <Text fw={700} size="sm">
          ファイルから取り込む（CSV・Excel）
        </Text>
        <Text size="xs" c="dimmed">
          1行目は見出し:
          月・項目（保障相談件数・新規契約件数・早期消滅・失効件数・継続率）・種目・件数（継続率は継続件数）・満期件数。
          まず「確認する」で誤りを調べます（何も書き込みません）。1行でも誤りがあれば何も取り込みません。同じ月・項目・種目の値は置き換えます。
        </Text>
        <Group align="flex-end">
          <FileInput
            label="取り込むファイル"
            placeholder="ファイルを選択"
            accept=".csv,.txt,.tsv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            value={file}
            w={320}
            onChange={(f) => {
              setFile(f);
              setChecked(null);
              setProblems(null);
              setDone(null);
            }}
            clearable
          />
          <Button onClick={() => run(true)} disabled={!file} loading={busy === "check"}>
            確認する（書き込みません）
          </Button>
          <Button
            color="teal"
            onClick={() => run(false)}
            disabled={!checked || checked.checked === 0}
            loading={busy === "import"}
          >
            {checked ? `${checked.checked}件を取り込む` : "取り込む"}
          </Button>
        </Group>
        <div role="status" aria-live="polite">
          {checked && (
            <Alert color="blue" title="確認しました（まだ書き込んでいません）">
              {checked.checked}件の実績を読み込めます
              {checked.replaced ? `。うち${checked.replaced}件は登録済みの値を置き換えます` : ""}。
            </Alert>
          )}
          {done && <Alert color="green">{done}</Alert>}
        </div>
        {problems && (
          <Alert color="red" title={problems.message} role="alert" data-testid="import-problems">
            <List size="sm" spacing={2}>
              {problems.lines.map((l) => (
                <List.Item key={l}>{l}</List.Item>
              ))}
            </List>
          </Alert>
        )}
      </Stack>
    </Paper>
  );
}

/** The year's stored figures with a delete button each (the grid cannot clear a stored value). */
export function StoredFigures({
  year,
  canEdit,
  version,
  onDeleted,
}: {
  year: number;
  canEdit: boolean;
  version: number;
  onDeleted: () => void;
}) {
  const [items, setItems] = useState<BusinessFigure[]>([]);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(async () => {
    try {
      const r = await api("GET /api/v1/activities/business-figures", {
        query: { from: `${year}-01-01`, to: `${year}-12-31` },
      });
      setItems(r.items);
      setError(null);
    } catch (e) {
      setError(errorMessage(e));
    }
  }, [year]);
  // biome-ignore lint/correctness/useExhaustiveDependencies: version is the signal to reload after a change
  useEffect(() => {
    void load();
  }, [load, version]);

  async function remove(f: BusinessFigure) {
    const what = `${monthLabel(f.month)}の${BUSINESS_METRIC_LABELS[f.metric as BusinessMetric] ?? f.metric}${f.line ? `（${f.line}）` : ""}`;
    if (!window.confirm(`${what}を削除しますか？`)) return;
    try {
      await api("DELETE /api/v1/activities/business-figures/:id", { params: { id: f.id } });
      await load();
      onDeleted();
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  return (
    <Accordion variant="contained" onChange={(v) => v && void load()}>
      <Accordion.Item value="stored">
        <Accordion.Control>登録済みの実績（{items.length}件）— 1件ずつ削除できます</Accordion.Control>
        <Accordion.Panel>
          {error && <Alert color="red">{error}</Alert>}
          <Table withTableBorder striped aria-label={`${year}年の登録済みの実績`} style={{ width: "auto" }}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>月</Table.Th>
                <Table.Th>項目</Table.Th>
                <Table.Th>種目</Table.Th>
                <Table.Th ta="right">件数</Table.Th>
                <Table.Th ta="right">満期件数</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((f) => (
                <Table.Tr key={f.id} data-figure={`${f.month}|${f.metric}|${f.line}`}>
                  <Table.Td>{monthLabel(f.month)}</Table.Td>
                  <Table.Td>{BUSINESS_METRIC_LABELS[f.metric as BusinessMetric] ?? f.metric}</Table.Td>
                  <Table.Td>{f.line}</Table.Td>
                  <Table.Td ta="right">{f.numerator.toLocaleString("ja-JP")}</Table.Td>
                  <Table.Td ta="right">{f.denominator?.toLocaleString("ja-JP") ?? ""}</Table.Td>
                  <Table.Td>
                    {canEdit && (
                      <Button
                        size="compact-xs"
                        variant="subtle"
                        color="red"
                        // not "12月 保障相談件数…": that is the grid cell's name, and a label containing it would be found for it
                        aria-label={`${BUSINESS_METRIC_LABELS[f.metric as BusinessMetric] ?? f.metric}${f.line ? ` ${f.line}` : ""}（${monthLabel(f.month)}）を削除`}
                        onClick={() => remove(f)}
                      >
                        削除
                      </Button>
                    )}
                  </Table.Td>
                </Table.Tr>
              ))}
              {items.length === 0 && (
                <Table.Tr>
                  <Table.Td colSpan={6}>
                    <Text size="sm" c="dimmed">
                      この年の実績はまだありません
                    </Text>
                  </Table.Td>
                </Table.Tr>
              )}
            </Table.Tbody>
          </Table>
        </Accordion.Panel>
      </Accordion.Item>
    </Accordion>
  );
}
