// The bell in the staff header: the unread count, refreshed every minute and when the tab comes back into view.
import { Indicator, UnstyledButton } from "@mantine/core";
import { useEffect, useState } from "react";
import { Link, useLocation } from "react-router";
import { api } from "../../api.js";

const REFRESH_MS = 60_000;

export function NotificationBell() {
  const [unread, setUnread] = useState(0);
  const location = useLocation();
  // biome-ignore lint/correctness/useExhaustiveDependencies: a change of screen is the moment to refresh the count
  useEffect(() => {
    let cancelled = false;
    const load = () =>
      api("GET /api/v1/notifications/unread-count")
        .then((r) => {
          if (!cancelled) setUnread(r.unread);
        })
        .catch(() => undefined);
    void load();
    const timer = setInterval(load, REFRESH_MS);
    const onVisible = () => document.visibilityState === "visible" && void load();
    document.addEventListener("visibilitychange", onVisible);
    return () => {
      cancelled = true;
      clearInterval(timer);
      document.removeEventListener("visibilitychange", onVisible);
    };
  }, [location.pathname]);
  const label = unread > 0 ? `通知 未読${unread}件` : "通知";
  return (
    <UnstyledButton
      component={Link}
      to="/notifications"
      aria-label={label}
      title={label}
      data-testid="notification-bell"
    >
      <Indicator
        label={unread > 99 ? "99+" : unread}
        size={18}
        disabled={unread === 0}
        color="red"
        offset={4}
      >
        <svg
          width="24"
          height="24"
          viewBox="0 0 24 24"
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
          aria-hidden="true"
        >
          <path d="M6 8a6 6 0 0 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
          <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
        </svg>
      </Indicator>
    </UnstyledButton>
  );
}
