// The replica card's pending target (console-spec.md §3.3): each − / + click moves the target
// and restarts a 5 s countdown, so rapid clicks coalesce into one scale request. Target 0 never
// applies by countdown: it needs the "Stop <name>?" confirmation.

export const SCALE_DELAY_MS = 5000;

export interface ScaleDraft {
  /** null when nothing is pending. */
  target: number | null;
  /** When the countdown applies the target (ms, same clock as `now`). */
  deadline: number | null;
}

export const NO_DRAFT: ScaleDraft = { target: null, deadline: null };

export type DraftAction = { type: 'step'; delta: 1 | -1 } | { type: 'cancel' } | { type: 'applied' };

/** `current` is the replica count the server holds (spec.replicas). */
export function reduceDraft(d: ScaleDraft, a: DraftAction, current: number, now: number): ScaleDraft {
  switch (a.type) {
    case 'step': {
      const target = Math.max(0, (d.target ?? current) + a.delta);
      if (target === current) return NO_DRAFT;
      return { target, deadline: now + SCALE_DELAY_MS };
    }
    case 'cancel':
    case 'applied':
      return NO_DRAFT;
  }
  return d;
}

/** The countdown fired: apply unless the target is 0 (which waits for confirmation). */
export function dueForApply(d: ScaleDraft, now: number): boolean {
  return d.target !== null && d.target !== 0 && d.deadline !== null && now >= d.deadline;
}

export function secondsLeft(d: ScaleDraft, now: number): number {
  return d.deadline === null ? 0 : Math.max(0, Math.ceil((d.deadline - now) / 1000));
}

/** Pod names removed by stopping, highest ordinal first: "<name>-<n-1> down to <name>-0". */
export function stopRange(name: string, replicas: number): { first: string; last: string } {
  return { first: `${name}-${Math.max(replicas - 1, 0)}`, last: `${name}-0` };
}
