// 通知: the user's notifications (newest first; opening one marks it read) and which kinds also come by mail.
import {
  Alert,
  Badge,
  Button,
  Card,
  Checkbox,
  Group,
  Loader,
  SegmentedControl,
  Stack,
  Text,
  Title,
} from "@mantine/core";
import { useCallback, useEffect, useState } from "react";
import { useNavigate } from "react-router";
import type {
  Notification,
  NotificationList,
  Preferences,
} from "../../../../src/features/notifications/contract.js";
import { api, errorMessage } from "../../api.js";
import { formatCount, formatDateTime } from "../../format.js";

function NotificationItem({ n, onOpen }: { n: Notification; onOpen: (n: Notification) => void }) {
  const [expanded, setExpanded] = useState(false);
  const long = n.body.length > 160;
  return (
    <Card withBorder padding="sm" bg={n.readAt ? undefined : "teal.0"} data-testid="notification">
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <Stack gap={4} style={{ minWidth: 0 }}>
          <Group gap="xs">
            {!n.readAt && (
              <Badge color="red" size="xs">
                未読
              </Badge>
            )}
            <Text fw={600}>{n.title}</Text>
          </Group>
          <Text size="sm" style={{ whiteSpace: "pre-wrap" }} lineClamp={expanded ? undefined : 3}>
            {n.body}
          </Text>
          <Text size="xs" c="dimmed">
            {formatDateTime(n.createdAt)}
          </Text>
        </Stack>
        <Stack gap={4} align="flex-end">
          {n.link && n.link !== "/notifications" && (
            <Button size="xs" variant="light" onClick={() => onOpen(n)}>
              開く
            </Button>
          )}
          {long && (
            <Button size="xs" variant="subtle" onClick={() => setExpanded(!expanded)}>
              {expanded ? "たたむ" : "全文"}
            </Button>
          )}
        </Stack>
      </Group>
    </Card>
  );
}

function MailPreferences() {
  const [prefs, setPrefs] = useState<Preferences | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => {
    api("GET /api/v1/notifications/preferences")
      .then(setPrefs)
      .catch((e) => setMessage({ ok: false, text: errorMessage(e) }));
  }, []);
  if (!prefs) return message ? <Alert color="red">{message.text}</Alert> : <Loader size="sm" />;
  async function toggle(kind: Preferences["items"][number]["kind"], email: boolean) {
    try {
      setPrefs(await api("PUT /api/v1/notifications/preferences", { body: { items: [{ kind, email }] } }));
      setMessage({ ok: true, text: "保存しました" });
    } catch (e) {
      setMessage({ ok: false, text: errorMessage(e) });
    }
  }
  return (
    <Card withBorder>
      <Stack gap="xs">
        <Title order={4}>メールでも受け取る通知</Title>
        {!prefs.mailConfigured && (
          <Text size="sm" c="dimmed">
            このサーバーではメール送信が設定されていないため、いまは画面の通知だけが届きます。
          </Text>
        )}
        {prefs.items.map((p) => (
          <Checkbox
            key={p.kind}
            label={p.label}
            checked={p.email}
            onChange={(e) => void toggle(p.kind, e.currentTarget.checked)}
          />
        ))}
        {message && (
          <Text size="sm" c={message.ok ? "teal.8" : "red"} role="status">
            {message.text}
          </Text>
        )}
      </Stack>
    </Card>
  );
}

export function NotificationsPage() {
  const [filter, setFilter] = useState<"all" | "unread">("unread");
  const [list, setList] = useState<NotificationList | null>(null);
  const [error, setError] = useState<string | null>(null);
  const navigate = useNavigate();
  const load = useCallback(() => {
    api("GET /api/v1/notifications", { query: filter === "unread" ? { unread: "true" } : {} })
      .then(setList)
      .catch((e) => setError(errorMessage(e)));
  }, [filter]);
  useEffect(load, [load]);

  async function open(n: Notification) {
    if (!n.readAt)
      await api("POST /api/v1/notifications/read", { body: { ids: [n.id] } }).catch(() => undefined);
    if (n.link) navigate(n.link);
  }
  async function readAll() {
    try {
      await api("POST /api/v1/notifications/read", { body: { all: true } });
      load();
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  return (
    <Stack gap="md" maw={900}>
      <Title order={2}>通知</Title>
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      <Group justify="space-between">
        <SegmentedControl
          value={filter}
          onChange={(v) => setFilter(v as "all" | "unread")}
          data={[
            { value: "unread", label: "未読" },
            { value: "all", label: "すべて" },
          ]}
        />
        <Group gap="sm">
          {list && <Text size="sm">未読 {formatCount(list.unread)} 件</Text>}
          <Button size="xs" variant="default" onClick={() => void readAll()} disabled={!list?.unread}>
            すべて既読にする
          </Button>
        </Group>
      </Group>
      {list ? (
        list.items.length === 0 ? (
          <Text c="dimmed">{filter === "unread" ? "未読の通知はありません。" : "通知はありません。"}</Text>
        ) : (
          list.items.map((n) => <NotificationItem key={n.id} n={n} onOpen={(x) => void open(x)} />)
        )
      ) : (
        <Loader />
      )}
      <MailPreferences />
    </Stack>
  );
}
