// One-time links for a mailing: cs creates one per respondent and prints a letter each, with a QR code to the
// answering page and the short code to type in by hand. Each code answers once.
import { Button, Group, Image, Paper, Stack, Table, Text, Textarea, Title } from "@mantine/core";
import { toDataURL } from "qrcode";
import { useCallback, useEffect, useState } from "react";
import type { SurveyLink } from "../../../../src/features/surveys/contract.js";
import { ApiError, api, errorMessage } from "../../api.js";

/** Printed in groups, easy to read out and type: ABCD-EFG-HJK. */
const printed = (code: string) => `${code.slice(0, 4)}-${code.slice(4, 7)}-${code.slice(7)}`;

function Letter({ link, surveyName }: { link: SurveyLink; surveyName: string }) {
  const url = `${window.location.origin}/a/${link.code}`;
  const [qr, setQr] = useState<string | null>(null);
  useEffect(() => {
    toDataURL(url, { margin: 1, width: 160, errorCorrectionLevel: "M" }).then(setQr);
  }, [url]);
  return (
    <Paper withBorder p="lg" className="survey-letter" style={{ breakAfter: "page" }}>
      <Stack gap="xs">
        <Text>{link.respondentName ? `${link.respondentName} 様` : "組合員さま"}</Text>
        <Title order={3} size="h4">
          「{surveyName}」ご協力のお願い
        </Title>
        <Text size="sm">
          日ごろよりご利用いただきありがとうございます。サービス向上のため、アンケートへのご協力をお願いいたします。
          スマートフォンで右の QR コードを読み取るか、{window.location.origin}/a
          を開いて下のコードを入力してください。 ご回答は1回のみです。
        </Text>
        <Group align="center">
          {qr && <Image src={qr} w={160} h={160} alt={`アンケートの QR コード（${printed(link.code)}）`} />}
          <Stack gap={0}>
            <Text size="xs" c="dimmed">
              コード
            </Text>
            <Text fz={28} ff="monospace" fw={700} data-testid="letter-code">
              {printed(link.code)}
            </Text>
          </Stack>
        </Group>
      </Stack>
    </Paper>
  );
}

export function SurveyLetters({ surveyId, surveyName }: { surveyId: number; surveyName: string }) {
  const [links, setLinks] = useState<SurveyLink[]>([]);
  const [names, setNames] = useState("");
  const [created, setCreated] = useState<SurveyLink[]>([]);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(
    () => api("GET /api/v1/surveys/:id/links", { params: { id: surveyId } }).then((r) => setLinks(r.items)),
    [surveyId],
  );
  useEffect(() => {
    load();
  }, [load]);

  async function create() {
    const respondents = names
      .split("\n")
      .map((s) => s.trim())
      .filter(Boolean)
      .map((name) => ({ name }));
    try {
      const r = await api("POST /api/v1/surveys/:id/links", {
        params: { id: surveyId },
        body: { respondents },
      });
      setCreated(r.items);
      setNames("");
      setError(null);
      load();
    } catch (e) {
      setError(
        e instanceof ApiError && Object.keys(e.fields).length
          ? Object.values(e.fields).join("、")
          : errorMessage(e),
      );
    }
  }

  return (
    <Stack gap="md">
      <Textarea
        label="お手紙を送る方のお名前（1行に1人）"
        description="1人に1つ、1回だけ回答できるコードを作ります"
        autosize
        minRows={3}
        value={names}
        onChange={(e) => setNames(e.currentTarget.value)}
        error={error ?? undefined}
      />
      <Group>
        <Button onClick={create}>コードを作成</Button>
        {created.length > 0 && (
          <Button variant="default" onClick={() => window.print()}>
            お手紙を印刷
          </Button>
        )}
      </Group>
      {created.map((l) => (
        <Letter key={l.id} link={l} surveyName={surveyName} />
      ))}
      <Table withTableBorder aria-label="個別リンクの一覧">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>お名前</Table.Th>
            <Table.Th>コード</Table.Th>
            <Table.Th>回答</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {links.map((l) => (
            <Table.Tr key={l.id}>
              <Table.Td>{l.respondentName ?? "—"}</Table.Td>
              <Table.Td ff="monospace">{printed(l.code)}</Table.Td>
              <Table.Td>{l.usedAt ? "回答済み" : "未回答"}</Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Stack>
  );
}
