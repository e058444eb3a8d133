import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["src/**/*.test.ts", "tests/**/*.test.ts"],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: "forks",
    maxWorkers: 2,
    // Browser and server waits poll; 1 s (the default) is too short on a busy 2-core CI machine.
    expect: { poll: { timeout: 10_000 } },
  },
});
