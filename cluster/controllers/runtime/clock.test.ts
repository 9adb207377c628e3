import { describe, expect, it } from 'vitest';
import { ManualClock, ScaledClock, rfc3339 } from './clock';

describe('clocks', () => {
  it('ScaledClock keeps wall-clock timestamps and compresses durations by speed', async () => {
    const clock = new ScaledClock(200);
    expect(Math.abs(clock.now() - Date.now())).toBeLessThan(50);
    const started = Date.now();
    await new Promise<void>((resolve) => clock.setTimer(resolve, 4000)); // 4 simulated seconds
    const real = Date.now() - started;
    expect(real).toBeGreaterThanOrEqual(15);
    expect(real).toBeLessThan(1000);
  });

  it('ScaledClock timers can be cancelled', async () => {
    const clock = new ScaledClock(1000);
    let fired = false;
    const cancel = clock.setTimer(() => (fired = true), 10);
    cancel();
    await new Promise((r) => setTimeout(r, 30));
    expect(fired).toBe(false);
  });

  it('ManualClock fires due timers in order inside advance(), scaled by its speed', () => {
    const clock = new ManualClock(0, 10);
    const fired: string[] = [];
    clock.setTimer(() => fired.push('b'), 2000);
    clock.setTimer(() => fired.push('a'), 1000);
    clock.advance(150);
    expect(fired).toEqual(['a']);
    clock.advance(50);
    expect(fired).toEqual(['a', 'b']);
    expect(clock.now()).toBe(200);
  });

  it('rfc3339 prints metav1.Time (second precision, Z)', () => {
    expect(rfc3339(Date.parse('2025-03-01T10:04:05.987Z'))).toBe('2025-03-01T10:04:05Z');
  });
});
