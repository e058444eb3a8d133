// 自分の担当: my open voices (受付・対応中), the nearest deadline first.
import { Alert, Group, Loader, Stack, Text, Title } from "@mantine/core";
import { useEffect, useState } from "react";
import type { VoiceList } from "../../../src/features/voices/contract.js";
import { api, errorMessage } from "../api.js";
import { VoiceTable } from "../components/voice-table.js";
import { formatCount } from "../format.js";

export function MyVoicesPage() {
  const [result, setResult] = useState<VoiceList | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    api("GET /api/v1/voices", {
      query: { assignee: "me", status: "received,in_progress", sort: "deadline_asc", limit: 200 },
    })
      .then((list) => {
        if (!cancelled) setResult(list);
      })
      .catch((e) => {
        if (!cancelled) setError(errorMessage(e));
      });
    return () => {
      cancelled = true;
    };
  }, []);

  const overdue = result?.items.filter((v) => v.overdue).length ?? 0;
  return (
    <Stack gap="md">
      <div>
        <Title order={2}>自分の担当</Title>
        <Text size="sm" c="dimmed">
          担当している未完了の声です（期限の近い順）。
        </Text>
      </div>
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      {result ? (
        <>
          <Group gap="md">
            <Text fw={600}>全 {formatCount(result.total)} 件</Text>
            {overdue > 0 && (
              <Text c="red.7" fw={600}>
                うち期限超過 {formatCount(overdue)} 件
              </Text>
            )}
          </Group>
          <VoiceTable items={result.items} emptyText="担当している未完了の声はありません。" />
          {result.total > result.items.length && (
            <Text size="sm" c="dimmed">
              期限の近い {formatCount(result.items.length)} 件を表示しています。
            </Text>
          )}
        </>
      ) : (
        !error && <Loader aria-label="読み込み中" />
      )}
    </Stack>
  );
}
