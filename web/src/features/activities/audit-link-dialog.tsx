// 「既存の改善に紐づけ」: an audit's improvement item is linked to an improvement task that already exists, found
// by a word of its title or its number. The improvement then shows the audit it came from; an item already
// linked is refused by the server (409) and its Japanese message shows here.
import { Alert, Badge, Button, Group, Modal, Radio, Stack, Text, TextInput } from "@mantine/core";
import { type FormEvent, useEffect, useState } from "react";
import {
  IMPROVEMENT_STATUS_LABELS,
  type ImprovementSummary,
} from "../../../../src/features/improvements/contract.js";
import { ApiError, api, errorMessage } from "../../api.js";
import type { AuditItemTarget } from "./audit-improvement-dialog.js";

const SHOWN = 20;

export function AuditLinkDialog({
  target,
  onClose,
  onLinked,
}: {
  target: AuditItemTarget | null;
  onClose: () => void;
  onLinked: (improvementId: number) => void;
}) {
  const [query, setQuery] = useState("");
  const [found, setFound] = useState<ImprovementSummary[]>([]);
  const [total, setTotal] = useState(0);
  const [chosen, setChosen] = useState("");
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!target) return;
    setQuery("");
    setChosen("");
    setMessage(null);
  }, [target]);
  useEffect(() => {
    if (!target) return;
    // a short pause so each keystroke does not ask the server
    const t = setTimeout(() => {
      api("GET /api/v1/improvements", { query: { q: query.trim() || undefined, limit: SHOWN } }).then(
        (r) => {
          setFound(r.items);
          setTotal(r.total);
        },
        (e: unknown) => setMessage(errorMessage(e)),
      );
    }, 200);
    return () => clearTimeout(t);
  }, [target, query]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!target) return;
    setBusy(true);
    setMessage(null);
    try {
      const r = await api("POST /api/v1/activities/audit-items/:id/improvement-link", {
        params: { id: target.itemId },
        body: { improvementId: Number(chosen || 0) },
      });
      onLinked(r.improvementId);
    } catch (e2) {
      setMessage(e2 instanceof ApiError ? (Object.values(e2.fields)[0] ?? e2.message) : errorMessage(e2));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal opened={target !== null} onClose={onClose} title="既存の改善に紐づけ" size="lg">
      {target && (
        <form onSubmit={submit} aria-label="既存の改善に紐づけ">
          <Stack gap="sm">
            <Text size="sm">
              {target.audit}の改善項目「{target.content}」を、すでにある改善課題に紐づけます。
            </Text>
            {message && (
              <Alert color="red" role="alert">
                {message}
              </Alert>
            )}
            <TextInput
              label="改善課題を探す"
              placeholder="件名の一部、または番号"
              value={query}
              onChange={(e) => setQuery(e.currentTarget.value)}
              data-autofocus
            />
            <Radio.Group value={chosen} onChange={setChosen} aria-label="紐づける改善課題">
              <Stack gap={6}>
                {found.map((i) => (
                  <Radio
                    key={i.id}
                    value={String(i.id)}
                    label={
                      <Group gap={6} wrap="nowrap">
                        <Text size="sm">
                          #{i.id} {i.title}
                        </Text>
                        <Badge size="sm" variant="light">
                          {IMPROVEMENT_STATUS_LABELS[i.status]}
                        </Badge>
                        <Text size="xs" c="dimmed">
                          {i.ownerDepartment.name}
                        </Text>
                      </Group>
                    }
                  />
                ))}
              </Stack>
            </Radio.Group>
            <Text size="xs" c="dimmed">
              {found.length === 0
                ? "該当する改善課題はありません"
                : total > found.length
                  ? `${total}件中、新しい${found.length}件を表示しています。語を足して絞り込めます。`
                  : `${total}件`}
            </Text>
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                キャンセル
              </Button>
              <Button type="submit" loading={busy} disabled={!chosen}>
                紐づける
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
