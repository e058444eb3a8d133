// Taxonomy (labels, departments) and the assignee options, loaded after login and shared by every screen.
import { createContext, type ReactNode, useCallback, useContext, useEffect, useMemo, useState } from "react";
import type { UserOption } from "../../src/features/users-and-settings/contract.js";
import type { Taxonomy } from "../../src/shared/api-contract.js";
import { api, errorMessage } from "./api.js";

export type { UserOption };

interface ReferenceData {
  taxonomy: Taxonomy | null;
  users: UserOption[];
  error: string | null;
  reload: () => Promise<void>;
}

const ReferenceContext = createContext<ReferenceData | null>(null);

export function ReferenceDataProvider({ children }: { children: ReactNode }) {
  const [taxonomy, setTaxonomy] = useState<Taxonomy | null>(null);
  const [users, setUsers] = useState<UserOption[]>([]);
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(async () => {
    try {
      const [tax, options] = await Promise.all([
        api("GET /api/v1/taxonomy"),
        api("GET /api/v1/users/options"),
      ]);
      setTaxonomy(tax);
      setUsers(options.items);
      setError(null);
    } catch (e) {
      setError(errorMessage(e));
    }
  }, []);

  useEffect(() => {
    void reload();
  }, [reload]);

  const value = useMemo(() => ({ taxonomy, users, error, reload }), [taxonomy, users, error, reload]);
  return <ReferenceContext.Provider value={value}>{children}</ReferenceContext.Provider>;
}

export function useReferenceData(): ReferenceData {
  const value = useContext(ReferenceContext);
  if (!value) throw new Error("useReferenceData outside ReferenceDataProvider");
  return value;
}

/** Select options from labels: only active ones, plus the one currently chosen even if retired. */
export function labelOptions(
  labels: readonly { code: string; name: string; active: boolean }[] | undefined,
  current?: string | null,
): { value: string; label: string }[] {
  return (labels ?? [])
    .filter((label) => label.active || label.code === current)
    .map((label) => ({ value: label.code, label: label.active ? label.name : `${label.name}（廃止）` }));
}
