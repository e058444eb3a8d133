// /voice/status: a member checks the status of a voice with the receipt number and the check code (no login).
import { Alert, Badge, Button, Paper, Stack, Text, TextInput, Title } from "@mantine/core";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { useSearchParams } from "react-router";
import type { PublicVoiceStatus } from "../../../../src/features/public-form/contract.js";
import { PUBLIC_STATUS_LABELS } from "../../../../src/shared/constants.js";
import { api, errorMessage } from "../../api.js";
import { PublicLayout } from "./public-layout.js";

const STEPS = Object.entries(PUBLIC_STATUS_LABELS) as [keyof typeof PUBLIC_STATUS_LABELS, string][];

export function PublicStatusPage() {
  const [params] = useSearchParams();
  const [number, setNumber] = useState(params.get("number") ?? "");
  const [code, setCode] = useState("");
  const [result, setResult] = useState<PublicVoiceStatus | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [loading, setLoading] = useState(false);
  const resultRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    document.title = "お客さまの声 状況の確認";
  }, []);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const f: Record<string, string> = {};
    if (number.trim() === "") f.number = "受付番号を入力してください";
    if (code.trim() === "") f.code = "確認コードを入力してください";
    setFields(f);
    setResult(null);
    if (Object.keys(f).length > 0) {
      setError("入力内容をご確認ください");
      return;
    }
    setLoading(true);
    try {
      const r = await api("GET /api/v1/public/voices/:receiptNumber", {
        params: { receiptNumber: number.trim() },
        query: { code: code.trim() },
      });
      setResult(r);
      setError(null);
      setTimeout(() => resultRef.current?.focus(), 0);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setLoading(false);
    }
  }

  const current = result ? STEPS.findIndex(([s]) => s === result.status) : -1;
  return (
    <PublicLayout>
      <Stack gap="md">
        <Title order={2} size="h3">
          対応状況の確認
        </Title>
        <Text size="sm">送信したときに表示された受付番号と確認コードを入力してください。</Text>
        {error && <Alert color="red" title={error} />}
        <form onSubmit={submit} noValidate aria-label="対応状況の確認">
          <Stack gap="md">
            <TextInput
              label="受付番号"
              withAsterisk
              required
              placeholder="例: 2026-000123"
              inputMode="numeric"
              autoComplete="off"
              value={number}
              onChange={(e) => setNumber(e.currentTarget.value)}
              error={fields.number}
            />
            <TextInput
              label="確認コード"
              withAsterisk
              required
              placeholder="例: K7QF-3MZP"
              autoComplete="off"
              autoCapitalize="characters"
              value={code}
              onChange={(e) => setCode(e.currentTarget.value)}
              error={fields.code}
            />
            <Button type="submit" size="md" loading={loading} fullWidth>
              確認する
            </Button>
          </Stack>
        </form>
        {result && (
          <Paper withBorder p="lg" radius="md" ref={resultRef} tabIndex={-1} role="status" aria-live="polite">
            <Stack gap="sm">
              <Text size="sm" c="dimmed">
                受付番号 {result.receiptNumber}（{result.receivedOn.replaceAll("-", "/")} 受付）
              </Text>
              <Text size="lg">
                現在の状況：
                <Badge size="xl" color="teal" variant="filled" data-testid="public-status">
                  {result.statusLabel}
                </Badge>
              </Text>
              <ol aria-label="対応の流れ" style={{ margin: 0, paddingLeft: "1.4em" }}>
                {STEPS.map(([s, label], i) => (
                  <li key={s} aria-current={i === current ? "step" : undefined}>
                    <Text span fw={i === current ? 700 : 400} c={i <= current ? "teal.9" : "dimmed"}>
                      {label}
                      {i === current ? "（現在）" : ""}
                    </Text>
                  </li>
                ))}
              </ol>
            </Stack>
          </Paper>
        )}
      </Stack>
    </PublicLayout>
  );
}
