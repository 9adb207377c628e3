import { describe, expect, it } from 'vitest';
import { dueForApply, NO_DRAFT, reduceDraft, SCALE_DELAY_MS, secondsLeft, stopRange } from './scaleDraft';

describe('replica card scale draft', () => {
  it('two + clicks coalesce into one target of current+2 and restart the countdown', () => {
    let d = reduceDraft(NO_DRAFT, { type: 'step', delta: 1 }, 3, 0);
    expect(d).toEqual({ target: 4, deadline: SCALE_DELAY_MS });
    d = reduceDraft(d, { type: 'step', delta: 1 }, 3, 2000);
    expect(d).toEqual({ target: 5, deadline: 2000 + SCALE_DELAY_MS });
    expect(secondsLeft(d, 2000)).toBe(5);
    expect(dueForApply(d, 6999)).toBe(false);
    expect(dueForApply(d, 7000)).toBe(true);
  });

  it('returning to the current count clears the pending bar', () => {
    let d = reduceDraft(NO_DRAFT, { type: 'step', delta: 1 }, 3, 0);
    d = reduceDraft(d, { type: 'step', delta: -1 }, 3, 100);
    expect(d).toEqual(NO_DRAFT);
  });

  it('cancel restores nothing pending', () => {
    const d = reduceDraft(NO_DRAFT, { type: 'step', delta: -1 }, 3, 0);
    expect(reduceDraft(d, { type: 'cancel' }, 3, 10)).toEqual(NO_DRAFT);
  });

  it('never goes below 0, and 0 never applies by countdown', () => {
    let d = reduceDraft(NO_DRAFT, { type: 'step', delta: -1 }, 1, 0);
    d = reduceDraft(d, { type: 'step', delta: -1 }, 1, 0);
    expect(d.target).toBe(0);
    expect(dueForApply(d, 60_000)).toBe(false);
  });

  it('stop range names the highest ordinal first', () => {
    expect(stopRange('web', 3)).toEqual({ first: 'web-2', last: 'web-0' });
  });
});
