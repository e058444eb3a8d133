// 回覧: what was sent to me (unread first in mind) and what I sent, with how many have read it; admins set when the
// weekly 声の日 digest goes out.
import {
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Loader,
  NumberInput,
  SegmentedControl,
  Select,
  Stack,
  Switch,
  Table,
  Text,
  Title,
} from "@mantine/core";
import { useEffect, useState } from "react";
import { Link } from "react-router";
import { WEEKDAY_LABELS } from "../../../../src/domain/digest-schedule.js";
import { canAdminister } from "../../../../src/domain/roles.js";
import type { CirculationList, DigestScheduleDto } from "../../../../src/features/circulation/contract.js";
import { ApiError, api, errorMessage } from "../../api.js";
import { formatDateTime } from "../../format.js";
import { useCurrentUser } from "../../session.js";

function DigestSettings() {
  const [value, setValue] = useState<DigestScheduleDto | null>(null);
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  useEffect(() => {
    api("GET /api/v1/settings/digest")
      .then(setValue)
      .catch((e) => setMessage({ ok: false, text: errorMessage(e) }));
  }, []);
  if (!value) return null;
  async function save(v: DigestScheduleDto) {
    try {
      setValue(
        await api("PUT /api/v1/settings/digest", {
          body: { enabled: v.enabled, weekday: v.weekday, hour: v.hour },
        }),
      );
      setMessage({ ok: true, text: "保存しました" });
    } catch (e) {
      setMessage({
        ok: false,
        text: e instanceof ApiError ? Object.values(e.fields ?? {}).join(" ") || e.message : errorMessage(e),
      });
    }
  }
  return (
    <Card withBorder>
      <Stack gap="sm">
        <Title order={4}>週次の声の日ダイジェスト（管理者）</Title>
        <Text size="sm" c="dimmed">
          部署ごとに、1週間の新しい声・感謝の声（感謝された職員）・未完了の苦情・期限超過を、部署の職員へ通知とメールで送ります。
        </Text>
        <Switch
          label="送る"
          checked={value.enabled}
          onChange={(e) => setValue({ ...value, enabled: e.currentTarget.checked })}
        />
        <Group>
          <Select
            label="曜日"
            data={WEEKDAY_LABELS.map((l, i) => ({ value: String(i), label: `${l}曜日` }))}
            value={String(value.weekday)}
            onChange={(v) => setValue({ ...value, weekday: Number(v ?? 1) })}
            w={140}
          />
          <NumberInput
            label="時（日本時間）"
            min={0}
            max={23}
            value={value.hour}
            onChange={(v) => setValue({ ...value, hour: Number(v) })}
            w={140}
          />
        </Group>
        <Text size="sm">
          次回: {value.nextSendAt ? formatDateTime(value.nextSendAt) : "送らない設定です"}
          {value.lastWeekSent ? `（最後に送った週: ${value.lastWeekSent}）` : ""}
        </Text>
        <Group>
          <Button onClick={() => void save(value)}>保存</Button>
          {message && (
            <Text size="sm" c={message.ok ? "teal.8" : "red"} role="status">
              {message.text}
            </Text>
          )}
        </Group>
      </Stack>
    </Card>
  );
}

export function CirculationsPage() {
  const user = useCurrentUser();
  const [box, setBox] = useState<"received" | "sent">("received");
  const [list, setList] = useState<CirculationList | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setList(null);
    api("GET /api/v1/circulations", { query: { box } })
      .then(setList)
      .catch((e) => setError(errorMessage(e)));
  }, [box]);
  return (
    <Stack gap="md" maw={1100}>
      <Group justify="space-between">
        <Title order={2}>回覧</Title>
        <Button component={Link} to="/circulations/new">
          回覧を作る
        </Button>
      </Group>
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      <SegmentedControl
        value={box}
        onChange={(v) => setBox(v as "received" | "sent")}
        data={[
          { value: "received", label: "自分あて" },
          { value: "sent", label: "送った回覧" },
        ]}
        w={260}
      />
      {list ? (
        list.items.length === 0 ? (
          <Text c="dimmed">回覧はありません。</Text>
        ) : (
          <Table striped withTableBorder>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>件名</Table.Th>
                <Table.Th>送った人</Table.Th>
                <Table.Th>送信日時</Table.Th>
                <Table.Th>内容</Table.Th>
                <Table.Th>既読</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {list.items.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>
                    <Group gap="xs">
                      <Link to={`/circulations/${c.id}`}>{c.title}</Link>
                      {c.isRecipient && !c.myReadAt && (
                        <Badge color="red" size="xs">
                          未読
                        </Badge>
                      )}
                    </Group>
                  </Table.Td>
                  <Table.Td>{c.sender.name}</Table.Td>
                  <Table.Td>{formatDateTime(c.createdAt)}</Table.Td>
                  <Table.Td>
                    {[
                      c.voiceCount > 0 ? `声 ${c.voiceCount}件` : null,
                      c.improvement ? `改善課題「${c.improvement.title}」` : null,
                    ]
                      .filter(Boolean)
                      .join("・") || "お知らせ"}
                  </Table.Td>
                  <Table.Td>
                    {c.readCount} / {c.recipientCount} 人
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        )
      ) : (
        <Loader />
      )}
      {canAdminister(user) && <DigestSettings />}
    </Stack>
  );
}
