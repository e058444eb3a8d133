// The actions the server allows on a voice now, each as a button opening a small form in a dialog.
import { Alert, Button, Group, Modal, NativeSelect, Radio, Stack, Textarea, TextInput } from "@mantine/core";
import { type FormEvent, useState } from "react";
import type { VoiceActionInput } from "../../../src/features/voices/contract.js";
import type { VoiceActionName, VoiceDetail } from "../../../src/shared/api-contract.js";
import { ApiError, api, errorMessage } from "../api.js";
import { ACTION_LABELS, RESPOND_METHODS } from "../labels.js";
import { useReferenceData } from "../reference-data.js";

const DANGER: VoiceActionName[] = ["void"];

/** The dialog's confirm button, worded apart from the button that opened it. */
const SUBMIT_LABELS: Record<VoiceActionName, string> = {
  assign: "割り当てる",
  start: "開始する",
  respond: "記録する",
  comment: "追加する",
  resolve: "対応済として確定",
  approve: "承認する",
  close: "完了として確定",
  reopen: "再開を確定",
  void: "取消を確定",
};
const PRIMARY: VoiceActionName[] = ["start", "respond", "resolve", "approve", "close"];

interface ActionFormProps {
  voice: VoiceDetail;
  action: VoiceActionName;
  onDone: (voice: VoiceDetail) => void;
  onCancel: () => void;
}

function ActionForm({ voice, action, onDone, onCancel }: ActionFormProps) {
  const { users } = useReferenceData();
  const [method, setMethod] = useState<string>(RESPOND_METHODS[0]);
  const [text, setText] = useState("");
  const [respondedAt, setRespondedAt] = useState("");
  const [assigneeId, setAssigneeId] = useState(voice.assignee ? String(voice.assignee.id) : "");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});

  function body(): VoiceActionInput {
    const note = text.trim() || undefined;
    switch (action) {
      case "assign":
        return { action, assigneeId: assigneeId ? Number(assigneeId) : null };
      case "start":
        return { action };
      case "respond":
        return {
          action,
          method,
          content: text,
          ...(respondedAt.trim() ? { respondedAt: respondedAt.trim() } : {}),
        };
      case "comment":
        return { action, body: text };
      case "resolve":
      case "approve":
      case "close":
        return { action, note };
      case "reopen":
      case "void":
        return { action, reason: text };
    }
  }

  async function handleSubmit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setFields({});
    try {
      const updated = await api("POST /api/v1/voices/:id/actions", {
        params: { id: voice.id },
        body: body(),
      });
      onDone(updated);
    } catch (e) {
      setError(errorMessage(e));
      if (e instanceof ApiError) setFields(e.fields);
      setBusy(false);
    }
  }

  return (
    <form onSubmit={handleSubmit} noValidate>
      <Stack gap="sm">
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        {action === "assign" && (
          <NativeSelect
            label="担当者"
            data={[
              { value: "", label: "（割り当てを外す）" },
              ...users.map((u) => ({ value: String(u.id), label: u.name })),
            ]}
            value={assigneeId}
            onChange={(e) => setAssigneeId(e.currentTarget.value)}
            error={fields.assigneeId}
            data-autofocus
          />
        )}
        {action === "respond" && (
          <>
            <Radio.Group label="方法" value={method} onChange={setMethod} error={fields.method} withAsterisk>
              <Group mt={4}>
                {RESPOND_METHODS.map((m) => (
                  <Radio key={m} value={m} label={m} />
                ))}
              </Group>
            </Radio.Group>
            <TextInput
              label="回答日時"
              description="空欄なら現在の日時（例：2025/4/1 15:00）"
              value={respondedAt}
              onChange={(e) => setRespondedAt(e.currentTarget.value)}
              error={fields.respondedAt}
            />
          </>
        )}
        {(action === "respond" || action === "comment") && (
          <Textarea
            label={action === "respond" ? "回答内容" : "コメント"}
            autosize
            minRows={4}
            maxRows={12}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            error={fields.content ?? fields.body}
            withAsterisk
            data-autofocus
          />
        )}
        {(action === "reopen" || action === "void") && (
          <Textarea
            label="理由"
            autosize
            minRows={3}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            error={fields.reason}
            withAsterisk
            data-autofocus
          />
        )}
        {(action === "resolve" || action === "approve" || action === "close") && (
          <Textarea
            label="メモ（任意）"
            autosize
            minRows={2}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            error={fields.note}
            data-autofocus
          />
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel} disabled={busy}>
            キャンセル
          </Button>
          <Button type="submit" loading={busy} color={DANGER.includes(action) ? "red" : undefined}>
            {SUBMIT_LABELS[action]}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

export function VoiceActions({
  voice,
  onChange,
}: {
  voice: VoiceDetail;
  onChange: (voice: VoiceDetail) => void;
}) {
  const [open, setOpen] = useState<VoiceActionName | null>(null);
  const [startBusy, setStartBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  async function start() {
    setStartBusy(true);
    setError(null);
    try {
      onChange(
        await api("POST /api/v1/voices/:id/actions", { params: { id: voice.id }, body: { action: "start" } }),
      );
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setStartBusy(false);
    }
  }

  if (voice.allowedActions.length === 0) return null;
  return (
    <Stack gap="xs">
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      <Group gap="xs">
        {voice.allowedActions.map((action) => (
          <Button
            key={action}
            size="sm"
            variant={PRIMARY.includes(action) ? "filled" : DANGER.includes(action) ? "outline" : "light"}
            color={DANGER.includes(action) ? "red" : undefined}
            loading={action === "start" && startBusy}
            onClick={() => (action === "start" ? void start() : setOpen(action))}
          >
            {ACTION_LABELS[action]}
          </Button>
        ))}
      </Group>
      <Modal
        opened={open !== null}
        onClose={() => setOpen(null)}
        title={open ? ACTION_LABELS[open] : ""}
        size="lg"
        centered
      >
        {open && (
          <ActionForm
            voice={voice}
            action={open}
            onCancel={() => setOpen(null)}
            onDone={(updated) => {
              setOpen(null);
              onChange(updated);
            }}
          />
        )}
      </Modal>
    </Stack>
  );
}
