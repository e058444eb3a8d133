/**
 * The improvement's status machine (業務改善課題): 提案 → 検討中 → 実施中 → 完了 → 効果確認済, or 見送り from any
 * open status with a reason. Pure: what each move needs and what it refuses, in Japanese.
 */

export const IMPROVEMENT_STATUSES = [
  "proposed",
  "under_review",
  "in_progress",
  "completed",
  "effect_confirmed",
  "dropped",
] as const;
export type ImprovementStatus = (typeof IMPROVEMENT_STATUSES)[number];

export const IMPROVEMENT_STATUS_LABELS: Readonly<Record<ImprovementStatus, string>> = {
  proposed: "提案",
  under_review: "検討中",
  in_progress: "実施中",
  completed: "完了",
  effect_confirmed: "効果確認済",
  dropped: "見送り",
};

export const EFFECT_VERDICTS = ["effective", "partial", "none"] as const;
export type EffectVerdict = (typeof EFFECT_VERDICTS)[number];
export const EFFECT_VERDICT_LABELS: Readonly<Record<EffectVerdict, string>> = {
  effective: "効果あり",
  partial: "一部",
  none: "なし",
};

/** The statuses in which the improvement is still being worked on (an open decision of the committee). */
export const OPEN_IMPROVEMENT_STATUSES: readonly ImprovementStatus[] = [
  "proposed",
  "under_review",
  "in_progress",
];

/** Completed improvements: 完了 and 効果確認済 count as 「改善したこと」. */
export const DONE_IMPROVEMENT_STATUSES: readonly ImprovementStatus[] = ["completed", "effect_confirmed"];

const NEXT: Readonly<Record<ImprovementStatus, readonly ImprovementStatus[]>> = {
  proposed: ["under_review", "dropped"],
  under_review: ["in_progress", "dropped"],
  in_progress: ["completed", "dropped"],
  completed: ["effect_confirmed"],
  effect_confirmed: [],
  dropped: [],
};

export function nextStatuses(from: ImprovementStatus): readonly ImprovementStatus[] {
  return NEXT[from];
}

export interface TransitionInput {
  to: ImprovementStatus;
  /** 見送り: why (required) */
  reason?: string | null | undefined;
  /** 完了: 改善したこと (required, unless already recorded) */
  result?: string | null | undefined;
  /** 完了: the completion date, YYYY-MM-DD (defaults to today) */
  completedOn?: string | null | undefined;
  /** 効果確認済: the verdict (required) */
  verdict?: EffectVerdict | null | undefined;
}

export type TransitionCheck =
  | { ok: true }
  | { ok: false; kind: "refused"; message: string }
  | { ok: false; kind: "invalid"; fields: Record<string, string> };

const blank = (s: string | null | undefined) => s === undefined || s === null || s.trim() === "";

/**
 * Whether an improvement in `from` (with `current` result) may move to `input.to` with what it brings. A move the
 * machine does not allow is refused (409); a missing reason, result or verdict is invalid input (400).
 */
export function checkTransition(
  from: ImprovementStatus,
  current: { result: string | null },
  input: TransitionInput,
  today: string,
): TransitionCheck {
  if (!NEXT[from].includes(input.to)) {
    const allowed = NEXT[from].map((s) => IMPROVEMENT_STATUS_LABELS[s]);
    return {
      ok: false,
      kind: "refused",
      message:
        allowed.length === 0
          ? `「${IMPROVEMENT_STATUS_LABELS[from]}」の改善課題の状態は変更できません`
          : `「${IMPROVEMENT_STATUS_LABELS[from]}」から「${IMPROVEMENT_STATUS_LABELS[input.to]}」には変更できません（変更できるのは ${allowed.join("・")}）`,
    };
  }
  if (input.to === "dropped" && blank(input.reason))
    return { ok: false, kind: "invalid", fields: { reason: "見送りにする理由を入力してください" } };
  if (input.to === "completed") {
    if (blank(input.result) && blank(current.result))
      return {
        ok: false,
        kind: "invalid",
        fields: { result: "完了にするには「改善したこと」を入力してください" },
      };
    if (input.completedOn && input.completedOn > today)
      return { ok: false, kind: "invalid", fields: { completedOn: "完了日に未来の日付は指定できません" } };
  }
  if (input.to === "effect_confirmed" && !input.verdict)
    return {
      ok: false,
      kind: "invalid",
      fields: { verdict: "効果の判定（効果あり・一部・なし）を選んでください" },
    };
  return { ok: true };
}

/** A due date on creation: today or later (an improvement is not planned in the past). */
export function dueDateProblem(dueDate: string, today: string): string | null {
  return dueDate < today
    ? `期限に過去の日付（${dueDate}）は指定できません。今日（${today}）以降を指定してください`
    : null;
}

/** Past its due date and still open. */
export function isImprovementOverdue(
  i: { status: ImprovementStatus; dueDate: string },
  today: string,
): boolean {
  return OPEN_IMPROVEMENT_STATUSES.includes(i.status) && i.dueDate < today;
}

/** Completed at least `afterDays` ago and its effect not yet judged. */
export function awaitsEffectCheck(i: { status: ImprovementStatus }): boolean {
  return i.status === "completed";
}
