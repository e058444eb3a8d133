// 報告の設定: the reporting period (暦年 1〜12月 as seed 000, or the organisation's 年度) and how a rate's change
// is written (0.6ポイント減少, or 0.6％減少 as seed 000 prints it), with a live example of each choice.
import { Alert, Button, Group, Paper, Radio, Stack, Text } from "@mantine/core";
import { useEffect, useState } from "react";
import type { KpiReporting } from "../../../../src/features/kpi/contract.js";
import { api, errorMessage } from "../../api.js";

export function KpiReportingSettings({ canEdit, onChanged }: { canEdit: boolean; onChanged: () => void }) {
  const [saved, setSaved] = useState<KpiReporting | null>(null);
  const [value, setValue] = useState<KpiReporting | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);

  useEffect(() => {
    api("GET /api/v1/kpis/settings").then(
      (r) => {
        setSaved(r);
        setValue(r);
      },
      (e: unknown) => setMessage({ ok: false, text: errorMessage(e) }),
    );
  }, []);

  async function save() {
    if (!value) return;
    setMessage(null);
    try {
      const r = await api("PUT /api/v1/kpis/settings", { body: value });
      setSaved(r);
      setValue(r);
      setMessage({ ok: true, text: "報告の設定を保存しました" });
      onChanged();
    } catch (e) {
      setMessage({ ok: false, text: errorMessage(e) });
    }
  }

  if (!value) return message ? <Alert color="red">{message.text}</Alert> : null;
  const changed = saved?.basis !== value.basis || saved?.rateChange !== value.rateChange;
  return (
    <Paper withBorder p="md" maw={720}>
      <Stack gap="md">
        <Radio.Group
          label="報告期間"
          description="KPI の値を集計する1年の区切りです"
          value={value.basis}
          onChange={(v) => setValue({ ...value, basis: v as KpiReporting["basis"] })}
        >
          <Stack gap={6} mt={6}>
            <Radio value="calendar" label="暦年（1月〜12月。例: 2023年）" disabled={!canEdit} />
            <Radio
              value="fiscal"
              label="年度（組織の設定の開始月から12か月。例: 2023年度）"
              disabled={!canEdit}
            />
          </Stack>
        </Radio.Group>
        <Radio.Group
          label="率の増減の書き方"
          description="満足度や継続率など「%」の指標の前年比の文言です"
          value={value.rateChange}
          onChange={(v) => setValue({ ...value, rateChange: v as KpiReporting["rateChange"] })}
        >
          <Stack gap={6} mt={6}>
            <Radio value="point" label="ポイント（例: 前年より0.6ポイント減少）" disabled={!canEdit} />
            <Radio value="percent" label="％（例: 前年より0.6％減少）" disabled={!canEdit} />
          </Stack>
        </Radio.Group>
        {message && (
          <Alert color={message.ok ? "green" : "red"} role={message.ok ? "status" : "alert"}>
            {message.text}
          </Alert>
        )}
        {canEdit ? (
          <Group>
            <Button onClick={save} disabled={!changed}>
              設定を保存
            </Button>
          </Group>
        ) : (
          <Text size="sm" c="dimmed">
            設定の変更はお客様相談室・管理者が行います
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
