/** The current time as an ISO string; one place so tests and the demo loader can reason about "now". */
export const nowIso = (): string => new Date().toISOString();
