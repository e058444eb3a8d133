// アカウント: the signed-in user's own sign-in — 二段階認証 (enrol with a QR code or a key typed by hand, confirm
// with a code, recovery codes shown once, turn off) and すべての端末からログアウト.
import {
  Alert,
  Button,
  Code,
  Group,
  Image,
  List,
  Paper,
  PasswordInput,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
} from "@mantine/core";
import { toDataURL } from "qrcode";
import { type FormEvent, useCallback, useEffect, useState } from "react";
import { useNavigate } from "react-router";
import type {
  TwoFactorSetup,
  TwoFactorStatus,
} from "../../../../src/features/users-and-settings/contract.js";
import { ApiError, api, errorMessage } from "../../api.js";
import { useCurrentUser, useSession } from "../../session.js";

/** The key in groups of four, as authenticator apps show it and people type it. */
const grouped = (secret: string) => secret.replace(/(.{4})(?=.)/g, "$1 ");

function useFormState() {
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState(false);
  const run = useCallback(async (step: () => Promise<void>) => {
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
  }, []);
  return { error, fields, busy, run };
}

function RecoveryCodesShown({ codes, onDone }: { codes: string[]; onDone: () => void }) {
  return (
    <Stack gap="sm">
      <Alert color="teal" role="status" title="二段階認証を有効にしました">
        次回のログインから、パスワードのあとに確認コードを入力します。
      </Alert>
      <Text fw={600}>回復コード</Text>
      <Text size="sm">
        スマートフォンをなくしたときに、確認コードの代わりに使えます（各コード1回だけ）。この画面を離れると二度と表示されません。印刷するか、安全な場所に控えてください。
      </Text>
      <SimpleGrid cols={2} spacing={4} maw={320} aria-label="回復コード">
        {codes.map((c) => (
          <Code key={c} fz="md" data-testid="recovery-code">
            {c}
          </Code>
        ))}
      </SimpleGrid>
      <Group>
        <Button onClick={onDone}>控えました</Button>
      </Group>
    </Stack>
  );
}

function Enrolment({ onEnabled }: { onEnabled: (codes: string[]) => void }) {
  const [password, setPassword] = useState("");
  const [setup, setSetup] = useState<TwoFactorSetup | null>(null);
  const [qr, setQr] = useState<string | null>(null);
  const [code, setCode] = useState("");
  const { error, fields, busy, run } = useFormState();

  useEffect(() => {
    if (setup) void toDataURL(setup.uri, { margin: 1, width: 200, errorCorrectionLevel: "M" }).then(setQr);
  }, [setup]);

  function start(event: FormEvent) {
    event.preventDefault();
    void run(async () => {
      setSetup(await api("POST /api/v1/account/two-factor/setup", { body: { password } }));
      setPassword("");
    });
  }
  function confirm(event: FormEvent) {
    event.preventDefault();
    void run(async () => {
      const r = await api("POST /api/v1/account/two-factor/confirm", { body: { code: code.trim() } });
      onEnabled(r.recoveryCodes);
    });
  }

  return (
    <Stack gap="sm">
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      {!setup ? (
        <form onSubmit={start} noValidate>
          <Stack gap="sm" maw={360}>
            <Text size="sm">
              ログインのときに、パスワードに加えてスマートフォンの認証アプリ（Google Authenticator、Microsoft
              Authenticator など）の確認コードを入力します。パスワードが漏れても、他の人はログインできません。
            </Text>
            <PasswordInput
              label="現在のパスワード"
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
              error={fields.password}
            />
            <Group>
              <Button type="submit" loading={busy}>
                設定を始める
              </Button>
            </Group>
          </Stack>
        </form>
      ) : (
        <form onSubmit={confirm} noValidate>
          <Stack gap="sm">
            <Text size="sm">
              1. 認証アプリでこのQRコードを読み取ってください。読み取れないときは、下のキーを手で入力します。
            </Text>
            {qr && <Image src={qr} alt="二段階認証の設定用QRコード" w={200} h={200} />}
            <Text size="sm">
              手で入力するキー：
              <Code fz="md" data-testid="totp-secret">
                {grouped(setup.secret)}
              </Code>
            </Text>
            <Text size="sm">2. 認証アプリに表示された6桁の確認コードを入力してください。</Text>
            <TextInput
              label="確認コード"
              autoComplete="one-time-code"
              value={code}
              onChange={(e) => setCode(e.currentTarget.value)}
              error={fields.code}
              maw={200}
            />
            <Group>
              <Button type="submit" loading={busy}>
                確認して有効にする
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Stack>
  );
}

function Disable({ left, onDisabled }: { left: number; onDisabled: () => void }) {
  const [password, setPassword] = useState("");
  const { error, fields, busy, run } = useFormState();
  function submit(event: FormEvent) {
    event.preventDefault();
    void run(async () => {
      await api("POST /api/v1/account/two-factor/disable", { body: { password } });
      onDisabled();
    });
  }
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="sm" maw={360}>
        <Text>
          二段階認証は<strong>有効</strong>です。使っていない回復コードは残り {left} 個です。
        </Text>
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <PasswordInput
          label="現在のパスワード"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          error={fields.password}
        />
        <Group>
          <Button type="submit" color="red" variant="light" loading={busy}>
            二段階認証をやめる
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function TwoFactorSection() {
  const [status, setStatus] = useState<TwoFactorStatus | null>(null);
  const [codes, setCodes] = useState<string[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const load = useCallback(() => {
    api("GET /api/v1/account/two-factor")
      .then(setStatus)
      .catch((e) => setError(errorMessage(e)));
  }, []);
  useEffect(load, [load]);

  return (
    <Paper withBorder p="md">
      <Title order={3} size="h4" mb="sm">
        二段階認証
      </Title>
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      {status && !status.available && (
        <Text size="sm" c="dimmed">
          二段階認証は管理者とCS部門のアカウントで使えます。
        </Text>
      )}
      {status?.available && codes && (
        <RecoveryCodesShown
          codes={codes}
          onDone={() => {
            setCodes(null);
            load();
          }}
        />
      )}
      {status?.available && !codes && status.enabled && (
        <Disable left={status.recoveryCodesLeft} onDisabled={load} />
      )}
      {status?.available && !codes && !status.enabled && <Enrolment onEnabled={setCodes} />}
    </Paper>
  );
}

function LogoutEverywhere() {
  const { forget } = useSession();
  const navigate = useNavigate();
  const [asking, setAsking] = useState(false);
  const { error, busy, run } = useFormState();
  function endAll() {
    void run(async () => {
      await api("DELETE /api/v1/session/all");
      forget();
      navigate("/login", { replace: true });
    });
  }
  return (
    <Paper withBorder p="md">
      <Title order={3} size="h4" mb="sm">
        すべての端末からログアウト
      </Title>
      <Stack gap="sm">
        <Text size="sm">
          この端末を含め、あなたのアカウントでログインしているすべてのパソコン・スマートフォンからログアウトします。共用の端末でログアウトし忘れたときや、パスワードが漏れたおそれがあるときに使ってください。
        </Text>
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <Group>
          {!asking ? (
            <Button variant="default" onClick={() => setAsking(true)}>
              すべての端末からログアウト
            </Button>
          ) : (
            <>
              <Button color="red" loading={busy} onClick={endAll}>
                ログアウトする
              </Button>
              <Button variant="default" onClick={() => setAsking(false)}>
                やめる
              </Button>
            </>
          )}
        </Group>
      </Stack>
    </Paper>
  );
}

export function AccountPage() {
  const user = useCurrentUser();
  return (
    <Stack gap="md" maw={720}>
      <Title order={2}>アカウント</Title>
      <List listStyleType="none" spacing={2}>
        <List.Item>
          <Text span c="dimmed" size="sm">
            氏名：
          </Text>
          {user.name}
        </List.Item>
        <List.Item>
          <Text span c="dimmed" size="sm">
            メールアドレス：
          </Text>
          {user.email}
        </List.Item>
      </List>
      <TwoFactorSection />
      <LogoutEverywhere />
    </Stack>
  );
}
