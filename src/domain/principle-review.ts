// The half-year review by FSA principle (顧客本位の業務運営, seed 002): the seven principles, the template an
// organisation starts from, the figure tokens embedded in 【数値・事実】, and the draft → approved rule. Pure and
// browser-safe: the server validates with it and the editor previews with it.

/** The FSA's seven principles (顧客本位の業務運営に関する原則), as the FSA names them. */
export const FSA_PRINCIPLES: readonly { number: number; name: string }[] = [
  { number: 1, name: "顧客本位の業務運営に関する方針の策定・公表等" },
  { number: 2, name: "顧客の最善の利益の追求" },
  { number: 3, name: "利益相反の適切な管理" },
  { number: 4, name: "手数料等の明確化" },
  { number: 5, name: "重要な情報の分かりやすい提供" },
  { number: 6, name: "顧客にふさわしいサービスの提供" },
  { number: 7, name: "従業員に対する適切な動機づけの枠組み等" },
];

export function principleName(n: number): string | null {
  return FSA_PRINCIPLES.find((p) => p.number === n)?.name ?? null;
}

export const REVIEW_STATUSES = ["draft", "approved"] as const;
export type ReviewStatus = (typeof REVIEW_STATUSES)[number];
export const REVIEW_STATUS_LABELS: Record<ReviewStatus, string> = { draft: "下書き", approved: "承認済み" };

export const HALF_LABELS: Record<1 | 2, string> = { 1: "上期", 2: "下期" };

// ---------------------------------------------------------------- template

export interface TemplateItem {
  principle: number;
  number: string;
  heading: string;
  facts: string;
}

/**
 * Seed 002's structure: each principle with the agency's own sub-items ((1)1), (2)1)…(2)3), (2)①②, (3)①②③).
 * The お客様の声 items start with the voice figures by the organisation's own type labels, so the counts are
 * linked from the first draft; everything else is for the organisation to write (and renumber, add, delete).
 */
export function reviewTemplate(types: readonly { code: string; name: string }[]): TemplateItem[] {
  const byType = types.map((t) => `${t.name}：{{voices:${t.code}}}件`).join("、");
  const voiceFacts = `お客様の声の件数：{{voices}}件（${byType}）`;
  return [
    { principle: 1, number: "", heading: "お客様本位の業務運営と企業文化の確立", facts: "" },
    { principle: 2, number: "(1)1)", heading: "", facts: "" },
    { principle: 2, number: "(2)1)", heading: "対応記録", facts: "" },
    { principle: 2, number: "(2)2)", heading: "", facts: "" },
    { principle: 2, number: "(2)3)", heading: "", facts: "" },
    { principle: 2, number: "(2)①②", heading: "お客様の声", facts: voiceFacts },
    { principle: 2, number: "(3)①②③", heading: "高度な専門性", facts: "" },
    { principle: 3, number: "", heading: "利益相反の適切な管理", facts: "" },
    { principle: 4, number: "", heading: "手数料の明確化", facts: "" },
    { principle: 5, number: "", heading: "わかりやすく丁寧な情報提供", facts: "" },
    { principle: 6, number: "1,2,3", heading: "お客様にふさわしいサービスの提供", facts: "" },
    { principle: 7, number: "", heading: "職員に対する適切な動機付けの枠組み", facts: voiceFacts },
  ];
}

// ---------------------------------------------------------------- figure tokens

/**
 * A live figure inside the text: `{{voices}}`, `{{voices:complaint}}`, `{{improvements}}`, `{{kpi:12}}`. The
 * grammar is closed (a source name, optionally one argument of letters, digits, `_`, `-`, `.`), so a token never
 * carries markup or a query, and anything else that opens with `{{` is an error, not silently printed.
 */
const TOKEN = /\{\{([a-z_]{1,30})(?::([A-Za-z0-9_.-]{1,60}))?\}\}/g;

export interface FigureRef {
  /** the token as written, without braces: voices:complaint */
  key: string;
  source: string;
  arg: string | null;
}

export type TextSegment = { kind: "text"; text: string } | { kind: "figure"; ref: FigureRef };

export type TokenParse = { ok: true; segments: TextSegment[] } | { ok: false; message: string };

export function parseFigureText(text: string): TokenParse {
  const segments: TextSegment[] = [];
  let last = 0;
  for (const m of text.matchAll(TOKEN)) {
    const at = m.index ?? 0;
    const before = text.slice(last, at);
    const bad = badOpening(before);
    if (bad) return bad;
    if (before) segments.push({ kind: "text", text: before });
    const source = m[1] as string;
    const arg = m[2] ?? null;
    segments.push({ kind: "figure", ref: { key: arg === null ? source : `${source}:${arg}`, source, arg } });
    last = at + m[0].length;
  }
  const rest = text.slice(last);
  const bad = badOpening(rest);
  if (bad) return bad;
  if (rest) segments.push({ kind: "text", text: rest });
  return { ok: true, segments };
}

function badOpening(text: string): TokenParse | null {
  const i = text.indexOf("{{");
  if (i < 0) return null;
  const shown = text.slice(i, i + 24);
  return {
    ok: false,
    message: `「${shown}」は数値の埋め込みとして読めません（例: {{voices}}、{{voices:complaint}}、{{improvements}}）`,
  };
}

/** The figures a text refers to, each once, in order of appearance. */
export function figureRefs(text: string): FigureRef[] {
  const parsed = parseFigureText(text);
  if (!parsed.ok) return [];
  const seen = new Map<string, FigureRef>();
  for (const s of parsed.segments)
    if (s.kind === "figure" && !seen.has(s.ref.key)) seen.set(s.ref.key, s.ref);
  return [...seen.values()];
}

/** How a figure prints: 11,312 / 44.1 (one decimal at most, as the seeds print them). */
export function formatFigure(value: number | null): string {
  if (value === null) return "—";
  return new Intl.NumberFormat("ja-JP", { maximumFractionDigits: 1 }).format(value);
}

// ---------------------------------------------------------------- rules

/** A review may be written for a half that has begun (a plan is written during the half), never one to come. */
export function halfHasBegun(period: { from: string }, today: string): boolean {
  return period.from <= today;
}

/** Approval closes the half: its figures must be final, so the half must be over. */
export function halfIsOver(period: { to: string }, today: string): boolean {
  return period.to < today;
}

/** What approval requires of each item: the plan, the figures and facts, and the evaluation. */
export const REQUIRED_FOR_APPROVAL = [
  ["plan", "取り組み課題"],
  ["facts", "【数値・事実】"],
  ["evaluation", "【評価】"],
] as const;

/** 「原則2 (2)1)」: how an item is named in messages. */
export function itemName(item: { principle: number; number: string }): string {
  return `原則${item.principle}${item.number ? ` ${item.number}` : ""}`;
}
