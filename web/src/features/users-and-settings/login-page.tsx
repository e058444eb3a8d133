// ログイン: email and password, then (for an account with 二段階認証) the code from the authenticator app or a
// recovery code; shows the server's message for wrong passwords, wrong codes and waits.
import {
  Alert,
  Anchor,
  Button,
  Center,
  Paper,
  PasswordInput,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { type FormEvent, useState } from "react";
import { Navigate, useNavigate, useSearchParams } from "react-router";
import { ApiError, errorMessage } from "../../api.js";
import { useSession } from "../../session.js";

export function LoginPage() {
  const { user, login, completeTwoFactor } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [challenge, setChallenge] = useState<string | null>(null);
  const [code, setCode] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const next = params.get("next");
  const target = next?.startsWith("/") && !next.startsWith("//") ? next : "/";

  if (user) return <Navigate to={target} replace />;

  async function run(step: () => Promise<void>) {
    setBusy(true);
    setError(null);
    setFields({});
    try {
      await step();
    } catch (e) {
      setError(errorMessage(e));
      if (e instanceof ApiError) setFields(e.fields);
    } finally {
      setBusy(false);
    }
  }

  function handlePassword(event: FormEvent) {
    event.preventDefault();
    void run(async () => {
      const step = await login(email.trim(), password);
      if (step.kind === "two_factor") {
        setChallenge(step.challenge);
        setPassword("");
        setCode("");
      } else navigate(target, { replace: true });
    });
  }

  function handleCode(event: FormEvent) {
    event.preventDefault();
    if (!challenge) return;
    void run(async () => {
      try {
        await completeTwoFactor(challenge, code.trim());
        navigate(target, { replace: true });
      } catch (e) {
        // Too many wrong codes or too slow: the password has to be entered again.
        if (e instanceof ApiError && e.fields.challenge) setChallenge(null);
        throw e;
      }
    });
  }

  function backToPassword() {
    setChallenge(null);
    setCode("");
    setError(null);
  }

  return (
    <Center mih="100vh" bg="gray.0" p="md">
      <Paper withBorder shadow="sm" p="xl" w={400} maw="100%">
        <Stack>
          <div>
            <Title order={2} c="teal.8">
              koe 声
            </Title>
            <Text size="sm" c="dimmed">
              お客さまの声 管理システム
            </Text>
          </div>
          {error && (
            <Alert color="red" role="alert" title="ログインできませんでした">
              {error}
            </Alert>
          )}
          {challenge === null ? (
            <form onSubmit={handlePassword} noValidate>
              <Stack>
                <TextInput
                  label="メールアドレス"
                  type="email"
                  autoComplete="username"
                  value={email}
                  onChange={(e) => setEmail(e.currentTarget.value)}
                  error={fields.email}
                  autoFocus
                />
                <PasswordInput
                  label="パスワード"
                  autoComplete="current-password"
                  value={password}
                  onChange={(e) => setPassword(e.currentTarget.value)}
                  error={fields.password}
                />
                <Button type="submit" loading={busy} fullWidth>
                  ログイン
                </Button>
              </Stack>
            </form>
          ) : (
            <form onSubmit={handleCode} noValidate>
              <Stack>
                <Title order={4}>二段階認証</Title>
                <Text size="sm">
                  認証アプリに表示されている6桁の確認コードを入力してください。スマートフォンが手元にないときは、回復コードを入力できます。
                </Text>
                <TextInput
                  label="確認コード"
                  autoComplete="one-time-code"
                  inputMode="text"
                  value={code}
                  onChange={(e) => setCode(e.currentTarget.value)}
                  error={fields.code}
                  autoFocus
                />
                <Button type="submit" loading={busy} fullWidth>
                  確認してログイン
                </Button>
                <Anchor component="button" type="button" size="sm" onClick={backToPassword}>
                  メールアドレスとパスワードの入力に戻る
                </Anchor>
              </Stack>
            </form>
          )}
        </Stack>
      </Paper>
    </Center>
  );
}
