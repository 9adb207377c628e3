// A cluster restarted on the same data directory: the StatefulSet controller re-lists and finds
// nothing to do — same revision (names are deterministic, R-13), no pod churn, no status write.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { startCluster, type RunningCluster } from '../../main';
import type { KubeObject } from '../../types';
import { rfc3339 } from '../runtime/clock';
import { CONTROLLER_REVISIONS, PODS, STATEFULSETS } from '../runtime/objects';
import { makeSet } from './testFixtures';

const dir = mkdtempSync(join(tmpdir(), 'ordinal-sts-restart-'));
let cluster: RunningCluster | undefined;

afterAll(async () => {
  await cluster?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function until(what: string, fn: () => Promise<boolean>): Promise<void> {
  const deadline = Date.now() + 20_000;
  while (!(await fn())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** Plays the kubelet for unscheduled pods (see statefulSet.acceptance.test.ts). */
async function markReady(c: RunningCluster): Promise<void> {
  for (const pod of (await c.client.list(PODS, { namespace: 'default' })).items) {
    if ((pod.status as { phase?: string }).phase === 'Running' || (pod.spec as { nodeName?: string }).nodeName) continue;
    const status = { phase: 'Running', conditions: [{ type: 'Ready', status: 'True', lastTransitionTime: rfc3339(Date.now()) }] };
    await c.client.update(PODS, 'default', { ...pod, status }, { subresource: 'status' }).catch(() => undefined);
  }
}

describe('StatefulSet controller across a cluster restart', () => {
  it('R-13/S-11: after a restart the same revision is reused and nothing is written', async () => {
    cluster = await startCluster({ dataDir: dir, port: 0, seed: 'none', speed: 20 });
    const body = makeSet({ claims: false }) as KubeObject;
    body.metadata = { name: 'web' };
    delete body.status;
    await cluster.client.create(STATEFULSETS, 'default', body);
    await until('3 ready', async () => {
      await markReady(cluster as RunningCluster);
      return ((await (cluster as RunningCluster).client.get(STATEFULSETS, 'default', 'web')).status as { readyReplicas?: number }).readyReplicas === 3;
    });
    const before = await cluster.client.get(STATEFULSETS, 'default', 'web');
    const pods = (await cluster.client.list(PODS, { namespace: 'default' })).items.map((p) => [p.metadata.name, p.metadata.uid, p.metadata.resourceVersion]);
    await cluster.stop();

    cluster = await startCluster({ dataDir: dir, port: 0, seed: 'none', speed: 20 });
    await new Promise((r) => setTimeout(r, 1000)); // the controller's first syncs
    const after = await cluster.client.get(STATEFULSETS, 'default', 'web');
    expect(after.metadata.resourceVersion).toBe(before.metadata.resourceVersion);
    expect(after.status).toEqual(before.status);
    const podsAfter = (await cluster.client.list(PODS, { namespace: 'default' })).items.map((p) => [p.metadata.name, p.metadata.uid, p.metadata.resourceVersion]);
    expect(podsAfter).toEqual(pods);
    const revs = (await cluster.client.list(CONTROLLER_REVISIONS, { namespace: 'default' })).items;
    expect(revs.map((r) => [r.metadata.name, r.revision])).toEqual([[(before.status as { currentRevision: string }).currentRevision, 1]]);
  }, 60_000);
});
