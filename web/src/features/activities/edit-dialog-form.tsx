// What the activity records' edit dialogs (staff, intent record) share: the form with its error alert and
// キャンセル / 変更を保存 buttons, and the save step — a bad field changes nothing and its Japanese message shows
// under it.
import { Alert, Button, Group, Stack } from "@mantine/core";
import { type FormEvent, type ReactNode, useCallback, useState } from "react";
import { ApiError, errorMessage } from "../../api.js";

/** The dialog's save: `save(request)` sends it and calls onSaved, or keeps the fields' errors and the message. */
export function useDialogSave(onSaved: () => void) {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  /** clears the errors and the message (the dialog opened on another record) */
  const reset = useCallback(() => {
    setErrors({});
    setMessage(null);
  }, []);
  async function save(request: () => Promise<unknown>) {
    setBusy(true);
    setErrors({});
    setMessage(null);
    try {
      await request();
      onSaved();
    } catch (e) {
      if (e instanceof ApiError) setErrors(e.fields);
      setMessage(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }
  return { errors, message, busy, reset, save };
}

/** The form inside an edit dialog; `extraAction` (e.g. 資格を追加) stands on the left of the buttons. */
export function EditDialogForm({
  label,
  message,
  busy,
  onSubmit,
  onCancel,
  extraAction,
  children,
}: {
  label: string;
  message: string | null;
  busy: boolean;
  onSubmit: (e: FormEvent) => void;
  onCancel: () => void;
  extraAction?: ReactNode;
  children: ReactNode;
}) {
  const buttons = (
    <>
      <Button variant="default" onClick={onCancel}>
        キャンセル
      </Button>
      <Button type="submit" loading={busy}>
        変更を保存
      </Button>
    </>
  );
  return (
    <form onSubmit={onSubmit} aria-label={label}>
      <Stack gap="sm">
        {message && (
          <Alert color="red" role="alert">
            {message}
          </Alert>
        )}
        {children}
        {extraAction ? (
          <Group justify="space-between">
            {extraAction}
            <Group>{buttons}</Group>
          </Group>
        ) : (
          <Group justify="flex-end">{buttons}</Group>
        )}
      </Stack>
    </form>
  );
}
