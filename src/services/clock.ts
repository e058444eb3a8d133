/** The current time as an ISO string; one place so tests and the demo loader can reason about "now". */
export const nowIso = (): string => new Date().toISOString();

/**
 * "Now" as a function, passed to what runs on a schedule (the 声の日 digest, reminders, overdue insurer reports),
 * so a test can move time forward without waiting for it.
 */
export type Clock = () => Date;
export const systemClock: Clock = () => new Date();
