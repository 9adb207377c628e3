// Buffered updates (style.md, OpenShift/Lens): watch events are collected and applied at most
// once per interval, so a burst of 1,000 events is one render. A lone event after a quiet
// period is flushed on the next tick, which keeps "watch event → DOM" well under 100 ms.

export interface Clock {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

const realClock: Clock = {
  now: () => performance.now(),
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>),
};

/** Default interval between two flushes (≈100 ms batching, architecture.md §3.3). */
const BATCH_INTERVAL_MS = 80;
/** Delay before flushing the first event after a quiet period (lets a burst gather). */
const FIRST_FLUSH_DELAY_MS = 4;

export class Batcher<E> {
  private buffer: E[] = [];
  private timer: unknown;
  private lastFlush = -Infinity;

  constructor(
    private readonly flushFn: (batch: E[]) => void,
    private readonly clock: Clock = realClock,
    private readonly interval = BATCH_INTERVAL_MS,
  ) {}

  push(...events: E[]): void {
    if (events.length === 0) return;
    this.buffer.push(...events);
    if (this.timer !== undefined) return;
    const sinceLast = this.clock.now() - this.lastFlush;
    const wait = Math.max(FIRST_FLUSH_DELAY_MS, this.interval - sinceLast);
    this.timer = this.clock.setTimeout(() => this.flush(), wait);
  }

  /** Applies everything buffered now (e.g. before a sync replaces the list). */
  flush(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    if (this.buffer.length === 0) return;
    const batch = this.buffer;
    this.buffer = [];
    this.lastFlush = this.clock.now();
    this.flushFn(batch);
  }

  /** Drops buffered events (the subscription ended or a relist replaces the state). */
  clear(): void {
    if (this.timer !== undefined) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
    this.buffer = [];
  }

  get pending(): number {
    return this.buffer.length;
  }
}
