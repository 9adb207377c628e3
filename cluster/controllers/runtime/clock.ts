// Simulated time for controllers. The embedded cluster can run N× faster than the wall clock
// (`--speed N`, architecture.md): every *duration* a controller waits or measures (back-off,
// minReadySeconds, grace periods) is in simulated milliseconds and is divided by `speed` to get
// real time. *Timestamps* stay wall-clock time, because kubectl computes AGE and `(x3 over 10m)`
// against the real local clock and the API server stamps creationTimestamp with it: simulated
// timestamps would run into the future and print `<invalid>`. Tests use ManualClock.

export interface Clock {
  /** Simulated-time factor: 10 means one real second is ten simulated seconds. */
  readonly speed: number;
  /** Wall-clock time in epoch milliseconds (what timestamps are written with). */
  now(): number;
  /** Runs `fn` after `simMs` simulated milliseconds; returns a function that cancels it. */
  setTimer(fn: () => void, simMs: number): () => void;
}

/** RFC 3339 with second precision, the way metav1.Time serializes ("2025-03-01T10:04:05Z"). */
export function rfc3339(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** The real clock with durations compressed by `speed`. */
export class ScaledClock implements Clock {
  readonly speed: number;
  constructor(speed = 1) {
    if (!(speed > 0) || !Number.isFinite(speed)) throw new Error(`invalid speed ${speed}`);
    this.speed = speed;
  }
  now(): number {
    return Date.now();
  }
  setTimer(fn: () => void, simMs: number): () => void {
    const t = setTimeout(fn, Math.max(0, simMs / this.speed));
    // Timers must never keep a stopping process alive.
    t.unref?.();
    return () => clearTimeout(t);
  }
}

/** A clock that only moves when told to; timers fire synchronously inside advance(). */
export class ManualClock implements Clock {
  private current: number;
  private timers: { at: number; seq: number; fn: () => void }[] = [];
  private seq = 0;
  /** With speed N, a timer of D simulated ms fires after D/N of advance(). */
  constructor(
    startMs = Date.parse('2025-03-01T10:00:00Z'),
    readonly speed = 1,
  ) {
    this.current = startMs;
  }
  now(): number {
    // Whole milliseconds like Date.now(); with speed > 1 due times can fall between them.
    return Math.floor(this.current);
  }
  setTimer(fn: () => void, simMs: number): () => void {
    const timer = { at: this.current + Math.max(0, simMs) / this.speed, seq: this.seq++, fn };
    this.timers.push(timer);
    return () => {
      this.timers = this.timers.filter((t) => t !== timer);
    };
  }
  /** Moves time forward, firing due timers in order of due time. */
  advance(ms: number): void {
    const target = this.current + ms;
    for (;;) {
      const due = this.timers.filter((t) => t.at <= target).sort((a, b) => a.at - b.at || a.seq - b.seq)[0];
      if (!due) break;
      this.timers = this.timers.filter((t) => t !== due);
      this.current = Math.max(this.current, due.at);
      due.fn();
    }
    this.current = target;
  }
  pendingTimers(): number {
    return this.timers.length;
  }
}
