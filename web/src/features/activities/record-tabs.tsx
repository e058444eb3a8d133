// The dated activity records of a year as grids with an entry row, each row edited in place or deleted:
// trainings (by kind), events, seminars and consultation sessions, and inspections and audits with their
// improvement items (each registered as a new improvement task, or linked to one that exists).
import { Anchor, Badge, Button, Group, Stack, Text } from "@mantine/core";
import { useCallback, useEffect, useState } from "react";
import { Link } from "react-router";
import { editedAuditItems } from "../../../../src/domain/audit-item-lines.js";
import {
  type ActivityLabel,
  AUDIT_KIND_LABELS,
  AUDIT_KINDS,
  type Audit,
  EVENT_KIND_LABELS,
  EVENT_KINDS,
  type OutreachEvent,
  type Training,
} from "../../../../src/features/activities/contract.js";
import {
  IMPROVEMENT_STATUS_LABELS,
  type ImprovementStatus,
} from "../../../../src/features/improvements/contract.js";
import { api, errorMessage } from "../../api.js";
import { AuditImprovementDialog, type AuditItemTarget } from "./audit-improvement-dialog.js";
import { AuditLinkDialog } from "./audit-link-dialog.js";
import { countField, type GridColumn, RecordGrid } from "./record-grid.js";

interface TabProps {
  year: number;
  canEdit: boolean;
}

const range = (year: number) => ({ from: `${year}-01-01`, to: `${year}-12-31` });
const blankToNull = (s: string | undefined) => (s?.trim() ? s.trim() : null);

/** Loads a year's records; reload after each change. */
function useRecords<T>(load: () => Promise<{ items: T[] }>) {
  const [rows, setRows] = useState<T[]>([]);
  const [error, setError] = useState<string | null>(null);
  const reload = useCallback(async () => {
    try {
      setRows((await load()).items);
      setError(null);
    } catch (e) {
      setError(errorMessage(e));
    }
  }, [load]);
  useEffect(() => {
    void reload();
  }, [reload]);
  return { rows, error, reload };
}

export function TrainingsTab({ year, canEdit }: TabProps) {
  const load = useCallback(() => api("GET /api/v1/activities/trainings", { query: range(year) }), [year]);
  const { rows, error, reload } = useRecords<Training>(load);
  const [kinds, setKinds] = useState<ActivityLabel[]>([]);
  useEffect(() => {
    api("GET /api/v1/activities/labels", { query: { kind: "training_kind" } }).then(
      (r) => setKinds(r.items.filter((k) => k.active)),
      () => setKinds([]),
    );
  }, []);
  const columns: GridColumn<Training>[] = [
    { field: "heldOn", label: "実施日", render: (t) => t.heldOn, placeholder: `${year}/4/1`, width: 130 },
    {
      field: "kind",
      label: "種類",
      render: (t) => t.kindName,
      options: kinds.map((k) => ({ value: k.code, label: k.name })),
      width: 150,
    },
    { field: "title", label: "研修名", render: (t) => t.title, placeholder: "例: 商品学習" },
    { field: "attendees", label: "参加人数", render: (t) => `${t.attendees}名`, numeric: true, width: 100 },
  ];
  return (
    <Stack gap="xs">
      {error && <Text c="red">{error}</Text>}
      <RecordGrid
        label="研修の記録"
        columns={columns}
        rows={rows}
        canEdit={canEdit}
        initial={{ kind: kinds[0]?.code ?? "" }}
        onCreate={async (v) => {
          await api("POST /api/v1/activities/trainings", {
            body: {
              heldOn: v.heldOn ?? "",
              kind: v.kind || (kinds[0]?.code ?? ""),
              title: v.title ?? "",
              attendees: countField(v, "attendees", "参加人数") ?? 0,
            },
          });
          await reload();
        }}
        editValues={(t) => ({
          heldOn: t.heldOn,
          kind: t.kind,
          title: t.title,
          attendees: String(t.attendees),
        })}
        onUpdate={async (t, v) => {
          await api("PATCH /api/v1/activities/trainings/:id", {
            params: { id: t.id },
            body: {
              heldOn: v.heldOn ?? "",
              kind: v.kind ?? t.kind,
              title: v.title ?? "",
              attendees: countField(v, "attendees", "参加人数") ?? 0,
            },
          });
          await reload();
        }}
        onDelete={async (t) => {
          await api("DELETE /api/v1/activities/trainings/:id", { params: { id: t.id } });
          await reload();
        }}
      />
    </Stack>
  );
}

export function EventsTab({ year, canEdit }: TabProps) {
  const load = useCallback(() => api("GET /api/v1/activities/events", { query: range(year) }), [year]);
  const { rows, error, reload } = useRecords<OutreachEvent>(load);
  const columns: GridColumn<OutreachEvent>[] = [
    { field: "heldOn", label: "開催日", render: (e) => e.heldOn, placeholder: `${year}/9/9`, width: 130 },
    {
      field: "kind",
      label: "種類",
      render: (e) => EVENT_KIND_LABELS[e.kind as (typeof EVENT_KINDS)[number]] ?? e.kind,
      options: EVENT_KINDS.map((k) => ({ value: k, label: EVENT_KIND_LABELS[k] })),
      width: 130,
    },
    { field: "title", label: "名称", render: (e) => e.title, placeholder: "例: がんセミナー" },
    { field: "attendance", label: "参加人数", render: (e) => `${e.attendance}名`, numeric: true, width: 100 },
  ];
  return (
    <Stack gap="xs">
      {error && <Text c="red">{error}</Text>}
      <RecordGrid
        label="イベント・セミナー・相談会の記録"
        columns={columns}
        rows={rows}
        canEdit={canEdit}
        initial={{ kind: "event" }}
        onCreate={async (v) => {
          await api("POST /api/v1/activities/events", {
            body: {
              heldOn: v.heldOn ?? "",
              kind: (v.kind || "event") as (typeof EVENT_KINDS)[number],
              title: v.title ?? "",
              attendance: countField(v, "attendance", "参加人数") ?? 0,
            },
          });
          await reload();
        }}
        editValues={(e) => ({
          heldOn: e.heldOn,
          kind: e.kind,
          title: e.title,
          attendance: String(e.attendance),
        })}
        onUpdate={async (e, v) => {
          await api("PATCH /api/v1/activities/events/:id", {
            params: { id: e.id },
            body: {
              heldOn: v.heldOn ?? "",
              kind: (v.kind || e.kind) as (typeof EVENT_KINDS)[number],
              title: v.title ?? "",
              attendance: countField(v, "attendance", "参加人数") ?? 0,
            },
          });
          await reload();
        }}
        onDelete={async (e) => {
          await api("DELETE /api/v1/activities/events/:id", { params: { id: e.id } });
          await reload();
        }}
      />
    </Stack>
  );
}

export function AuditsTab({ year, canEdit }: TabProps) {
  const load = useCallback(() => api("GET /api/v1/activities/audits", { query: range(year) }), [year]);
  const { rows, error, reload } = useRecords<Audit>(load);
  const [registering, setRegistering] = useState<AuditItemTarget | null>(null);
  const [linking, setLinking] = useState<AuditItemTarget | null>(null);
  const auditName = (a: Audit) =>
    `${AUDIT_KIND_LABELS[a.kind as (typeof AUDIT_KINDS)[number]] ?? a.kind}（${a.heldOn}、${a.auditor}）`;
  const columns: GridColumn<Audit>[] = [
    { field: "heldOn", label: "実施日", render: (a) => a.heldOn, placeholder: `${year}/6/1`, width: 130 },
    {
      field: "kind",
      label: "種類",
      render: (a) => AUDIT_KIND_LABELS[a.kind as (typeof AUDIT_KINDS)[number]] ?? a.kind,
      options: AUDIT_KINDS.map((k) => ({ value: k, label: AUDIT_KIND_LABELS[k] })),
      width: 120,
    },
    {
      field: "auditor",
      label: "実施者",
      render: (a) => a.auditor,
      placeholder: "例: 内部監査室",
      width: 160,
    },
    { field: "findings", label: "指摘事項", render: (a) => a.findings ?? "" },
    {
      field: "items",
      label: "改善項目（「、」区切り）",
      render: (a) => (
        <Stack gap={4}>
          {a.items.map((i) => (
            <Group key={i.id} gap={6} wrap="nowrap" align="flex-start" data-audit-item={i.id}>
              <Text size="sm">{i.content}</Text>
              {i.improvement ? (
                <Anchor
                  component={Link}
                  to={`/improvements/${i.improvement.id}`}
                  size="sm"
                  style={{ flexShrink: 0 }}
                >
                  <Badge variant="light" style={{ cursor: "pointer" }}>
                    改善課題:{" "}
                    {IMPROVEMENT_STATUS_LABELS[i.improvement.status as ImprovementStatus] ??
                      i.improvement.status}
                  </Badge>
                </Anchor>
              ) : (
                canEdit && (
                  <Group gap={4} wrap="nowrap" style={{ flexShrink: 0 }}>
                    <Button
                      size="compact-xs"
                      variant="light"
                      onClick={() =>
                        setRegistering({ itemId: i.id, content: i.content, audit: auditName(a) })
                      }
                    >
                      改善として登録
                    </Button>
                    <Button
                      size="compact-xs"
                      variant="subtle"
                      onClick={() => setLinking({ itemId: i.id, content: i.content, audit: auditName(a) })}
                    >
                      既存の改善に紐づけ
                    </Button>
                  </Group>
                )
              )}
            </Group>
          ))}
        </Stack>
      ),
      placeholder: "改善項目を「、」で区切って",
      multiline: true,
    },
  ];
  return (
    <Stack gap="xs">
      {error && <Text c="red">{error}</Text>}
      <RecordGrid
        label="点検・監査の記録"
        columns={columns}
        rows={rows}
        canEdit={canEdit}
        initial={{ kind: "self" }}
        onCreate={async (v) => {
          await api("POST /api/v1/activities/audits", {
            body: {
              heldOn: v.heldOn ?? "",
              kind: (v.kind || "self") as (typeof AUDIT_KINDS)[number],
              auditor: v.auditor ?? "",
              findings: blankToNull(v.findings),
              items: (v.items ?? "")
                .split(/[、\n]/)
                .map((s) => s.trim())
                .filter(Boolean),
            },
          });
          await reload();
        }}
        editValues={(a) => ({
          heldOn: a.heldOn,
          kind: a.kind,
          auditor: a.auditor,
          findings: a.findings ?? "",
          items: a.items.map((i) => i.content).join("\n"),
        })}
        onUpdate={async (a, v) => {
          await api("PATCH /api/v1/activities/audits/:id", {
            params: { id: a.id },
            body: {
              heldOn: v.heldOn ?? "",
              kind: (v.kind || a.kind) as (typeof AUDIT_KINDS)[number],
              auditor: v.auditor ?? "",
              findings: blankToNull(v.findings),
              items: editedAuditItems(a.items, v.items ?? ""),
            },
          });
          await reload();
        }}
        onDelete={async (a) => {
          await api("DELETE /api/v1/activities/audits/:id", { params: { id: a.id } });
          await reload();
        }}
      />
      <AuditLinkDialog
        target={linking}
        onClose={() => setLinking(null)}
        onLinked={() => {
          setLinking(null);
          void reload();
        }}
      />
      <AuditImprovementDialog
        target={registering}
        onClose={() => setRegistering(null)}
        onRegistered={() => {
          setRegistering(null);
          void reload();
        }}
      />
    </Stack>
  );
}
