// Settings tab for the four label lists (種別, 分類, チャネル, 商品区分).
import { SegmentedControl, Stack } from "@mantine/core";
import { useState } from "react";
import type { TaxonomyKind } from "../../../../src/shared/api-contract.js";
import { api } from "../../api.js";
import { LabelAliasesPanel } from "../../features/import-aliases/label-aliases-panel.js";
import { useReferenceData } from "../../reference-data.js";
import { CodeNameTable } from "./code-name-table.js";

const KIND_LABELS: Record<TaxonomyKind, string> = {
  type: "種別",
  category: "分類",
  channel: "チャネル",
  product_line: "商品区分",
};

export function LabelsTab() {
  const { taxonomy, reload } = useReferenceData();
  const [kind, setKind] = useState<TaxonomyKind>("type");
  return (
    <Stack gap="md">
      <SegmentedControl
        value={kind}
        onChange={(value) => setKind(value as TaxonomyKind)}
        data={Object.entries(KIND_LABELS).map(([value, label]) => ({ value, label }))}
        aria-label="ラベルの種類"
        w="fit-content"
      />
      <CodeNameTable
        key={kind}
        noun={KIND_LABELS[kind]}
        items={taxonomy?.[kind] ?? []}
        onAdd={async (code, name) => {
          await api("POST /api/v1/taxonomy/:kind", { params: { kind }, body: { code, name } });
          await reload();
        }}
        onUpdate={async (id, change) => {
          await api("PATCH /api/v1/taxonomy/:kind/:id", { params: { kind, id }, body: change });
          await reload();
        }}
      />
      <LabelAliasesPanel
        key={`aliases-${kind}`}
        kind={kind}
        noun={KIND_LABELS[kind]}
        items={taxonomy?.[kind] ?? []}
      />
    </Stack>
  );
}
