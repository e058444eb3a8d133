// A list of activity records as a grid with an entry row on top: type into the row's cells, Enter (or 追加)
// records it, and the server's Japanese message appears under the cell it names. A recorded row opens for
// editing in place (編集: its cells become inputs, Enter or 保存 saves, Esc or 取消 leaves it as it was), or in
// the screen's own dialog. Used by trainings, events, audits and the customer-protection records; each screen
// says which columns it has and how a typed row becomes the API's body.
import { Alert, Button, Group, NativeSelect, Table, Text, Textarea, TextInput } from "@mantine/core";
import { type FormEvent, type KeyboardEvent, type ReactNode, useState } from "react";
import { ApiError, errorMessage } from "../../api.js";

export interface GridColumn<T> {
  /** the body's field the entry cell fills (and the server's error names) */
  field: string;
  label: string;
  render: (row: T) => ReactNode;
  /** a fixed list to choose from; a free text cell otherwise */
  options?: { value: string; label: string }[];
  placeholder?: string;
  width?: number;
  numeric?: boolean;
  /** shown, not typed: the entry row leaves this cell empty */
  computed?: boolean;
  /** edited as several lines (one item a line) when a recorded row is opened */
  multiline?: boolean;
}

interface Props<T extends { id: number }> {
  label: string;
  columns: GridColumn<T>[];
  rows: T[];
  canEdit: boolean;
  /** records the typed row; rejects with the API's error */
  onCreate: (values: Record<string, string>) => Promise<void>;
  onDelete?: (row: T) => Promise<void>;
  /** opens the row for editing in the screen's own dialog (the staff roster, intent records) */
  onEdit?: (row: T) => void;
  /** a recorded row's cells as the edit row starts with them; given with onUpdate, 編集 edits in place */
  editValues?: (row: T) => Record<string, string>;
  /** saves the edited row; rejects with the API's error */
  onUpdate?: (row: T, values: Record<string, string>) => Promise<void>;
  /** what a new row starts with (e.g. the first kind) */
  initial?: Record<string, string>;
}

export function RecordGrid<T extends { id: number }>(p: Props<T>) {
  const blank = () => ({ ...(p.initial ?? {}) });
  const [values, setValues] = useState<Record<string, string>>(blank);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const [editing, setEditing] = useState<{ id: number; values: Record<string, string> } | null>(null);
  const [editErrors, setEditErrors] = useState<Record<string, string>>({});

  async function saveEdit(row: T) {
    if (!editing || !p.onUpdate) return;
    setBusy(true);
    setMessage(null);
    setEditErrors({});
    try {
      await p.onUpdate(row, editing.values);
      setEditing(null);
      setMessage({ ok: true, text: "変更を保存しました" });
    } catch (err) {
      if (err instanceof ApiError) setEditErrors(err.fields);
      setMessage({ ok: false, text: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  }
  const editKeys = (row: T) => (e: KeyboardEvent) => {
    // the grid is the entry row's form: Enter here saves this row, not a new record
    if (e.key === "Enter" && !(e.target instanceof HTMLTextAreaElement && !(e.ctrlKey || e.metaKey))) {
      e.preventDefault();
      void saveEdit(row);
    } else if (e.key === "Escape") {
      e.preventDefault();
      setEditing(null);
      setEditErrors({});
    }
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setMessage(null);
    setErrors({});
    try {
      await p.onCreate(values);
      setValues(blank());
      setMessage({ ok: true, text: "記録しました" });
      document
        .querySelector<HTMLElement>(`[data-entry="${p.label}"] input, [data-entry="${p.label}"] select`)
        ?.focus();
    } catch (err) {
      if (err instanceof ApiError) setErrors(err.fields);
      setMessage({ ok: false, text: errorMessage(err) });
    } finally {
      setBusy(false);
    }
  }

  // the server names a list's item as "items.0": shown under the list's cell
  const errorIn = (all: Record<string, string>) => (field: string) =>
    Object.entries(all)
      .filter(([k]) => k === field || k.startsWith(`${field}.`))
      .map(([, v]) => v)
      .join(" ") || undefined;
  const errorFor = errorIn(errors);
  const editErrorFor = errorIn(editErrors);
  const unplaced = Object.entries({ ...errors, ...editErrors }).filter(
    ([k]) => !p.columns.some((c) => k === c.field || k.startsWith(`${c.field}.`)),
  );
  const setEdit = (field: string, v: string) =>
    setEditing((o) => (o ? { ...o, values: { ...o.values, [field]: v } } : o));

  return (
    <form onSubmit={submit} data-entry={p.label}>
      {message && (
        <Alert color={message.ok ? "green" : "red"} mb="xs">
          {message.text}
          {unplaced.map(([k, v]) => (
            <Text key={k} size="sm">
              {v}
            </Text>
          ))}
        </Alert>
      )}
      <Table withTableBorder striped aria-label={p.label}>
        <Table.Thead>
          <Table.Tr>
            {p.columns.map((c) => (
              <Table.Th key={c.field} w={c.width}>
                {c.label}
              </Table.Th>
            ))}
            <Table.Th w={130} />
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {p.canEdit && (
            <Table.Tr data-role="entry-row">
              {p.columns.map((c) => (
                <Table.Td key={c.field} style={{ verticalAlign: "top" }}>
                  {c.computed ? null : c.options ? (
                    <NativeSelect
                      size="xs"
                      aria-label={`新しい記録の${c.label}`}
                      data={c.options}
                      value={values[c.field] ?? ""}
                      error={errorFor(c.field)}
                      onChange={(e) => {
                        const v = e.currentTarget.value;
                        setValues((o) => ({ ...o, [c.field]: v }));
                      }}
                    />
                  ) : (
                    <TextInput
                      size="xs"
                      aria-label={`新しい記録の${c.label}`}
                      placeholder={c.placeholder}
                      inputMode={c.numeric ? "numeric" : undefined}
                      value={values[c.field] ?? ""}
                      error={errorFor(c.field)}
                      onChange={(e) => {
                        const v = e.currentTarget.value;
                        setValues((o) => ({ ...o, [c.field]: v }));
                      }}
                    />
                  )}
                </Table.Td>
              ))}
              <Table.Td style={{ verticalAlign: "top" }}>
                <Button type="submit" size="xs" loading={busy}>
                  追加
                </Button>
              </Table.Td>
            </Table.Tr>
          )}
          {p.rows.map((r) =>
            editing?.id === r.id ? (
              <Table.Tr key={r.id} data-role="edit-row" onKeyDown={editKeys(r)}>
                {p.columns.map((c) => (
                  <Table.Td key={c.field} style={{ verticalAlign: "top" }}>
                    {c.computed ? (
                      c.render(r)
                    ) : c.options ? (
                      <NativeSelect
                        size="xs"
                        aria-label={`${c.label}（編集）`}
                        data={c.options}
                        value={editing.values[c.field] ?? ""}
                        error={editErrorFor(c.field)}
                        onChange={(e) => setEdit(c.field, e.currentTarget.value)}
                      />
                    ) : c.multiline ? (
                      <Textarea
                        size="xs"
                        autosize
                        minRows={2}
                        aria-label={`${c.label}（編集）`}
                        description="1行に1項目"
                        value={editing.values[c.field] ?? ""}
                        error={editErrorFor(c.field)}
                        onChange={(e) => setEdit(c.field, e.currentTarget.value)}
                      />
                    ) : (
                      <TextInput
                        size="xs"
                        aria-label={`${c.label}（編集）`}
                        inputMode={c.numeric ? "numeric" : undefined}
                        value={editing.values[c.field] ?? ""}
                        error={editErrorFor(c.field)}
                        onChange={(e) => setEdit(c.field, e.currentTarget.value)}
                      />
                    )}
                  </Table.Td>
                ))}
                <Table.Td style={{ verticalAlign: "top", whiteSpace: "nowrap" }}>
                  <Group gap={4} wrap="nowrap">
                    <Button size="xs" loading={busy} onClick={() => void saveEdit(r)}>
                      保存
                    </Button>
                    <Button
                      size="xs"
                      variant="default"
                      onClick={() => {
                        setEditing(null);
                        setEditErrors({});
                      }}
                    >
                      取消
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ) : (
              <Table.Tr key={r.id}>
                {p.columns.map((c) => (
                  <Table.Td key={c.field}>{c.render(r)}</Table.Td>
                ))}
                <Table.Td style={{ whiteSpace: "nowrap" }}>
                  {p.canEdit && (p.onEdit || (p.onUpdate && p.editValues)) && (
                    <Button
                      size="xs"
                      variant="subtle"
                      onClick={() => {
                        if (p.onEdit) return p.onEdit(r);
                        setEditErrors({});
                        setMessage(null);
                        setEditing({ id: r.id, values: p.editValues?.(r) ?? {} });
                      }}
                    >
                      編集
                    </Button>
                  )}
                  {p.canEdit && p.onDelete && (
                    <Button
                      size="xs"
                      variant="subtle"
                      color="red"
                      onClick={() => {
                        if (window.confirm("この記録を削除しますか？元に戻すことはできません。"))
                          p.onDelete?.(r).then(
                            () => setMessage({ ok: true, text: "削除しました" }),
                            (e: unknown) => setMessage({ ok: false, text: errorMessage(e) }),
                          );
                      }}
                    >
                      削除
                    </Button>
                  )}
                </Table.Td>
              </Table.Tr>
            ),
          )}
          {p.rows.length === 0 && (
            <Table.Tr>
              <Table.Td colSpan={p.columns.length + 1}>
                <Text size="sm" c="dimmed">
                  この期間の記録はありません
                </Text>
              </Table.Td>
            </Table.Tr>
          )}
        </Table.Tbody>
      </Table>
    </form>
  );
}

/**
 * A typed count (full-width digits and commas allowed) as a number; blank is undefined (the caller gives the server's default).
 * Anything else is refused here with the message the server would give, under the same field.
 */
export function countField(values: Record<string, string>, field: string, label: string): number | undefined {
  const t = (values[field] ?? "").normalize("NFKC").replace(/,/g, "").trim();
  if (t === "") return undefined;
  if (!/^-?\d+$/.test(t))
    throw new ApiError(400, "invalid_input", "入力内容に誤りがあります", {
      [field]: `${label}は整数で入力してください`,
    });
  return Number(t);
}
