// The review of one half: a draft is edited item by item and saved as a whole; cs or an admin approves it, which
// captures every embedded figure. An approved review is shown read-only with the numbers captured at approval.
import { Alert, Badge, Button, Card, Group, Loader, Stack, Text, Title } from "@mantine/core";
import { useEffect, useMemo, useState } from "react";
import { useParams } from "react-router";
import { canApprovePrincipleReview, canEditPrincipleReview } from "../../../../src/domain/roles.js";
import type { FigureCatalog, ReviewDetail } from "../../../../src/features/reviews/contract.js";
import { ApiError, api, errorMessage } from "../../api.js";
import { useCurrentUser } from "../../session.js";
import { FigureText, type ShownFigure } from "./figure-text.js";
import { type EditableItem, ReviewItemEditor } from "./review-item-editor.js";

const editable = (r: ReviewDetail): EditableItem[] =>
  r.items.map((i) => ({
    principle: i.principle,
    number: i.number,
    heading: i.heading,
    plan: i.plan,
    facts: i.facts,
    evaluation: i.evaluation,
    nextIssue: i.nextIssue,
    examples: i.examples.map((e) => ({ title: e.title, body: e.body, voiceId: e.voiceId })),
  }));

export function ReviewEditorPage() {
  const { id } = useParams();
  const user = useCurrentUser();
  const [review, setReview] = useState<ReviewDetail | null>(null);
  const [items, setItems] = useState<EditableItem[]>([]);
  const [catalog, setCatalog] = useState<FigureCatalog["figures"]>([]);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState<string | null>(null);

  useEffect(() => {
    api("GET /api/v1/reviews/:id", { params: { id: Number(id) } })
      .then((r) => {
        setReview(r);
        setItems(editable(r));
        if (r.status === "draft")
          return api("GET /api/v1/reviews/:id/figures", { params: { id: r.id } }).then((c) =>
            setCatalog(c.figures),
          );
      })
      .catch((e) => setError(errorMessage(e)));
  }, [id]);

  // The review's own figures (captured ones once approved), then today's values for tokens added since saving.
  const figures = useMemo(() => {
    const m = new Map<string, ShownFigure>();
    for (const f of catalog) m.set(f.key, f);
    for (const f of review?.figures ?? []) m.set(f.key, f);
    return m;
  }, [review, catalog]);

  function fail(e: unknown) {
    setError(errorMessage(e));
    setFields(e instanceof ApiError ? e.fields : {});
  }

  async function save() {
    if (!review) return;
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const r = await api("PUT /api/v1/reviews/:id", {
        params: { id: review.id },
        body: { version: review.version, items },
      });
      setReview(r);
      setItems(editable(r));
      setFields({});
      setNotice("保存しました");
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  }

  async function approve() {
    if (!review) return;
    setBusy(true);
    setError(null);
    setNotice(null);
    try {
      const r = await api("POST /api/v1/reviews/:id/approve", {
        params: { id: review.id },
        body: { version: review.version },
      });
      setReview(r);
      setItems(editable(r));
      setFields({});
      setNotice("承認しました。数値は承認時の値で確定しました");
    } catch (e) {
      fail(e);
    } finally {
      setBusy(false);
    }
  }

  if (!review)
    return error ? (
      <Alert color="red" role="alert">
        {error}
      </Alert>
    ) : (
      <Loader aria-label="読み込み中" />
    );
  const draft = review.status === "draft";
  const canEdit = draft && canEditPrincipleReview(user);
  const dirty = JSON.stringify(items) !== JSON.stringify(editable(review));
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <div>
          <Title order={2}>
            {review.label}の振り返り{" "}
            <Badge color={draft ? "gray" : "teal"} size="lg" data-testid="review-status">
              {review.statusLabel}
            </Badge>
          </Title>
          <Text c="dimmed" size="sm">
            {review.rangeLabel}
            {review.approvedBy &&
              `・${review.approvedBy.name}が承認（${review.approvedAt?.slice(0, 10)}）。数値は承認時の値です`}
          </Text>
        </div>
        {canEdit && (
          <Group>
            <Button onClick={save} loading={busy} disabled={!dirty}>
              保存
            </Button>
            {canApprovePrincipleReview(user) && (
              <Button
                color="teal"
                onClick={approve}
                loading={busy}
                disabled={dirty}
                title={dirty ? "保存してから承認してください" : undefined}
              >
                承認（数値を確定）
              </Button>
            )}
          </Group>
        )}
      </Group>
      {error && (
        <Alert color="red" role="alert" title={error}>
          {Object.values(fields).map((m) => (
            <div key={m}>{m}</div>
          ))}
        </Alert>
      )}
      {notice && (
        <Alert color="teal" role="status">
          {notice}
        </Alert>
      )}
      {canEdit ? (
        <>
          {items.map((item, i) => (
            <ReviewItemEditor
              // biome-ignore lint/suspicious/noArrayIndexKey: unsaved items have no id; position is their identity
              key={i}
              index={i}
              item={item}
              catalog={catalog}
              figures={figures}
              errors={fields}
              onChange={(next) => setItems(items.map((x, j) => (j === i ? next : x)))}
              onRemove={() => setItems(items.filter((_, j) => j !== i))}
            />
          ))}
          <Button
            variant="light"
            onClick={() =>
              setItems([
                ...items,
                {
                  principle: 1,
                  number: "",
                  heading: "",
                  plan: "",
                  facts: "",
                  evaluation: "",
                  nextIssue: "",
                  examples: [],
                },
              ])
            }
          >
            項目を追加
          </Button>
        </>
      ) : (
        review.items.map((item) => (
          <Card
            key={item.id}
            withBorder
            padding="md"
            component="section"
            aria-label={`原則${item.principle} ${item.number}`}
          >
            <Stack gap={6}>
              <Title order={4}>
                原則{item.principle} {item.principleName} {item.number} {item.heading && `<${item.heading}>`}
              </Title>
              <Text fw={600}>取り組み課題</Text>
              <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
                {item.plan}
              </Text>
              <Text fw={600}>【数値・事実】</Text>
              <FigureText text={item.facts} figures={figures} />
              <Text fw={600}>【評価】</Text>
              <FigureText text={item.evaluation} figures={figures} />
              {item.nextIssue && (
                <>
                  <Text fw={600}>次期の課題</Text>
                  <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
                    {item.nextIssue}
                  </Text>
                </>
              )}
              {item.examples.map((e) => (
                <div key={e.id}>
                  <Text fw={600}>【{e.title}】</Text>
                  <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
                    {e.body}
                  </Text>
                </div>
              ))}
            </Stack>
          </Card>
        ))
      )}
    </Stack>
  );
}
