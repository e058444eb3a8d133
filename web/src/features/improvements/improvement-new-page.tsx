// A new improvement (提案) from voices chosen in the voice list or on a voice's detail (?voices=1,2,3) and from
// insights (?insights=4).
import { Alert, Button, Group, Paper, Select, Stack, Text, Textarea, TextInput, Title } from "@mantine/core";
import { type FormEvent, useMemo, useState } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";
import { api } from "../../api.js";
import { useReferenceData } from "../../reference-data.js";
import { errorText } from "./improvement-ui.js";

const ids = (raw: string | null) =>
  (raw ?? "")
    .split(",")
    .map((s) => Number(s))
    .filter((n) => Number.isInteger(n) && n > 0);

export function ImprovementNewPage() {
  const [params] = useSearchParams();
  const voiceIds = useMemo(() => ids(params.get("voices")), [params]);
  const insightIds = useMemo(() => ids(params.get("insights")), [params]);
  const { taxonomy, users } = useReferenceData();
  const navigate = useNavigate();
  const [title, setTitle] = useState("");
  const [problem, setProblem] = useState("");
  const [dept, setDept] = useState<string | null>(null);
  const [owner, setOwner] = useState<string | null>(null);
  const [due, setDue] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const created = await api("POST /api/v1/improvements", {
        body: {
          title,
          problem,
          ownerDepartmentId: Number(dept ?? 0),
          ownerUserId: owner ? Number(owner) : null,
          dueDate: due,
          voiceIds,
          insightIds,
        },
      });
      navigate(`/improvements/${created.id}`);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <Stack gap="md" maw={760}>
      <Title order={2}>改善課題を作る</Title>
      <Paper withBorder p="sm">
        <Text size="sm" data-testid="chosen-voices">
          紐づける声: {voiceIds.length}件{voiceIds.length > 0 && `（ID ${voiceIds.join(", ")}）`}
          {insightIds.length > 0 && ` / 職員の気づき: ${insightIds.length}件`}
        </Text>
      </Paper>
      <form onSubmit={submit}>
        <Stack gap="sm">
          <TextInput label="件名" required value={title} onChange={(e) => setTitle(e.currentTarget.value)} />
          <Textarea
            label="課題（問題点）"
            required
            autosize
            minRows={3}
            value={problem}
            onChange={(e) => setProblem(e.currentTarget.value)}
          />
          <Group grow>
            <Select
              label="担当部署"
              required
              data={(taxonomy?.departments ?? [])
                .filter((d) => d.active)
                .map((d) => ({ value: String(d.id), label: d.name }))}
              value={dept}
              onChange={setDept}
            />
            <Select
              label="担当者"
              clearable
              data={users
                .filter((u) => !dept || u.departmentId === Number(dept))
                .map((u) => ({ value: String(u.id), label: u.name }))}
              value={owner}
              onChange={setOwner}
            />
            <TextInput
              label="期限"
              type="date"
              required
              value={due}
              onChange={(e) => setDue(e.currentTarget.value)}
            />
          </Group>
          {error && (
            <Alert color="red" role="alert">
              {error}
            </Alert>
          )}
          <Group>
            <Button type="submit" loading={busy}>
              作成する
            </Button>
            <Button component={Link} to="/improvements" variant="default">
              戻る
            </Button>
          </Group>
        </Stack>
      </form>
    </Stack>
  );
}
