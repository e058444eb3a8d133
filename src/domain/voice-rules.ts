// Validation rules for a voice's content (the customer's words as recorded).

export const CONTENT_MAX = 10000;

const withCommas = (n: number) => String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ",");

/** Length in characters as a person counts them: code points, so 𠮷 or an emoji is one character. */
export function characterCount(s: string): number {
  return [...s].length;
}

/** null when the content is acceptable, else a Japanese message saying why. Counted after trimming. */
export function validateContent(s: string): string | null {
  const n = characterCount(s.trim());
  if (n === 0) return "内容を入力してください";
  if (n > CONTENT_MAX) {
    return `内容は${withCommas(CONTENT_MAX)}文字以内で入力してください（現在 ${withCommas(n)} 文字）`;
  }
  return null;
}
