// Settings tab for departments (部署).
import { api } from "../../api.js";
import { LabelAliasesPanel } from "../../features/import-aliases/label-aliases-panel.js";
import { useReferenceData } from "../../reference-data.js";
import { CodeNameTable } from "./code-name-table.js";

export function DepartmentsTab() {
  const { taxonomy, reload } = useReferenceData();
  return (
    <>
      <CodeNameTable
        noun="部署"
        items={taxonomy?.departments ?? []}
        onAdd={async (code, name) => {
          await api("POST /api/v1/departments", { body: { code, name } });
          await reload();
        }}
        onUpdate={async (id, change) => {
          await api("PATCH /api/v1/departments/:id", { params: { id }, body: change });
          await reload();
        }}
      />
      <LabelAliasesPanel kind="department" noun="部署" items={taxonomy?.departments ?? []} />
    </>
  );
}
