/** How long to wait, as people say it in a Japanese message: 約30秒 / 約10分 / 約2時間 (rounded up, never 0). */
export function waitPhrase(ms: number): string {
  const seconds = Math.max(1, Math.ceil(ms / 1000));
  if (seconds < 60) return `約${seconds}秒`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 60) return `約${minutes}分`;
  return `約${Math.ceil(minutes / 60)}時間`;
}
