import { describe, expect, it } from "vitest";
import { DEFAULT_SESSION_TIMEOUTS, sessionOpen, timeoutProblems } from "./session-timeouts.js";

const MIN = 60_000;
const HOUR = 60 * MIN;

describe("sessionOpen", () => {
  const t = DEFAULT_SESSION_TIMEOUTS; // 30 minutes idle, 12 hours absolute
  it("keeps a session used within the idle timeout, until the absolute timeout", () => {
    expect(sessionOpen(t, { createdAt: 0, lastSeenAt: 0 }, 29 * MIN)).toBe(true);
    expect(sessionOpen(t, { createdAt: 0, lastSeenAt: 0 }, 30 * MIN)).toBe(false);
    expect(sessionOpen(t, { createdAt: 0, lastSeenAt: 11 * HOUR + 50 * MIN }, 11 * HOUR + 59 * MIN)).toBe(
      true,
    );
    expect(sessionOpen(t, { createdAt: 0, lastSeenAt: 11 * HOUR + 59 * MIN }, 12 * HOUR)).toBe(false);
  });
});

describe("timeoutProblems", () => {
  it("accepts the defaults and sensible values", () => {
    expect(timeoutProblems({ idleMinutes: 30, absoluteHours: 12 }, DEFAULT_SESSION_TIMEOUTS)).toEqual({});
    expect(timeoutProblems({ idleMinutes: 60 }, { idleMinutes: 30, absoluteHours: 1 })).toEqual({});
  });

  it("names the field and the range in Japanese", () => {
    expect(timeoutProblems({ idleMinutes: 4, absoluteHours: 0 }, DEFAULT_SESSION_TIMEOUTS)).toEqual({
      sessionIdleMinutes: "操作がないときのログアウトは5〜1440分の整数で指定してください",
      sessionAbsoluteHours: "ログインの有効時間は1〜168時間の整数で指定してください",
    });
    expect(timeoutProblems({ idleMinutes: 7.5 }, DEFAULT_SESSION_TIMEOUTS)).toHaveProperty(
      "sessionIdleMinutes",
    );
  });

  it("refuses an idle timeout longer than the absolute one, also against the stored value", () => {
    const message = "操作がないときのログアウトは、ログインの有効時間より短くしてください";
    expect(timeoutProblems({ idleMinutes: 90, absoluteHours: 1 }, DEFAULT_SESSION_TIMEOUTS)).toEqual({
      sessionIdleMinutes: message,
    });
    expect(timeoutProblems({ absoluteHours: 1 }, { idleMinutes: 120, absoluteHours: 12 })).toEqual({
      sessionIdleMinutes: message,
    });
  });
});
