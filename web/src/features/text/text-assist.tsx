// While a voice is typed: the suggested type/category (accept with one click) and 「似ている声」, both debounced.
import { Anchor, Badge, Button, Card, Group, Loader, Stack, Text } from "@mantine/core";
import { useEffect, useState } from "react";
import { Link } from "react-router";
import type { SimilarResponse } from "../../../../src/features/text/contract.js";
import { api } from "../../api.js";

const DEBOUNCE_MS = 400;
const MIN_CHARS = 8;

export interface ClassificationRecord {
  suggestedType: string;
  suggestedCategory: string | null;
  typeConfidence: number;
  categoryConfidence: number | null;
  /** the 「苦情の可能性」 flag: the model's P(complaint) reached the organisation's threshold */
  complaintFlagged: boolean;
  pComplaint: number;
}

/** `value` once it has stopped changing for `ms`. */
export function useDebounced<T>(value: T, ms = DEBOUNCE_MS): T {
  const [debounced, setDebounced] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setDebounced(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return debounced;
}

/** Calls `load` whenever `text` settles (and is long enough); the latest answer wins. `key` names the query. */
function useTextQuery<T>(key: string, text: string, load: (text: string) => Promise<T>): T | null {
  const settled = useDebounced(text.trim());
  const [result, setResult] = useState<T | null>(null);
  // biome-ignore lint/correctness/useExhaustiveDependencies: load is a fresh closure each render; the text decides
  useEffect(() => {
    if ([...settled].length < MIN_CHARS) {
      setResult(null);
      return;
    }
    let live = true;
    load(settled)
      .then((r) => {
        if (live) setResult(r);
      })
      .catch(() => {
        // Suggestions are a help, not a step: a failure simply shows none.
      });
    return () => {
      live = false;
    };
  }, [settled, key]);
  return result;
}

const pct = (x: number) => `${Math.round(x * 100)}%`;

export function ClassificationSuggestion({
  text,
  type,
  category,
  onAccept,
  onSuggestion,
}: {
  text: string;
  type: string;
  category: string;
  onAccept: (field: "type" | "category", code: string) => void;
  onSuggestion: (s: ClassificationRecord | null) => void;
}) {
  const s = useTextQuery("classify", text, (t) => api("POST /api/v1/classify", { body: { text: t } }));
  useEffect(() => {
    onSuggestion(
      s
        ? {
            suggestedType: s.type.code,
            suggestedCategory: s.category?.code ?? null,
            typeConfidence: s.type.confidence,
            categoryConfidence: s.category?.confidence ?? null,
            complaintFlagged: s.complaintFlag.flagged,
            pComplaint: s.complaintFlag.pComplaint,
          }
        : null,
    );
  }, [s, onSuggestion]);
  if (!s) return null;
  const both = type !== s.type.code || (s.category !== null && category !== s.category.code);
  return (
    <Card withBorder padding="sm" data-testid="classification-suggestion" aria-live="polite">
      <Group gap="sm" wrap="wrap">
        <Text size="sm" fw={600}>
          自動分類の提案
        </Text>
        <Group gap={6}>
          <Text size="sm">種別</Text>
          <Badge variant="light" color="teal">
            {s.type.name} {pct(s.type.confidence)}
          </Badge>
          {type === s.type.code ? (
            <Text size="xs" c="teal">
              採用済み
            </Text>
          ) : (
            <Button size="compact-xs" variant="light" onClick={() => onAccept("type", s.type.code)}>
              種別に採用
            </Button>
          )}
        </Group>
        {s.category && (
          <Group gap={6}>
            <Text size="sm">分類</Text>
            <Badge variant="light" color="grape">
              {s.category.name} {pct(s.category.confidence)}
            </Badge>
            {category === s.category.code ? (
              <Text size="xs" c="teal">
                採用済み
              </Text>
            ) : (
              <Button
                size="compact-xs"
                variant="light"
                onClick={() => s.category && onAccept("category", s.category.code)}
              >
                分類に採用
              </Button>
            )}
          </Group>
        )}
        {both && (
          <Button
            size="compact-xs"
            onClick={() => {
              onAccept("type", s.type.code);
              if (s.category) onAccept("category", s.category.code);
            }}
          >
            両方採用
          </Button>
        )}
      </Group>
    </Card>
  );
}

export function SimilarVoicesPanel({ text }: { text: string }) {
  const r = useTextQuery("similar", text, (t) => api("POST /api/v1/voices/similar", { body: { text: t } }));
  if (!r) return null;
  return (
    <Card withBorder padding="sm" data-testid="similar-voices">
      <Text size="sm" fw={600} mb={4}>
        似ている声
      </Text>
      {r.items.length === 0 ? (
        <Text size="sm" c="dimmed">
          似ている声はありません
        </Text>
      ) : (
        <SimilarList items={r.items} />
      )}
    </Card>
  );
}

export function SimilarList({ items }: { items: SimilarResponse["items"] }) {
  return (
    <Stack gap={4}>
      {items.map((v) => (
        <Group key={v.id} gap="xs" wrap="nowrap" align="flex-start">
          <Anchor
            component={Link}
            to={`/voices/${v.id}`}
            size="sm"
            style={{ whiteSpace: "nowrap" }}
            target="_blank"
          >
            {v.receiptNumber}
          </Anchor>
          <Badge size="xs" variant="outline">
            {pct(v.score)}
          </Badge>
          {v.nearDuplicate && (
            <Badge size="xs" color="orange">
              重複の可能性
            </Badge>
          )}
          <Text size="sm" lineClamp={2}>
            {v.excerpt}
          </Text>
        </Group>
      ))}
    </Stack>
  );
}

export function LoadingLine() {
  return <Loader size="xs" aria-label="読み込み中" />;
}
