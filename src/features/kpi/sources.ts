/**
 * The KPI source registry: how each computed KPI gets its value, breakdown and the records behind it from koe's
 * own data for a period. Adding a source is one entry here (and its code in contract.ts's KPI_SOURCES).
 */
import { sql } from "kysely";
import type { Period } from "../../domain/analysis-period.js";
import { ratePercent } from "../../domain/kpi-wording.js";
import type { KpiSource } from "./contract.js";
import { figure, item, type KpiSourceDefinition } from "./source-figure.js";
import { improvements, satisfaction, voices } from "./voice-sources.js";

export type { KpiFigure, KpiSourceDefinition, SourceContext } from "./source-figure.js";
export { SOURCE_LIST_LIMIT } from "./source-figure.js";

const monthRange = (p: Period) => ({ from: p.from.slice(0, 7), to: p.to.slice(0, 7) });
const monthLabel = (m: string) => `${Number(m.slice(0, 4))}年${Number(m.slice(5, 7))}月`;

/** Sum of a monthly count (保障相談件数, 新規契約件数, 早期消滅・失効件数) over the period's months. */
function monthlyCount(metric: string): KpiSourceDefinition {
  return {
    unit: "件",
    async compute({ db, period }) {
      const m = monthRange(period);
      const rows = await db
        .selectFrom("business_figures")
        .select(["id", "month", "line", "numerator"])
        .where("metric", "=", metric)
        .where("month", ">=", m.from)
        .where("month", "<=", m.to)
        .orderBy("month")
        .orderBy("line")
        .execute();
      if (rows.length === 0) return figure({ value: null });
      return figure({
        value: rows.reduce((s, r) => s + r.numerator, 0),
        sources: rows.map((r) => ({
          kind: "business_figure",
          id: r.id,
          date: r.month,
          label: monthLabel(r.month) + (r.line ? ` ${r.line}` : ""),
          detail: `${r.numerator.toLocaleString("ja-JP")}件`,
        })),
      });
    },
  };
}

const EVENT_KIND_LABELS: Record<string, string> = {
  event: "イベント",
  seminar: "セミナー",
  consultation_session: "相談会",
};
const AUDIT_KIND_LABELS: Record<string, string> = {
  self: "自主点検",
  internal: "内部監査",
  external: "外部監査",
};

export const KPI_SOURCE_REGISTRY: Readonly<Record<Exclude<KpiSource, "manual">, KpiSourceDefinition>> = {
  voices,
  improvements,
  satisfaction,

  trainings: {
    unit: "回",
    async compute({ db, period, params }) {
      let kinds = db
        .selectFrom("activity_labels")
        .select(["id", "code", "name"])
        .where("kind", "=", "training_kind")
        .orderBy("sort_order")
        .orderBy("id");
      if (params.trainingKinds?.length) kinds = kinds.where("code", "in", params.trainingKinds);
      const kindRows = await kinds.execute();
      const ids = kindRows.map((k) => k.id);
      const rows =
        ids.length === 0
          ? []
          : await db
              .selectFrom("trainings")
              .select(["id", "held_on", "title", "attendees", "kind_id"])
              .where("held_on", ">=", period.from)
              .where("held_on", "<=", period.to)
              .where("kind_id", "in", ids)
              .orderBy("held_on")
              .orderBy("id")
              .execute();
      const name = new Map(kindRows.map((k) => [k.id, k.name]));
      return figure({
        value: rows.length,
        breakdown: kindRows.map((k) => item(k.name, rows.filter((r) => r.kind_id === k.id).length, "回")),
        sources: rows.map((r) => ({
          kind: "training",
          id: r.id,
          date: r.held_on,
          label: r.title,
          detail: `${name.get(r.kind_id) ?? ""}・${r.attendees}名参加`,
        })),
      });
    },
  },

  qualified_staff: {
    unit: "名",
    async compute({ db, period, params }) {
      // Who was on the roster at the period's end, and which of them held a qualifying qualification then.
      const at = period.to;
      let staff = db
        .selectFrom("staff_members")
        .select(["id", "name"])
        .where("from_date", "<=", at)
        .where((eb) => eb.or([eb("to_date", "is", null), eb("to_date", ">=", at)]));
      if (params.departmentId !== undefined) staff = staff.where("department_id", "=", params.departmentId);
      const members = await staff.orderBy("id").execute();
      if (members.length === 0) return figure({ value: null });
      const quals = await db
        .selectFrom("staff_qualifications as q")
        .innerJoin("activity_labels as l", "l.id", "q.label_id")
        .select(["q.staff_id", "l.name"])
        .where("l.qualifying", "=", 1)
        .where("q.acquired_on", "<=", at)
        .where((eb) => eb.or([eb("q.expires_on", "is", null), eb("q.expires_on", ">=", at)]))
        .where(
          "q.staff_id",
          "in",
          members.map((m) => m.id),
        )
        .orderBy("l.sort_order")
        .execute();
      const held = new Map<number, string[]>();
      for (const q of quals) held.set(q.staff_id, [...(held.get(q.staff_id) ?? []), q.name]);
      const qualified = members.filter((m) => held.has(m.id));
      const dept =
        params.departmentId === undefined
          ? undefined
          : await db
              .selectFrom("departments")
              .select("name")
              .where("id", "=", params.departmentId)
              .executeTakeFirst();
      const share = ratePercent(qualified.length, members.length) ?? 0;
      return figure({
        value: qualified.length,
        breakdown: [item("取得率", share, "%"), item("対象職員", members.length, "名")],
        note: `${dept ? `${dept.name}の` : ""}職員${members.length}名中`,
        sources: qualified.map((m) => ({
          kind: "staff",
          id: m.id,
          date: null,
          label: m.name,
          detail: (held.get(m.id) ?? []).join("・"),
        })),
      });
    },
  },

  outreach_events: {
    unit: "回",
    async compute({ db, period }) {
      const rows = await db
        .selectFrom("outreach_events")
        .select(["id", "held_on", "kind", "title", "attendance"])
        .where("held_on", ">=", period.from)
        .where("held_on", "<=", period.to)
        .orderBy("held_on")
        .orderBy("id")
        .execute();
      return figure({
        value: rows.length,
        breakdown: Object.entries(EVENT_KIND_LABELS).map(([k, label]) =>
          item(label, rows.filter((r) => r.kind === k).length, "回"),
        ),
        sources: rows.map((r) => ({
          kind: "outreach_event",
          id: r.id,
          date: r.held_on,
          label: r.title,
          detail: `${EVENT_KIND_LABELS[r.kind] ?? r.kind}・${r.attendance}名参加`,
        })),
      });
    },
  },

  consultations: monthlyCount("consultations"),
  new_contracts: monthlyCount("new_contracts"),
  early_lapses: monthlyCount("early_lapses"),

  renewal_rate: {
    unit: "%",
    async compute({ db, period }) {
      const m = monthRange(period);
      const rows = await db
        .selectFrom("business_figures")
        .select(["id", "month", "line", "numerator", "denominator"])
        .where("metric", "=", "renewals")
        .where("month", ">=", m.from)
        .where("month", "<=", m.to)
        // lines in the order they were first entered (自動車 before 火災, as the report lists them)
        .orderBy("month")
        .orderBy("id")
        .execute();
      const lines = new Map<string, { num: number; den: number }>();
      for (const r of rows) {
        const l = lines.get(r.line) ?? { num: 0, den: 0 };
        l.num += r.numerator;
        l.den += r.denominator ?? 0;
        lines.set(r.line, l);
      }
      const num = rows.reduce((s, r) => s + r.numerator, 0);
      const den = rows.reduce((s, r) => s + (r.denominator ?? 0), 0);
      return figure({
        // the rate of all lines together: continued contracts over contracts due, not a mean of the lines' rates
        value: ratePercent(num, den),
        breakdown: [...lines].flatMap(([line, l]) => {
          const rate = ratePercent(l.num, l.den);
          return rate === null ? [] : [item(line || "合計", rate, "%")];
        }),
        note: den > 0 ? `継続${num.toLocaleString("ja-JP")}件／満期${den.toLocaleString("ja-JP")}件` : null,
        sources: rows.map((r) => ({
          kind: "business_figure",
          id: r.id,
          date: r.month,
          label: `${monthLabel(r.month)} ${r.line}`.trim(),
          detail: `${r.numerator.toLocaleString("ja-JP")}／${(r.denominator ?? 0).toLocaleString("ja-JP")}`,
        })),
      });
    },
  },

  audits: {
    unit: "回",
    async compute({ db, period }) {
      const rows = await db
        .selectFrom("audits as a")
        .select([
          "a.id",
          "a.held_on",
          "a.kind",
          "a.auditor",
          sql<number>`(select count(*) from audit_items i where i.audit_id = a.id)`.as("items"),
        ])
        .where("a.held_on", ">=", period.from)
        .where("a.held_on", "<=", period.to)
        .orderBy("a.held_on")
        .orderBy("a.id")
        .execute();
      const items = rows.reduce((s, r) => s + Number(r.items), 0);
      return figure({
        value: rows.length,
        breakdown: [
          item("改善項目", items, "件"),
          ...Object.entries(AUDIT_KIND_LABELS).map(([k, label]) =>
            item(label, rows.filter((r) => r.kind === k).length, "回"),
          ),
        ],
        sources: rows.map((r) => ({
          kind: "audit",
          id: r.id,
          date: r.held_on,
          label: `${AUDIT_KIND_LABELS[r.kind] ?? r.kind}（${r.auditor}）`,
          detail: `改善項目${Number(r.items)}件`,
        })),
      });
    },
  },

  audit_items: {
    unit: "件",
    async compute({ db, period }) {
      const rows = await db
        .selectFrom("audit_items as i")
        .innerJoin("audits as a", "a.id", "i.audit_id")
        .select(["i.id", "i.content", "i.improvement_id", "a.held_on", "a.kind"])
        .where("a.held_on", ">=", period.from)
        .where("a.held_on", "<=", period.to)
        .orderBy("a.held_on")
        .orderBy("i.id")
        .execute();
      return figure({
        value: rows.length,
        sources: rows.map((r) => ({
          kind: "audit_item",
          id: r.id,
          date: r.held_on,
          label: r.content,
          detail: AUDIT_KIND_LABELS[r.kind] ?? r.kind,
        })),
      });
    },
  },
};
