import { describe, expect, it } from 'vitest';
import { Batcher, type Clock } from './batcher';

/** A manual clock: timers fire only when the test advances time. */
function manualClock() {
  let t = 0;
  let timers: { at: number; fn: () => void; id: number }[] = [];
  let next = 1;
  const clock: Clock = {
    now: () => t,
    setTimeout: (fn, ms) => {
      const id = next++;
      timers.push({ at: t + ms, fn, id });
      return id;
    },
    clearTimeout: (id) => {
      timers = timers.filter((x) => x.id !== id);
    },
  };
  const advance = (ms: number) => {
    const end = t + ms;
    for (;;) {
      const due = timers.filter((x) => x.at <= end).sort((a, b) => a.at - b.at)[0];
      if (!due) break;
      t = due.at;
      timers = timers.filter((x) => x !== due);
      due.fn();
    }
    t = end;
  };
  return { clock, advance };
}

describe('watch event batching', () => {
  it('a burst of 1,000 events is delivered as one batch', () => {
    const { clock, advance } = manualClock();
    const batches: number[][] = [];
    const b = new Batcher<number>((batch) => batches.push(batch), clock, 100);
    for (let i = 0; i < 1000; i++) b.push(i);
    expect(batches).toHaveLength(0);
    advance(20);
    expect(batches).toHaveLength(1);
    expect(batches[0]).toHaveLength(1000);
    expect(batches[0][999]).toBe(999);
  });

  it('a lone event after a quiet period is flushed within a frame', () => {
    const { clock, advance } = manualClock();
    const batches: number[][] = [];
    const b = new Batcher<number>((batch) => batches.push(batch), clock, 100);
    advance(1000);
    b.push(1);
    advance(4);
    expect(batches).toEqual([[1]]);
  });

  it('a steady stream is flushed at most once per interval', () => {
    const { clock, advance } = manualClock();
    const flushTimes: number[] = [];
    const b = new Batcher<number>(() => flushTimes.push(clock.now()), clock, 100);
    for (let i = 0; i < 50; i++) {
      b.push(i);
      advance(10);
    }
    advance(200);
    for (let i = 1; i < flushTimes.length; i++) expect(flushTimes[i] - flushTimes[i - 1]).toBeGreaterThanOrEqual(100);
    expect(flushTimes.length).toBeGreaterThanOrEqual(4);
  });

  it('flush() applies now and clear() drops pending events', () => {
    const { clock, advance } = manualClock();
    const batches: number[][] = [];
    const b = new Batcher<number>((batch) => batches.push(batch), clock, 100);
    b.push(1, 2);
    b.flush();
    expect(batches).toEqual([[1, 2]]);
    b.push(3);
    b.clear();
    advance(500);
    expect(batches).toEqual([[1, 2]]);
    expect(b.pending).toBe(0);
  });
});
