/**
 * The KPI sources of theme 4 (声の収集と改善): voices in the period, improvements based on voices (the
 * improvements feature's count), and survey satisfaction (the surveys feature's per-kind figures).
 */
import { periodInstants } from "../../domain/analysis-period.js";
import { countedVoices } from "../analytics/counted-voices.js";
import {
  countImprovementsBasedOnVoices,
  listImprovementsBasedOnVoices,
} from "../improvements/count-improvements.js";
import { surveyKindFigures } from "../surveys/kind-figures.js";
import { DEFAULT_SURVEY_KIND } from "./contract.js";
import { figure, item, type KpiSourceDefinition, SOURCE_LIST_LIMIT } from "./source-figure.js";

export const voices: KpiSourceDefinition = {
  unit: "件",
  async compute({ db, period, today }) {
    const { fromIso, toIsoExclusive } = periodInstants(period);
    const q = countedVoices(db, { fromIso, toIsoExclusive }, today);
    const total = await q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow();
    const rows = await q
      .select(["v.id", "v.receipt_number", "v.received_at"])
      .orderBy("v.received_at")
      .orderBy("v.id")
      .limit(SOURCE_LIST_LIMIT)
      .execute();
    return figure({
      value: Number(total.n),
      sourceTotal: Number(total.n),
      sources: rows.map((r) => ({
        kind: "voice",
        id: r.id,
        date: r.received_at,
        label: r.receipt_number,
        detail: null,
      })),
      voiceQuery: new URLSearchParams({ from: period.from, to: period.to }).toString(),
    });
  },
};

export const improvements: KpiSourceDefinition = {
  unit: "件",
  async compute({ db, period }) {
    const [n, rows] = await Promise.all([
      countImprovementsBasedOnVoices(db, period),
      listImprovementsBasedOnVoices(db, period, SOURCE_LIST_LIMIT),
    ]);
    return figure({
      value: n,
      sourceTotal: n,
      sources: rows.map((r) => ({
        kind: "improvement",
        id: r.id,
        date: r.completedOn,
        label: r.title,
        detail: `声${r.voices}件${r.result ? `・${r.result}` : ""}`,
      })),
    });
  },
};

export const satisfaction: KpiSourceDefinition = {
  unit: "%",
  async compute({ db, period, params }) {
    const code = params.surveyKind || DEFAULT_SURVEY_KIND;
    const { kinds } = await surveyKindFigures(db, period);
    const answered = kinds.filter((k) => k.responses > 0 && k.topTwoBox !== null);
    const main = answered.find((k) => k.code === code);
    const total = answered.reduce((s, k) => s + k.responses, 0);
    return figure({
      // no answers to the KPI's own kind in the period: no value, rather than another kind's
      value: main?.topTwoBox ?? null,
      // the other kinds beside it, as seed 000 prints お支払い時 and 保全対応時 under 加入者向け
      breakdown: answered
        .filter((k) => k !== main)
        .map((k) => item(`${k.name}アンケート`, k.topTwoBox as number, "%")),
      note: main
        ? `${main.name}アンケート 回答${main.responses.toLocaleString("ja-JP")}件・平均${main.mean?.toFixed(2) ?? "—"}（満足・やや満足の割合）`
        : null,
      sourceTotal: total,
      sources: answered.map((k) => ({
        kind: "survey_kind",
        id: null,
        date: null,
        label: `${k.name}アンケート`,
        detail: `回答${k.responses.toLocaleString("ja-JP")}件・満足度${k.topTwoBox}%・平均${k.mean?.toFixed(2) ?? "—"}`,
      })),
    });
  },
};
