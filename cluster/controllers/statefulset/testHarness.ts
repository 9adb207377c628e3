// Test harness for the StatefulSet controller against the in-memory fake API: a manual clock,
// a kubelet stand-in that makes pods Running and Ready (or not), and readers for what a client
// would see (objects, order of writes, events).
import { afterEach } from 'vitest';
import type { KubeObject } from '../../types';
import { ManualClock, rfc3339 } from '../runtime/clock';
import { EVENTS, PODS, STATEFULSETS } from '../runtime/objects';
import { FakeClusterClient } from '../testing/fakeClusterClient';
import { StatefulSetController } from './statefulSetController';
import type { StatefulSet } from './types';

const tick = () => new Promise<void>((r) => setTimeout(r, 0));

export interface Harness {
  clock: ManualClock;
  c: FakeClusterClient;
  ctl: StatefulSetController;
  unready: Set<string>;
}

let running: StatefulSetController[] = [];
afterEach(() => {
  for (const c of running) c.stop();
  running = [];
});

export async function harness(): Promise<Harness> {
  const clock = new ManualClock();
  const c = new FakeClusterClient(clock);
  c.podDeletion = 'graceful';
  const ctl = new StatefulSetController(c, { clock, workers: 2 });
  running.push(ctl);
  await ctl.start();
  return { clock, c, ctl, unready: new Set() };
}

export async function settle(h: Harness): Promise<void> {
  for (let i = 0; i < 200; i++) {
    await tick();
    if (h.ctl.queue.idle()) {
      await h.ctl.recorder.flush();
      await tick();
      if (h.ctl.queue.idle()) return;
    }
  }
  throw new Error('controller did not settle');
}

/** One kubelet pass: Pending → Running (+Ready unless marked), terminating pods disappear. */
function kubelet(h: Harness): boolean {
  let changed = false;
  for (const pod of h.c.all(PODS)) {
    const name = pod.metadata.name ?? '';
    if (pod.metadata.deletionTimestamp) {
      h.c.remove(PODS, pod.metadata.namespace, name);
      changed = true;
      continue;
    }
    const status = (pod.status ?? {}) as { phase?: string; conditions?: { type: string; status: string }[] };
    if (status.phase === 'Failed' || status.phase === 'Succeeded') continue;
    // T-0: an image containing `does-not-exist` never pulls, so the pod stays Pending.
    const images = ((pod.spec as { containers?: { image?: string }[] }).containers ?? []).map((c) => c.image ?? '');
    if (images.some((i) => i.includes('does-not-exist'))) continue;
    const ready = h.unready.has(name) ? 'False' : 'True';
    const cur = status.conditions?.find((x) => x.type === 'Ready')?.status;
    if (status.phase === 'Pending' || cur !== ready) {
      h.c.mutate(PODS, pod.metadata.namespace, name, (p) => {
        p.status = { phase: 'Running', conditions: [{ type: 'Ready', status: ready, lastTransitionTime: rfc3339(h.clock.now()) }] };
      });
      changed = true;
    }
  }
  return changed;
}

export async function converge(h: Harness, maxRounds = 50): Promise<void> {
  for (let i = 0; i < maxRounds; i++) {
    await settle(h);
    if (!kubelet(h)) return;
  }
  throw new Error('did not converge');
}

export const podNames = (h: Harness) => h.c.all(PODS).map((p) => p.metadata.name).sort();
export const created = (h: Harness, resource: string) => h.c.actions.filter((a) => a.startsWith(`create ${resource} `)).map((a) => a.split('/')[1]);
export const deleted = (h: Harness) => h.c.actions.filter((a) => a.startsWith('delete pods ')).map((a) => a.split('/')[1]);
export const events = (h: Harness) =>
  h.c.all(EVENTS).map((e) => e as KubeObject & { reason: string; message: string; count: number; type: string });
export const getSet = (h: Harness) => h.c.peek(STATEFULSETS, 'default', 'web') as StatefulSet;

export async function apply(h: Harness, set: StatefulSet): Promise<void> {
  const existing = h.c.peek(STATEFULSETS, 'default', set.metadata.name ?? '');
  const body = structuredClone(set) as KubeObject;
  delete body.status;
  if (!existing) {
    body.metadata = { name: set.metadata.name, namespace: 'default', annotations: set.metadata.annotations };
    await h.c.create(STATEFULSETS, 'default', body);
  } else {
    body.metadata = { ...existing.metadata };
    await h.c.update(STATEFULSETS, 'default', body);
  }
}

