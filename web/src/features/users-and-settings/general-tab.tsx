// Settings tab for the fiscal year's start month, the deadline days per voice type, the user dictionary, and how
// long a login lasts (idle and absolute).
import {
  Alert,
  Button,
  Group,
  NativeSelect,
  NumberInput,
  Paper,
  Stack,
  Table,
  Text,
  Textarea,
  Title,
} from "@mantine/core";
import { useEffect, useState } from "react";
import type { Settings } from "../../../../src/features/users-and-settings/contract.js";
import type { DeadlineRule } from "../../../../src/shared/api-contract.js";
import { ApiError, api, errorMessage } from "../../api.js";
import { useReferenceData } from "../../reference-data.js";

const MONTHS = Array.from({ length: 12 }, (_, i) => ({ value: String(i + 1), label: `${i + 1}月` }));

function toDays(value: string | number): number | null {
  if (value === "" || value === null) return null;
  const n = typeof value === "number" ? value : Number(value);
  return Number.isFinite(n) ? n : null;
}

export function GeneralTab() {
  const { taxonomy } = useReferenceData();
  const [settings, setSettings] = useState<Settings | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);
  // Kept as typed (one word a line) until saved; the server normalizes and removes duplicates.
  const [dictionaryText, setDictionaryText] = useState("");

  useEffect(() => {
    api("GET /api/v1/settings")
      .then((loaded) => {
        setSettings(loaded);
        setDictionaryText(loaded.userDictionary.join("\n"));
      })
      .catch((e) => setError(errorMessage(e)));
  }, []);

  if (!settings) {
    return error ? (
      <Alert color="red" role="alert">
        {error}
      </Alert>
    ) : null;
  }

  const types = (taxonomy?.type ?? []).filter((t) => t.active || t.code in settings.deadlineRules);
  const rule = (code: string): DeadlineRule =>
    settings.deadlineRules[code] ?? { acknowledgeDays: null, resolveDays: null };
  function setRule(code: string, change: Partial<DeadlineRule>) {
    setSaved(false);
    setSettings((s) =>
      s ? { ...s, deadlineRules: { ...s.deadlineRules, [code]: { ...rule(code), ...change } } } : s,
    );
  }

  async function save() {
    if (!settings) return;
    setBusy(true);
    setError(null);
    setFields({});
    setSaved(false);
    try {
      const userDictionary = dictionaryText
        .split("\n")
        .map((w) => w.trim())
        .filter(Boolean);
      const next = await api("PUT /api/v1/settings", { body: { ...settings, userDictionary } });
      setSettings(next);
      setDictionaryText(next.userDictionary.join("\n"));
      setSaved(true);
    } catch (e) {
      setError(errorMessage(e));
      if (e instanceof ApiError) setFields(e.fields);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Stack gap="md">
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      {saved && (
        <Alert color="teal" role="status">
          設定を保存しました。
        </Alert>
      )}
      <Paper withBorder p="md">
        <Title order={4} mb="xs">
          年度
        </Title>
        <NativeSelect
          label="年度の開始月"
          description="集計・報告の年度と上期・下期の区切りに使います"
          data={MONTHS}
          value={String(settings.fiscalYearStartMonth)}
          onChange={(e) => {
            const month = Number(e.currentTarget.value);
            setSaved(false);
            setSettings((s) => (s ? { ...s, fiscalYearStartMonth: month } : s));
          }}
          error={fields.fiscalYearStartMonth}
          w={240}
        />
      </Paper>
      <Paper withBorder p="md">
        <Title order={4} mb={4}>
          期限（営業日）
        </Title>
        <Text size="sm" c="dimmed" mb="sm">
          受付日から数えた営業日数です（土日・祝日・年末年始を除く）。空欄にすると期限を設けません。
        </Text>
        <Table.ScrollContainer minWidth={520} type="native">
          <Table verticalSpacing="xs" aria-label="種別ごとの期限">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>種別</Table.Th>
                <Table.Th w={200}>受付連絡まで</Table.Th>
                <Table.Th w={200}>対応完了まで</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {types.map((t) => (
                <Table.Tr key={t.code}>
                  <Table.Td>{t.active ? t.name : `${t.name}（廃止）`}</Table.Td>
                  <Table.Td>
                    <NumberInput
                      aria-label={`${t.name}：受付連絡までの営業日数`}
                      min={0}
                      max={365}
                      allowDecimal={false}
                      suffix=" 日"
                      placeholder="期限なし"
                      value={rule(t.code).acknowledgeDays ?? ""}
                      onChange={(v) => setRule(t.code, { acknowledgeDays: toDays(v) })}
                      error={fields[`deadlineRules.${t.code}.acknowledgeDays`]}
                    />
                  </Table.Td>
                  <Table.Td>
                    <NumberInput
                      aria-label={`${t.name}：対応完了までの営業日数`}
                      min={0}
                      max={365}
                      allowDecimal={false}
                      suffix=" 日"
                      placeholder="期限なし"
                      value={rule(t.code).resolveDays ?? ""}
                      onChange={(v) => setRule(t.code, { resolveDays: toDays(v) })}
                      error={fields[`deadlineRules.${t.code}.resolveDays`]}
                    />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      </Paper>
      <Paper withBorder p="md">
        <Title order={4} mb={4}>
          ユーザー辞書
        </Title>
        <Text size="sm" c="dimmed" mb="sm">
          「よく出る言葉」の分析で1語として扱う用語です（共済金・掛金・マイカー共済などは登録済み）。1行に1語。
          変更すると、すべての声を裏側で分析し直します。
        </Text>
        <Textarea
          label="追加する用語"
          autosize
          minRows={4}
          maxRows={12}
          value={dictionaryText}
          onChange={(e) => {
            setSaved(false);
            setDictionaryText(e.currentTarget.value);
          }}
          error={fields.userDictionary}
          placeholder={"ねんきん定期便\nコープ共済"}
        />
      </Paper>
      <Paper withBorder p="md">
        <Title order={4} mb={4}>
          ログインの有効時間
        </Title>
        <Text size="sm" c="dimmed" mb="sm">
          お客さまの個人情報を扱う画面を開いたまま離席しても、他の人に使われないようにします。変更は、ログイン中の人にもすぐに適用されます。
        </Text>
        <Group align="flex-start">
          <NumberInput
            label="操作がないときのログアウト"
            description="最後の操作からこの時間が過ぎるとログアウトします"
            min={5}
            max={1440}
            allowDecimal={false}
            suffix=" 分"
            value={settings.sessionIdleMinutes}
            onChange={(v) => {
              setSaved(false);
              setSettings((s) => (s ? { ...s, sessionIdleMinutes: Number(v) } : s));
            }}
            error={fields.sessionIdleMinutes}
            w={260}
          />
          <NumberInput
            label="ログインの有効時間"
            description="操作していても、ログインからこの時間が過ぎるとログアウトします"
            min={1}
            max={168}
            allowDecimal={false}
            suffix=" 時間"
            value={settings.sessionAbsoluteHours}
            onChange={(v) => {
              setSaved(false);
              setSettings((s) => (s ? { ...s, sessionAbsoluteHours: Number(v) } : s));
            }}
            error={fields.sessionAbsoluteHours}
            w={260}
          />
        </Group>
      </Paper>
      <Group>
        <Button onClick={() => void save()} loading={busy}>
          設定を保存
        </Button>
      </Group>
    </Stack>
  );
}
