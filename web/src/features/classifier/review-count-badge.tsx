// The 確認待ち count beside its menu entry: read again on every screen change (the menu remounts it with the path
// as key) and when a voice is confirmed; the last count shows meanwhile, so the badge does not flicker.
import { Badge } from "@mantine/core";
import { useEffect, useState } from "react";
import { api } from "../../api.js";

const CHANGED = "koe:review-count-changed";
let lastCount: number | null = null;

/** Tells the badge to read the count again (a voice was confirmed). */
export function announceReviewCountChanged(): void {
  window.dispatchEvent(new Event(CHANGED));
}

export function ReviewCountBadge() {
  const [waiting, setWaiting] = useState<number | null>(lastCount);
  useEffect(() => {
    let live = true;
    const read = () =>
      api("GET /api/v1/complaint-reviews/count")
        .then((r) => {
          lastCount = r.waiting;
          if (live) setWaiting(r.waiting);
        })
        // The count is a convenience: a failed read leaves the menu as it was.
        .catch(() => undefined);
    void read();
    window.addEventListener(CHANGED, read);
    return () => {
      live = false;
      window.removeEventListener(CHANGED, read);
    };
  }, []);
  if (!waiting) return null;
  return (
    <Badge
      size="sm"
      color="orange"
      circle={waiting < 10}
      aria-label={`確認待ち ${waiting}件`}
      data-testid="review-count"
    >
      {waiting > 999 ? "999+" : waiting}
    </Badge>
  );
}
