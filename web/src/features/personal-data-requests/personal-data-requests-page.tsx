// 個人データの請求 (admin): find a member's records, then disclose, correct, stop contact or erase, with the log.
import {
  Alert,
  Button,
  Card,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useCallback, useEffect, useState } from "react";
import {
  CUSTOMER_LOOKUP_LABELS,
  type CustomerLookupKind,
  PERSONAL_DATA_REQUEST_LABELS,
  type PersonalDataRequestKind,
} from "../../../../src/domain/personal-data-request.js";
import type {
  CorrectionInput,
  CustomerRecordsResponse,
  PersonalDataRequest,
} from "../../../../src/features/personal-data-requests/contract.js";
import { ApiError, api, apiFile, errorMessage } from "../../api.js";
import { formatDateTime } from "../../format.js";

const LOOKUP_OPTIONS = Object.entries(CUSTOMER_LOOKUP_LABELS).map(([value, label]) => ({ value, label }));
const CORRECTION_FIELDS: [keyof CorrectionInput, string][] = [
  ["name", "氏名"],
  ["kana", "フリガナ"],
  ["memberNumber", "会員番号"],
  ["phone", "電話番号"],
  ["email", "メールアドレス"],
  ["address", "住所"],
];

function today(): string {
  const d = new Date();
  return `${d.getFullYear()}/${d.getMonth() + 1}/${d.getDate()}`;
}

export function PersonalDataRequestsPage() {
  const [kind, setKind] = useState<CustomerLookupKind>("member_number");
  const [value, setValue] = useState("");
  const [receivedOn, setReceivedOn] = useState(today());
  const [note, setNote] = useState("");
  const [correction, setCorrection] = useState<Record<string, string>>({});
  const [records, setRecords] = useState<CustomerRecordsResponse | null>(null);
  const [log, setLog] = useState<PersonalDataRequest[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [done, setDone] = useState<string | null>(null);

  const loadLog = useCallback(() => {
    api("GET /api/v1/personal-data-requests")
      .then((r) => setLog(r.items))
      .catch((e) => setError(errorMessage(e)));
  }, []);
  useEffect(loadLog, [loadLog]);

  const fail = (e: unknown) => {
    setError(errorMessage(e));
    setFields(e instanceof ApiError ? e.fields : {});
  };
  const reset = () => {
    setError(null);
    setFields({});
    setDone(null);
  };

  const search = async () => {
    reset();
    try {
      setRecords(await api("POST /api/v1/personal-data-requests/lookup", { body: { kind, value } }));
    } catch (e) {
      fail(e);
    }
  };

  const request = { lookup: { kind, value }, receivedOn, note: note || null };
  const handle = async (requestKind: PersonalDataRequestKind) => {
    reset();
    const label = PERSONAL_DATA_REQUEST_LABELS[requestKind];
    if (
      requestKind === "erasure" &&
      !window.confirm("個人情報を消去します。元に戻せません。よろしいですか？")
    )
      return;
    try {
      if (requestKind === "disclosure") {
        const file = await apiFile("POST /api/v1/personal-data-requests/disclosure-file", request);
        const a = document.createElement("a");
        a.href = URL.createObjectURL(file);
        a.download = "保有個人データの開示.xlsx";
        a.click();
        URL.revokeObjectURL(a.href);
      } else {
        const changed = Object.fromEntries(Object.entries(correction).filter(([, v]) => v.trim() !== ""));
        await api("POST /api/v1/personal-data-requests", {
          body: {
            ...request,
            kind: requestKind,
            ...(requestKind === "correction" ? { correction: changed } : {}),
          },
        });
      }
      setDone(`${label}の請求に対応し、記録しました。`);
      loadLog();
      if (requestKind !== "disclosure")
        setRecords(await api("POST /api/v1/personal-data-requests/lookup", { body: { kind, value } }));
    } catch (e) {
      fail(e);
    }
  };

  const found = records ? records.customers.length + records.answers.length : 0;
  return (
    <Stack gap="md">
      <Title order={2}>個人データの請求（開示・訂正・利用停止・消去）</Title>
      <Text size="sm" c="dimmed">
        会員番号・電話番号・メールアドレスでお客さまの記録を探し、請求に対応します。検索と対応はすべて記録されます。
      </Text>
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      {done && (
        <Alert color="green" role="status">
          {done}
        </Alert>
      )}
      <Card withBorder>
        <Group align="end">
          <Select
            label="探し方"
            data={LOOKUP_OPTIONS}
            value={kind}
            onChange={(v) => v && setKind(v as CustomerLookupKind)}
            allowDeselect={false}
            w={160}
          />
          <TextInput
            label={CUSTOMER_LOOKUP_LABELS[kind]}
            value={value}
            onChange={(e) => setValue(e.currentTarget.value)}
            error={fields["lookup.value"] ?? fields.value}
            w={260}
          />
          <Button onClick={search}>探す</Button>
        </Group>
      </Card>
      {records && (
        <Card withBorder>
          <Stack gap="sm">
            <Text fw={600}>見つかった記録: {found} 件</Text>
            {records.customers.map((c) => (
              <Text key={c.id} size="sm">
                {c.erasedAt
                  ? "（消去済み）"
                  : `${c.name ?? "氏名なし"}・${c.memberNumber ?? "会員番号なし"}・${c.phone ?? ""}`}
                ／ 声: {c.voices.map((v) => v.receiptNumber).join("、") || "なし"}
              </Text>
            ))}
            {records.answers.map((a) => (
              <Text key={a.id} size="sm">
                アンケート「{a.surveyName}」{formatDateTime(a.answeredAt)}
              </Text>
            ))}
            <Group align="end">
              <TextInput
                label="請求を受けた日"
                value={receivedOn}
                onChange={(e) => setReceivedOn(e.currentTarget.value)}
                error={fields.receivedOn}
                w={180}
              />
              <Textarea
                label="メモ（本人確認の方法など）"
                value={note}
                onChange={(e) => setNote(e.currentTarget.value)}
                autosize
                minRows={1}
                style={{ flex: 1 }}
              />
            </Group>
            <SimpleGrid cols={{ base: 2, md: 3 }}>
              {CORRECTION_FIELDS.map(([key, label]) => (
                <TextInput
                  key={key}
                  label={`訂正後の${label}`}
                  value={correction[key] ?? ""}
                  onChange={(e) => setCorrection({ ...correction, [key]: e.currentTarget.value })}
                  error={fields[`correction.${key}`]}
                />
              ))}
            </SimpleGrid>
            {fields.correction && <Text c="red">{fields.correction}</Text>}
            <Group>
              <Button variant="default" onClick={() => handle("disclosure")}>
                開示（Excel を出力）
              </Button>
              <Button variant="default" onClick={() => handle("correction")}>
                訂正
              </Button>
              <Button variant="default" onClick={() => handle("stop_use")}>
                利用停止（連絡しない）
              </Button>
              <Button color="red" onClick={() => handle("erasure")}>
                消去
              </Button>
            </Group>
          </Stack>
        </Card>
      )}
      <Title order={3}>対応した請求</Title>
      <Table striped aria-label="対応した請求">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>対応日時</Table.Th>
            <Table.Th>種類</Table.Th>
            <Table.Th>検索に使った値</Table.Th>
            <Table.Th>受付日</Table.Th>
            <Table.Th>記録</Table.Th>
            <Table.Th>対応者</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {log.map((r) => (
            <Table.Tr key={r.id}>
              <Table.Td>{formatDateTime(r.handledAt)}</Table.Td>
              <Table.Td>{PERSONAL_DATA_REQUEST_LABELS[r.kind]}</Table.Td>
              <Table.Td>{r.lookupMasked}</Table.Td>
              <Table.Td>{r.receivedOn}</Table.Td>
              <Table.Td>
                声 {r.voicesFound} 件・回答 {r.answersFound} 件
              </Table.Td>
              <Table.Td>{r.handledBy.name}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
