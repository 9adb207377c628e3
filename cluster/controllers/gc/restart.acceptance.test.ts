// A restarted cluster (same data directory) adopts running pods instead of starting them again:
// same container IDs, IPs and restart counts, no new container events.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { startCluster, type RunningCluster } from '../../main';
import type { KubeObject } from '../../types';
import { EVENTS, PODS } from '../runtime/objects';
import { httpsBinder } from '../scheduler/binder';
import { startSimulation, type RunningSimulation } from './simulation';

const dir = mkdtempSync(join(tmpdir(), 'ordinal-restart-'));
let running: { cluster: RunningCluster; sim: RunningSimulation } | undefined;

async function boot(): Promise<{ cluster: RunningCluster; sim: RunningSimulation }> {
  const cluster = await startCluster({ dataDir: dir, port: 0, speed: 20, seed: 'none' });
  const sim = startSimulation(cluster.client, { speed: 20, bind: httpsBinder(cluster.kubeconfigPath) });
  await sim.ready;
  running = { cluster, sim };
  return running;
}

async function shutdown(): Promise<void> {
  if (!running) return;
  running.sim.stop();
  await running.cluster.stop();
  running = undefined;
}

afterAll(async () => {
  await shutdown();
  rmSync(dir, { recursive: true, force: true });
});

const statusOf = (p: KubeObject) => p.status as { phase: string; podIP: string; containerStatuses: { containerID: string; restartCount: number; ready: boolean }[] };

it('keeps running pods across a restart of the cluster', async () => {
  let { cluster } = await boot();
  await cluster.client.create(PODS, 'default', { metadata: { name: 'keep' }, spec: { containers: [{ name: 'c', image: 'nginx:1.27', readinessProbe: { httpGet: { path: '/', port: 80 }, periodSeconds: 1 } }] } });
  let before: ReturnType<typeof statusOf> | undefined;
  for (let i = 0; i < 100 && !before?.containerStatuses?.[0]?.ready; i++) {
    await new Promise((r) => setTimeout(r, 100));
    before = statusOf(await cluster.client.get(PODS, 'default', 'keep'));
  }
  expect(before?.containerStatuses[0].ready).toBe(true);
  await running!.sim.flush();
  const startedEvents = async () => (await cluster.client.list(EVENTS, { namespace: 'default' })).items.filter((e) => (e as { reason?: string }).reason === 'Started').length;
  expect(await startedEvents()).toBe(1);
  const heartbeat = async () =>
    ((await cluster.client.get({ group: '', version: 'v1', resource: 'nodes' }, undefined, 'node-1')).status as { conditions: { type: string; lastHeartbeatTime: string }[] }).conditions.find((c) => c.type === 'Ready')!.lastHeartbeatTime;
  const beat = await heartbeat();
  await new Promise((r) => setTimeout(r, 1100));
  await shutdown();

  ({ cluster } = await boot());
  await new Promise((r) => setTimeout(r, 1500));
  await running!.sim.flush();
  const after = statusOf(await cluster.client.get(PODS, 'default', 'keep'));
  expect(after.phase).toBe('Running');
  expect(after.podIP).toBe(before!.podIP);
  expect(after.containerStatuses[0]).toMatchObject({ containerID: before!.containerStatuses[0].containerID, restartCount: 0, ready: true });
  expect(await startedEvents()).toBe(1);
  // The restarted kubelets report in: a newer node heartbeat, other condition fields kept.
  expect(Date.parse(await heartbeat())).toBeGreaterThan(Date.parse(beat));

  // A new pod on the restarted cluster does not get an address that is already taken.
  const node = ((await cluster.client.get(PODS, 'default', 'keep')).spec as { nodeName: string }).nodeName;
  await cluster.client.create(PODS, 'default', { metadata: { name: 'next' }, spec: { nodeName: node, containers: [{ name: 'c', image: 'nginx:1.27' }] } });
  let ip: string | undefined;
  for (let i = 0; i < 50 && !ip; i++) {
    await new Promise((r) => setTimeout(r, 100));
    ip = statusOf(await cluster.client.get(PODS, 'default', 'next')).podIP;
  }
  expect(ip).toBeDefined();
  expect(ip).not.toBe(before!.podIP);
}, 60_000);
