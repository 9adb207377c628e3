import { describe, expect, it } from 'vitest';
import { ManualClock } from './clock';
import { WorkQueue } from './workQueue';

const tick = () => new Promise<void>((r) => setTimeout(r, 0));

describe('WorkQueue', () => {
  it('deduplicates a key added several times before it is processed', async () => {
    const q = new WorkQueue(new ManualClock());
    const seen: string[] = [];
    q.add('default/web');
    q.add('default/web');
    q.add('default/db');
    q.add('default/web');
    q.run(async (k) => void seen.push(k));
    await tick();
    expect(seen).toEqual(['default/web', 'default/db']);
    q.shutdown();
  });

  it('never hands one key to two workers at once, and re-runs it if added while processing', async () => {
    const q = new WorkQueue(new ManualClock());
    let active = 0;
    let maxActive = 0;
    let runs = 0;
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    q.run(async () => {
      active++;
      runs++;
      maxActive = Math.max(maxActive, active);
      if (runs === 1) await gate;
      active--;
    }, 4);
    q.add('k');
    await tick();
    q.add('k'); // arrives while the first run is in flight
    q.add('k');
    await tick();
    expect(runs).toBe(1);
    release();
    await tick();
    await tick();
    expect(runs).toBe(2);
    expect(maxActive).toBe(1);
    q.shutdown();
  });

  it('retries failures with per-key exponential back-off (5ms doubling) and forgets on success', async () => {
    const clock = new ManualClock();
    const q = new WorkQueue(clock);
    const runsAt: number[] = [];
    let failures = 3;
    q.run(async () => {
      runsAt.push(clock.now());
      if (failures-- > 0) throw new Error('boom');
    });
    const t0 = clock.now();
    q.add('k');
    await tick();
    expect(runsAt).toEqual([t0]);
    expect(q.numRequeues('k')).toBe(1);
    clock.advance(4);
    await tick();
    expect(runsAt.length).toBe(1); // 5ms not yet elapsed
    clock.advance(1);
    await tick();
    clock.advance(10);
    await tick();
    clock.advance(20);
    await tick();
    expect(runsAt.map((t) => t - t0)).toEqual([0, 5, 15, 35]);
    expect(q.numRequeues('k')).toBe(0);
    q.shutdown();
  });

  it('caps the back-off at 1000 s', () => {
    const q = new WorkQueue(new ManualClock());
    expect(q.backoffFor(0)).toBe(5);
    expect(q.backoffFor(3)).toBe(40);
    expect(q.backoffFor(40)).toBe(1_000_000);
  });

  it('addAfter keeps only the earliest pending delay per key', async () => {
    const clock = new ManualClock();
    const q = new WorkQueue(clock);
    const seen: number[] = [];
    q.run(async () => void seen.push(clock.now()));
    const t0 = clock.now();
    q.addAfter('k', 30_000);
    q.addAfter('k', 10_000);
    q.addAfter('k', 20_000);
    expect(clock.pendingTimers()).toBe(1);
    clock.advance(10_000);
    await tick();
    clock.advance(30_000);
    await tick();
    expect(seen.map((t) => t - t0)).toEqual([10_000]);
    q.shutdown();
  });
});
