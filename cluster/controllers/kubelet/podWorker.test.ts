// The simulated kubelet's per-pod state machine against the in-memory API and a manual clock:
// what a client reading the pod (status, events) sees at each simulated moment.
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../types';
import { ManualClock } from '../runtime/clock';
import { EventRecorder } from '../runtime/eventRecorder';
import { EVENTS, PODS } from '../runtime/objects';
import { FakeClusterClient } from '../testing/fakeClusterClient';
import type { ContainerSpec } from '../scheduler/podResources';
import { PodWorker, type KubeletHost } from './podWorker';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- status assertions

function setup(containers: ContainerSpec[], extra: Record<string, unknown> = {}, annotations?: Record<string, string>, speed = 1) {
  const clock = new ManualClock(undefined, speed);
  const client = new FakeClusterClient(clock);
  client.podDeletion = 'graceful';
  const images = new Set<string>();
  const recorder = new EventRecorder(client, clock, { component: 'kubelet', host: 'node-1' });
  const host: KubeletHost = {
    clock,
    client,
    recorder: () => recorder,
    imagePresent: (_n, i) => images.has(i),
    markImagePresent: (_n, i) => void images.add(i),
    allocateIP: () => '10.244.1.7',
    releaseIP: () => {},
    configError: () => undefined,
    volumesReady: () => true,
    log: (m) => {
      throw new Error(m);
    },
  };
  let worker!: PodWorker;
  const ready = client
    .create(PODS, 'default', { metadata: { name: 'web-0', namespace: 'default', ...(annotations ? { annotations } : {}) }, spec: { nodeName: 'node-1', containers, ...extra } })
    .then((pod) => {
      worker = new PodWorker(host, pod, '10.0.0.11');
      worker.begin();
    });
  const settle = async () => {
    await ready;
    for (let i = 0; i < 5; i++) {
      await worker.flushed();
      await recorder.flush();
    }
  };
  const at = async (ms: number) => {
    await settle();
    clock.advance(ms);
    await settle();
  };
  const pod = async (): Promise<Json> => (await client.get(PODS, 'default', 'web-0')) as Json;
  const events = async () => ((await client.list(EVENTS)).items as Json[]).map((e) => `${e.type} ${e.reason} ${e.message}${e.count > 1 ? ` (x${e.count})` : ''}`);
  const update = async (mut: (p: KubeObject) => void) => {
    const p = (await client.get(PODS, 'default', 'web-0')) as KubeObject;
    mut(p);
    const saved = await client.update(PODS, 'default', p);
    worker.update(saved);
    await settle();
  };
  return { clock, client, at, pod, events, update, worker: () => worker, settle };
}

const nginx: ContainerSpec = { name: 'nginx', image: 'nginx:1.27' };
const condStatus = (p: Json) => (p.status.conditions as Json[]).map((c) => `${c.type}=${c.status}`);

describe('pod lifecycle (P-3..P-7)', () => {
  it('reports ContainerCreating first, then the sandbox, then Running and Ready with events in order', async () => {
    const t = setup([nginx]);
    await t.at(0);
    let p = await t.pod();
    expect(p.status.phase).toBe('Pending');
    expect(condStatus(p)).toEqual(['PodReadyToStartContainers=False', 'Initialized=True', 'Ready=False', 'ContainersReady=False', 'PodScheduled=True']);
    expect(p.status.conditions[2]).toMatchObject({ reason: 'ContainersNotReady', message: 'containers with unready status: [nginx]' });
    expect(p.status.containerStatuses[0]).toEqual({ name: 'nginx', state: { waiting: { reason: 'ContainerCreating' } }, lastState: {}, ready: false, restartCount: 0, image: 'nginx:1.27', imageID: '', started: false });
    expect(p.status).toMatchObject({ hostIP: '10.0.0.11', hostIPs: [{ ip: '10.0.0.11' }] });
    expect(p.status.podIP).toBeUndefined();
    await t.at(300);
    p = await t.pod();
    expect(p.status.podIP).toBe('10.244.1.7');
    expect(condStatus(p)[0]).toBe('PodReadyToStartContainers=True');
    await t.at(2000);
    p = await t.pod();
    expect(p.status.phase).toBe('Running');
    expect(condStatus(p)).toEqual(['PodReadyToStartContainers=True', 'Initialized=True', 'Ready=True', 'ContainersReady=True', 'PodScheduled=True']);
    expect(p.status.containerStatuses[0]).toMatchObject({ ready: true, started: true, image: 'docker.io/library/nginx:1.27', state: { running: {} } });
    expect(p.status.containerStatuses[0].imageID).toMatch(/^docker\.io\/library\/nginx@sha256:[0-9a-f]{64}$/);
    const ev = await t.events();
    expect(ev[0]).toBe('Normal Pulling Pulling image "nginx:1.27"');
    expect(ev[1]).toMatch(/^Normal Pulled Successfully pulled image "nginx:1.27" in [0-9.]+m?s \([0-9.]+m?s including waiting\)\. Image size: 72099501 bytes\.$/);
    expect(ev.slice(2)).toEqual(['Normal Created Created container nginx', 'Normal Started Started container nginx']);
  });

  it('runs init containers one by one and reports Init progress', async () => {
    const t = setup([nginx], { initContainers: [{ name: 'init-a', image: 'busybox:1.36' }, { name: 'init-b', image: 'busybox:1.36' }] });
    await t.at(300);
    let p = await t.pod();
    expect(p.status.conditions[1]).toMatchObject({ type: 'Initialized', status: 'False', reason: 'ContainersNotInitialized', message: 'containers with incomplete status: [init-a init-b]' });
    expect(p.status.containerStatuses[0].state).toEqual({ waiting: { reason: 'PodInitializing' } });
    await t.at(5000);
    p = await t.pod();
    expect(p.status.initContainerStatuses.map((c: Json) => [c.name, c.state.terminated?.reason, c.ready])).toEqual([
      ['init-a', 'Completed', true],
      ['init-b', 'Completed', true],
    ]);
    expect(p.status.phase).toBe('Running');
  });

  it('a readiness probe makes the pod Ready after initialDelaySeconds, and the annotation takes it away after failureThreshold periods', async () => {
    const t = setup([{ ...nginx, readinessProbe: { httpGet: { path: '/', port: 80 }, initialDelaySeconds: 5, periodSeconds: 10 } }]);
    await t.at(300);
    await t.at(1500); // running now, probe due 5 s after start
    expect((await t.pod()).status.containerStatuses[0]).toMatchObject({ ready: false, started: true });
    await t.at(5000);
    expect((await t.pod()).status.containerStatuses[0].ready).toBe(true);
    await t.update((p) => (p.metadata.annotations = { 'sim.ordinal/ready': 'false' }));
    await t.at(10_000);
    await t.at(10_000);
    expect((await t.pod()).status.containerStatuses[0].ready).toBe(true); // 2 failures < threshold 3
    await t.at(10_000);
    const p = await t.pod();
    expect(p.status.containerStatuses[0].ready).toBe(false);
    expect(p.status.conditions.find((c: Json) => c.type === 'Ready')).toMatchObject({ status: 'False', reason: 'ContainersNotReady' });
    expect(await t.events()).toContain('Warning Unhealthy Readiness probe failed: HTTP probe failed with statuscode: 503 (x3)');
    await t.update((p2) => (p2.metadata.annotations = {}));
    await t.at(10_000);
    expect((await t.pod()).status.containerStatuses[0].ready).toBe(true);
  });
});

describe('failures (P-9..P-11, 10.1 switches)', () => {
  it('a command exiting non-zero restarts at once, then backs off 10s, 20s, 40s in CrashLoopBackOff', async () => {
    const t = setup([{ name: 'app', image: 'busybox:1.36', command: ['sh', '-c', 'exit 3'] }]);
    await t.at(2500); // pulled, started, exited after 0.5 s
    let cs = (await t.pod()).status.containerStatuses[0];
    expect(cs.state.terminated).toMatchObject({ exitCode: 3, reason: 'Error' });
    expect(cs.restartCount).toBe(0);
    const messages: string[] = [];
    for (let i = 0; i < 400 && messages.length < 3; i++) {
      await t.at(500);
      cs = (await t.pod()).status.containerStatuses[0];
      const m = cs.state.waiting?.reason === 'CrashLoopBackOff' ? cs.state.waiting.message : undefined;
      if (m && messages[messages.length - 1] !== m) messages.push(m);
    }
    const uid = (await t.pod()).metadata.uid;
    expect(messages).toEqual([10, 20, 40].map((s) => `back-off ${s}s restarting failed container=app pod=web-0_default(${uid})`));
    expect(cs.lastState.terminated).toMatchObject({ exitCode: 3, reason: 'Error' });
    expect((await t.pod()).status.phase).toBe('Running');
    expect(await t.events()).toContainEqual(expect.stringMatching(new RegExp(`^Warning BackOff Back-off restarting failed container app in pod web-0_default\\(${uid}\\)`)));
  });

  it('an image that does not exist alternates ErrImagePull and ImagePullBackOff, phase Pending', async () => {
    const t = setup([{ name: 'app', image: 'nginx:does-not-exist' }]);
    await t.at(2000);
    let p = await t.pod();
    expect(p.status.phase).toBe('Pending');
    expect(p.status.containerStatuses[0].state.waiting.reason).toBe('ErrImagePull');
    expect(p.status.containerStatuses[0].state.waiting.message).toBe(
      'rpc error: code = NotFound desc = failed to pull and unpack image "docker.io/library/nginx:does-not-exist": failed to resolve reference "docker.io/library/nginx:does-not-exist": docker.io/library/nginx:does-not-exist: not found',
    );
    await t.at(1000);
    p = await t.pod();
    expect(p.status.containerStatuses[0].state.waiting).toEqual({ reason: 'ImagePullBackOff', message: 'Back-off pulling image "nginx:does-not-exist"' });
    const ev = await t.events();
    expect(ev).toContain('Warning Failed Error: ErrImagePull');
    expect(ev).toContain('Normal BackOff Back-off pulling image "nginx:does-not-exist"');
    expect(ev).toContain('Warning Failed Error: ImagePullBackOff');
  });

  it('a failing liveness probe kills and restarts the container', async () => {
    const t = setup([{ ...nginx, livenessProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 5, failureThreshold: 2 } }], {}, { 'sim.ordinal/live': 'false' });
    await t.at(2000);
    await t.at(5000);
    await t.at(5000);
    await t.at(2000);
    const cs = (await t.pod()).status.containerStatuses[0];
    expect(cs.restartCount).toBe(1);
    expect(cs.lastState.terminated).toMatchObject({ exitCode: 137, reason: 'Error' });
    const ev = await t.events();
    expect(ev).toContainEqual(expect.stringMatching(/^Normal Killing Container nginx failed liveness probe, will be restarted( \(x\d\))?$/));
  });

  it('sim.ordinal/fail=Evicted fails the pod with that reason', async () => {
    const t = setup([nginx]);
    await t.at(2500);
    await t.update((p) => (p.metadata.annotations = { 'sim.ordinal/fail': 'Evicted' }));
    const p = await t.pod();
    expect(p.status.phase).toBe('Failed');
    expect(p.status.reason).toBe('Evicted');
    expect(p.status.containerStatuses[0].state.terminated).toMatchObject({ exitCode: 137 });
    expect(p.status.conditions.map((c: Json) => c.type)).toContain('DisruptionTarget');
  });
});

describe('pod-level spec', () => {
  it('hostNetwork pods use the node address', async () => {
    const t = setup([nginx], { hostNetwork: true });
    await t.at(2500);
    expect((await t.pod()).status).toMatchObject({ podIP: '10.0.0.11', podIPs: [{ ip: '10.0.0.11' }] });
  });

  it('activeDeadlineSeconds fails the pod with DeadlineExceeded', async () => {
    const t = setup([nginx], { activeDeadlineSeconds: 30 });
    await t.at(29_000);
    expect((await t.pod()).status.phase).toBe('Running');
    await t.at(1500);
    const p = await t.pod();
    expect(p.status).toMatchObject({ phase: 'Failed', reason: 'DeadlineExceeded', message: 'Pod was active on the node longer than the specified deadline' });
    expect(await t.events()).toContain('Normal DeadlineExceeded Pod was active on the node longer than the specified deadline');
  });
});

describe('probe timing at --speed 20', () => {
  it('initialDelaySeconds is simulated time: 20 s pass in about 1 s of wall time', async () => {
    const probe = { httpGet: { path: '/', port: 80 }, initialDelaySeconds: 20, periodSeconds: 1 };
    const t = setup([{ ...nginx, readinessProbe: probe } as ContainerSpec], {}, undefined, 20);
    await t.at(600);
    expect(condStatus(await t.pod())).toContain('Ready=False');
    await t.at(1000);
    expect(condStatus(await t.pod())).toContain('Ready=True');
  });
});

describe('deletion (P-13, P-14)', () => {
  it('stops containers on SIGTERM, reports Succeeded, then removes the pod', async () => {
    const t = setup([nginx]);
    await t.at(2500);
    await t.client.delete(PODS, 'default', 'web-0');
    const deleting = (await t.client.get(PODS, 'default', 'web-0')) as KubeObject;
    t.worker().update(deleting);
    await t.settle();
    const p = await t.pod();
    expect(p.status.containerStatuses[0].ready).toBe(false);
    expect(await t.events()).toContain('Normal Killing Stopping container nginx');
    await t.at(300);
    await expect(t.client.get(PODS, 'default', 'web-0')).rejects.toThrow(/not found/);
    expect(t.client.actions.filter((a) => a.startsWith('delete pods'))).toHaveLength(2);
  });

  it('at --speed 20 a deleted pod stays visible for 250 ms of wall time (kubectl delete --wait race)', async () => {
    const t = setup([nginx], {}, undefined, 20);
    await t.at(200);
    await t.client.delete(PODS, 'default', 'web-0');
    t.worker().update((await t.client.get(PODS, 'default', 'web-0')) as KubeObject);
    await t.at(100); // 2 simulated seconds: the container has long exited
    const p = await t.pod();
    expect(p.status.containerStatuses[0].state.terminated).toMatchObject({ exitCode: 0, reason: 'Completed' });
    expect(p.metadata.deletionTimestamp).toBeDefined();
    await t.at(160);
    await expect(t.client.get(PODS, 'default', 'web-0')).rejects.toThrow(/not found/);
  });

  it('a shell sleeping as pid 1 ignores SIGTERM and is killed at the grace deadline (exit 137)', async () => {
    const t = setup([{ name: 'app', image: 'busybox:1.36', command: ['sh', '-c', 'sleep 3600'] }]);
    await t.at(2500);
    const statuses: Json[] = [];
    t.client.watch(PODS, {}, (ev) => void statuses.push(ev.object.status as Json));
    await t.client.delete(PODS, 'default', 'web-0');
    t.worker().update((await t.client.get(PODS, 'default', 'web-0')) as KubeObject);
    expect((await t.pod()).metadata.deletionGracePeriodSeconds).toBe(30);
    await t.at(29_000);
    expect((await t.pod()).status.containerStatuses[0].state.running).toBeDefined();
    await t.at(1100);
    expect(statuses.at(-1)?.phase).toBe('Failed');
    expect(statuses.at(-1)?.containerStatuses[0].state.terminated).toMatchObject({ exitCode: 137, reason: 'Error' });
    await expect(t.client.get(PODS, 'default', 'web-0')).rejects.toThrow(/not found/);
  });
});
