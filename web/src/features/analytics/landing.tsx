// Where "/" leads after login: leads, cs and admins start on the dashboard, staff and viewers on the voice list
// (src/domain/roles.ts decides). Its own small chunk, so the public form's entry carries no role rules.
import { Navigate } from "react-router";
import { startsOnDashboard } from "../../../../src/domain/roles.js";
import { useCurrentUser } from "../../session.js";

export function Landing() {
  const user = useCurrentUser();
  return <Navigate to={startsOnDashboard(user) ? "/dashboard" : "/voices"} replace />;
}
