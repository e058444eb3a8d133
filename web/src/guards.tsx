// Screens that only some roles may open: the rule is asked of src/domain/roles.ts, as the server asks it.
import type { ReactNode } from "react";
import { canAdminister, canImport, canManageClassifier } from "../../src/domain/roles.js";
import { NotFoundPage } from "./not-found-page.js";
import { useSession } from "./session.js";

export function RequireAdmin({ children }: { children: ReactNode }) {
  const { user } = useSession();
  if (!user || !canAdminister(user)) return <NotFoundPage message="この画面は管理者のみ利用できます。" />;
  return <>{children}</>;
}

export function RequireImporter({ children }: { children: ReactNode }) {
  const { user } = useSession();
  if (!user || !canImport(user))
    return <NotFoundPage message="この画面は CS部門と管理者のみ利用できます。" />;
  return <>{children}</>;
}

export function RequireClassifierManager({ children }: { children: ReactNode }) {
  const { user } = useSession();
  if (!user || !canManageClassifier(user))
    return <NotFoundPage message="この画面は CS部門と管理者のみ利用できます。" />;
  return <>{children}</>;
}
