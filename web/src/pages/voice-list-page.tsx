// 声の一覧: filters kept in the address bar (so a view can be bookmarked), total count, table, paging, sort.
import {
  Alert,
  Button,
  Checkbox,
  Group,
  Loader,
  MultiSelect,
  Pagination,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { type FormEvent, useEffect, useState } from "react";
import { Link, useSearchParams } from "react-router";
import type { VoiceList } from "../../../src/features/voices/contract.js";
import { VOICE_SORTS, VOICE_STATUSES, type VoiceSort } from "../../../src/shared/constants.js";
import { api, errorMessage } from "../api.js";
import { ExportButton } from "../components/export-button.js";
import { VoiceTable } from "../components/voice-table.js";
import { formatCount } from "../format.js";
import { STATUS_LABELS } from "../labels.js";
import { useReferenceData } from "../reference-data.js";

const SORT_LABELS: Record<VoiceSort, string> = {
  received_desc: "受付日時の新しい順",
  received_asc: "受付日時の古い順",
  deadline_asc: "期限の近い順",
  updated_desc: "更新の新しい順",
  relevance: "関連度の高い順",
};

const LIST_KEYS = ["type", "category", "channel", "status", "department"] as const;
const PAGE_SIZES = ["50", "100", "200"];

function splitList(value: string | null): string[] {
  return value ? value.split(",").filter(Boolean) : [];
}

export function VoiceListPage() {
  const [params, setParams] = useSearchParams();
  const { taxonomy, users } = useReferenceData();
  const [result, setResult] = useState<VoiceList | null>(null);
  const [loading, setLoading] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [keyword, setKeyword] = useState(params.get("q") ?? "");
  const query = params.toString();

  useEffect(() => {
    setKeyword(new URLSearchParams(query).get("q") ?? "");
  }, [query]);

  useEffect(() => {
    let cancelled = false;
    setLoading(true);
    const search = new URLSearchParams(query);
    if (!search.get("limit")) search.set("limit", "50");
    api("GET /api/v1/voices", { query: search })
      .then((list) => {
        if (cancelled) return;
        setResult(list);
        setError(null);
      })
      .catch((e) => {
        if (!cancelled) setError(errorMessage(e));
      })
      .finally(() => {
        if (!cancelled) setLoading(false);
      });
    return () => {
      cancelled = true;
    };
  }, [query]);

  /** Changes one filter; any filter change returns to the first page. */
  function update(key: string, value: string | null) {
    setParams(
      (prev) => {
        const next = new URLSearchParams(prev);
        if (value === null || value === "") next.delete(key);
        else next.set(key, value);
        if (key !== "page") next.delete("page");
        return next;
      },
      { replace: key !== "page" },
    );
  }

  function submitKeyword(event: FormEvent) {
    event.preventDefault();
    update("q", keyword.trim());
  }

  const labelData = (labels: readonly { code: string; name: string; active: boolean }[] | undefined) =>
    (labels ?? []).map((l) => ({ value: l.code, label: l.active ? l.name : `${l.name}（廃止）` }));
  const options: Record<(typeof LIST_KEYS)[number], { value: string; label: string }[]> = {
    type: labelData(taxonomy?.type),
    category: labelData(taxonomy?.category),
    channel: labelData(taxonomy?.channel),
    status: VOICE_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] })),
    department: labelData(taxonomy?.departments),
  };
  const filterLabels: Record<(typeof LIST_KEYS)[number], string> = {
    type: "種別",
    category: "分類",
    channel: "チャネル",
    status: "状態",
    department: "部署",
  };
  const assigneeData = [
    { value: "me", label: "自分" },
    { value: "none", label: "未割り当て" },
    ...users.map((u) => ({ value: String(u.id), label: u.name })),
  ];
  const limit = Number(params.get("limit") ?? "50") || 50;
  const page = Number(params.get("page") ?? "1") || 1;
  const pages = result ? Math.max(1, Math.ceil(result.total / (result.limit || limit))) : 1;
  // With a keyword the server ranks by relevance unless another order is chosen.
  const defaultSort: VoiceSort = params.get("q") ? "relevance" : "received_desc";
  const sort = (params.get("sort") as VoiceSort | null) ?? defaultSort;
  const hasFilters = [...params.keys()].some((k) => k !== "sort" && k !== "page" && k !== "limit");

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={2}>声の一覧</Title>
        <Group gap="xs">
          <ExportButton filters={query} total={result ? result.total : null} />
          <Button component={Link} to="/voices/new">
            声を登録する
          </Button>
        </Group>
      </Group>
      <Paper withBorder p="sm" component="section" aria-label="絞り込み条件">
        <Stack gap="xs">
          <SimpleGrid cols={{ base: 2, sm: 3, lg: 6 }} spacing="xs" verticalSpacing="xs">
            <TextInput
              type="date"
              label="期間（から）"
              value={params.get("from") ?? ""}
              onChange={(e) => update("from", e.currentTarget.value)}
            />
            <TextInput
              type="date"
              label="期間（まで）"
              value={params.get("to") ?? ""}
              onChange={(e) => update("to", e.currentTarget.value)}
            />
            {LIST_KEYS.map((key) => (
              <MultiSelect
                key={key}
                label={filterLabels[key]}
                placeholder={splitList(params.get(key)).length ? undefined : "すべて"}
                data={options[key]}
                value={splitList(params.get(key))}
                onChange={(values) => update(key, values.join(","))}
                clearable
                searchable
                nothingFoundMessage="該当なし"
                comboboxProps={{ withinPortal: true }}
              />
            ))}
            <Select
              label="担当者"
              placeholder="すべて"
              data={assigneeData}
              value={params.get("assignee")}
              onChange={(value) => update("assignee", value)}
              clearable
              searchable
              nothingFoundMessage="該当なし"
            />
          </SimpleGrid>
          <Group gap="md" align="flex-end" wrap="wrap">
            <form onSubmit={submitKeyword} aria-label="全文検索" style={{ flex: "1 1 280px" }}>
              <Group gap="xs" align="flex-end" wrap="nowrap">
                <TextInput
                  label="キーワード"
                  placeholder="内容・受付番号などで検索"
                  value={keyword}
                  onChange={(e) => setKeyword(e.currentTarget.value)}
                  style={{ flex: 1 }}
                  type="search"
                />
                <Button type="submit" variant="light">
                  検索
                </Button>
              </Group>
            </form>
            <Checkbox
              label="期限超過のみ"
              checked={params.get("overdue") === "true"}
              onChange={(e) => update("overdue", e.currentTarget.checked ? "true" : null)}
              mb={8}
            />
            {hasFilters && (
              <Button variant="subtle" onClick={() => setParams(new URLSearchParams())}>
                条件をクリア
              </Button>
            )}
          </Group>
        </Stack>
      </Paper>
      {error && (
        <Alert color="red" role="alert" title="一覧を読み込めませんでした">
          {error}
        </Alert>
      )}
      <Group justify="space-between" align="flex-end" wrap="wrap">
        <Group gap="xs">
          <Text fw={600} data-testid="voice-total">
            全 {formatCount(result?.total ?? 0)} 件{result?.totalCapped ? "以上" : ""}
          </Text>
          {result?.totalCapped && (
            <Text size="sm" c="dimmed" data-testid="voice-total-capped">
              該当が多いため新しい順に表示しています。キーワードや条件を足すと関連度の高い順になります。
            </Text>
          )}
          {loading && <Loader size="xs" aria-label="読み込み中" />}
        </Group>
        <Group gap="xs">
          <Select
            label="並び順"
            data={VOICE_SORTS.filter((s) => s !== "relevance" || params.get("q")).map((s) => ({
              value: s,
              label: SORT_LABELS[s] ?? s,
            }))}
            value={sort}
            onChange={(value) => update("sort", value === defaultSort ? null : value)}
            allowDeselect={false}
            w={190}
          />
          <Select
            label="表示件数"
            data={PAGE_SIZES.map((s) => ({ value: s, label: `${s} 件` }))}
            value={String(limit)}
            onChange={(value) => update("limit", value === "50" ? null : value)}
            allowDeselect={false}
            w={110}
          />
        </Group>
      </Group>
      <VoiceTable
        items={result?.items ?? []}
        emptyText={loading ? "読み込み中…" : "条件に合う声はありません。"}
      />
      {pages > 1 && (
        <Group justify="center">
          <Pagination
            total={pages}
            value={Math.min(page, pages)}
            onChange={(p) => update("page", p === 1 ? null : String(p))}
            getControlProps={(control) => ({
              "aria-label": {
                first: "最初のページ",
                previous: "前のページ",
                next: "次のページ",
                last: "最後のページ",
              }[control],
            })}
            getItemProps={(p) => ({ "aria-label": `${p} ページ目` })}
            withEdges
          />
        </Group>
      )}
    </Stack>
  );
}
