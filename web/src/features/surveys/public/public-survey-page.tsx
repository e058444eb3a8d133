// /s/:code (a survey's public link) and /a/:code (a one-time link from a mailed letter; /a asks for the code):
// the members' answering page. Phone-sized, no login, no staff code. Accessible: every question is a fieldset with
// its legend, errors are announced and name the question, and it is answered with the keyboard alone (Tab between
// questions, arrow keys within a 5-level scale, Space for a check box, Enter to send).
import {
  Alert,
  Button,
  Checkbox,
  Paper,
  Radio,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { useNavigate, useParams } from "react-router";
import { SATISFACTION_LEVELS } from "../../../../../src/domain/satisfaction.js";
import type { PublicSurvey, Question } from "../../../../../src/features/surveys/contract.js";
import { ApiError, api, errorMessage } from "../../../api.js";
import { PublicLayout } from "../../public-form/public-layout.js";

type Value = string | string[];
const TEXT_MAX = 10_000;
const withCommas = (n: number) => n.toLocaleString("ja-JP");

function QuestionField(props: {
  q: Question;
  n: number;
  value: Value | undefined;
  error: string | undefined;
  onChange: (v: Value) => void;
}) {
  const { q, n, value, error, onChange } = props;
  const label = `問${n}. ${q.label}`;
  const common = { withAsterisk: q.required, error, description: q.required ? "必須" : "任意" };
  if (q.type === "satisfaction" || q.type === "single") {
    const options =
      q.type === "satisfaction"
        ? SATISFACTION_LEVELS.map((l) => ({ value: String(l.value), label: l.label }))
        : (q.options ?? []).map((o, i) => ({ value: String(i), label: o }));
    return (
      <Radio.Group label={label} {...common} value={(value as string) ?? ""} onChange={onChange} name={q.key}>
        <Stack gap="xs" mt="xs">
          {options.map((o) => (
            <Radio key={o.value} value={o.value} label={o.label} />
          ))}
        </Stack>
      </Radio.Group>
    );
  }
  if (q.type === "multiple") {
    return (
      <Checkbox.Group label={label} {...common} value={(value as string[]) ?? []} onChange={onChange}>
        <Stack gap="xs" mt="xs">
          {(q.options ?? []).map((o, i) => (
            <Checkbox key={o} value={String(i)} label={o} />
          ))}
        </Stack>
      </Checkbox.Group>
    );
  }
  const chars = [...((value as string) ?? "")].length;
  return (
    <Textarea
      label={label}
      {...common}
      description={`${q.required ? "必須" : "任意"}・${withCommas(TEXT_MAX)}文字まで（${withCommas(chars)}文字）`}
      autosize
      minRows={4}
      value={(value as string) ?? ""}
      onChange={(e) => onChange(e.currentTarget.value)}
      inputWrapperOrder={["label", "description", "input", "error"]}
    />
  );
}

function CodeEntry() {
  const navigate = useNavigate();
  const [code, setCode] = useState("");
  return (
    <PublicLayout>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (code.trim()) navigate(`/a/${encodeURIComponent(code.trim())}`);
        }}
        aria-label="アンケートのコードの入力"
      >
        <Stack gap="md">
          <Title order={2} size="h3">
            アンケートへのご協力のお願い
          </Title>
          <TextInput
            label="お手紙に記載のコード"
            description="例: ABCD-EFG-HJK（ハイフンはなくてもかまいません）"
            autoComplete="off"
            value={code}
            onChange={(e) => setCode(e.currentTarget.value)}
          />
          <Button type="submit">アンケートを開く</Button>
        </Stack>
      </form>
    </PublicLayout>
  );
}

export function PublicSurveyPage({ oneTime = false }: { oneTime?: boolean }) {
  const { code = "" } = useParams();
  if (oneTime && !code) return <CodeEntry />;
  return <SurveyForm code={code} oneTime={oneTime} />;
}

function SurveyForm({ code, oneTime }: { code: string; oneTime: boolean }) {
  const [survey, setSurvey] = useState<PublicSurvey | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [values, setValues] = useState<Record<string, Value>>({});
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [phone, setPhone] = useState("");
  const [contactConsent, setContactConsent] = useState(false);
  const [privacyConsent, setPrivacyConsent] = useState(false);
  const [website, setWebsite] = useState("");
  const [fields, setFields] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [thanks, setThanks] = useState<string | null>(null);
  const errorRef = useRef<HTMLDivElement>(null);
  const thanksRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    const load = oneTime
      ? api("GET /api/v1/public/survey-links/:code", { params: { code } })
      : api("GET /api/v1/public/surveys/:code", { params: { code } });
    load.then(
      (s) => {
        setSurvey(s);
        document.title = s.name;
      },
      (e) => setLoadError(errorMessage(e)),
    );
  }, [code, oneTime]);
  useEffect(() => {
    if (thanks) thanksRef.current?.focus();
  }, [thanks]);

  if (loadError) {
    return (
      <PublicLayout>
        <Alert color="red" title="アンケートを開けませんでした">
          {loadError}
        </Alert>
      </PublicLayout>
    );
  }
  if (!survey) return <PublicLayout>読み込み中…</PublicLayout>;
  if (thanks || survey.alreadyAnswered || !survey.open) {
    return (
      <PublicLayout>
        <Paper withBorder p="lg" radius="md">
          <Title order={2} size="h3" ref={thanksRef} tabIndex={-1}>
            {thanks
              ? "ご回答ありがとうございました"
              : survey.alreadyAnswered
                ? "このアンケートにはご回答済みです"
                : "このアンケートは受付を終了しました"}
          </Title>
          <Text mt="sm" role="status">
            {thanks ??
              (survey.alreadyAnswered
                ? "ご回答は1回のみとさせていただいております。ご協力ありがとうございました。"
                : "ご協力ありがとうございました。")}
          </Text>
        </Paper>
      </PublicLayout>
    );
  }

  const personal = name.trim() !== "" || email.trim() !== "" || phone.trim() !== "";
  const label = (key: string) => {
    const k = key.replace(/^answers\./, "");
    const i = survey.questions.findIndex((q) => q.key === k);
    return i >= 0 ? `問${i + 1}：` : "";
  };

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!survey) return;
    const answers: Record<string, number | number[] | string | null> = {};
    for (const q of survey.questions) {
      const v = values[q.key];
      if (v === undefined || v === "" || (Array.isArray(v) && v.length === 0)) continue;
      answers[q.key] =
        q.type === "text" ? (v as string) : q.type === "multiple" ? (v as string[]).map(Number) : Number(v);
    }
    setSending(true);
    try {
      const body = {
        answers,
        respondent:
          personal || contactConsent
            ? {
                name: name || null,
                email: email || null,
                phone: phone || null,
                contactConsent,
                privacyConsent,
              }
            : null,
        website,
      };
      const r = oneTime
        ? await api("POST /api/v1/public/survey-links/:code/answers", { params: { code }, body })
        : await api("POST /api/v1/public/surveys/:code/answers", { params: { code }, body });
      setThanks(r.thanks);
    } catch (e) {
      setFields(e instanceof ApiError ? e.fields : {});
      setMessage(errorMessage(e));
      setTimeout(() => errorRef.current?.focus(), 0);
    } finally {
      setSending(false);
    }
  }

  const summary = Object.entries(fields);
  return (
    <PublicLayout>
      <Stack gap="md">
        <Title order={2} size="h3">
          {survey.name}
        </Title>
        {survey.intro && <Text style={{ whiteSpace: "pre-wrap" }}>{survey.intro}</Text>}
        <div ref={errorRef} tabIndex={-1} style={{ outline: "none" }}>
          {message && (
            <Alert color="red" title={message}>
              {summary.length > 0 && (
                <ul style={{ margin: 0, paddingLeft: "1.2em" }}>
                  {summary.map(([k, v]) => (
                    <li key={k}>
                      {label(k)}
                      {v}
                    </li>
                  ))}
                </ul>
              )}
            </Alert>
          )}
        </div>
        <form onSubmit={submit} noValidate aria-label={survey.name}>
          <Stack gap="lg">
            {survey.questions.map((q, i) => (
              <QuestionField
                key={q.key}
                q={q}
                n={i + 1}
                value={values[q.key]}
                error={fields[`answers.${q.key}`]}
                onChange={(v) => setValues((s) => ({ ...s, [q.key]: v }))}
              />
            ))}
            <Paper withBorder p="md" radius="md">
              <Stack gap="sm">
                <Title order={3} size="h5">
                  お名前・ご連絡先（任意）
                </Title>
                <Text size="sm" c="dimmed">
                  ご回答についてご連絡を希望される場合にご入力ください。無記名でもご回答いただけます。
                </Text>
                <TextInput
                  label="お名前"
                  autoComplete="name"
                  value={name}
                  onChange={(e) => setName(e.currentTarget.value)}
                  error={fields["respondent.name"]}
                />
                <TextInput
                  label="メールアドレス"
                  type="email"
                  autoComplete="email"
                  value={email}
                  onChange={(e) => setEmail(e.currentTarget.value)}
                  error={fields["respondent.email"]}
                />
                <TextInput
                  label="電話番号"
                  type="tel"
                  autoComplete="tel"
                  placeholder="例: 090-1234-5678"
                  value={phone}
                  onChange={(e) => setPhone(e.currentTarget.value)}
                  error={fields["respondent.phone"]}
                />
                <Checkbox
                  label="ご回答の内容について、こちらから連絡してもかまいません"
                  checked={contactConsent}
                  onChange={(e) => setContactConsent(e.currentTarget.checked)}
                  error={fields["respondent.contactConsent"]}
                />
              </Stack>
            </Paper>
            <Paper withBorder p="md" radius="md" component="section" aria-labelledby="survey-privacy-title">
              <Stack gap="xs">
                <Title order={3} size="h5" id="survey-privacy-title">
                  個人情報の利用目的
                </Title>
                <Text size="sm" style={{ whiteSpace: "pre-wrap" }}>
                  {survey.purposeNotice}
                </Text>
                <Checkbox
                  label="個人情報の取り扱いに同意します（お名前・ご連絡先を入力した場合は必須）"
                  checked={privacyConsent}
                  onChange={(e) => setPrivacyConsent(e.currentTarget.checked)}
                  error={fields["respondent.privacyConsent"]}
                />
              </Stack>
            </Paper>
            {/* Honeypot for bots: hidden from people and from screen readers; must stay empty. */}
            <div
              aria-hidden="true"
              style={{ position: "absolute", left: "-10000px", width: 1, height: 1, overflow: "hidden" }}
            >
              <label>
                ウェブサイト（入力しないでください）
                <input
                  type="text"
                  name="website"
                  tabIndex={-1}
                  autoComplete="off"
                  value={website}
                  onChange={(e) => setWebsite(e.currentTarget.value)}
                />
              </label>
            </div>
            <Button type="submit" size="md" loading={sending} fullWidth>
              回答を送信する
            </Button>
          </Stack>
        </form>
      </Stack>
    </PublicLayout>
  );
}
