// Settings tab 「APIトークン」: tokens for other systems — create (the secret is shown once, with copy), list, revoke.
import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Code,
  CopyButton,
  Group,
  Modal,
  Paper,
  Stack,
  Table,
  Text,
  TextInput,
} from "@mantine/core";
import { type FormEvent, useCallback, useEffect, useState } from "react";
import type { ApiTokenInfo, CreatedApiToken } from "../../../../src/features/tokens/contract.js";
import { API_SCOPES, type ApiScope } from "../../../../src/shared/constants.js";
import { ApiError, api, errorMessage } from "../../api.js";
import { formatDateTime } from "../../format.js";

const SCOPE_LABELS: Record<ApiScope, string> = {
  "voices:write": "声の登録（voices:write）",
  "voices:read": "声の参照（voices:read・個人情報はマスク）",
};

export function ApiTokensTab() {
  const [tokens, setTokens] = useState<ApiTokenInfo[] | null>(null);
  const [name, setName] = useState("");
  const [scopes, setScopes] = useState<ApiScope[]>(["voices:write"]);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<CreatedApiToken | null>(null);
  const [revoking, setRevoking] = useState<ApiTokenInfo | null>(null);
  // The dialogs keep their content while they fade out; these say whether they are open.
  const [createdOpen, setCreatedOpen] = useState(false);
  const [revokeOpen, setRevokeOpen] = useState(false);

  const load = useCallback(() => {
    api("GET /api/v1/tokens")
      .then((r) => setTokens(r.items))
      .catch((e) => setError(errorMessage(e)));
  }, []);
  useEffect(load, [load]);

  async function create(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setFields({});
    try {
      const t = await api("POST /api/v1/tokens", { body: { name, scopes } });
      setCreated(t);
      setCreatedOpen(true);
      setName("");
      load();
    } catch (e) {
      setError(errorMessage(e));
      if (e instanceof ApiError) setFields(e.fields);
    } finally {
      setBusy(false);
    }
  }

  async function revoke(t: ApiTokenInfo) {
    try {
      await api("DELETE /api/v1/tokens/:id", { params: { id: t.id } });
      setRevokeOpen(false);
      load();
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  return (
    <Stack gap="md">
      <Text size="sm">
        他のシステムから API で声を登録・参照するためのトークンです。呼び出し側は
        <Code>Authorization: Bearer トークン</Code> を付けて <Code>POST /api/v1/voices</Code> などを呼びます。
        再送しても二重登録されないよう <Code>Idempotency-Key</Code> ヘッダーを付けてください。仕様は
        <a href="/api/openapi.json"> OpenAPI 文書</a> にあります。
      </Text>
      {error && (
        <Alert color="red" role="alert" title={error}>
          {Object.values(fields).join(" ")}
        </Alert>
      )}
      <Paper withBorder p="md" component="form" onSubmit={create} aria-label="APIトークンの作成">
        <Stack gap="sm">
          <TextInput
            label="名前（どのシステム用か）"
            placeholder="例: 基幹システム連携"
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={fields.name}
            required
          />
          <Checkbox.Group
            label="権限"
            value={scopes}
            onChange={(v) => setScopes(v as ApiScope[])}
            error={fields.scopes}
          >
            <Group mt="xs">
              {API_SCOPES.map((s) => (
                <Checkbox key={s} value={s} label={SCOPE_LABELS[s]} />
              ))}
            </Group>
          </Checkbox.Group>
          <Group>
            <Button type="submit" loading={busy}>
              トークンを作成
            </Button>
          </Group>
        </Stack>
      </Paper>
      <Table.ScrollContainer minWidth={700}>
        <Table striped withTableBorder aria-label="APIトークンの一覧">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>名前</Table.Th>
              <Table.Th>トークン</Table.Th>
              <Table.Th>権限</Table.Th>
              <Table.Th>作成</Table.Th>
              <Table.Th>最終利用</Table.Th>
              <Table.Th>状態</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {tokens?.length === 0 && (
              <Table.Tr>
                <Table.Td colSpan={7}>
                  <Text size="sm" c="dimmed">
                    APIトークンはまだありません。
                  </Text>
                </Table.Td>
              </Table.Tr>
            )}
            {tokens?.map((t) => (
              <Table.Tr key={t.id}>
                <Table.Td>{t.name}</Table.Td>
                <Table.Td>
                  <Code>{t.prefix}…</Code>
                </Table.Td>
                <Table.Td>{t.scopes.join(", ")}</Table.Td>
                <Table.Td>
                  {formatDateTime(t.createdAt)}
                  {t.createdBy ? `（${t.createdBy.name}）` : ""}
                </Table.Td>
                <Table.Td>{formatDateTime(t.lastUsedAt)}</Table.Td>
                <Table.Td>
                  {t.revokedAt ? (
                    <Badge color="gray">失効（{formatDateTime(t.revokedAt)}）</Badge>
                  ) : (
                    <Badge color="teal">有効</Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  {!t.revokedAt && (
                    <Button
                      size="xs"
                      color="red"
                      variant="light"
                      onClick={() => {
                        setRevoking(t);
                        setRevokeOpen(true);
                      }}
                    >
                      失効させる
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>

      <Modal
        opened={createdOpen}
        onClose={() => setCreatedOpen(false)}
        onExitTransitionEnd={() => setCreated(null)}
        title="APIトークンを作成しました"
        size="lg"
      >
        {created && (
          <Stack gap="sm">
            <Alert color="yellow" title="このトークンは今だけ表示されます">
              画面を閉じると二度と表示できません。コピーして、呼び出す側のシステムに安全に設定してください。
            </Alert>
            <Code block data-testid="created-token" style={{ wordBreak: "break-all" }}>
              {created.token}
            </Code>
            <Group justify="space-between">
              <CopyButton value={created.token}>
                {({ copied, copy }) => (
                  <Button onClick={copy} color={copied ? "teal" : "blue"}>
                    {copied ? "コピーしました" : "コピー"}
                  </Button>
                )}
              </CopyButton>
              <Button variant="default" onClick={() => setCreatedOpen(false)}>
                閉じる
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
      <Modal opened={revokeOpen} onClose={() => setRevokeOpen(false)} title="APIトークンを失効させますか">
        {revoking && (
          <Stack gap="sm">
            <Text size="sm">
              「{revoking.name}
              」を失効させると、このトークンを使う呼び出しはすべて拒否されます（元に戻せません）。
            </Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setRevokeOpen(false)}>
                やめる
              </Button>
              <Button color="red" onClick={() => revoke(revoking)}>
                失効させる
              </Button>
            </Group>
          </Stack>
        )}
      </Modal>
    </Stack>
  );
}
