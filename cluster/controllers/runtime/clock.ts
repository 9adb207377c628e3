// Simulated time for controllers. The embedded cluster can run N× faster than the wall clock
// (`--speed N`): every duration a controller waits (back-off, minReadySeconds requeues) is
// expressed in simulated milliseconds and converted to real time here, and every timestamp a
// controller writes (event first/lastTimestamp) is simulated time. Tests use ManualClock.

export interface Clock {
  /** Simulated-time factor: 10 means one real second is ten simulated seconds. */
  readonly speed: number;
  /** Current simulated time in epoch milliseconds. */
  now(): number;
  /** Runs `fn` after `simMs` simulated milliseconds; returns a function that cancels it. */
  setTimer(fn: () => void, simMs: number): () => void;
}

/** RFC 3339 with second precision, the way metav1.Time serializes ("2025-03-01T10:04:05Z"). */
export function rfc3339(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/**
 * Wall clock scaled by `speed` around an origin: at the origin simulated and real time agree,
 * afterwards simulated time runs `speed` times faster. Share one instance (or one origin) between
 * the API server, the kubelet simulation and the controllers so their timestamps agree.
 */
export class ScaledClock implements Clock {
  readonly speed: number;
  private readonly originMs: number;
  constructor(speed = 1, originMs = Date.now()) {
    if (!(speed > 0) || !Number.isFinite(speed)) throw new Error(`invalid speed ${speed}`);
    this.speed = speed;
    this.originMs = originMs;
  }
  now(): number {
    return Math.floor(this.originMs + (Date.now() - this.originMs) * this.speed);
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
  readonly speed = 1;
  private current: number;
  private timers: { at: number; seq: number; fn: () => void }[] = [];
  private seq = 0;
  constructor(startMs = Date.parse('2025-03-01T10:00:00Z')) {
    this.current = startMs;
  }
  now(): number {
    return this.current;
  }
  setTimer(fn: () => void, simMs: number): () => void {
    const timer = { at: this.current + Math.max(0, simMs), seq: this.seq++, fn };
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
