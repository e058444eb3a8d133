/**
 * Seed 001's KPIs: 「組合員満足の業務運営定着を測る指標(KPI)の設定」, under five themes, with the sources that
 * compute them from koe's records. Seed 001 lists 12; its last one (点検・監査の実施回数とそれに基づく改善件数) holds
 * two figures in two units (19回, 改善項目10件 in seed 000), so the register keeps them as two KPIs: 13. Every one
 * computes from records: improvements based on voices from the improvements feature, satisfaction from the
 * 加入者向け survey's answers.
 */
import type { KpiInput } from "./contract.js";

type TemplateKpi = Omit<KpiInput, "themeId" | "params" | "target"> & { params?: KpiInput["params"] };

export const KPI_TEMPLATE: readonly { number: number; name: string; kpis: TemplateKpi[] }[] = [
  {
    number: 1,
    name: "業務品質の向上をめざします",
    kpis: [
      {
        number: 1,
        name: "ファイナンシャルプランナー(FP)資格などの専門資格の保有者数",
        unit: "名",
        source: "qualified_staff",
      },
      {
        number: 2,
        name: "実務・商品・マナー研修等の実施回数",
        unit: "回",
        source: "trainings",
        params: { trainingKinds: ["practice", "product", "manners", "other"] },
      },
    ],
  },
  {
    number: 2,
    name: "組合員との接点を広げます",
    kpis: [
      { number: 1, name: "イベント・セミナー・相談会の開催件数", unit: "回", source: "outreach_events" },
      { number: 2, name: "保険相談の実施件数", unit: "件", source: "consultations" },
      { number: 3, name: "新規契約の件数", unit: "件", source: "new_contracts" },
    ],
  },
  {
    number: 3,
    name: "保全活動を充実させます",
    kpis: [
      { number: 1, name: "生命保険契約の早期消滅・失効件数", unit: "件", source: "early_lapses" },
      { number: 2, name: "損害保険契約の継続率", unit: "%", source: "renewal_rate" },
    ],
  },
  {
    number: 4,
    name: "声の収集と改善",
    kpis: [
      { number: 1, name: "声の件数", unit: "件", source: "voices" },
      { number: 2, name: "声に基づく改善件数", unit: "件", source: "improvements" },
      {
        number: 3,
        name: "加入者満足度調査・加入者向けアンケート結果",
        unit: "%",
        source: "satisfaction",
        params: { surveyKind: "members" },
      },
    ],
  },
  {
    number: 5,
    name: "態勢整備の構築",
    kpis: [
      {
        number: 1,
        name: "コンプライアンス研修の実施回数",
        unit: "回",
        source: "trainings",
        params: { trainingKinds: ["compliance"] },
      },
      {
        number: 2,
        name: "自主点検・内部監査・外部監査の実施回数",
        unit: "回",
        source: "audits",
      },
      { number: 3, name: "自主点検・内部監査・外部監査に基づく改善件数", unit: "件", source: "audit_items" },
    ],
  },
];
