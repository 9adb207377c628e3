// Login rate limiting: failed attempts per client address in a sliding window, plus a global
// ceiling so that many addresses cannot brute-force together.

export interface RateLimitOptions {
  perClient: number;
  global: number;
  windowMs: number;
}

const LOGIN_LIMITS: RateLimitOptions = { perClient: 10, global: 200, windowMs: 60_000 };

export class FailureLimiter {
  private readonly failures = new Map<string, number[]>();
  private all: number[] = [];

  constructor(
    private readonly opts: RateLimitOptions = LOGIN_LIMITS,
    private readonly now: () => number = Date.now,
  ) {}

  /** Milliseconds the client must wait before trying again, or 0 when it may try now. */
  retryAfterMs(client: string): number {
    const t = this.now();
    const since = t - this.opts.windowMs;
    this.all = this.all.filter((x) => x > since);
    const mine = (this.failures.get(client) ?? []).filter((x) => x > since);
    if (mine.length) this.failures.set(client, mine);
    else this.failures.delete(client);
    if (mine.length >= this.opts.perClient) return mine[0] + this.opts.windowMs - t;
    if (this.all.length >= this.opts.global) return this.all[0] + this.opts.windowMs - t;
    return 0;
  }

  fail(client: string): void {
    const t = this.now();
    this.all.push(t);
    const list = this.failures.get(client) ?? [];
    list.push(t);
    this.failures.set(client, list);
  }
}
