// Adding or editing a KPI in a dialog: theme, number, name, unit, how its value is obtained (computed from
// koe's records or entered by hand), the source's parameters (training kinds, department, survey kind) and a
// target. A form: Tab moves between fields, Enter saves; the server's Japanese messages land under their field.
import { Alert, Button, Checkbox, Group, Modal, NativeSelect, Stack, Text, TextInput } from "@mantine/core";
import { type FormEvent, useEffect, useState } from "react";
import type { ActivityLabel } from "../../../../src/features/activities/contract.js";
import {
  DEFAULT_SURVEY_KIND,
  KPI_SOURCE_LABELS,
  KPI_SOURCES,
  type Kpi,
  type KpiSource,
} from "../../../../src/features/kpi/contract.js";
import type { SurveyKind } from "../../../../src/features/surveys/contract.js";
import { ApiError, api, errorMessage } from "../../api.js";
import { useReferenceData } from "../../reference-data.js";

const UNITS = ["名", "回", "件", "%"] as const;
type Unit = (typeof UNITS)[number];

export interface ThemeOption {
  id: number;
  number: number;
  name: string;
  /** a retired theme takes no new KPI (a KPI already under it may stay) */
  retiredAt: string | null;
}

interface Props {
  opened: boolean;
  /** null: a new KPI */
  kpi: Kpi | null;
  themes: ThemeOption[];
  /** the next free number per theme, for a new KPI */
  nextNumber: (themeId: number) => number;
  onClose: () => void;
  onSaved: (kpi: Kpi) => void;
}

interface Values {
  themeId: string;
  number: string;
  name: string;
  unit: Unit;
  source: KpiSource;
  target: string;
  trainingKinds: string[];
  departmentId: string;
  surveyKind: string;
}

function initial(kpi: Kpi | null, themes: ThemeOption[], nextNumber: (id: number) => number): Values {
  const p = (kpi?.params ?? {}) as { trainingKinds?: string[]; departmentId?: number; surveyKind?: string };
  const themeId = kpi?.themeId ?? themes.find((t) => !t.retiredAt)?.id ?? 0;
  return {
    themeId: String(themeId),
    number: String(kpi?.number ?? nextNumber(themeId)),
    name: kpi?.name ?? "",
    unit: kpi?.unit ?? "件",
    source: kpi?.source ?? "manual",
    target: kpi?.target ?? "",
    trainingKinds: p.trainingKinds ?? [],
    departmentId: p.departmentId ? String(p.departmentId) : "",
    surveyKind: p.surveyKind ?? "",
  };
}

export function KpiForm({ opened, kpi, themes, nextNumber, onClose, onSaved }: Props) {
  const { taxonomy } = useReferenceData();
  const [v, setV] = useState<Values>(() => initial(kpi, themes, nextNumber));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [kinds, setKinds] = useState<ActivityLabel[]>([]);
  const [surveyKinds, setSurveyKinds] = useState<SurveyKind[]>([]);

  // biome-ignore lint/correctness/useExhaustiveDependencies: reset only when the dialog opens on another KPI
  useEffect(() => {
    if (!opened) return;
    setV(initial(kpi, themes, nextNumber));
    setErrors({});
    setMessage(null);
  }, [opened, kpi]);
  useEffect(() => {
    if (!opened) return;
    api("GET /api/v1/activities/labels", { query: { kind: "training_kind" } }).then(
      (r) => setKinds(r.items),
      () => setKinds([]),
    );
    api("GET /api/v1/surveys/kinds").then(
      (r) => setSurveyKinds(r.items),
      () => setSurveyKinds([]),
    );
  }, [opened]);

  const set = <K extends keyof Values>(key: K, value: Values[K]) => setV((o) => ({ ...o, [key]: value }));
  const err = (field: string) =>
    Object.entries(errors)
      .filter(([k]) => k === field || k.startsWith(`${field}.`))
      .map(([, m]) => m)
      .join(" ") || undefined;

  async function submit(e: FormEvent) {
    e.preventDefault();
    const number = Number(v.number.normalize("NFKC").trim());
    if (!Number.isInteger(number) || number < 1 || number > 99) {
      setErrors({ number: "番号は1〜99の整数で入力してください" });
      return;
    }
    const params =
      v.source === "trainings" && v.trainingKinds.length
        ? { trainingKinds: v.trainingKinds }
        : v.source === "qualified_staff" && v.departmentId
          ? { departmentId: Number(v.departmentId) }
          : v.source === "satisfaction" && v.surveyKind.trim()
            ? { surveyKind: v.surveyKind.trim() }
            : {};
    const body = {
      themeId: Number(v.themeId),
      number,
      name: v.name,
      unit: v.unit,
      source: v.source,
      params,
      target: v.target.trim() ? v.target.trim() : null,
    };
    setBusy(true);
    setErrors({});
    setMessage(null);
    try {
      const saved = kpi
        ? await api("PATCH /api/v1/kpis/:id", { params: { id: kpi.id }, body })
        : await api("POST /api/v1/kpis", { body });
      onSaved(saved);
    } catch (e2) {
      if (e2 instanceof ApiError) setErrors(e2.fields);
      setMessage(errorMessage(e2));
    } finally {
      setBusy(false);
    }
  }

  const departments = (taxonomy?.departments ?? []).filter((d) => d.active);
  return (
    <Modal
      opened={opened}
      onClose={onClose}
      title={kpi ? `指標を編集（${kpi.name}）` : "指標を追加"}
      size="lg"
    >
      <form onSubmit={submit} aria-label={kpi ? "指標の編集" : "指標の追加"}>
        <Stack gap="sm">
          {message && (
            <Alert color="red" role="alert">
              {message}
            </Alert>
          )}
          <Group grow align="flex-start">
            <NativeSelect
              label="テーマ"
              data={themes
                .filter((t) => !t.retiredAt || t.id === kpi?.themeId)
                .map((t) => ({
                  value: String(t.id),
                  label: `${t.number}．${t.name}${t.retiredAt ? "（廃止）" : ""}`,
                }))}
              value={v.themeId}
              error={err("themeId")}
              onChange={(e) => {
                const themeId = e.currentTarget.value;
                setV((o) => ({
                  ...o,
                  themeId,
                  number: kpi ? o.number : String(nextNumber(Number(themeId))),
                }));
              }}
            />
            <TextInput
              label="番号"
              inputMode="numeric"
              maw={100}
              value={v.number}
              error={err("number")}
              onChange={(e) => set("number", e.currentTarget.value)}
            />
          </Group>
          <TextInput
            label="指標名"
            placeholder="例: 保障点検の実施件数"
            value={v.name}
            error={err("name")}
            onChange={(e) => set("name", e.currentTarget.value)}
            data-autofocus
          />
          <Group grow align="flex-start">
            <NativeSelect
              label="単位"
              data={UNITS.map((u) => ({ value: u, label: u === "%" ? "%（率）" : u }))}
              value={v.unit}
              error={err("unit")}
              onChange={(e) => set("unit", e.currentTarget.value as Unit)}
            />
            <NativeSelect
              label="値の求め方"
              data={KPI_SOURCES.map((s) => ({ value: s, label: KPI_SOURCE_LABELS[s] }))}
              value={v.source}
              error={err("source")}
              onChange={(e) => set("source", e.currentTarget.value as KpiSource)}
            />
          </Group>
          {v.source === "manual" && (
            <Text size="xs" c="dimmed">
              手入力の指標は、年ごとに「取り組み・評価」から値と根拠を入力します。
            </Text>
          )}
          {v.source === "trainings" && (
            <Stack gap={4}>
              <Text size="sm" fw={500}>
                数える研修の種類（選ばなければすべて）
              </Text>
              <Group gap="md">
                {kinds.map((k) => (
                  <Checkbox
                    key={k.code}
                    label={k.active ? k.name : `${k.name}（使用中止）`}
                    checked={v.trainingKinds.includes(k.code)}
                    onChange={(e) => {
                      const on = e.currentTarget.checked;
                      set(
                        "trainingKinds",
                        on ? [...v.trainingKinds, k.code] : v.trainingKinds.filter((c) => c !== k.code),
                      );
                    }}
                  />
                ))}
              </Group>
              {err("params") && (
                <Text size="xs" c="red">
                  {err("params")}
                </Text>
              )}
            </Stack>
          )}
          {v.source === "qualified_staff" && (
            <NativeSelect
              label="取得率を出す部署（選ばなければ全職員）"
              data={[
                { value: "", label: "（全職員）" },
                ...departments.map((d) => ({ value: String(d.id), label: d.name })),
              ]}
              value={v.departmentId}
              error={err("params")}
              onChange={(e) => set("departmentId", e.currentTarget.value)}
            />
          )}
          {v.source === "satisfaction" && (
            <NativeSelect
              label="アンケート種別"
              data={[
                {
                  value: "",
                  label: `（指定なし: ${surveyKinds.find((k) => k.code === DEFAULT_SURVEY_KIND)?.name ?? DEFAULT_SURVEY_KIND}）`,
                },
                ...surveyKinds
                  .filter((k) => k.active || k.code === v.surveyKind)
                  .map((k) => ({ value: k.code, label: k.active ? k.name : `${k.name}（使用中止）` })),
                // a code no longer on the list still shows, so saving does not silently change it
                ...(v.surveyKind && surveyKinds.length && !surveyKinds.some((k) => k.code === v.surveyKind)
                  ? [{ value: v.surveyKind, label: `${v.surveyKind}（一覧にありません）` }]
                  : []),
              ]}
              value={v.surveyKind}
              error={err("params")}
              onChange={(e) => set("surveyKind", e.currentTarget.value)}
            />
          )}
          <TextInput
            label="目標（任意）"
            placeholder="例: 前年以上"
            value={v.target}
            error={err("target")}
            onChange={(e) => set("target", e.currentTarget.value)}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              キャンセル
            </Button>
            <Button type="submit" loading={busy}>
              {kpi ? "変更を保存" : "追加"}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
