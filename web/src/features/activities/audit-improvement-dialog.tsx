// 「改善として登録」: an audit's improvement item becomes an improvement task (提案) — the owner department, the due
// date and a title (the item's text unless changed). The improvement then shows the audit it came from.
import { Alert, Button, Group, Modal, NativeSelect, Stack, Text, TextInput } from "@mantine/core";
import { type FormEvent, useEffect, useState } from "react";
import { ApiError, api, errorMessage } from "../../api.js";
import { useReferenceData } from "../../reference-data.js";

export interface AuditItemTarget {
  itemId: number;
  content: string;
  /** 自主点検（2023-06-01、内部監査室） */
  audit: string;
}

export function AuditImprovementDialog({
  target,
  onClose,
  onRegistered,
}: {
  target: AuditItemTarget | null;
  onClose: () => void;
  onRegistered: (improvementId: number) => void;
}) {
  const { taxonomy } = useReferenceData();
  const [title, setTitle] = useState("");
  const [departmentId, setDepartmentId] = useState("");
  const [dueDate, setDueDate] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const departments = (taxonomy?.departments ?? []).filter((d) => d.active);

  useEffect(() => {
    if (!target) return;
    setTitle(target.content.slice(0, 200));
    setDueDate("");
    setErrors({});
    setMessage(null);
  }, [target]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!target) return;
    setBusy(true);
    setErrors({});
    setMessage(null);
    try {
      const r = await api("POST /api/v1/activities/audit-items/:id/improvement", {
        params: { id: target.itemId },
        body: { ownerDepartmentId: Number(departmentId || 0), dueDate, title },
      });
      onRegistered(r.improvementId);
    } catch (e2) {
      if (e2 instanceof ApiError) setErrors(e2.fields);
      setMessage(errorMessage(e2));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal opened={target !== null} onClose={onClose} title="改善として登録" size="lg">
      {target && (
        <form onSubmit={submit} aria-label="改善として登録">
          <Stack gap="sm">
            <Text size="sm">
              {target.audit}の改善項目「{target.content}」を改善課題（提案）として登録します。
            </Text>
            {message && (
              <Alert color="red" role="alert">
                {message}
                {errors.improvement && <Text size="sm">{errors.improvement}</Text>}
              </Alert>
            )}
            <TextInput
              label="件名"
              value={title}
              error={errors.title}
              onChange={(e) => setTitle(e.currentTarget.value)}
            />
            <Group grow align="flex-start">
              <NativeSelect
                label="担当部署"
                data={[
                  { value: "", label: "（選んでください）" },
                  ...departments.map((d) => ({ value: String(d.id), label: d.name })),
                ]}
                value={departmentId}
                error={errors.ownerDepartmentId}
                onChange={(e) => setDepartmentId(e.currentTarget.value)}
              />
              <TextInput
                label="期限"
                placeholder="2027/3/31"
                value={dueDate}
                error={errors.dueDate}
                onChange={(e) => setDueDate(e.currentTarget.value)}
              />
            </Group>
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                キャンセル
              </Button>
              <Button type="submit" loading={busy}>
                登録
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
