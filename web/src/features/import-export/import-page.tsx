// 取り込み (cs, admin): upload a CSV or Excel file, check it first (dry run), then import all rows or none.
import {
  Alert,
  Badge,
  Button,
  FileInput,
  Group,
  List,
  Paper,
  Stack,
  Table,
  Text,
  Title,
} from "@mantine/core";
import { useState } from "react";
import type { ImportResult } from "../../../../src/features/import-export/contract.js";
import type { ApiError as ApiErrorBody } from "../../../../src/shared/api-contract.js";
import type { RouteResponse } from "../../../../src/shared/api-routes.js";
import { api, apiUrl } from "../../api.js";
import { formatCount } from "../../format.js";
import { type ImportOptions, ImportOptionsFields } from "../import-aliases/import-options.js";

const ENCODINGS: Record<string, string> = {
  utf8: "CSV（UTF-8）",
  "utf8-bom": "CSV（UTF-8・BOM付き）",
  shift_jis: "CSV（Shift_JIS）",
};

async function upload(file: File, dryRun: boolean, options: ImportOptions): Promise<ImportResult> {
  // The file goes as the raw request body (not JSON, so not through api()); the CSRF token comes from the
  // session like every write.
  const { csrfToken } = await api("GET /api/v1/session");
  const res = await fetch(
    apiUrl("POST /api/v1/imports", { query: { dryRun: dryRun ? "true" : "false", ...options } }),
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
  const body = (await res.json().catch(() => null)) as
    | RouteResponse<"POST /api/v1/imports">
    | ApiErrorBody
    | null;
  if (!res.ok || body === null || "error" in body) {
    const message =
      body && "error" in body
        ? body.error.message
        : `取り込みに失敗しました（${res.status}）。時間をおいて再度お試しください`;
    throw new Error(message);
  }
  return body;
}

export function ImportPage() {
  const [file, setFile] = useState<File | null>(null);
  const [checked, setChecked] = useState<ImportResult | null>(null);
  const [done, setDone] = useState<ImportResult | null>(null);
  const [busy, setBusy] = useState<"check" | "import" | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [options, setOptions] = useState<ImportOptions>({});

  async function run(dryRun: boolean) {
    if (!file) return;
    setBusy(dryRun ? "check" : "import");
    setError(null);
    try {
      const r = await upload(file, dryRun, options);
      if (dryRun) {
        setChecked(r);
        setDone(null);
      } else {
        setDone(r);
        setChecked(r.problems.length > 0 ? r : null);
      }
    } catch (e) {
      setError(e instanceof Error ? e.message : "取り込みに失敗しました");
    } finally {
      setBusy(null);
    }
  }

  const result = done ?? checked;
  const canImport = checked !== null && checked.problems.length === 0 && checked.importable > 0 && !done;
  return (
    <Stack gap="md" maw={1100}>
      <Title order={2}>取り込み</Title>
      <Paper withBorder p="md">
        <Stack gap="sm">
          <Text size="sm">
            CSV（UTF-8 または Shift_JIS）か
            Excel（.xlsx）の声を取り込みます。1行目は見出し（受付日時・受付チャネル・種別・分類・部署・内容、
            任意で商品・ご要望・氏名・組合員番号・電話番号・メール・都道府県・年代・性別・外部ID）です。日付は「2025/4/1
            10:30」や「令和7年4月1日」で書けます。
          </Text>
          <List size="sm" spacing={2}>
            <List.Item>まず「確認する」で問題点を確認します（この時点では何も書き込みません）。</List.Item>
            <List.Item>取り込みは全行か0行かです。1行でも問題があれば何も取り込みません。</List.Item>
            <List.Item>
              取り込み済みの外部IDの行は飛ばします。同じファイルを2回取り込んでも重複しません。
            </List.Item>
          </List>
          <FileInput
            label="取り込むファイル"
            placeholder="ファイルを選択"
            accept=".csv,.txt,.tsv,.xlsx,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            value={file}
            onChange={(f) => {
              setFile(f);
              setChecked(null);
              setDone(null);
              setError(null);
            }}
            clearable
          />
          <ImportOptionsFields
            value={options}
            onChange={(next) => {
              setOptions(next);
              setChecked(null);
              setDone(null);
            }}
          />
          <Group>
            <Button onClick={() => run(true)} disabled={!file} loading={busy === "check"}>
              確認する（書き込みません）
            </Button>
            <Button color="teal" onClick={() => run(false)} disabled={!canImport} loading={busy === "import"}>
              {checked && canImport ? `${formatCount(checked.importable)}件を取り込む` : "取り込む"}
            </Button>
          </Group>
        </Stack>
      </Paper>
      <div role="status" aria-live="polite">
        {error && (
          <Alert color="red" title="取り込めませんでした">
            {error}
          </Alert>
        )}
        {result && (
          <Stack gap="sm">
            <Group gap="xs">
              <Badge variant="light">
                {result.encoding ? (ENCODINGS[result.encoding] ?? result.encoding) : "Excel"}
              </Badge>
              <Text size="sm">データ行 {formatCount(result.total)} 行</Text>
              {result.ignoredColumns.length > 0 && (
                <Text size="sm" c="dimmed">
                  取り込まない列：{result.ignoredColumns.join("、")}
                </Text>
              )}
            </Group>
            {result.problems.length === 0 ? (
              done ? (
                <Alert color="teal" title="取り込みました">
                  {formatCount(done.imported)}件を取り込みました（取り込み済みの外部IDで飛ばした行{" "}
                  {formatCount(done.skipped)}件）。
                </Alert>
              ) : (
                <Alert color="blue" title="問題は見つかりませんでした">
                  {formatCount(result.importable)}件を取り込めます
                  {result.skipped > 0
                    ? `（取り込み済みの外部IDで飛ばす行 ${formatCount(result.skipped)}件）`
                    : ""}
                  。 「取り込む」を押すと書き込みます。
                </Alert>
              )
            ) : (
              <>
                <Alert color="red" title={`問題が${formatCount(result.problems.length)}件あります`}>
                  {done ? "1件も取り込みませんでした。" : "何も書き込んでいません。"}
                  ファイルを直してから、もう一度確認してください。
                </Alert>
                <Table.ScrollContainer minWidth={600}>
                  <Table striped withTableBorder aria-label="問題の一覧">
                    <Table.Thead>
                      <Table.Tr>
                        <Table.Th w={60}>行</Table.Th>
                        <Table.Th w={140}>列</Table.Th>
                        <Table.Th w={200}>値</Table.Th>
                        <Table.Th>理由</Table.Th>
                      </Table.Tr>
                    </Table.Thead>
                    <Table.Tbody>
                      {result.problems.slice(0, 1000).map((p) => (
                        <Table.Tr key={`${p.row}-${p.column}-${p.reason}`}>
                          <Table.Td>{p.row}</Table.Td>
                          <Table.Td>{p.column || "－"}</Table.Td>
                          <Table.Td style={{ wordBreak: "break-all" }}>{p.value || "－"}</Table.Td>
                          <Table.Td>{p.reason}</Table.Td>
                        </Table.Tr>
                      ))}
                    </Table.Tbody>
                  </Table>
                </Table.ScrollContainer>
                {result.problems.length > 1000 && (
                  <Text size="sm" c="dimmed">
                    最初の1,000件を表示しています。
                  </Text>
                )}
              </>
            )}
          </Stack>
        )}
      </div>
    </Stack>
  );
}
