import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../types';
import { ManualClock } from './clock';
import { COMBINED_PREFIX, EventRecorder, referenceTo } from './eventRecorder';
import { EVENTS } from './objects';
import { FakeClusterClient } from '../testing/fakeClusterClient';

type Ev = KubeObject & { count: number; message: string; firstTimestamp: string; lastTimestamp: string; reason: string };

const set: KubeObject = { metadata: { name: 'web', namespace: 'default', uid: 'u1', resourceVersion: '7' } };

function setup() {
  const clock = new ManualClock(Date.parse('2025-03-01T10:00:00Z'));
  const c = new FakeClusterClient(clock);
  const rec = new EventRecorder(c, clock, { component: 'statefulset-controller' });
  const ref = referenceTo(set, 'apps/v1', 'StatefulSet');
  const all = () => c.all(EVENTS) as Ev[];
  return { clock, c, rec, ref, all };
}

describe('EventRecorder (E-1, E-2)', () => {
  it('writes a core/v1 Event named <object>.<hex nanoseconds> with every field of E-1', async () => {
    const { rec, ref, all } = setup();
    rec.event(ref, 'Normal', 'SuccessfulCreate', 'create Pod web-0 in StatefulSet web successful');
    await rec.flush();
    const [e] = all();
    expect(e.metadata.name).toBe(`web.${(BigInt(Date.parse('2025-03-01T10:00:00Z')) * 1_000_000n).toString(16)}`);
    expect(e).toMatchObject({
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { namespace: 'default' },
      involvedObject: { kind: 'StatefulSet', namespace: 'default', name: 'web', uid: 'u1', apiVersion: 'apps/v1', resourceVersion: '7' },
      reason: 'SuccessfulCreate',
      message: 'create Pod web-0 in StatefulSet web successful',
      source: { component: 'statefulset-controller' },
      firstTimestamp: '2025-03-01T10:00:00Z',
      lastTimestamp: '2025-03-01T10:00:00Z',
      count: 1,
      type: 'Normal',
      eventTime: null,
      reportingComponent: 'statefulset-controller',
      reportingInstance: '',
    });
    expect(e.source).not.toHaveProperty('host');
  });

  it('a repeat patches count and lastTimestamp of the same Event', async () => {
    const { clock, rec, ref, all } = setup();
    rec.event(ref, 'Normal', 'SuccessfulCreate', 'create Pod web-0 in StatefulSet web successful');
    clock.advance(120_000);
    rec.event(ref, 'Normal', 'SuccessfulCreate', 'create Pod web-0 in StatefulSet web successful');
    clock.advance(60_000);
    rec.event(ref, 'Normal', 'SuccessfulCreate', 'create Pod web-0 in StatefulSet web successful');
    rec.event(ref, 'Normal', 'SuccessfulDelete', 'delete Pod web-0 in StatefulSet web successful');
    await rec.flush();
    const evs = all();
    expect(evs).toHaveLength(2);
    const create = evs.find((e) => e.reason === 'SuccessfulCreate') as Ev;
    expect(create.count).toBe(3);
    expect(create.firstTimestamp).toBe('2025-03-01T10:00:00Z');
    expect(create.lastTimestamp).toBe('2025-03-01T10:03:00Z');
  });

  it('recreates an Event that disappeared, keeping its name and count', async () => {
    const { rec, ref, c, all } = setup();
    rec.event(ref, 'Warning', 'FailedCreate', 'boom');
    await rec.flush();
    const name = all()[0].metadata.name;
    c.remove(EVENTS, 'default', name ?? '');
    rec.event(ref, 'Warning', 'FailedCreate', 'boom');
    await rec.flush();
    expect(all().map((e) => [e.metadata.name, e.count])).toEqual([[name, 2]]);
  });

  it('merges the 10th and later distinct messages of one reason into a combined event', async () => {
    const { rec, ref, all } = setup();
    for (let i = 0; i < 12; i++) rec.event(ref, 'Warning', 'FailedCreate', `create Pod web-${i} failed`);
    await rec.flush();
    const evs = all();
    expect(evs).toHaveLength(10);
    const combined = evs.filter((e) => e.message.startsWith(COMBINED_PREFIX));
    expect(combined).toHaveLength(1);
    expect(combined[0].message).toBe(`${COMBINED_PREFIX}create Pod web-11 failed`);
    expect(combined[0].count).toBe(3);
  });

  it('allows a burst of 25 events per object, then one per 5 minutes', async () => {
    const { clock, rec, ref, all } = setup();
    for (let i = 0; i < 30; i++) rec.event(ref, 'Normal', `Reason${i}`, 'm');
    await rec.flush();
    expect(all()).toHaveLength(25);
    clock.advance(300_000);
    rec.event(ref, 'Normal', 'Later', 'm');
    rec.event(ref, 'Normal', 'Later2', 'm');
    await rec.flush();
    expect(all()).toHaveLength(26);
  });
});
