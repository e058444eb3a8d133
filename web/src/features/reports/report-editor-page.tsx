// 報告書の編集: sections in order (move, edit, add, remove), featured voices, approval by a second person, publishing.
import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Card,
  Group,
  Loader,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { useCallback, useEffect, useState } from "react";
import { useNavigate, useParams } from "react-router";
import { canApproveReport, canEditReport, canPublishReport } from "../../../../src/domain/roles.js";
import {
  BLOCKS_BY_KIND,
  FEATURED_BLOCKS,
  REPORT_BLOCK_LABELS,
  type ReportBlock,
  type ReportDetail,
  type SectionInput,
} from "../../../../src/features/reports/contract.js";
import { api, errorMessage } from "../../api.js";
import { useCurrentUser } from "../../session.js";
import { FeaturedVoicesEditor } from "./featured-voices-editor.js";
import { ReportPreview } from "./report-preview.js";
import { STATUS_COLORS } from "./reports-page.js";

type Draft = SectionInput & { key: string };
let keys = 0;
const toDraft = (r: ReportDetail): Draft[] =>
  r.sections.map((s) => ({
    key: `s${s.id}`,
    id: s.id,
    block: s.block,
    heading: s.heading,
    body: s.body,
    config: s.config,
  }));

export function ReportEditorPage() {
  const { id } = useParams();
  const user = useCurrentUser();
  const navigate = useNavigate();
  const [report, setReport] = useState<ReportDetail | null>(null);
  const [title, setTitle] = useState("");
  const [sections, setSections] = useState<Draft[]>([]);
  const [dirty, setDirty] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [adding, setAdding] = useState<string | null>(null);

  const show = useCallback((r: ReportDetail) => {
    setReport(r);
    setTitle(r.title);
    setSections(toDraft(r));
    setDirty(false);
  }, []);
  useEffect(() => {
    api("GET /api/v1/reports/:id", { params: { id: Number(id) } })
      .then(show)
      .catch((e) => setError(errorMessage(e)));
  }, [id, show]);

  if (!report) return error ? <Alert color="red">{error}</Alert> : <Loader aria-label="読み込み中" />;
  const editable = report.status === "draft" && canEditReport(user);

  async function run(label: string, f: () => Promise<ReportDetail>, after?: (r: ReportDetail) => void) {
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const r = await f();
      if (after) after(r);
      else show(r);
      setNotice(label);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }
  const current = report;
  const save = () =>
    run("保存しました", () =>
      api("PUT /api/v1/reports/:id", {
        params: { id: current.id },
        body: {
          revision: current.revision,
          title,
          sections: sections.map(({ key: _k, ...s }) => s),
        },
      }),
    );
  const act = (path: "approve" | "publish", label: string) =>
    run(label, () =>
      api(`POST /api/v1/reports/:id/${path}`, {
        params: { id: current.id },
        body: { revision: current.revision },
      }),
    );
  const newVersion = () =>
    run(
      "新しい版を作成しました",
      () =>
        api("POST /api/v1/reports/:id/new-version", {
          params: { id: current.id },
          body: { revision: current.revision },
        }),
      (r) => navigate(`/reports/${r.id}`),
    );

  const change = (i: number, patch: Partial<Draft>) => {
    setSections((ss) => ss.map((s, j) => (j === i ? { ...s, ...patch } : s)));
    setDirty(true);
  };
  const move = (i: number, by: number) => {
    setSections((ss) => {
      const out = [...ss];
      const [s] = out.splice(i, 1);
      if (s) out.splice(i + by, 0, s);
      return out;
    });
    setDirty(true);
  };
  const remove = (i: number) => {
    setSections((ss) => ss.filter((_, j) => j !== i));
    setDirty(true);
  };
  const add = (block: ReportBlock) => {
    keys++;
    setSections((ss) => [
      ...ss,
      { key: `new${keys}`, block, heading: REPORT_BLOCK_LABELS[block], body: "", config: {} },
    ]);
    setDirty(true);
    setAdding(null);
  };

  const approver = canApproveReport(user, {
    createdBy: report.createdBy?.id ?? null,
    updatedBy: report.updatedBy?.id ?? null,
  });
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <Stack gap={2}>
          <Title order={2}>{report.title}</Title>
          <Text c="dimmed" size="sm">
            {report.kindLabel}・{report.periodLabel}（{report.from}〜{report.to}）・第{report.version}版
          </Text>
        </Stack>
        <Badge size="lg" color={STATUS_COLORS[report.status] ?? "gray"}>
          {report.statusLabel}
        </Badge>
      </Group>
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      {notice && !error && <Alert color="teal">{notice}</Alert>}
      {report.personalData.length > 0 && (
        <Alert color="orange" title="掲載する声に個人情報が残っています（承認できません）" role="alert">
          {report.personalData.map((f) => (
            <Text key={`${f.sectionId}-${f.voiceId}`} size="sm">
              {f.message}
            </Text>
          ))}
        </Alert>
      )}
      <Group>
        {editable && (
          <Button onClick={save} loading={busy} disabled={!dirty}>
            保存
          </Button>
        )}
        {report.status === "draft" && canEditReport(user) && (
          <Button
            color="teal"
            onClick={() => act("approve", "承認しました。数値はこの時点で確定しました")}
            loading={busy}
            disabled={dirty || !approver}
            title={approver ? undefined : "作成者・最後に変更した人以外のお客様相談室・管理者が承認します"}
          >
            承認
          </Button>
        )}
        {report.status === "approved" && canPublishReport(user) && (
          <Button onClick={() => act("publish", "公開しました")} loading={busy}>
            公開
          </Button>
        )}
        {report.status !== "draft" && canEditReport(user) && report.nextId === null && (
          <Button variant="default" onClick={newVersion} loading={busy}>
            新しい版を作成
          </Button>
        )}
        {report.nextId !== null && (
          <Button variant="subtle" onClick={() => navigate(`/reports/${report.nextId}`)}>
            新しい版を開く
          </Button>
        )}
        <Button
          variant="subtle"
          component="a"
          href={`/api/v1/reports/${report.id}/document`}
          target="_blank"
          rel="noreferrer"
        >
          文書データ（JSON）
        </Button>
      </Group>
      {report.status === "draft" && !approver && canEditReport(user) && (
        <Text size="sm" c="dimmed">
          承認は、この版を作成した人・最後に変更した人以外のお客様相談室または管理者が行います（二人目の確認）。
        </Text>
      )}
      <ReportPreview id={report.id} revision={report.revision} />
      <TextInput
        label="表題"
        value={title}
        disabled={!editable}
        onChange={(e) => {
          setTitle(e.currentTarget.value);
          setDirty(true);
        }}
      />
      {sections.map((s, i) => {
        const saved = report.sections.find((x) => x.id === s.id);
        return (
          <Card key={s.key} withBorder aria-label={`節 ${i + 1}: ${s.heading}`}>
            <Stack gap="xs">
              <Group justify="space-between">
                <Badge variant="light">{REPORT_BLOCK_LABELS[s.block]}</Badge>
                {editable && (
                  <Group gap={4}>
                    <ActionIcon
                      variant="default"
                      aria-label="上へ"
                      disabled={i === 0}
                      onClick={() => move(i, -1)}
                    >
                      ↑
                    </ActionIcon>
                    <ActionIcon
                      variant="default"
                      aria-label="下へ"
                      disabled={i === sections.length - 1}
                      onClick={() => move(i, 1)}
                    >
                      ↓
                    </ActionIcon>
                    <ActionIcon
                      variant="default"
                      color="red"
                      aria-label="この節を削除"
                      onClick={() => remove(i)}
                    >
                      ×
                    </ActionIcon>
                  </Group>
                )}
              </Group>
              <TextInput
                label="見出し"
                value={s.heading}
                disabled={!editable}
                onChange={(e) => change(i, { heading: e.currentTarget.value })}
              />
              <Textarea
                label={s.block === "text" ? "本文" : "補足の文章（任意。数値のあとに印刷されます）"}
                value={s.body ?? ""}
                disabled={!editable}
                autosize
                minRows={s.block === "text" ? 4 : 1}
                onChange={(e) => change(i, { body: e.currentTarget.value })}
              />
              {FEATURED_BLOCKS.includes(s.block) && saved && (
                <FeaturedVoicesEditor
                  report={report}
                  section={saved}
                  editable={editable && !dirty}
                  onSaved={show}
                />
              )}
              {FEATURED_BLOCKS.includes(s.block) && !saved && (
                <Text size="sm" c="dimmed">
                  保存すると、この節に掲載する声を選べます。
                </Text>
              )}
            </Stack>
          </Card>
        );
      })}
      {editable && (
        <Group align="flex-end">
          <Select
            label="節を追加"
            placeholder="追加する節の種類"
            data={BLOCKS_BY_KIND[report.kind].map((b) => ({ value: b, label: REPORT_BLOCK_LABELS[b] }))}
            value={adding}
            onChange={(v) => v && add(v as ReportBlock)}
            w={360}
          />
        </Group>
      )}
    </Stack>
  );
}
