// 検索の同義語 (admin): groups of words that find each other in the voice search, and the word index's progress.
import { ActionIcon, Alert, Button, Group, Paper, Progress, Stack, Text, TextInput } from "@mantine/core";
import { useCallback, useEffect, useState } from "react";
import type { SynonymsResponse } from "../../../../src/features/text/contract.js";
import { api, errorMessage } from "../../api.js";

/** One group as typed: words separated by spaces, 、 or ＝. */
const splitWords = (line: string) => line.split(/[\s、,，=＝]+/u).filter((w) => w.length > 0);

export function SynonymsTab() {
  const [lines, setLines] = useState<string[]>([]);
  const [progress, setProgress] = useState<SynonymsResponse["wordIndex"] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saved, setSaved] = useState(false);
  const [busy, setBusy] = useState(false);

  const show = useCallback((r: SynonymsResponse) => {
    setLines(r.groups.map((g) => g.words.join(" ")));
    setProgress(r.wordIndex);
  }, []);
  const load = useCallback(async () => {
    try {
      show(await api("GET /api/v1/search/synonyms"));
    } catch (e) {
      setError(errorMessage(e));
    }
  }, [show]);
  useEffect(() => {
    void load();
  }, [load]);
  // While the background job is filling the word index, its progress is refreshed.
  const pending = (progress?.pending ?? 0) > 0;
  useEffect(() => {
    if (!pending) return;
    const t = setInterval(async () => {
      try {
        setProgress((await api("GET /api/v1/search/synonyms")).wordIndex);
      } catch {
        // the next tick tries again
      }
    }, 5000);
    return () => clearInterval(t);
  }, [pending]);

  async function save() {
    setError(null);
    setSaved(false);
    setBusy(true);
    try {
      show(
        await api("PUT /api/v1/search/synonyms", {
          body: { groups: lines.map(splitWords).filter((g) => g.length > 0) },
        }),
      );
      setSaved(true);
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }

  const done = progress ? progress.total - progress.pending : 0;
  return (
    <Paper withBorder p="md" maw={720}>
      <Stack gap="sm">
        <Text size="sm">
          声の検索で、同じ意味として扱う語のグループです。どれか一つの語で検索すると、グループのほかの語を含む声も見つかります
          （例：「保険金 共済金」）。語は空白で区切って入力してください。「"…"」で囲んだ検索には使いません。
        </Text>
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        {saved && (
          <Alert color="green" role="status">
            保存しました。次の検索から使われます。
          </Alert>
        )}
        {lines.map((line, i) => (
          <Group key={`group-${i.toString()}`} gap="xs" wrap="nowrap">
            <TextInput
              aria-label={`同義語のグループ ${i + 1}`}
              value={line}
              onChange={(e) => {
                const value = e.currentTarget.value;
                setLines((ls) => ls.map((l, k) => (k === i ? value : l)));
              }}
              style={{ flex: 1 }}
            />
            <ActionIcon
              variant="subtle"
              color="red"
              aria-label={`グループ ${i + 1} を削除`}
              onClick={() => setLines((ls) => ls.filter((_, k) => k !== i))}
            >
              ×
            </ActionIcon>
          </Group>
        ))}
        <Group>
          <Button variant="default" onClick={() => setLines((ls) => [...ls, ""])}>
            グループを追加
          </Button>
          <Button onClick={() => void save()} loading={busy}>
            保存
          </Button>
        </Group>
        {progress && (
          <Stack gap={4} data-testid="word-index-progress">
            <Text size="sm">
              単語の索引（活用・かな漢字・送りがなの違いを同じ語として探すための索引）：
              {progress.pending === 0
                ? `すべての声（${progress.total.toLocaleString("ja-JP")}件）で作成済みです`
                : `${done.toLocaleString("ja-JP")} / ${progress.total.toLocaleString("ja-JP")}件 作成済み（残り ${progress.pending.toLocaleString("ja-JP")}件をバックグラウンドで作成中）`}
            </Text>
            {progress.total > 0 && (
              <Progress value={(done / progress.total) * 100} aria-label="単語の索引の進み具合" />
            )}
          </Stack>
        )}
      </Stack>
    </Paper>
  );
}
