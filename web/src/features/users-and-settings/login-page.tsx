// ログイン: email and password; shows the server's message for wrong passwords and lock-outs.
import { Alert, Button, Center, Paper, PasswordInput, Stack, Text, TextInput, Title } from "@mantine/core";
import { type FormEvent, useState } from "react";
import { Navigate, useNavigate, useSearchParams } from "react-router";
import { ApiError, errorMessage } from "../../api.js";
import { useSession } from "../../session.js";

export function LoginPage() {
  const { user, login } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const next = params.get("next");
  const target = next?.startsWith("/") && !next.startsWith("//") ? next : "/";

  if (user) return <Navigate to={target} replace />;

  async function handleSubmit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setFields({});
    try {
      await login(email.trim(), password);
      navigate(target, { replace: true });
    } catch (e) {
      setError(errorMessage(e));
      if (e instanceof ApiError) setFields(e.fields);
    } finally {
      setBusy(false);
    }
  }

  return (
    <Center mih="100vh" bg="gray.0" p="md">
      <Paper withBorder shadow="sm" p="xl" w={400} maw="100%">
        <form onSubmit={handleSubmit} noValidate>
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
      </Paper>
    </Center>
  );
}
