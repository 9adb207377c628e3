// The StatefulSet controller inside a real started cluster (cluster/main.ts startCluster),
// driven by the real kubectl. Where no scheduler/kubelet simulation runs, the test plays the
// kubelet for pods that stay unscheduled: it marks them Running and Ready through pods/status,
// honouring the T-0 hook `sim.ordinal/ready: "false"` exactly like the simulated kubelet does.
// Pods a real scheduler has bound (spec.nodeName) are left to the real kubelet.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type RunningCluster } from '../../main';
import type { KubeObject } from '../../types';
import { rfc3339 } from '../runtime/clock';
import { CONTROLLER_REVISIONS, PODS, STATEFULSETS } from '../runtime/objects';

const MANIFEST = `apiVersion: v1
kind: Service
metadata: {name: nginx}
spec: {clusterIP: None, selector: {app: nginx}, ports: [{port: 80}]}
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: web}
spec:
  serviceName: nginx
  replicas: 3
  selector: {matchLabels: {app: nginx}}
  template:
    metadata: {labels: {app: nginx}}
    spec:
      containers: [{name: nginx, image: "registry.k8s.io/nginx-slim:0.24", ports: [{containerPort: 80, name: web}], volumeMounts: [{name: www, mountPath: /usr/share/nginx/html}]}]
  volumeClaimTemplates:
  - metadata: {name: www}
    spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
`;

let cluster: RunningCluster;
let dir: string;
let kubelet: ReturnType<typeof setInterval> | undefined;
const firstSeenPending = new Map<string, number>();

function kubectl(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile('kubectl', ['--kubeconfig', cluster.kubeconfigPath, ...args], { timeout: 30_000 }, (error, out, err) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, out, err }),
    );
  });
}

/** Stand-in kubelet for pods nobody schedules: Pending → Running/Ready (T-0 readiness hook honoured). */
async function kubeletPass(): Promise<void> {
  const { items } = await cluster.client.list(PODS, { namespace: 'default' });
  for (const pod of items) {
    if (pod.metadata.deletionTimestamp || (pod.spec as { nodeName?: string }).nodeName) continue;
    const uid = pod.metadata.uid ?? '';
    if (!firstSeenPending.has(uid)) firstSeenPending.set(uid, Date.now());
    if (Date.now() - (firstSeenPending.get(uid) ?? 0) < 300) continue; // give a real scheduler the chance
    const status = (pod.status ?? {}) as { phase?: string; conditions?: { type: string; status: string }[] };
    const want = pod.metadata.annotations?.['sim.ordinal/ready'] === 'false' ? 'False' : 'True';
    if (status.phase === 'Running' && status.conditions?.find((c) => c.type === 'Ready')?.status === want) continue;
    const now = rfc3339(Date.now());
    const next: KubeObject = {
      ...pod,
      status: { ...status, phase: 'Running', conditions: [{ type: 'Ready', status: want, lastProbeTime: null, lastTransitionTime: now }] },
    };
    await cluster.client.update(PODS, 'default', next, { subresource: 'status' }).catch(() => undefined);
  }
}

async function waitFor<T>(what: string, fn: () => Promise<T | undefined | false>, ms = 20_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

const setStatus = async () => ((await cluster.client.get(STATEFULSETS, 'default', 'web')).status ?? {}) as Record<string, unknown>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ordinal-sts-'));
  cluster = await startCluster({ dataDir: dir, port: 0, seed: 'none', speed: 20 });
  kubelet = setInterval(() => void kubeletPass().catch(() => undefined), 50);
  writeFileSync(join(dir, 'web.yaml'), MANIFEST);
}, 60_000);

afterAll(async () => {
  if (kubelet) clearInterval(kubelet);
  await cluster?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('StatefulSet controller in a started cluster, driven by kubectl', () => {
  it('T-01/T-02: apply creates web-0..2 in order with claims; status settles; events as upstream', async () => {
    const applied = await kubectl('apply', '-f', join(dir, 'web.yaml'));
    expect(applied.out).toContain('statefulset.apps/web created');
    await waitFor('3 ready replicas', async () => (await setStatus()).readyReplicas === 3);
    const st = await setStatus();
    expect(st).toMatchObject({ replicas: 3, readyReplicas: 3, availableReplicas: 3, currentReplicas: 3, updatedReplicas: 3, observedGeneration: 1, collisionCount: 0 });
    expect(st.currentRevision).toBe(st.updateRevision);
    const get = await kubectl('get', 'sts', 'web');
    expect(get.out).toMatch(/^NAME\s+READY\s+AGE\nweb\s+3\/3\s+/);
    const pvcs = await kubectl('get', 'pvc', '-o', 'name');
    expect(pvcs.out.trim().split('\n')).toEqual(['persistentvolumeclaim/www-web-0', 'persistentvolumeclaim/www-web-1', 'persistentvolumeclaim/www-web-2']);
    const ev = await kubectl('get', 'events', '--field-selector', 'involvedObject.kind=StatefulSet', '-o', 'jsonpath={range .items[*]}{.reason} {.message}{"\\n"}{end}');
    expect(ev.out.trim().split('\n')).toEqual([
      'SuccessfulCreate create Claim www-web-0 Pod web-0 in StatefulSet web success',
      'SuccessfulCreate create Pod web-0 in StatefulSet web successful',
      'SuccessfulCreate create Claim www-web-1 Pod web-1 in StatefulSet web success',
      'SuccessfulCreate create Pod web-1 in StatefulSet web successful',
      'SuccessfulCreate create Claim www-web-2 Pod web-2 in StatefulSet web success',
      'SuccessfulCreate create Pod web-2 in StatefulSet web successful',
    ]);
  }, 60_000);

  it('T-12: kubectl set image rolls web-2, web-1, web-0 and rollout status completes', async () => {
    const before = await setStatus();
    const set = await kubectl('set', 'image', 'sts/web', 'nginx=registry.k8s.io/nginx-slim:0.27');
    expect(set.out).toContain('statefulset.apps/web image updated');
    const rs = await kubectl('rollout', 'status', 'sts/web', '--timeout=30s');
    expect(rs.code).toBe(0);
    expect(rs.out.trim().split('\n').pop()).toBe('partitioned roll out complete: 3 new pods have been updated...');
    const st = await waitFor('current = update', async () => {
      const s = await setStatus();
      return s.currentRevision === s.updateRevision && s.updatedReplicas === 3 ? s : undefined;
    });
    expect(st.currentRevision).not.toBe(before.currentRevision);
    const pods = await cluster.client.list(PODS, { namespace: 'default' });
    expect(pods.items.map((p) => (p.spec as { containers: { image: string }[] }).containers[0].image)).toEqual(Array(3).fill('registry.k8s.io/nginx-slim:0.27'));
    const deletes = await kubectl('get', 'events', '--field-selector', 'reason=SuccessfulDelete', '-o', 'jsonpath={range .items[*]}{.message}{"\\n"}{end}');
    expect(deletes.out.trim().split('\n')).toEqual([
      'delete Pod web-2 in StatefulSet web successful',
      'delete Pod web-1 in StatefulSet web successful',
      'delete Pod web-0 in StatefulSet web successful',
    ]);
  }, 60_000);

  it('T-13/T-14: rollout undo renumbers revision 1 to 3; undo to the current revision is skipped (R-2 bytes match kubectl)', async () => {
    const revsBefore = (await cluster.client.list(CONTROLLER_REVISIONS, { namespace: 'default' })).items;
    const rev1 = revsBefore.find((r) => r.revision === 1)?.metadata.name;
    const undo = await kubectl('rollout', 'undo', 'sts/web');
    expect(undo.err).toBe('');
    expect(undo.out.trim()).toBe('statefulset.apps/web rolled back');
    await kubectl('rollout', 'status', 'sts/web', '--timeout=30s');
    const revs = await waitFor('revision 3', async () => {
      const items = (await cluster.client.list(CONTROLLER_REVISIONS, { namespace: 'default' })).items;
      return items.some((r) => r.revision === 3) ? items : undefined;
    });
    expect(revs.map((r) => [r.metadata.name, r.revision]).sort((a, b) => Number(a[1]) - Number(b[1]))).toEqual([
      [revsBefore.find((r) => r.revision === 2)?.metadata.name, 2],
      [rev1, 3],
    ]);
    const history = await kubectl('rollout', 'history', 'sts/web');
    expect(history.out).toBe('statefulset.apps/web \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n\n');
    // kubectl re-encodes the live template in Go and compares with the revision bytes (K-11).
    const skip = await kubectl('rollout', 'undo', 'sts/web', '--to-revision=3');
    expect(skip.out.trim()).toBe('statefulset.apps/web skipped rollback (current template already matches revision 3)');
  }, 60_000);

  it('T-05/T-06: scale-up halts on an unready pod; scale down removes the highest ordinal first', async () => {
    await kubectl('annotate', 'pod', 'web-2', 'sim.ordinal/ready=false', '--overwrite');
    await waitFor('web-2 unready', async () => (await setStatus()).readyReplicas === 2);
    const sc = await kubectl('scale', 'sts/web', '--replicas=4');
    expect(sc.out.trim()).toBe('statefulset.apps/web scaled');
    await new Promise((r) => setTimeout(r, 600));
    expect((await cluster.client.list(PODS, { namespace: 'default' })).items.map((p) => p.metadata.name)).not.toContain('web-3');
    await kubectl('annotate', 'pod', 'web-2', 'sim.ordinal/ready-');
    await waitFor('4 ready', async () => (await setStatus()).readyReplicas === 4);
    const gone: string[] = [];
    const stop = cluster.client.watch(PODS, { namespace: 'default', resourceVersion: (await cluster.client.list(PODS)).resourceVersion }, (ev) => {
      if (ev.type === 'DELETED') gone.push(ev.object.metadata.name ?? '');
    });
    await kubectl('scale', 'sts/web', '--replicas=2');
    await waitFor('2 replicas', async () => (await setStatus()).replicas === 2);
    stop();
    const names = (await cluster.client.list(PODS, { namespace: 'default' })).items.map((p) => p.metadata.name).sort();
    expect(names).toEqual(['web-0', 'web-1']);
    expect(gone).toEqual(['web-3', 'web-2']);
  }, 60_000);

  it('T-18: rollout restart adds restartedAt, creates a revision and replaces every pod in reverse order', async () => {
    const before = (await cluster.client.list(PODS, { namespace: 'default' })).items.map((p) => p.metadata.uid);
    const gone: string[] = [];
    const stop = cluster.client.watch(PODS, { namespace: 'default', resourceVersion: (await cluster.client.list(PODS)).resourceVersion }, (ev) => {
      if (ev.type === 'DELETED') gone.push(ev.object.metadata.name ?? '');
    });
    const res = await kubectl('rollout', 'restart', 'sts/web');
    expect(res.out.trim()).toBe('statefulset.apps/web restarted');
    const rs = await kubectl('rollout', 'status', 'sts/web', '--timeout=30s');
    expect(rs.code).toBe(0);
    stop();
    expect(gone).toEqual(['web-1', 'web-0']);
    const after = (await cluster.client.list(PODS, { namespace: 'default' })).items;
    expect(after.every((p) => !before.includes(p.metadata.uid))).toBe(true);
    const revs = (await cluster.client.list(CONTROLLER_REVISIONS, { namespace: 'default' })).items.map((r) => r.revision).sort();
    expect(revs).toEqual([2, 3, 4]);
  }, 60_000);

  it('T-20: a condition written through /status vanishes at the controller\'s next status write (S-9)', async () => {
    const patch = JSON.stringify({ status: { conditions: [{ type: 'Custom', status: 'True', lastTransitionTime: '2025-01-01T00:00:00Z', reason: 'Test', message: 'x' }] } });
    const p = await kubectl('patch', 'sts', 'web', '--subresource=status', '--type=merge', '-p', patch);
    expect(p.code).toBe(0);
    expect(((await setStatus()).conditions as unknown[]).length).toBe(1);
    await kubectl('scale', 'sts/web', '--replicas=3');
    await waitFor('3 ready', async () => (await setStatus()).readyReplicas === 3);
    expect(await setStatus()).not.toHaveProperty('conditions');
  }, 60_000);
});

