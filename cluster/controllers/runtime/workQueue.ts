// A rate-limited, deduplicating work queue in the manner of client-go's workqueue:
// a key is queued at most once; a key being processed is never handed to a second worker
// (it is re-queued when the first finishes if it was added meanwhile); failures are retried
// with per-key exponential back-off (C-3: 5 ms doubling, capped at 1000 s, simulated time).
import type { Clock } from './clock';

export interface BackoffOptions {
  baseDelayMs: number;
  maxDelayMs: number;
}

const DEFAULT_BACKOFF: BackoffOptions = { baseDelayMs: 5, maxDelayMs: 1_000_000 };

export type KeyHandler = (key: string) => Promise<void>;

export class WorkQueue {
  private readonly queue: string[] = [];
  private readonly dirty = new Set<string>();
  private readonly processing = new Set<string>();
  private readonly failures = new Map<string, number>();
  private readonly delayed = new Map<string, { at: number; cancel: () => void }>();
  private waiters: (() => void)[] = [];
  private stopped = false;

  constructor(
    private readonly clock: Clock,
    private readonly backoff: BackoffOptions = DEFAULT_BACKOFF,
  ) {}

  add(key: string): void {
    if (this.stopped || this.dirty.has(key)) return;
    this.dirty.add(key);
    if (this.processing.has(key)) return; // re-queued by done()
    this.queue.push(key);
    this.wake();
  }

  /** Adds the key after `simMs`; of several pending delays for one key the earliest wins. */
  addAfter(key: string, simMs: number): void {
    if (this.stopped) return;
    if (simMs <= 0) return this.add(key);
    const at = this.clock.now() + simMs;
    const pending = this.delayed.get(key);
    if (pending && pending.at <= at) return;
    pending?.cancel();
    const cancel = this.clock.setTimer(() => {
      this.delayed.delete(key);
      this.add(key);
    }, simMs);
    this.delayed.set(key, { at, cancel });
  }

  /** Re-queues after the key's next back-off step. */
  addRateLimited(key: string): void {
    const n = this.failures.get(key) ?? 0;
    this.failures.set(key, n + 1);
    this.addAfter(key, this.backoffFor(n));
  }

  backoffFor(failuresSoFar: number): number {
    return Math.min(this.backoff.baseDelayMs * 2 ** Math.min(failuresSoFar, 60), this.backoff.maxDelayMs);
  }

  numRequeues(key: string): number {
    return this.failures.get(key) ?? 0;
  }

  /** Clears the back-off history of a key (after a successful sync). */
  forget(key: string): void {
    this.failures.delete(key);
  }

  len(): number {
    return this.queue.length;
  }

  /** True when nothing is queued or being processed (delayed keys do not count). */
  idle(): boolean {
    return this.queue.length === 0 && this.processing.size === 0;
  }

  /**
   * Starts `workers` loops handing keys to `handler`. A handler that throws gets its key
   * re-queued with back-off; one that returns normally has its back-off forgotten.
   */
  run(handler: KeyHandler, workers = 1, onError?: (key: string, err: unknown) => void): void {
    for (let i = 0; i < workers; i++) void this.workerLoop(handler, onError);
  }

  shutdown(): void {
    this.stopped = true;
    for (const d of this.delayed.values()) d.cancel();
    this.delayed.clear();
    this.queue.length = 0;
    this.dirty.clear();
    this.wake();
  }

  private async workerLoop(handler: KeyHandler, onError?: (key: string, err: unknown) => void): Promise<void> {
    for (;;) {
      const key = await this.get();
      if (key === undefined) return;
      try {
        await handler(key);
        this.forget(key);
      } catch (err) {
        onError?.(key, err);
        if (!this.stopped) this.addRateLimited(key);
      } finally {
        this.done(key);
      }
    }
  }

  private async get(): Promise<string | undefined> {
    while (this.queue.length === 0) {
      if (this.stopped) return undefined;
      await new Promise<void>((resolve) => this.waiters.push(resolve));
    }
    if (this.stopped) return undefined;
    const key = this.queue.shift() as string;
    this.processing.add(key);
    this.dirty.delete(key);
    return key;
  }

  private done(key: string): void {
    this.processing.delete(key);
    if (this.dirty.has(key) && !this.stopped) {
      this.queue.push(key);
      this.wake();
    }
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}
