// Settings tab for users: add, change name/role/department, deactivate, reset the password.
import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Group,
  Modal,
  NativeSelect,
  PasswordInput,
  Stack,
  Table,
  Text,
  TextInput,
} from "@mantine/core";
import { type FormEvent, useCallback, useEffect, useState } from "react";
import type { AdminUser, UpdateUserInput } from "../../../../src/features/users-and-settings/contract.js";
import { ROLES, type Role } from "../../../../src/shared/constants.js";
import { ApiError, api, errorMessage } from "../../api.js";
import { ROLE_LABELS } from "../../labels.js";
import { useReferenceData } from "../../reference-data.js";
import { useCurrentUser } from "../../session.js";

interface UserFormProps {
  user: AdminUser | null;
  onSaved: () => void;
  onCancel: () => void;
}

function UserForm({ user, onSaved, onCancel }: UserFormProps) {
  const { taxonomy } = useReferenceData();
  const me = useCurrentUser();
  const [email, setEmail] = useState(user?.email ?? "");
  const [name, setName] = useState(user?.name ?? "");
  const [role, setRole] = useState<Role>(user?.role ?? "staff");
  const [departmentId, setDepartmentId] = useState(user?.departmentId ? String(user.departmentId) : "");
  const [active, setActive] = useState(user?.active ?? true);
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [fields, setFields] = useState<Record<string, string>>({});

  async function handleSubmit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setError(null);
    setFields({});
    const department = departmentId ? Number(departmentId) : null;
    try {
      if (user) {
        const change: UpdateUserInput = {};
        if (name.trim() !== user.name) change.name = name.trim();
        if (role !== user.role) change.role = role;
        if (department !== user.departmentId) change.departmentId = department;
        if (active !== user.active) change.active = active;
        if (password) change.password = password;
        if (Object.keys(change).length > 0)
          await api("PATCH /api/v1/users/:id", { params: { id: user.id }, body: change });
      } else {
        await api("POST /api/v1/users", {
          body: { email: email.trim(), name: name.trim(), role, departmentId: department, password },
        });
      }
      onSaved();
    } catch (e) {
      setError(errorMessage(e));
      if (e instanceof ApiError) setFields(e.fields);
      setBusy(false);
    }
  }

  const departments = (taxonomy?.departments ?? []).filter((d) => d.active || d.id === user?.departmentId);
  return (
    <form onSubmit={handleSubmit} noValidate>
      <Stack gap="sm">
        {error && (
          <Alert color="red" role="alert">
            {error}
          </Alert>
        )}
        <TextInput
          label="メールアドレス"
          type="email"
          value={email}
          onChange={(e) => setEmail(e.currentTarget.value)}
          error={fields.email}
          disabled={user !== null}
          withAsterisk={user === null}
          data-autofocus={user === null ? true : undefined}
        />
        <TextInput
          label="氏名"
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={fields.name}
          withAsterisk
          data-autofocus={user !== null ? true : undefined}
        />
        <Group grow>
          <NativeSelect
            label="役割"
            data={ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r] }))}
            value={role}
            onChange={(e) => setRole(e.currentTarget.value as Role)}
            error={fields.role}
          />
          <NativeSelect
            label="部署"
            data={[
              { value: "", label: "（所属なし）" },
              ...departments.map((d) => ({ value: String(d.id), label: d.name })),
            ]}
            value={departmentId}
            onChange={(e) => setDepartmentId(e.currentTarget.value)}
            error={fields.departmentId}
          />
        </Group>
        <PasswordInput
          label={user ? "新しいパスワード（変更する場合のみ）" : "初期パスワード"}
          value={password}
          onChange={(e) => setPassword(e.currentTarget.value)}
          error={fields.password}
          withAsterisk={user === null}
          autoComplete="new-password"
          description="12文字以上。よく使われているパスワードは使えません"
        />
        {user && (
          <Checkbox
            label="有効（ログインできる）"
            checked={active}
            onChange={(e) => setActive(e.currentTarget.checked)}
            disabled={user.id === me.id}
            error={fields.active}
          />
        )}
        {user && user.id !== me.id && <SignInActions user={user} onDone={onSaved} />}
        <Group justify="flex-end">
          <Button variant="default" onClick={onCancel} disabled={busy}>
            キャンセル
          </Button>
          <Button type="submit" loading={busy}>
            {user ? "保存" : "追加"}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** An administrator ends a user's sessions everywhere, or lifts their two-factor login (a lost phone). */
function SignInActions({ user, onDone }: { user: AdminUser; onDone: () => void }) {
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  async function act(what: "sessions" | "two-factor") {
    setBusy(true);
    setError(null);
    try {
      if (what === "sessions") {
        await api("DELETE /api/v1/users/:id/sessions", { params: { id: user.id } });
        setMessage(`${user.name} さんをすべての端末からログアウトさせました。`);
      } else {
        await api("DELETE /api/v1/users/:id/two-factor", { params: { id: user.id } });
        onDone();
      }
    } catch (e) {
      setError(errorMessage(e));
    } finally {
      setBusy(false);
    }
  }
  return (
    <Stack gap="xs">
      {message && (
        <Alert color="teal" role="status">
          {message}
        </Alert>
      )}
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      <Group gap="xs">
        <Button size="xs" variant="default" loading={busy} onClick={() => void act("sessions")}>
          すべての端末からログアウトさせる
        </Button>
        {user.twoFactorEnabled && (
          <Button
            size="xs"
            variant="default"
            color="red"
            loading={busy}
            onClick={() => void act("two-factor")}
          >
            二段階認証を解除
          </Button>
        )}
      </Group>
    </Stack>
  );
}

export function UsersTab() {
  const { taxonomy, reload } = useReferenceData();
  const [users, setUsers] = useState<AdminUser[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [editing, setEditing] = useState<AdminUser | "new" | null>(null);

  const load = useCallback(async () => {
    try {
      const result = await api("GET /api/v1/users");
      setUsers(result.items);
      setError(null);
    } catch (e) {
      setError(errorMessage(e));
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  const departmentName = (id: number | null) =>
    id === null ? "－" : (taxonomy?.departments.find((d) => d.id === id)?.name ?? `#${id}`);

  return (
    <Stack gap="md">
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          退職・異動した人は削除せず「無効」にします（記録の担当者名は残ります）。
        </Text>
        <Button onClick={() => setEditing("new")}>ユーザーを追加</Button>
      </Group>
      {error && (
        <Alert color="red" role="alert">
          {error}
        </Alert>
      )}
      <Table.ScrollContainer minWidth={720} type="native">
        <Table verticalSpacing="xs" aria-label="ユーザーの一覧">
          <Table.Thead>
            <Table.Tr>
              <Table.Th>氏名</Table.Th>
              <Table.Th>メールアドレス</Table.Th>
              <Table.Th w={110}>役割</Table.Th>
              <Table.Th>部署</Table.Th>
              <Table.Th w={110}>状態</Table.Th>
              <Table.Th w={90}>操作</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {(users ?? []).map((u) => (
              <Table.Tr key={u.id}>
                <Table.Td>{u.name}</Table.Td>
                <Table.Td style={{ overflowWrap: "anywhere" }}>{u.email}</Table.Td>
                <Table.Td>{ROLE_LABELS[u.role]}</Table.Td>
                <Table.Td>{departmentName(u.departmentId)}</Table.Td>
                <Table.Td>
                  {u.active ? (
                    <Badge color="teal" variant="light">
                      有効
                    </Badge>
                  ) : (
                    <Badge color="gray" variant="light">
                      無効
                    </Badge>
                  )}
                  {u.twoFactorEnabled && (
                    <Badge color="blue" variant="light" mt={4}>
                      二段階認証
                    </Badge>
                  )}
                </Table.Td>
                <Table.Td>
                  <Button
                    size="xs"
                    variant="light"
                    onClick={() => setEditing(u)}
                    aria-label={`${u.name} を編集`}
                  >
                    編集
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <Modal
        opened={editing !== null}
        onClose={() => setEditing(null)}
        title={editing === "new" ? "ユーザーを追加" : "ユーザーを編集"}
        centered
      >
        {editing !== null && (
          <UserForm
            user={editing === "new" ? null : editing}
            onCancel={() => setEditing(null)}
            onSaved={() => {
              setEditing(null);
              void load();
              void reload();
            }}
          />
        )}
      </Modal>
    </Stack>
  );
}
