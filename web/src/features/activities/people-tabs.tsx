// The staff roster with qualifications, and the customer-protection records: elderly-customer handling (with
// the count by measure; a record is edited in place or deleted) and intent-confirmation records with the items
// each still misses (edited in a dialog with every item, or deleted).
import { Badge, Group, Stack, Text } from "@mantine/core";
import { useCallback, useEffect, useState } from "react";
import {
  type ElderlyHandling,
  EMPLOYMENT_TYPE_LABELS,
  EMPLOYMENT_TYPES,
  type IntentRecord,
  type StaffMember,
} from "../../../../src/features/activities/contract.js";
import { api, errorMessage } from "../../api.js";
import { useReferenceData } from "../../reference-data.js";
import { IntentEditDialog } from "./intent-edit-dialog.js";
import { type GridColumn, RecordGrid } from "./record-grid.js";
import { StaffEditDialog } from "./staff-edit-dialog.js";

interface TabProps {
  year: number;
  canEdit: boolean;
}
const blankToNull = (s: string | undefined) => (s?.trim() ? s.trim() : null);
const list = (s: string | undefined) =>
  (s ?? "")
    .split(/[、,\n]/)
    .map((x) => x.trim())
    .filter(Boolean);

/** 「FP技能士2級 2016/7/1、AFP 2019/3/1」: each qualification with the date it was acquired. */
function qualificationsOf(s: string | undefined) {
  return list(s).map((q) => {
    const m = /^(.+?)\s+(\S+)$/.exec(q);
    return { qualification: m?.[1] ?? q, acquiredOn: m?.[2] ?? "", expiresOn: null };
  });
}

export function StaffTab({ canEdit }: TabProps) {
  const { taxonomy } = useReferenceData();
  const [rows, setRows] = useState<StaffMember[]>([]);
  const [editing, setEditing] = useState<StaffMember | null>(null);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(async () => {
    try {
      setRows((await api("GET /api/v1/activities/staff")).items);
    } catch (e) {
      setError(errorMessage(e));
    }
  }, []);
  useEffect(() => {
    void reload();
  }, [reload]);
  const departments = (taxonomy?.departments ?? []).filter((d) => d.active);
  const columns: GridColumn<StaffMember>[] = [
    { field: "name", label: "氏名", render: (s) => s.name, placeholder: "例: 佐藤 陽子", width: 150 },
    {
      field: "departmentId",
      label: "部署",
      render: (s) => s.departmentName ?? "",
      options: [
        { value: "", label: "（なし）" },
        ...departments.map((d) => ({ value: String(d.id), label: d.name })),
      ],
      width: 150,
    },
    {
      field: "employmentType",
      label: "雇用形態",
      render: (s) =>
        EMPLOYMENT_TYPE_LABELS[s.employmentType as (typeof EMPLOYMENT_TYPES)[number]] ?? s.employmentType,
      options: EMPLOYMENT_TYPES.map((t) => ({ value: t, label: EMPLOYMENT_TYPE_LABELS[t] })),
      width: 120,
    },
    {
      field: "fromDate",
      label: "在籍開始日",
      render: (s) => s.fromDate,
      placeholder: "2012/4/1",
      width: 120,
    },
    { field: "toDate", label: "在籍終了日", render: (s) => s.toDate ?? "", width: 120 },
    {
      field: "qualifications",
      label: "資格と取得日（「、」区切り）",
      render: (s) => (
        <Group gap={4}>
          {s.qualifications.map((q) => (
            <Badge key={q.id} variant="light" title={`取得 ${q.acquiredOn}`}>
              {q.name}
            </Badge>
          ))}
        </Group>
      ),
      placeholder: "FP技能士2級 2016/7/1、AFP 2019/3/1",
    },
  ];
  return (
    <Stack gap="xs">
      {error && <Text c="red">{error}</Text>}
      <RecordGrid
        label="職員名簿"
        columns={columns}
        rows={rows}
        canEdit={canEdit}
        initial={{ employmentType: "full_time" }}
        onCreate={async (v) => {
          await api("POST /api/v1/activities/staff", {
            body: {
              name: v.name ?? "",
              departmentId: v.departmentId ? Number(v.departmentId) : null,
              employmentType: (v.employmentType || "full_time") as (typeof EMPLOYMENT_TYPES)[number],
              fromDate: v.fromDate ?? "",
              toDate: blankToNull(v.toDate),
              qualifications: qualificationsOf(v.qualifications),
            },
          });
          await reload();
        }}
        onEdit={setEditing}
      />
      <StaffEditDialog
        staff={editing}
        onClose={() => setEditing(null)}
        onSaved={() => {
          setEditing(null);
          void reload();
        }}
      />
    </Stack>
  );
}

export function ProtectionTab({ year, canEdit }: TabProps) {
  const [handlings, setHandlings] = useState<ElderlyHandling[]>([]);
  const [byMeasure, setByMeasure] = useState<{ code: string; name: string; count: number }[]>([]);
  const [intents, setIntents] = useState<IntentRecord[]>([]);
  const [editingIntent, setEditingIntent] = useState<IntentRecord | null>(null);
  const [error, setError] = useState<string | null>(null);
  // records keep the measures' codes; people read their names
  const measureName = (code: string) => byMeasure.find((m) => m.code === code)?.name ?? code;
  const reload = useCallback(async () => {
    try {
      const range = { from: `${year}-01-01`, to: `${year}-12-31` };
      const h = await api("GET /api/v1/activities/elderly-handlings", { query: range });
      setHandlings(h.items);
      setByMeasure(h.byMeasure);
      setIntents((await api("GET /api/v1/activities/intent-records", { query: range })).items);
    } catch (e) {
      setError(errorMessage(e));
    }
  }, [year]);
  useEffect(() => {
    void reload();
  }, [reload]);
  const handlingColumns: GridColumn<ElderlyHandling>[] = [
    {
      field: "handledOn",
      label: "対応日",
      render: (h) => h.handledOn,
      placeholder: `${year}/5/1`,
      width: 120,
    },
    { field: "customerRef", label: "お客さまの参照番号", render: (h) => h.customerRef, width: 150 },
    { field: "staffName", label: "担当者", render: (h) => h.staffName, width: 130 },
    {
      field: "measures",
      label: "対応方法（「、」区切り）",
      render: (h) => h.measures.map(measureName).join("・"),
      placeholder: "親族同席、電話での確認",
    },
  ];
  const intentColumns: GridColumn<IntentRecord>[] = [
    {
      field: "recordedOn",
      label: "記録日",
      render: (r) => r.recordedOn,
      placeholder: `${year}/5/1`,
      width: 120,
    },
    { field: "customerRef", label: "お客さまの参照番号", render: (r) => r.customerRef, width: 140 },
    { field: "initialIntent", label: "当初の意向", render: (r) => r.initialIntent ?? "" },
    { field: "finalIntent", label: "最終の意向", render: (r) => r.finalIntent ?? "" },
    { field: "product", label: "商品", render: (r) => r.product ?? "", width: 120 },
    { field: "reason", label: "選んだ理由", render: (r) => r.reason ?? "" },
    {
      field: "missing",
      label: "足りない項目",
      computed: true,
      render: (r) =>
        r.missing.length ? (
          <Text size="sm" c="red">
            {r.missing.join("・")}
          </Text>
        ) : (
          <Badge color="green">そろっています</Badge>
        ),
    },
  ];
  return (
    <Stack gap="md">
      {error && <Text c="red">{error}</Text>}
      <Text fw={700}>高齢のお客さまへの対応（{year}年）</Text>
      <Text size="sm">
        {byMeasure.map((m) => `${m.name} ${m.count}件`).join("・") || "記録はまだありません"}
      </Text>
      <RecordGrid
        label="高齢のお客さまへの対応"
        columns={handlingColumns}
        rows={handlings}
        canEdit={canEdit}
        onCreate={async (v) => {
          await api("POST /api/v1/activities/elderly-handlings", {
            body: {
              handledOn: v.handledOn ?? "",
              customerRef: v.customerRef ?? "",
              staffName: v.staffName ?? "",
              measures: list(v.measures),
            },
          });
          await reload();
        }}
        editValues={(h) => ({
          handledOn: h.handledOn,
          customerRef: h.customerRef,
          staffName: h.staffName,
          measures: h.measures.map(measureName).join("、"),
        })}
        onUpdate={async (h, v) => {
          await api("PATCH /api/v1/activities/elderly-handlings/:id", {
            params: { id: h.id },
            body: {
              handledOn: v.handledOn ?? "",
              customerRef: v.customerRef ?? "",
              staffName: v.staffName ?? "",
              measures: list(v.measures),
            },
          });
          await reload();
        }}
        onDelete={async (h) => {
          await api("DELETE /api/v1/activities/elderly-handlings/:id", { params: { id: h.id } });
          await reload();
        }}
      />
      <Text fw={700}>意向把握・確認の記録</Text>
      <RecordGrid
        label="意向把握・確認の記録"
        columns={intentColumns}
        rows={intents}
        canEdit={canEdit}
        onCreate={async (v) => {
          await api("POST /api/v1/activities/intent-records", {
            body: {
              recordedOn: v.recordedOn ?? "",
              customerRef: v.customerRef ?? "",
              initialIntent: blankToNull(v.initialIntent),
              finalIntent: blankToNull(v.finalIntent),
              product: blankToNull(v.product),
              reason: blankToNull(v.reason),
            },
          });
          await reload();
        }}
        onEdit={setEditingIntent}
        onDelete={async (r) => {
          await api("DELETE /api/v1/activities/intent-records/:id", { params: { id: r.id } });
          await reload();
        }}
      />
      <IntentEditDialog
        record={editingIntent}
        onClose={() => setEditingIntent(null)}
        onSaved={() => {
          setEditingIntent(null);
          void reload();
        }}
      />
    </Stack>
  );
}
