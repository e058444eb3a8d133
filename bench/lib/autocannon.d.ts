// The part of autocannon's programmatic API the load bench uses (the package ships no types).
declare module "autocannon" {
  import type { EventEmitter } from "node:events";

  interface AutocannonRequest {
    method?: string;
    path?: string;
    headers?: Record<string, string>;
    body?: string;
  }

  interface AutocannonOptions {
    url: string;
    connections?: number;
    /** requests per second per connection (an integer, at least 1) */
    connectionRate?: number;
    /** seconds */
    duration?: number;
    /** total requests, then stop */
    amount?: number;
    /** seconds before a request counts as timed out */
    timeout?: number;
    method?: string;
    headers?: Record<string, string>;
    body?: string;
    requests?: (AutocannonRequest & {
      setupRequest?: (req: AutocannonRequest, context: Record<string, unknown>) => AutocannonRequest;
    })[];
  }

  interface AutocannonResult {
    errors: number;
    timeouts: number;
    non2xx: number;
    mismatches: number;
    resets: number;
    requests: { total: number; average: number };
    statusCodeStats: Record<string, { count: number }>;
  }

  interface AutocannonInstance extends EventEmitter, PromiseLike<AutocannonResult> {
    stop(): void;
  }

  function autocannon(opts: AutocannonOptions): AutocannonInstance;
  export default autocannon;
}
