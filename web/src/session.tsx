// The logged-in user and CSRF token, loaded once from GET /api/v1/session and shared through context.
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import type { SessionUser } from "../../src/features/users-and-settings/contract.js";
import { ApiError, api, setCsrfToken, setUnauthenticatedHandler } from "./api.js";

/** What a right password leads to: signed in, or the two-factor code still to come (with its challenge). */
export type LoginStep = { kind: "signed_in"; user: SessionUser } | { kind: "two_factor"; challenge: string };

interface SessionState {
  /** undefined while the first check runs; null when nobody is logged in */
  user: SessionUser | null | undefined;
  login: (email: string, password: string) => Promise<LoginStep>;
  /** the second step of a two-factor login: the app's code or a recovery code */
  completeTwoFactor: (challenge: string, code: string) => Promise<SessionUser>;
  logout: () => Promise<void>;
  /** the server ended this session (すべての端末からログアウト): forget it here too */
  forget: () => void;
}

const SessionContext = createContext<SessionState | null>(null);

export function SessionProvider({ children }: { children: ReactNode }) {
  const [user, setUser] = useState<SessionUser | null | undefined>(undefined);

  useEffect(() => {
    let cancelled = false;
    setUnauthenticatedHandler(() => {
      setCsrfToken(null);
      setUser(null);
    });
    api("GET /api/v1/session")
      .then((session) => {
        if (cancelled) return;
        setCsrfToken(session.csrfToken);
        setUser(session.user);
      })
      .catch(() => {
        if (!cancelled) setUser(null);
      });
    return () => {
      cancelled = true;
      setUnauthenticatedHandler(null);
    };
  }, []);

  const login = useCallback(async (email: string, password: string): Promise<LoginStep> => {
    const answer = await api("POST /api/v1/session", { body: { email, password } });
    if ("twoFactorRequired" in answer) return { kind: "two_factor", challenge: answer.challenge };
    setCsrfToken(answer.csrfToken);
    setUser(answer.user);
    return { kind: "signed_in", user: answer.user };
  }, []);

  const completeTwoFactor = useCallback(async (challenge: string, code: string) => {
    const session = await api("POST /api/v1/session/two-factor", { body: { challenge, code } });
    setCsrfToken(session.csrfToken);
    setUser(session.user);
    return session.user;
  }, []);

  const forget = useCallback(() => {
    setCsrfToken(null);
    setUser(null);
  }, []);

  const logout = useCallback(async () => {
    try {
      await api("DELETE /api/v1/session");
    } catch (error) {
      // Already logged out on the server is fine; anything else still ends the local session.
      if (!(error instanceof ApiError)) throw error;
    }
    setCsrfToken(null);
    setUser(null);
  }, []);

  const value = useMemo(
    () => ({ user, login, completeTwoFactor, logout, forget }),
    [user, login, completeTwoFactor, logout, forget],
  );
  return <SessionContext.Provider value={value}>{children}</SessionContext.Provider>;
}

export function useSession(): SessionState {
  const value = useContext(SessionContext);
  if (!value) throw new Error("useSession outside SessionProvider");
  return value;
}

/** The logged-in user; only for screens rendered behind the login guard. */
export function useCurrentUser(): SessionUser {
  const { user } = useSession();
  if (!user) throw new Error("useCurrentUser without a logged-in user");
  return user;
}
