// 監査ログ (admin): who did what and when, newest first, with paging.
import { Anchor, Group, Pagination, Stack, Table, Text, Title } from "@mantine/core";
import { useEffect, useState } from "react";
import { Link, useSearchParams } from "react-router";
import type { AuditPage as AuditPageData } from "../../../../src/features/users-and-settings/contract.js";
import { api, errorMessage } from "../../api.js";
import { ErrorAlert, Loading } from "../../components/load-state.js";
import { formatCount, formatDateTime } from "../../format.js";

const LIMIT = 50;

/** Known audit actions read in Japanese; a new one shows its code until it gets a label. */
const AUDIT_ACTION_LABELS: Record<string, string> = {
  customer_viewed: "お客さま情報の閲覧",
  voices_exported: "声の出力",
  login: "ログイン",
  login_failed: "ログイン失敗",
  logout: "ログアウト",
  logout_everywhere: "すべての端末からログアウト",
  user_created: "ユーザーの追加",
  user_role_changed: "役割の変更",
  user_enabled: "ユーザーを有効化",
  user_disabled: "ユーザーを無効化",
  user_password_reset: "パスワードの再設定",
  settings_changed: "設定の変更",
  two_factor_enabled: "二段階認証の有効化",
  two_factor_disabled: "二段階認証の解除",
  two_factor_reset: "二段階認証の解除（管理者）",
  file_exported: "ファイルの出力",
  database_backed_up: "データベースのバックアップ",
  api_token_created: "APIトークンの発行",
  api_token_revoked: "APIトークンの失効",
};

export function AuditPage() {
  const [params, setParams] = useSearchParams();
  const page = Number(params.get("page") ?? "1") || 1;
  const [result, setResult] = useState<AuditPageData | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    api("GET /api/v1/audit", { query: { page, limit: LIMIT } })
      .then((r) => {
        if (!cancelled) setResult(r);
      })
      .catch((e) => {
        if (!cancelled) setError(errorMessage(e));
      });
    return () => {
      cancelled = true;
    };
  }, [page]);

  const pages = result ? Math.max(1, Math.ceil(result.total / LIMIT)) : 1;
  return (
    <Stack gap="md">
      <Title order={2}>監査ログ</Title>
      <ErrorAlert error={error} />
      {!result && !error && <Loading />}
      {result && (
        <>
          <Text fw={600}>全 {formatCount(result.total)} 件</Text>
          <Table.ScrollContainer minWidth={800} type="native">
            <Table striped verticalSpacing="xs" aria-label="監査ログ">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th w={170}>日時</Table.Th>
                  <Table.Th w={160}>利用者</Table.Th>
                  <Table.Th>操作</Table.Th>
                  <Table.Th w={160}>受付番号</Table.Th>
                  <Table.Th w={160}>IPアドレス</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {result.items.length === 0 && (
                  <Table.Tr>
                    <Table.Td colSpan={5}>
                      <Text c="dimmed" ta="center" py="md">
                        記録はありません。
                      </Text>
                    </Table.Td>
                  </Table.Tr>
                )}
                {result.items.map((entry) => (
                  <Table.Tr key={entry.id}>
                    <Table.Td>{formatDateTime(entry.at)}</Table.Td>
                    <Table.Td>{entry.actorName ?? "－"}</Table.Td>
                    <Table.Td>{AUDIT_ACTION_LABELS[entry.action] ?? entry.action}</Table.Td>
                    <Table.Td>
                      {entry.voiceId && entry.receiptNumber ? (
                        <Anchor component={Link} to={`/voices/${entry.voiceId}`} ff="monospace" size="sm">
                          {entry.receiptNumber}
                        </Anchor>
                      ) : (
                        "－"
                      )}
                    </Table.Td>
                    <Table.Td ff="monospace">{entry.ip ?? "－"}</Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
          {pages > 1 && (
            <Group justify="center">
              <Pagination
                total={pages}
                value={Math.min(page, pages)}
                onChange={(p) => setParams(p === 1 ? {} : { page: String(p) })}
                withEdges
              />
            </Group>
          )}
        </>
      )}
    </Stack>
  );
}
