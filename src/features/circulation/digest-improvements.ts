/** The digest's section from the improvements area: the department's improvements completed in the week. */
import { jstDate } from "../../domain/jst.js";
import { DONE_IMPROVEMENT_STATUSES } from "../improvements/improvement-workflow.js";
import type { DigestSection } from "./build-digest.js";

export const improvementsCompleted: DigestSection = async (db, p) => {
  const rows = await db
    .selectFrom("improvements")
    .select(["title", "result"])
    .where("owner_department_id", "=", p.departmentId)
    .where("status", "in", [...DONE_IMPROVEMENT_STATUSES])
    .where("completed_on", ">=", jstDate(p.from))
    .where("completed_on", "<", jstDate(p.to))
    .orderBy("completed_on")
    .execute();
  if (rows.length === 0) return null;
  const lines = rows.map((r) => `　・${r.title}${r.result ? `: ${r.result}` : ""}`);
  return [`■ 完了した改善 ${rows.length}件`, ...lines].join("\n");
};
