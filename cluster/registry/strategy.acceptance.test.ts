// The registry strategies as the real kubectl sees them, against a started cluster: defaults in
// `-o yaml`, 422 renderings (V-26), the Scale subresource, LimitRanger's 403 and Pod immutability.
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startCluster, type RunningCluster } from '../main';

let cluster: RunningCluster;
let dir: string;

function kubectl(...args: string[]): Promise<{ code: number; out: string; err: string }> {
  return new Promise((resolve) => {
    execFile('kubectl', ['--kubeconfig', cluster.kubeconfigPath, ...args], { timeout: 30_000 }, (error, out, err) =>
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, out, err }),
    );
  });
}

function manifest(name: string, text: string): string {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
}

const STS = (extra = ''): string => `apiVersion: apps/v1
kind: StatefulSet
metadata: {name: web}
spec:
  serviceName: nginx
  replicas: 2
  selector: {matchLabels: {app: web}}
  template:
    metadata: {labels: {app: web}}
    spec:
      containers: [{name: nginx, image: "nginx:1.27", ports: [{containerPort: 80, name: web}]}]
${extra}`;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ordinal-registry-'));
  cluster = await startCluster({ dataDir: dir, port: 0, seed: 'none', speed: 1 });
}, 60_000);

afterAll(async () => {
  await cluster?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('registry strategies through kubectl', () => {
  it('V-26: several validation errors print as a bullet list', async () => {
    const bad = manifest('bad.yaml', STS().replace('replicas: 2', 'replicas: -1').replace('spec:\n      containers', 'spec:\n      restartPolicy: Never\n      containers'));
    const r = await kubectl('apply', '-f', bad);
    expect(r.code).toBe(1);
    expect(r.err).toBe(
      'The StatefulSet "web" is invalid: \n* spec.replicas: Invalid value: -1: must be greater than or equal to 0\n* spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"\n',
    );
  });

  it('O-8: defaults are stored and visible', async () => {
    expect((await kubectl('apply', '-f', manifest('web.yaml', STS()))).out).toContain('statefulset.apps/web created');
    const r = await kubectl('get', 'sts', 'web', '-o', 'jsonpath={.spec.updateStrategy} {.spec.podManagementPolicy} {.spec.revisionHistoryLimit} {.spec.template.spec.containers[0].ports[0].protocol} {.metadata.generation}');
    expect(r.out).toBe('{"rollingUpdate":{"partition":0},"type":"RollingUpdate"} OrderedReady 10 TCP 1');
  });

  it('V-7: switching to OnDelete without dropping rollingUpdate', async () => {
    const r = await kubectl('patch', 'sts', 'web', '-p', '{"spec":{"updateStrategy":{"type":"OnDelete"}}}');
    expect(r.err).toBe(
      `The StatefulSet "web" is invalid: spec.updateStrategy.rollingUpdate: Invalid value: apps.RollingUpdateStatefulSetStrategy{Partition:0, MaxUnavailable:(*intstr.IntOrString)(nil)}: only allowed for updateStrategy 'RollingUpdate'\n`,
    );
    const ok = await kubectl('patch', 'sts', 'web', '-p', '{"spec":{"updateStrategy":{"type":"OnDelete","rollingUpdate":null}}}');
    expect(ok.out).toBe('statefulset.apps/web patched\n');
  });

  it('V-21: immutable spec fields', async () => {
    const r = await kubectl('patch', 'sts', 'web', '-p', '{"spec":{"serviceName":"other"}}');
    expect(r.err).toBe(
      "The StatefulSet \"web\" is invalid: spec: Forbidden: updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden\n",
    );
  });

  it('S-3: scale writes and Scale validation', async () => {
    expect((await kubectl('scale', 'sts', 'web', '--replicas=3')).out).toBe('statefulset.apps/web scaled\n');
    expect((await kubectl('get', 'sts', 'web', '-o', 'jsonpath={.spec.replicas}')).out).toBe('3');
    const r = await kubectl('patch', 'sts', 'web', '--subresource=scale', '--type=merge', '-p', '{"spec":{"replicas":-1}}');
    expect(r.err).toBe('The Scale "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0\n');
  });

  it('LimitRanger rejects a pod over the max with 403', async () => {
    const lr = manifest('lr.yaml', 'apiVersion: v1\nkind: LimitRange\nmetadata: {name: cpu}\nspec:\n  limits: [{type: Container, max: {cpu: "2"}}]\n');
    expect((await kubectl('apply', '-f', lr)).code).toBe(0);
    const r = await kubectl('run', 'big', '--image=nginx', '--restart=Never', '--overrides', '{"spec":{"containers":[{"name":"big","image":"nginx","resources":{"limits":{"cpu":"4"}}}]}}');
    expect(r.err).toBe('Error from server (Forbidden): pods "big" is forbidden: maximum cpu usage per Container is 2, but limit is 4\n');
    const ok = await kubectl('run', 'small', '--image=nginx', '--restart=Never');
    expect(ok.code).toBe(0);
    const res = await kubectl('get', 'pod', 'small', '-o', 'jsonpath={.spec.containers[0].resources.limits.cpu} {.metadata.annotations.kubernetes\\.io/limit-ranger}');
    expect(res.out).toBe('2 LimitRanger plugin set: cpu request for container small; cpu limit for container small');
  });

  it('Pod spec is immutable apart from images', async () => {
    const r = await kubectl('patch', 'pod', 'small', '-p', '{"spec":{"containers":[{"name":"small","ports":[{"containerPort":81}]}]}}');
    expect(r.err).toMatch(/^The Pod "small" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers\[\*\].image`/);
    expect((await kubectl('set', 'image', 'pod/small', 'small=nginx:1.28')).out).toBe('pod/small image updated\n');
  });

  it('PVC validation wording (V-22)', async () => {
    const pvc = manifest('pvc.yaml', 'apiVersion: v1\nkind: PersistentVolumeClaim\nmetadata: {name: data}\nspec: {resources: {requests: {storage: 1Gi}}}\n');
    expect((await kubectl('apply', '-f', pvc)).err).toBe('The PersistentVolumeClaim "data" is invalid: spec.accessModes: Required value: at least 1 access mode is required\n');
  });

  it('Services get a cluster IP from 10.96.0.0/12', async () => {
    const created = await kubectl('create', 'service', 'clusterip', 'api', '--tcp=80:8080');
    expect(created.err).toBe('');
    const ip = (await kubectl('get', 'svc', 'api', '-o', 'jsonpath={.spec.clusterIP}')).out;
    expect(ip).toMatch(/^10\.(9[6-9]|10\d|11[01])\.\d+\.\d+$/);
  });

  it('kubectl create generators produce objects every strategy accepts', async () => {
    const commands: string[][] = [
      ['create', 'namespace', 'team-a'],
      ['create', 'deployment', 'api', '--image=nginx:1.27', '--replicas=2', '--port=80'],
      ['create', 'configmap', 'cfg', '--from-literal=a.b=1'],
      ['create', 'secret', 'generic', 'pw', '--from-literal=password=hunter2'],
      ['create', 'secret', 'docker-registry', 'reg', '--docker-server=r.io', '--docker-username=u', '--docker-password=p'],
      ['create', 'serviceaccount', 'builder'],
      ['create', 'role', 'reader', '--verb=get,list', '--resource=pods'],
      ['create', 'rolebinding', 'reader', '--role=reader', '--serviceaccount=default:builder'],
      ['create', 'clusterrole', 'nodes-reader', '--verb=get', '--resource=nodes', '--non-resource-url=/healthz'],
      ['create', 'poddisruptionbudget', 'web', '--selector=app=web', '--min-available=1'],
      ['create', 'ingress', 'web', '--rule=web.example.com/*=nginx:80'],
      ['create', 'quota', 'q', '--hard=pods=10,requests.cpu=4'],
      ['expose', 'deployment', 'api', '--port=80', '--name=api-svc', '--type=NodePort'],
    ];
    for (const c of commands) {
      const r = await kubectl(...c);
      expect(`${c.join(' ')} -> ${r.err}`).toBe(`${c.join(' ')} -> `);
    }
    expect((await kubectl('get', 'ns', 'team-a', '-o', 'jsonpath={.status.phase} {.metadata.labels.kubernetes\\.io/metadata\\.name}')).out).toBe('Active team-a');
    expect((await kubectl('get', 'deploy', 'api', '-o', 'jsonpath={.spec.strategy.rollingUpdate.maxSurge} {.spec.progressDeadlineSeconds}')).out).toBe('25% 600');
    expect((await kubectl('get', 'secret', 'pw', '-o', 'jsonpath={.type} {.data.password}')).out).toBe('Opaque aHVudGVyMg==');
  });
});
