// Editing one intent-confirmation record (意向把握・確認) in a dialog with every item, the ones the grid does not
// show included (担当者, 意向が変わった理由, お客さま確認日), so a record the list marks incomplete can be completed.
// A blank optional item is stored empty; a bad field changes nothing and its Japanese message shows under it.
import { Modal, Textarea, TextInput } from "@mantine/core";
import { type FormEvent, useEffect, useState } from "react";
import type { IntentRecord } from "../../../../src/features/activities/contract.js";
import { api } from "../../api.js";
import { EditDialogForm, useDialogSave } from "./edit-dialog-form.js";

const FIELDS = [
  ["recordedOn", "記録日", "line"],
  ["customerRef", "お客さまの参照番号", "line"],
  ["staffName", "担当者", "line"],
  ["product", "商品", "line"],
  ["initialIntent", "当初の意向", "text"],
  ["finalIntent", "最終の意向", "text"],
  ["reason", "選んだ理由", "text"],
  ["intentChangedReason", "意向が変わった理由", "text"],
  ["customerConfirmedOn", "お客さま確認日", "line"],
] as const;
type Field = (typeof FIELDS)[number][0];

export function IntentEditDialog({
  record,
  onClose,
  onSaved,
}: {
  record: IntentRecord | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const [values, setValues] = useState<Record<Field, string>>({} as Record<Field, string>);
  const { errors, message, busy, reset, save } = useDialogSave(onSaved);

  useEffect(() => {
    if (!record) return;
    setValues(Object.fromEntries(FIELDS.map(([f]) => [f, record[f] ?? ""])) as Record<Field, string>);
    reset();
  }, [record, reset]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!record) return;
    const opt = (f: Field) => (values[f]?.trim() ? values[f].trim() : null);
    await save(() =>
      api("PATCH /api/v1/activities/intent-records/:id", {
        params: { id: record.id },
        body: {
          recordedOn: values.recordedOn,
          customerRef: values.customerRef,
          staffName: opt("staffName"),
          product: opt("product"),
          initialIntent: opt("initialIntent"),
          finalIntent: opt("finalIntent"),
          reason: opt("reason"),
          intentChangedReason: opt("intentChangedReason"),
          customerConfirmedOn: opt("customerConfirmedOn"),
        },
      }),
    );
  }

  return (
    <Modal opened={record !== null} onClose={onClose} title="意向把握・確認の記録を編集" size="lg">
      {record && (
        <EditDialogForm
          label="意向把握・確認の記録の編集"
          message={message}
          busy={busy}
          onSubmit={submit}
          onCancel={onClose}
        >
          {FIELDS.map(([f, label, kind]) =>
            kind === "text" ? (
              <Textarea
                key={f}
                label={label}
                autosize
                minRows={2}
                value={values[f] ?? ""}
                error={errors[f]}
                onChange={(e) => {
                  const v = e.currentTarget.value;
                  setValues((o) => ({ ...o, [f]: v }));
                }}
              />
            ) : (
              <TextInput
                key={f}
                label={label}
                placeholder={f.endsWith("On") ? "2023/5/1" : undefined}
                value={values[f] ?? ""}
                error={errors[f]}
                onChange={(e) => {
                  const v = e.currentTarget.value;
                  setValues((o) => ({ ...o, [f]: v }));
                }}
              />
            ),
          )}
        </EditDialogForm>
      )}
    </Modal>
  );
}
