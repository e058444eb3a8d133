// Editing one staff roster entry in a dialog: name, department, employment type, the dates they were on the
// roster (a leaving date ends them for later periods) and their qualifications, one row each with the date
// acquired. Saved as a whole (PUT): a bad field changes nothing and its Japanese message shows under it.
import { Button, Group, Modal, NativeSelect, Table, Text, TextInput } from "@mantine/core";
import { type FormEvent, useEffect, useState } from "react";
import {
  type ActivityLabel,
  EMPLOYMENT_TYPE_LABELS,
  EMPLOYMENT_TYPES,
  type StaffMember,
} from "../../../../src/features/activities/contract.js";
import { api } from "../../api.js";
import { useReferenceData } from "../../reference-data.js";
import { EditDialogForm, useDialogSave } from "./edit-dialog-form.js";

type EmploymentType = (typeof EMPLOYMENT_TYPES)[number];
interface QualRow {
  qualification: string;
  acquiredOn: string;
  expiresOn: string;
}

export function StaffEditDialog({
  staff,
  onClose,
  onSaved,
}: {
  staff: StaffMember | null;
  onClose: () => void;
  onSaved: () => void;
}) {
  const { taxonomy } = useReferenceData();
  const [name, setName] = useState("");
  const [departmentId, setDepartmentId] = useState("");
  const [employmentType, setEmploymentType] = useState<EmploymentType>("full_time");
  const [fromDate, setFromDate] = useState("");
  const [toDate, setToDate] = useState("");
  const [quals, setQuals] = useState<QualRow[]>([]);
  const [labels, setLabels] = useState<ActivityLabel[]>([]);
  const { errors, message, busy, reset, save } = useDialogSave(onSaved);

  useEffect(() => {
    if (!staff) return;
    setName(staff.name);
    setDepartmentId(staff.departmentId ? String(staff.departmentId) : "");
    setEmploymentType(staff.employmentType as EmploymentType);
    setFromDate(staff.fromDate);
    setToDate(staff.toDate ?? "");
    setQuals(
      staff.qualifications.map((q) => ({
        qualification: q.name,
        acquiredOn: q.acquiredOn,
        expiresOn: q.expiresOn ?? "",
      })),
    );
    reset();
    api("GET /api/v1/activities/labels", { query: { kind: "qualification" } }).then(
      (r) => setLabels(r.items),
      () => setLabels([]),
    );
  }, [staff, reset]);

  async function submit(e: FormEvent) {
    e.preventDefault();
    if (!staff) return;
    await save(() =>
      api("PUT /api/v1/activities/staff/:id", {
        params: { id: staff.id },
        body: {
          name,
          departmentId: departmentId ? Number(departmentId) : null,
          employmentType,
          fromDate,
          toDate: toDate.trim() ? toDate : null,
          qualifications: quals
            .filter((q) => q.qualification.trim())
            .map((q) => ({
              qualification: q.qualification,
              acquiredOn: q.acquiredOn,
              expiresOn: q.expiresOn.trim() ? q.expiresOn : null,
            })),
        },
      }),
    );
  }

  const setQual = (i: number, change: Partial<QualRow>) =>
    setQuals((old) => old.map((q, j) => (j === i ? { ...q, ...change } : q)));
  const departments = (taxonomy?.departments ?? []).filter((d) => d.active || String(d.id) === departmentId);
  const qualOptions = (current: string) => [
    { value: "", label: "（選んでください）" },
    ...labels
      .filter((l) => l.active || l.name === current)
      .map((l) => ({ value: l.name, label: l.active ? l.name : `${l.name}（使用中止）` })),
  ];

  return (
    <Modal
      opened={staff !== null}
      onClose={onClose}
      size="xl"
      title={staff ? `職員を編集（${staff.name}）` : ""}
    >
      <EditDialogForm
        label="職員の編集"
        message={message}
        busy={busy}
        onSubmit={submit}
        onCancel={onClose}
        extraAction={
          <Button
            size="xs"
            variant="default"
            onClick={() => setQuals((old) => [...old, { qualification: "", acquiredOn: "", expiresOn: "" }])}
          >
            資格を追加
          </Button>
        }
      >
        <Group grow align="flex-start">
          <TextInput
            label="氏名"
            value={name}
            error={errors.name}
            onChange={(e) => setName(e.currentTarget.value)}
          />
          <NativeSelect
            label="部署"
            data={[
              { value: "", label: "（なし）" },
              ...departments.map((d) => ({ value: String(d.id), label: d.name })),
            ]}
            value={departmentId}
            error={errors.departmentId}
            onChange={(e) => setDepartmentId(e.currentTarget.value)}
          />
          <NativeSelect
            label="雇用形態"
            data={EMPLOYMENT_TYPES.map((t) => ({ value: t, label: EMPLOYMENT_TYPE_LABELS[t] }))}
            value={employmentType}
            error={errors.employmentType}
            onChange={(e) => setEmploymentType(e.currentTarget.value as EmploymentType)}
          />
        </Group>
        <Group grow align="flex-start">
          <TextInput
            label="在籍開始日"
            placeholder="2012/4/1"
            value={fromDate}
            error={errors.fromDate}
            onChange={(e) => setFromDate(e.currentTarget.value)}
          />
          <TextInput
            label="在籍終了日（在籍中は空欄）"
            placeholder="2024/3/31"
            value={toDate}
            error={errors.toDate}
            onChange={(e) => setToDate(e.currentTarget.value)}
          />
        </Group>
        <Text fw={500} size="sm">
          資格
        </Text>
        <Table withTableBorder aria-label="資格と取得日">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>資格</Table.Th>
              <Table.Th w={150}>取得日</Table.Th>
              <Table.Th w={150}>有効期限</Table.Th>
              <Table.Th w={70} />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {quals.map((q, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: rows are edited in place; the index is their identity here
              <Table.Tr key={i}>
                <Table.Td>
                  <NativeSelect
                    size="xs"
                    aria-label={`${i + 1}つ目の資格`}
                    data={qualOptions(q.qualification)}
                    value={q.qualification}
                    error={errors[`qualifications.${i}.qualification`]}
                    onChange={(e) => setQual(i, { qualification: e.currentTarget.value })}
                  />
                </Table.Td>
                <Table.Td>
                  <TextInput
                    size="xs"
                    aria-label={`${i + 1}つ目の資格の取得日`}
                    placeholder="2016/7/1"
                    value={q.acquiredOn}
                    error={errors[`qualifications.${i}.acquiredOn`]}
                    onChange={(e) => setQual(i, { acquiredOn: e.currentTarget.value })}
                  />
                </Table.Td>
                <Table.Td>
                  <TextInput
                    size="xs"
                    aria-label={`${i + 1}つ目の資格の有効期限`}
                    value={q.expiresOn}
                    error={errors[`qualifications.${i}.expiresOn`]}
                    onChange={(e) => setQual(i, { expiresOn: e.currentTarget.value })}
                  />
                </Table.Td>
                <Table.Td>
                  <Button
                    size="xs"
                    variant="subtle"
                    color="red"
                    onClick={() => setQuals((old) => old.filter((_, j) => j !== i))}
                  >
                    外す
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </EditDialogForm>
    </Modal>
  );
}
