// The app shell: header (koe 声, user, ログアウト) and the navigation, collapsing to a menu on tablets.
import { AppShell, Burger, Button, Group, NavLink, Stack, Text, Title, UnstyledButton } from "@mantine/core";
import { useDisclosure } from "@mantine/hooks";
import type { ReactNode } from "react";
import { Link, Outlet, useLocation, useNavigate } from "react-router";
import {
  type Actor,
  canAdminister,
  canHandlePersonalDataRequests,
  canImport,
  canManageClassifier,
  canViewActivities,
} from "../../../src/domain/roles.js";
import { ReviewCountBadge } from "../features/classifier/review-count-badge.js";
import { NotificationBell } from "../features/notifications/notification-bell.js";
import { ROLE_LABELS } from "../labels.js";
import { useReferenceData } from "../reference-data.js";
import { useCurrentUser, useSession } from "../session.js";

interface NavItem {
  to: string;
  label: string;
  /** shown only to users this rule of src/domain/roles.ts allows */
  allowed?: (user: Pick<Actor, "role">) => boolean;
  /** a count shown beside the label, read again on each screen change (keyed by the path) */
  badge?: (pathname: string) => ReactNode;
}

const NAV_ITEMS: NavItem[] = [
  { to: "/dashboard", label: "ダッシュボード" },
  { to: "/voices", label: "声の一覧" },
  { to: "/voices/new", label: "声の登録" },
  { to: "/mine", label: "自分の担当" },
  { to: "/analysis/words", label: "よく出る言葉" },
  { to: "/kpis", label: "KPI" },
  { to: "/activities", label: "活動記録", allowed: canViewActivities },
  { to: "/reviews", label: "顧客本位の振り返り" },
  { to: "/reports", label: "報告書" },
  { to: "/improvements", label: "業務改善" },
  { to: "/insights", label: "職員の気づき" },
  { to: "/meetings", label: "CS向上委員会" },
  { to: "/circulations", label: "回覧" },
  { to: "/insurer-reports", label: "保険会社への報告" },
  { to: "/notifications", label: "通知" },
  { to: "/surveys", label: "アンケート" },
  {
    to: "/complaint-reviews",
    label: "確認待ち",
    allowed: canManageClassifier,
    badge: (pathname) => <ReviewCountBadge key={pathname} />,
  },
  { to: "/import", label: "取り込み", allowed: canImport },
  { to: "/settings", label: "設定", allowed: canAdminister },
  { to: "/model", label: "分類モデル", allowed: canManageClassifier },
  { to: "/audit", label: "監査ログ", allowed: canAdminister },
  { to: "/personal-data-requests", label: "個人データの請求", allowed: canHandlePersonalDataRequests },
  { to: "/account", label: "アカウント" },
];

function isActive(pathname: string, to: string): boolean {
  if (to === "/voices") return pathname === "/voices" || /^\/voices\/\d+/.test(pathname);
  return pathname === to || pathname.startsWith(`${to}/`);
}

export function AppLayout() {
  const user = useCurrentUser();
  const { logout } = useSession();
  const { error } = useReferenceData();
  const [opened, { toggle, close }] = useDisclosure(false);
  const location = useLocation();
  const navigate = useNavigate();
  const items = NAV_ITEMS.filter((item) => !item.allowed || item.allowed(user));

  async function handleLogout() {
    await logout();
    navigate("/login", { replace: true });
  }

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 180, breakpoint: "md", collapsed: { mobile: !opened } }}
      padding="md"
    >
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between" wrap="nowrap">
          <Group gap="sm" wrap="nowrap">
            <Burger opened={opened} onClick={toggle} hiddenFrom="md" size="sm" aria-label="メニューを開く" />
            <UnstyledButton component={Link} to="/voices" aria-label="koe 声 トップへ">
              <Group gap={6} wrap="nowrap" align="baseline">
                <Title order={3} c="teal.8" style={{ letterSpacing: "0.02em" }}>
                  koe
                </Title>
                <Text fw={700} size="lg" c="teal.8">
                  声
                </Text>
              </Group>
            </UnstyledButton>
          </Group>
          <Group gap="md" wrap="nowrap">
            <NotificationBell />
            <Stack gap={0} align="flex-end">
              <Text size="sm" fw={600} data-testid="current-user">
                {user.name}
              </Text>
              <Text size="xs" c="dimmed">
                {ROLE_LABELS[user.role]}
                {user.departmentName ? `・${user.departmentName}` : ""}
              </Text>
            </Stack>
            <Button variant="default" size="xs" onClick={handleLogout}>
              ログアウト
            </Button>
          </Group>
        </Group>
      </AppShell.Header>
      {/* The menu scrolls on its own when a short window cannot show every item. */}
      <AppShell.Navbar p="xs" aria-label="メインメニュー" component="nav" style={{ overflowY: "auto" }}>
        {items.map((item) => (
          <NavLink
            key={item.to}
            component={Link}
            to={item.to}
            label={item.label}
            active={isActive(location.pathname, item.to)}
            rightSection={item.badge?.(location.pathname)}
            onClick={close}
            fw={500}
          />
        ))}
      </AppShell.Navbar>
      <AppShell.Main>
        {error && (
          <Text c="red" mb="sm" role="alert">
            基本情報の読み込みに失敗しました：{error}
          </Text>
        )}
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
