// End to end: a real cluster (startCluster) with the simulation, driven by the real kubectl.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type RunningCluster } from '../../main';
import { httpsBinder } from '../scheduler/binder';
import { startSimulation, type RunningSimulation } from './simulation';

const SPEED = 20;
let cluster: RunningCluster;
let sim: RunningSimulation;
let dir: string;
let cacheDir: string;

function kubectl(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile('kubectl', ['--kubeconfig', join(dir, 'kubeconfig'), '--cache-dir', cacheDir, ...args], { timeout: 20_000 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

async function until<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const v = await fn();
      if (v !== undefined) return v;
    } catch (e) {
      last = e;
    }
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ordinal-sim-'));
  cacheDir = mkdtempSync(join(tmpdir(), 'ordinal-sim-cache-'));
  cluster = await startCluster({ dataDir: dir, port: 0, speed: SPEED, seed: 'none' });
  sim = startSimulation(cluster.client, { speed: SPEED, bind: httpsBinder(cluster.kubeconfigPath), log: (m) => process.env.SIM_DEBUG && console.log(m) });
  await sim.ready;
});

afterAll(async () => {
  sim?.stop();
  await cluster?.stop();
  rmSync(dir, { recursive: true, force: true });
  rmSync(cacheDir, { recursive: true, force: true });
});

describe('simulated scheduler and kubelet', () => {
  it('a pod created with kubectl becomes Running and Ready with upstream events', async () => {
    const run = await kubectl('run', 'web', '--image=nginx:1.27', '--port=80');
    expect(run.stderr).toBe('');
    const line = await until('web Running 1/1', async () => {
      const r = await kubectl('get', 'pods', '--no-headers');
      return /^web\s+1\/1\s+Running\s+0\s/m.test(r.stdout) ? r.stdout : undefined;
    });
    expect(line).toMatch(/^web\s+1\/1\s+Running/m);
    const pod = JSON.parse((await kubectl('get', 'pod', 'web', '-o', 'json')).stdout);
    expect(pod.status.phase).toBe('Running');
    expect(pod.status.conditions.map((c: { type: string; status: string }) => `${c.type}=${c.status}`)).toEqual([
      'PodReadyToStartContainers=True',
      'Initialized=True',
      'Ready=True',
      'ContainersReady=True',
      'PodScheduled=True',
    ]);
    expect(pod.status.podIP).toMatch(/^10\.244\.\d+\.\d+$/);
    expect(pod.status.containerStatuses[0]).toMatchObject({ name: 'web', ready: true, started: true, restartCount: 0, image: 'docker.io/library/nginx:1.27' });
    expect(pod.status.containerStatuses[0].containerID).toMatch(/^containerd:\/\/[0-9a-f]{64}$/);
    await sim.flush();
    const events = await until('kubelet events', async () => {
      const r = await kubectl('get', 'events', '--field-selector', 'involvedObject.name=web', '-o', 'json');
      const items = JSON.parse(r.stdout).items as { reason: string; message: string }[];
      return items.some((e) => e.reason === 'Started') ? items : undefined;
    });
    const byReason = Object.fromEntries(events.map((e) => [e.reason, e.message]));
    expect(byReason.Scheduled).toMatch(/^Successfully assigned default\/web to node-[12]$/);
    expect(byReason.Pulling).toBe('Pulling image "nginx:1.27"');
    expect(byReason.Pulled).toMatch(/^Successfully pulled image "nginx:1.27" in [0-9.]+m?s \([0-9.]+m?s including waiting\)\. Image size: 72099501 bytes\.$/);
    expect(byReason.Created).toBe('Created container web');
    expect(byReason.Started).toBe('Started container web');
  });
});
