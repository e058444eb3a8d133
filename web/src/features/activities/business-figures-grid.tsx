// The monthly business figures of one year as a keyboard-friendly grid: a row per month, a column per figure
// (保障相談・新規契約・早期消滅・失効, and 継続 / 満期 per line for the renewal rate). Enter and ↑↓ move between
// months, Tab between figures; every cell is checked before saving and the server's errors land on their cell.
import { Alert, Button, Group, Table, Text, TextInput } from "@mantine/core";
import { type KeyboardEvent, useCallback, useEffect, useState } from "react";
import type { BusinessFigureBody, BusinessMetric } from "../../../../src/features/activities/contract.js";
import { ApiError, api, errorMessage } from "../../api.js";
import { type Cell, cellKey, checkGrid, columnsFor, type GridValues, monthLabel } from "./figure-cells.js";

export function BusinessFiguresGrid({ year, canEdit }: { year: number; canEdit: boolean }) {
  const [values, setValues] = useState<GridValues>({});
  const [lines, setLines] = useState<string[]>([]);
  const [newLine, setNewLine] = useState("");
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<{ ok: boolean; text: string } | null>(null);
  const [busy, setBusy] = useState(false);
  const months = Array.from({ length: 12 }, (_, i) => `${year}-${String(i + 1).padStart(2, "0")}`);

  const load = useCallback(async () => {
    const { items } = await api("GET /api/v1/activities/business-figures", {
      query: { from: `${year}-01-01`, to: `${year}-12-31` },
    });
    const v: GridValues = {};
    const found: string[] = [];
    // lines in the order they were first entered (自動車 before 火災), as the register lists them
    for (const f of [...items].sort((a, b) => a.id - b.id)) {
      const metric = f.metric as BusinessMetric;
      v[cellKey({ month: f.month, metric, line: f.line, part: "num" })] = String(f.numerator);
      if (metric === "renewals") {
        v[cellKey({ month: f.month, metric, line: f.line, part: "den" })] = String(f.denominator ?? "");
        if (!found.includes(f.line)) found.push(f.line);
      }
    }
    setValues(v);
    setLines(found.length ? found : ["自動車", "火災"]);
    setErrors({});
  }, [year]);
  useEffect(() => {
    load().catch((e: unknown) => setMessage({ ok: false, text: errorMessage(e) }));
  }, [load]);

  const columns = columnsFor(lines);

  function move(e: KeyboardEvent<HTMLInputElement>, row: number, col: number) {
    const down = e.key === "Enter" || e.key === "ArrowDown";
    if (!down && e.key !== "ArrowUp") return;
    e.preventDefault();
    const next = row + (down ? 1 : -1);
    document.querySelector<HTMLInputElement>(`input[data-cell="${next}-${col}"]`)?.focus();
  }

  async function save() {
    setMessage(null);
    const checked = checkGrid(months, columns, values);
    setErrors(checked.errors);
    if (Object.keys(checked.errors).length > 0) {
      setMessage({ ok: false, text: "入力内容に誤りがあります。赤枠のセルを確認してください" });
      return;
    }
    if (checked.rows.length === 0) {
      setMessage({ ok: false, text: "保存する値がありません。セルに件数を入力してください" });
      return;
    }
    setBusy(true);
    try {
      const r = await api("PUT /api/v1/activities/business-figures", { body: { rows: checked.rows } });
      setMessage({ ok: true, text: `${r.saved}件の実績を保存しました` });
      await load();
    } catch (e) {
      // "rows.3.numerator" → the cell that row came from
      if (e instanceof ApiError) setErrors(serverErrors(e.fields, checked.rows, checked.cells));
      setMessage({ ok: false, text: errorMessage(e) });
    } finally {
      setBusy(false);
    }
  }

  const input = (cell: Cell, row: number, col: number, label: string) => {
    const key = cellKey(cell);
    return (
      <TextInput
        size="xs"
        w={88}
        inputMode="numeric"
        aria-label={`${monthLabel(cell.month)} ${label}`}
        value={values[key] ?? ""}
        readOnly={!canEdit}
        error={errors[key] ? true : undefined}
        title={errors[key]}
        onChange={(e) => {
          const v = e.currentTarget.value;
          setValues((old) => ({ ...old, [key]: v }));
        }}
        onKeyDown={(e) => move(e, row, col)}
        styles={{ input: { textAlign: "right" } }}
        data-cell={`${row}-${col}`}
      />
    );
  };

  return (
    <>
      <Text size="sm" c="dimmed">
        件数を入力して「保存」を押してください（Enter・↑↓で月を、Tabで項目を移動）。継続率は種目ごとに継続件数と満期件数を入れると計算されます。空欄のセルは保存されず、前の値が残ります。
      </Text>
      {message && <Alert color={message.ok ? "green" : "red"}>{message.text}</Alert>}
      {Object.keys(errors).length > 0 && (
        <Alert color="red" title="入力の誤り" aria-label="入力の誤り">
          {Object.values(errors).map((m) => (
            <Text key={m} size="sm">
              {m}
            </Text>
          ))}
        </Alert>
      )}
      <Table withTableBorder withColumnBorders aria-label={`${year}年の月次実績`} style={{ width: "auto" }}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>月</Table.Th>
            {columns.map((c) => (
              <Table.Th key={c.label} ta="center">
                {c.label}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {months.map((month, row) => (
            <Table.Tr key={month}>
              <Table.Td>{monthLabel(month)}</Table.Td>
              {columns.map((c, col) => (
                <Table.Td key={c.label}>{input({ month, ...c.cell }, row, col, c.label)}</Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      {canEdit && (
        <Group>
          <Button onClick={save} loading={busy}>
            保存
          </Button>
          <TextInput
            size="xs"
            placeholder="例: 傷害"
            aria-label="継続率の種目を追加"
            value={newLine}
            onChange={(e) => setNewLine(e.currentTarget.value)}
          />
          <Button
            size="xs"
            variant="default"
            onClick={() => {
              const l = newLine.trim();
              if (l && !lines.includes(l)) setLines([...lines, l]);
              setNewLine("");
            }}
          >
            種目を追加
          </Button>
        </Group>
      )}
    </>
  );
}

function serverErrors(
  fields: Record<string, string>,
  rows: BusinessFigureBody[],
  cells: Cell[],
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [field, text] of Object.entries(fields)) {
    const m = /^rows\.(\d+)\.(numerator|denominator)/.exec(field);
    const cell = m ? cells[Number(m[1])] : undefined;
    if (!cell || !rows[Number(m?.[1])]) continue;
    out[cellKey({ ...cell, part: m?.[2] === "denominator" ? "den" : "num" })] = text;
  }
  return out;
}
