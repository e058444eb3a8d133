// /surveys/:id: one survey — its results, paper answer entry, the letters with one-time codes, its public link,
// editing it, and closing or reopening it.
import { Anchor, Badge, Button, Code, Group, Stack, Tabs, Text, Title } from "@mantine/core";
import { useEffect, useState } from "react";
import { useParams } from "react-router";
import { canEnterSurveyAnswers, canManageSurveys } from "../../../../src/domain/roles.js";
import type { Survey } from "../../../../src/features/surveys/contract.js";
import { api, errorMessage } from "../../api.js";
import { useCurrentUser } from "../../session.js";
import { PaperAnswerForm } from "./paper-answer-form.js";
import { ResultsView } from "./results-view.js";
import { SurveyEditor } from "./survey-editor.js";
import { SurveyLetters } from "./survey-letters.js";

export function SurveyDetailPage() {
  const { id } = useParams();
  const user = useCurrentUser();
  const [survey, setSurvey] = useState<Survey | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState(false);

  useEffect(() => {
    api("GET /api/v1/surveys/:id", { params: { id: Number(id) } }).then(
      (s) => {
        setSurvey(s);
        document.title = s.name;
      },
      (e) => setError(errorMessage(e)),
    );
  }, [id]);

  if (error) return <Text c="red.8">{error}</Text>;
  if (!survey) return <Text>読み込み中…</Text>;
  const publicUrl = `${window.location.origin}/s/${survey.publicCode}`;

  async function toggleClosed() {
    if (!survey) return;
    try {
      setSurvey(
        await api("PATCH /api/v1/surveys/:id", {
          params: { id: survey.id },
          body: { closed: survey.open, version: survey.version },
        }),
      );
    } catch (e) {
      setError(errorMessage(e));
    }
  }

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Title order={2}>{survey.name}</Title>
        <Group>
          <Badge color={survey.open ? "teal" : "gray"}>{survey.open ? "受付中" : "受付終了"}</Badge>
          {canManageSurveys(user) && (
            <>
              <Button variant="default" size="xs" onClick={() => setEditing(true)} disabled={editing}>
                編集
              </Button>
              <Button variant="default" size="xs" onClick={toggleClosed}>
                {survey.open ? "締め切る" : "受付を再開する"}
              </Button>
            </>
          )}
        </Group>
      </Group>
      <Text size="sm">
        {survey.kind.name}・回答 {survey.responses.toLocaleString("ja-JP")}件・公開リンク:{" "}
        <Anchor href={publicUrl} target="_blank">
          <Code>{publicUrl}</Code>
        </Anchor>
      </Text>
      {editing && (
        <SurveyEditor
          survey={survey}
          onSaved={(saved) => {
            setSurvey(saved);
            document.title = saved.name;
            setEditing(false);
          }}
          onCancel={() => setEditing(false)}
        />
      )}
      <Tabs defaultValue="results" keepMounted={false}>
        <Tabs.List>
          <Tabs.Tab value="results">結果</Tabs.Tab>
          {canEnterSurveyAnswers(user) && <Tabs.Tab value="paper">紙の回答の入力</Tabs.Tab>}
          {canManageSurveys(user) && <Tabs.Tab value="letters">個別リンク・お手紙</Tabs.Tab>}
        </Tabs.List>
        <Tabs.Panel value="results" pt="md">
          <ResultsView surveyId={survey.id} />
        </Tabs.Panel>
        <Tabs.Panel value="paper" pt="md">
          <PaperAnswerForm survey={survey} />
        </Tabs.Panel>
        <Tabs.Panel value="letters" pt="md">
          <SurveyLetters surveyId={survey.id} surveyName={survey.name} />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
