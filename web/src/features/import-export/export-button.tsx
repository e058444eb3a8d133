// 「エクスポート」 on the voice list: downloads the voices of the current filters as CSV or Excel.
import { Button, Menu } from "@mantine/core";
import { apiUrl } from "../../api.js";

const FORMATS = [
  { key: "csv-utf8", label: "CSV（UTF-8）", params: { format: "csv" } },
  {
    key: "csv-sjis",
    label: "CSV（Shift_JIS・古い Excel 向け）",
    params: { format: "csv", encoding: "sjis" },
  },
  { key: "xlsx", label: "Excel（.xlsx）", params: { format: "xlsx" } },
] as const;

/** `filters` is the list's query string; paging and sorting do not apply to an export. */
export function exportUrl(filters: string, params: Record<string, string>): string {
  const search = new URLSearchParams(filters);
  for (const k of ["page", "limit", "sort"]) search.delete(k);
  for (const [k, v] of Object.entries(params)) search.set(k, v);
  return apiUrl("GET /api/v1/exports/voices", { query: search });
}

export function ExportButton({ filters, total }: { filters: string; total: number | null }) {
  return (
    <Menu position="bottom-end" withinPortal>
      <Menu.Target>
        <Button
          variant="default"
          disabled={total === 0}
          aria-label="エクスポート（絞り込み中の声をファイルに出力）"
        >
          エクスポート
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>
          絞り込み中の{total === null ? "" : `${total.toLocaleString("ja-JP")}件の`}声を出力
        </Menu.Label>
        {FORMATS.map((f) => (
          <Menu.Item key={f.key} component="a" href={exportUrl(filters, f.params)} download>
            {f.label}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
