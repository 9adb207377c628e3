// End to end: a real cluster (startCluster) with the simulation, driven by the real kubectl.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type RunningCluster } from '../../main';
import { httpsBinder } from '../scheduler/binder';
import { seedDemo } from '../demo/seedDemo';
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
  sim = startSimulation(cluster.client, { speed: SPEED, bind: httpsBinder(cluster.kubeconfigPath), log: (m) => process.env.SIM_DEBUG && process.stderr.write(`${m}\n`) });
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

  it('the kubernetes service has the API server as its endpoint', async () => {
    const ep = await until('kubernetes endpoints', async () => {
      const r = await kubectl('get', 'endpoints', 'kubernetes', '--no-headers');
      return r.code === 0 ? r.stdout : undefined;
    });
    expect(ep).toMatch(/^kubernetes\s+10\.0\.0\.10:6443\s/);
    const slice = JSON.parse((await kubectl('get', 'endpointslice', 'kubernetes', '-o', 'json')).stdout) as KubeJson;
    expect(slice.metadata.labels).toEqual({ 'kubernetes.io/service-name': 'kubernetes' });
    expect(slice.endpoints).toEqual([{ addresses: ['10.0.0.10'], conditions: { ready: true } }]);
  });

  it('a StatefulSet gets bound claims, endpoints with hostnames, and its pods are collected with it', async () => {
    const manifest = `
apiVersion: v1
kind: Service
metadata: {name: db, labels: {app: db}}
spec:
  clusterIP: None
  selector: {app: db}
  ports: [{name: redis, port: 6379, targetPort: redis}]
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  serviceName: db
  replicas: 2
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec:
      containers:
      - name: redis
        image: redis:7
        ports: [{name: redis, containerPort: 6379}]
        readinessProbe: {tcpSocket: {port: 6379}, periodSeconds: 2}
        volumeMounts: [{name: data, mountPath: /data}]
  volumeClaimTemplates:
  - metadata: {name: data}
    spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
`;
    const file = join(dir, 'db.yaml');
    (await import('node:fs')).writeFileSync(file, manifest);
    expect((await kubectl('apply', '-f', file)).code).toBe(0);
    await until('db-1 ready', async () => {
      const r = await kubectl('get', 'pods', '-l', 'app=db', '--no-headers');
      return /^db-1\s+1\/1\s+Running/m.test(r.stdout) && /^db-0\s+1\/1\s+Running/m.test(r.stdout) ? r.stdout : undefined;
    });
    const pvcs = JSON.parse((await kubectl('get', 'pvc', '-o', 'json')).stdout).items as KubeJson[];
    expect(pvcs.map((p) => [p.metadata.name, p.status.phase, p.spec.volumeName === `pvc-${p.metadata.uid}`, p.status.capacity?.storage])).toEqual([
      ['data-db-0', 'Bound', true, '1Gi'],
      ['data-db-1', 'Bound', true, '1Gi'],
    ]);
    const ep = await until('endpoints with both pods', async () => {
      const r = JSON.parse((await kubectl('get', 'endpoints', 'db', '-o', 'json')).stdout) as KubeJson;
      return r.subsets?.[0]?.addresses?.length === 2 ? r : undefined;
    });
    expect(ep.subsets[0].addresses.map((a: { hostname: string }) => a.hostname).sort()).toEqual(['db-0', 'db-1']);
    expect(ep.subsets[0].ports).toEqual([{ name: 'redis', port: 6379, protocol: 'TCP' }]);
    const slices = JSON.parse((await kubectl('get', 'endpointslices', '-l', 'kubernetes.io/service-name=db', '-o', 'json')).stdout).items as KubeJson[];
    expect(slices).toHaveLength(1);
    expect(slices[0].endpoints.map((e: { conditions: { ready: boolean } }) => e.conditions.ready)).toEqual([true, true]);

    // Readiness switched off by annotation: the pod leaves the ready addresses.
    expect((await kubectl('annotate', 'pod', 'db-0', 'sim.ordinal/ready=false')).code).toBe(0);
    await until('db-0 not ready', async () => {
      const r = JSON.parse((await kubectl('get', 'endpoints', 'db', '-o', 'json')).stdout) as KubeJson;
      return r.subsets?.[0]?.notReadyAddresses?.[0]?.targetRef?.name === 'db-0' ? r : undefined;
    });
    const unhealthy = JSON.parse((await kubectl('get', 'events', '--field-selector', 'involvedObject.name=db-0,reason=Unhealthy', '-o', 'json')).stdout).items as KubeJson[];
    expect(unhealthy[0]?.message).toMatch(/^Readiness probe failed: dial tcp 10\.244\.\d+\.\d+:6379: connect: connection refused$/);

    expect((await kubectl('delete', 'statefulset', 'db')).code).toBe(0);
    await until('pods collected', async () => {
      const r = await kubectl('get', 'pods', '-l', 'app=db', '--no-headers');
      return r.stdout.trim() === '' && /No resources found/.test(r.stderr) ? true : undefined;
    });
  });

  it('namespaces get a default ServiceAccount and root CA, and deleting one removes its content', async () => {
    expect((await kubectl('create', 'namespace', 'scratch')).code).toBe(0);
    await until('default SA', async () => ((await kubectl('get', 'sa', 'default', '-n', 'scratch')).code === 0 ? true : undefined));
    await until('root CA', async () => ((await kubectl('get', 'cm', 'kube-root-ca.crt', '-n', 'scratch')).code === 0 ? true : undefined));
    expect((await kubectl('run', 'p', '-n', 'scratch', '--image=busybox:1.36', '--', 'sleep', '3600')).code).toBe(0);
    await until('p running', async () => (/Running/.test((await kubectl('get', 'pod', 'p', '-n', 'scratch', '--no-headers')).stdout) ? true : undefined));
    expect((await kubectl('delete', 'namespace', 'scratch', '--wait=false')).code).toBe(0);
    await until('namespace gone', async () => {
      const r = await kubectl('get', 'namespace', 'scratch');
      return /NotFound/.test(r.stderr) ? true : undefined;
    }, 20_000);
  });

  it('the demo seed shows a rolled, a partitioned, a failing and a scaled-to-zero StatefulSet', async () => {
    expect(await seedDemo(cluster.client)).toBe(true);
    expect(await seedDemo(cluster.client)).toBe(false);
    const pods = await until('demo pods settled', async () => {
      const r = await kubectl('get', 'pods', '-n', 'demo', '--no-headers');
      const ok = /^web-2\s+1\/1\s+Running/m.test(r.stdout) && /^cache-2\s+1\/1\s+Running/m.test(r.stdout) && /^worker-0\s+0\/1\s+(ErrImagePull|ImagePullBackOff)/m.test(r.stdout);
      return ok ? r.stdout : undefined;
    }, 25_000);
    expect(pods).not.toMatch(/^worker-1/m);
    expect(pods).not.toMatch(/^archive-/m);
    const image = async (pod: string) => (await kubectl('get', 'pod', pod, '-n', 'demo', '-o', 'jsonpath={.spec.containers[0].image}')).stdout;
    await until('web rolled to 1.27', async () => ((await image('web-0')) === 'nginx:1.27' && /^web-0\s+1\/1\s+Running/m.test((await kubectl('get', 'pods', '-n', 'demo', '--no-headers')).stdout) ? true : undefined), 25_000);
    expect(await image('cache-2')).toBe('redis:7.4');
    expect(await image('cache-0')).toBe('redis:7.2');
    const history = await kubectl('rollout', 'history', 'statefulset/web', '-n', 'demo');
    expect(history.stdout).toMatch(/^1\s/m);
    expect(history.stdout).toMatch(/^2\s/m);
    const failed = JSON.parse((await kubectl('get', 'events', '-n', 'demo', '--field-selector', 'involvedObject.name=worker-0,reason=Failed', '-o', 'json')).stdout).items as KubeJson[];
    expect(failed.map((e) => e.message)).toContain('Error: ErrImagePull');
  }, 60_000);

  it('cascading deletes: orphan keeps the pods without owner, foreground waits for them', async () => {
    const manifest = (name: string) => `
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: ${name}}
spec:
  serviceName: ${name}
  replicas: 2
  podManagementPolicy: Parallel
  selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec: {containers: [{name: c, image: "nginx:1.27", lifecycle: {preStop: {sleep: {seconds: 20}}}}]}
`;
    const fs = await import('node:fs');
    for (const n of ['orph', 'fore']) {
      fs.writeFileSync(join(dir, `${n}.yaml`), manifest(n));
      expect((await kubectl('apply', '-f', join(dir, `${n}.yaml`))).code).toBe(0);
      await until(`${n} running`, async () => {
        const r = await kubectl('get', 'pods', '-l', `app=${n}`, '--no-headers');
        return (r.stdout.match(/1\/1\s+Running/g) ?? []).length === 2 ? true : undefined;
      });
    }
    expect((await kubectl('delete', 'statefulset', 'orph', '--cascade=orphan')).code).toBe(0);
    await new Promise((r) => setTimeout(r, 500));
    const orphans = JSON.parse((await kubectl('get', 'pods', '-l', 'app=orph', '-o', 'json')).stdout).items as KubeJson[];
    expect(orphans).toHaveLength(2);
    expect(orphans.map((p) => p.metadata.ownerReferences ?? [])).toEqual([[], []]);

    expect((await kubectl('delete', 'statefulset', 'fore', '--cascade=foreground', '--wait=false')).code).toBe(0);
    const during = JSON.parse((await kubectl('get', 'statefulset', 'fore', '-o', 'json')).stdout) as KubeJson;
    expect(during.metadata.finalizers).toContain('foregroundDeletion');
    await until('foreground owner gone after its pods', async () => {
      const sts = await kubectl('get', 'statefulset', 'fore');
      const pods = await kubectl('get', 'pods', '-l', 'app=fore', '--no-headers');
      return /NotFound/.test(sts.stderr) && pods.stdout.trim() === '' ? true : undefined;
    });
  });

  it('what kubectl shows for unschedulable, crashing and resized workloads', async () => {
    expect((await kubectl('run', 'nowhere', '--image=nginx:1.27', '--overrides={"spec":{"nodeSelector":{"disktype":"nvme"}}}')).code).toBe(0);
    const ev = await until('FailedScheduling', async () => {
      const r = JSON.parse((await kubectl('get', 'events', '--field-selector', 'involvedObject.name=nowhere,reason=FailedScheduling', '-o', 'json')).stdout) as KubeJson;
      return r.items[0];
    });
    expect(ev.message).toBe(
      "0/3 nodes are available: 1 node(s) had untolerated taint {dedicated: gpu}, 2 node(s) didn't match Pod's node affinity/selector. preemption: 0/3 nodes are available: 3 Preemption is not helpful for scheduling.",
    );
    expect(ev).toMatchObject({ type: 'Warning', reportingComponent: 'default-scheduler', action: 'Scheduling' });
    const pending = JSON.parse((await kubectl('get', 'pod', 'nowhere', '-o', 'json')).stdout) as KubeJson;
    expect(pending.status.conditions).toEqual([expect.objectContaining({ type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message: ev.message })]);

    expect((await kubectl('run', 'crasher', '--image=busybox:crash')).code).toBe(0);
    await until('CrashLoopBackOff with restarts', async () => {
      const r = await kubectl('get', 'pod', 'crasher', '--no-headers');
      return /^crasher\s+0\/1\s+CrashLoopBackOff\s+[1-9]\d* \(\d+s ago\)/m.test(r.stdout) ? true : undefined;
    }, 20_000);

    const fs = await import('node:fs');
    fs.writeFileSync(
      join(dir, 'claim.yaml'),
      'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: grow}\nspec:\n  storageClassName: standard\n  accessModes: [ReadWriteOnce]\n  resources: {requests: {storage: 1Gi}}\n',
    );
    expect((await kubectl('apply', '-f', join(dir, 'claim.yaml'))).code).toBe(0);
    expect((await kubectl('run', 'user', '--image=nginx:1.27', '--overrides={"spec":{"volumes":[{"name":"d","persistentVolumeClaim":{"claimName":"grow"}}]}}')).code).toBe(0);
    await until('claim bound', async () => (/Bound/.test((await kubectl('get', 'pvc', 'grow', '--no-headers')).stdout) ? true : undefined));
    expect((await kubectl('patch', 'pvc', 'grow', '-p', '{"spec":{"resources":{"requests":{"storage":"3Gi"}}}}')).code).toBe(0);
    await until('claim grown', async () => (/^grow\s+Bound\s+pvc-\S+\s+3Gi\s/m.test((await kubectl('get', 'pvc', 'grow', '--no-headers')).stdout) ? true : undefined));
    const pv = JSON.parse((await kubectl('get', 'pv', '-o', 'json')).stdout).items.find((v: KubeJson) => v.spec.claimRef.name === 'grow');
    expect(pv.spec.capacity.storage).toBe('3Gi');
  }, 60_000);
});

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- kubectl JSON output in assertions
type KubeJson = any;
