// /voice: the members' voice form (no login). Accessible: every field labelled, errors announced, keyboard only.
import {
  Alert,
  Button,
  Checkbox,
  Code,
  Group,
  Paper,
  Radio,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from "@mantine/core";
import { type FormEvent, useEffect, useRef, useState } from "react";
import { Link } from "react-router";
import type { PublicVoiceReceipt } from "../../../../src/features/public-form/contract.js";
import { PUBLIC_CONTENT_MAX, PUBLIC_TOPICS } from "../../../../src/shared/constants.js";
import { ApiError, api, errorMessage } from "../../api.js";
import { PublicLayout } from "./public-layout.js";

const FIELD_LABELS: Record<string, string> = {
  topic: "お問い合わせの種類",
  content: "ご意見・ご要望の内容",
  name: "お名前",
  email: "メールアドレス",
  phone: "電話番号",
  contactConsent: "ご連絡の希望",
  privacyConsent: "個人情報の取り扱いへの同意",
};

const count = (s: string) => [...s].length;
const withCommas = (n: number) => n.toLocaleString("ja-JP");

export function PublicVoicePage() {
  const [topic, setTopic] = useState<string>("");
  const [content, setContent] = useState("");
  const [name, setName] = useState("");
  const [email, setEmail] = useState("");
  const [phone, setPhone] = useState("");
  const [contactConsent, setContactConsent] = useState(false);
  const [privacyConsent, setPrivacyConsent] = useState(false);
  const [website, setWebsite] = useState("");
  const [fields, setFields] = useState<Record<string, string>>({});
  const [message, setMessage] = useState<string | null>(null);
  const [sending, setSending] = useState(false);
  const [receipt, setReceipt] = useState<PublicVoiceReceipt | null>(null);
  const errorRef = useRef<HTMLDivElement>(null);
  const receiptRef = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    document.title = "お客さまの声をお寄せください";
  }, []);
  useEffect(() => {
    if (receipt) receiptRef.current?.focus();
  }, [receipt]);

  const chars = count(content.trim());
  const personal = name.trim() !== "" || email.trim() !== "" || phone.trim() !== "";

  function clientCheck(): Record<string, string> {
    const f: Record<string, string> = {};
    if (chars === 0) f.content = "ご意見の内容を入力してください";
    else if (chars > PUBLIC_CONTENT_MAX)
      f.content = `内容は${withCommas(PUBLIC_CONTENT_MAX)}文字以内で入力してください（現在 ${withCommas(chars)} 文字）`;
    if (contactConsent && email.trim() === "" && phone.trim() === "")
      f.contactConsent = "ご連絡を希望される場合は、メールアドレスか電話番号を入力してください";
    if (personal && !privacyConsent)
      f.privacyConsent = "お名前・ご連絡先を入力された場合は、個人情報の取り扱いへの同意が必要です";
    return f;
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    const f = clientCheck();
    if (Object.keys(f).length > 0) {
      setFields(f);
      setMessage("入力内容をご確認ください");
      errorRef.current?.focus();
      return;
    }
    setSending(true);
    try {
      const r = await api("POST /api/v1/public/voices", {
        body: {
          topic: topic || null,
          content,
          name: name || null,
          email: email || null,
          phone: phone || null,
          contactConsent,
          privacyConsent,
          website,
        },
      });
      setReceipt(r);
      setFields({});
      setMessage(null);
    } catch (e) {
      setFields(e instanceof ApiError ? e.fields : {});
      setMessage(errorMessage(e));
      // focus the summary so a screen reader reads it out, then the user tabs to the fields
      setTimeout(() => errorRef.current?.focus(), 0);
    } finally {
      setSending(false);
    }
  }

  if (receipt) {
    return (
      <PublicLayout>
        <Paper withBorder p="lg" radius="md">
          <Stack gap="md">
            <Title order={2} size="h3" ref={receiptRef} tabIndex={-1}>
              ご意見をお受けしました
            </Title>
            <Text>貴重なお声をありがとうございます。対応の状況は、次の番号とコードで確認できます。</Text>
            <Stack gap={4} role="status" aria-live="polite">
              <Text size="sm" c="dimmed">
                受付番号
              </Text>
              <Code fz="xl" data-testid="receipt-number">
                {receipt.receiptNumber}
              </Code>
              <Text size="sm" c="dimmed" mt="xs">
                確認コード
              </Text>
              <Code fz="xl" data-testid="check-code">
                {receipt.checkCode}
              </Code>
            </Stack>
            <Alert color="yellow" title="番号とコードを控えてください">
              確認コードはこの画面でしか表示されません。メモするか、この画面を保存・印刷してください。
              {receipt.emailed ? " 確認のメールもお送りしました。" : ""}
            </Alert>
            <Group>
              <Button
                component={Link}
                to={`/voice/status?number=${encodeURIComponent(receipt.receiptNumber)}`}
              >
                状況を確認する
              </Button>
              <Button variant="default" onClick={() => window.location.assign("/voice")}>
                別の声を送る
              </Button>
            </Group>
          </Stack>
        </Paper>
      </PublicLayout>
    );
  }

  const summary = Object.entries(fields);
  return (
    <PublicLayout>
      <Stack gap="md">
        <Title order={2} size="h3">
          ご意見・ご要望をお寄せください
        </Title>
        <Text size="sm">
          いただいた声は担当部署で確認し、業務の改善に役立てます。
          <Text span c="red.8" fw={700}>
            必須
          </Text>
          の項目以外は空欄のままでもかまいません。
        </Text>
        {/* The Alert inside has role="alert": it is announced when it appears; focus lands here for keyboard users. */}
        <div ref={errorRef} tabIndex={-1} style={{ outline: "none" }}>
          {message && (
            <Alert color="red" title={message}>
              {summary.length > 0 && (
                <ul style={{ margin: 0, paddingLeft: "1.2em" }}>
                  {summary.map(([k, v]) => (
                    <li key={k}>
                      {FIELD_LABELS[k] ? `${FIELD_LABELS[k]}：` : ""}
                      {v}
                    </li>
                  ))}
                </ul>
              )}
            </Alert>
          )}
        </div>
        <form onSubmit={submit} noValidate aria-label="お客さまの声の入力">
          <Stack gap="lg">
            <Radio.Group
              label="お問い合わせの種類"
              description="近いものを選んでください（任意）"
              value={topic}
              onChange={setTopic}
              error={fields.topic}
            >
              <Stack gap="xs" mt="xs">
                {PUBLIC_TOPICS.map((t) => (
                  <Radio key={t.value} value={t.value} label={t.label} />
                ))}
              </Stack>
            </Radio.Group>
            <Textarea
              label="ご意見・ご要望の内容"
              withAsterisk
              required
              description={`${withCommas(PUBLIC_CONTENT_MAX)}文字まで入力できます`}
              autosize
              minRows={6}
              value={content}
              onChange={(e) => setContent(e.currentTarget.value)}
              error={fields.content}
              inputWrapperOrder={["label", "description", "input", "error"]}
            />
            <Text
              size="xs"
              c={chars > PUBLIC_CONTENT_MAX ? "red.8" : "dimmed"}
              mt={-16}
              ta="right"
              aria-live="polite"
              data-testid="content-count"
            >
              {withCommas(chars)} / {withCommas(PUBLIC_CONTENT_MAX)}文字
            </Text>
            <Paper withBorder p="md" radius="md">
              <Stack gap="sm">
                <Title order={3} size="h5">
                  お名前・ご連絡先（任意）
                </Title>
                <Text size="sm" c="dimmed">
                  回答やご連絡を希望される場合にご入力ください。匿名でもお送りいただけます。
                </Text>
                <TextInput
                  label="お名前"
                  autoComplete="name"
                  value={name}
                  onChange={(e) => setName(e.currentTarget.value)}
                  error={fields.name}
                />
                <TextInput
                  label="メールアドレス"
                  type="email"
                  inputMode="email"
                  autoComplete="email"
                  value={email}
                  onChange={(e) => setEmail(e.currentTarget.value)}
                  error={fields.email}
                />
                <TextInput
                  label="電話番号"
                  type="tel"
                  inputMode="tel"
                  autoComplete="tel"
                  placeholder="例: 090-1234-5678"
                  value={phone}
                  onChange={(e) => setPhone(e.currentTarget.value)}
                  error={fields.phone}
                />
                <Checkbox
                  label="この件について、こちらから連絡してもかまいません"
                  checked={contactConsent}
                  onChange={(e) => setContactConsent(e.currentTarget.checked)}
                  error={fields.contactConsent}
                  aria-invalid={fields.contactConsent ? true : undefined}
                />
              </Stack>
            </Paper>
            <Paper withBorder p="md" radius="md" component="section" aria-labelledby="privacy-title">
              <Stack gap="xs">
                <Title order={3} size="h5" id="privacy-title">
                  個人情報の利用目的
                </Title>
                <Text size="sm">
                  ご入力いただいたお名前・ご連絡先は、このご意見への回答とご連絡、対応状況の確認のためにのみ利用します。
                  法令に基づく場合を除き、ご本人の同意なく第三者に提供することはありません。
                  ご意見の内容は、個人が特定されない形で業務改善の検討や報告に利用することがあります。
                </Text>
                <Checkbox
                  label="個人情報の取り扱いに同意します（お名前・ご連絡先を入力した場合は必須）"
                  checked={privacyConsent}
                  onChange={(e) => setPrivacyConsent(e.currentTarget.checked)}
                  error={fields.privacyConsent}
                  aria-invalid={fields.privacyConsent ? true : undefined}
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
              送信する
            </Button>
          </Stack>
        </form>
      </Stack>
    </PublicLayout>
  );
}
