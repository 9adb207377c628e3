// Contract §10 items 11-18, 32, 34, 39-45, 58: object lifecycle through kubectl — create,
// generation and resourceVersion rules, conflicts, patches, apply (client and server side),
// dry runs, scale and status subresources, finalizers, propagation and namespaces.
import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cleanupFixtures, fixtureFile, GENERATE_POD_YAML, STS_YAML } from './fixtures';
import { TestCluster, waitFor } from './harness';

const c = new TestCluster();
const stsFile = fixtureFile('sts.yaml', STS_YAML);

beforeAll(async () => {
  await c.start();
}, 120_000);

afterAll(async () => {
  await c.stop();
  c.cleanup();
  cleanupFixtures();
});

async function jsonpath(kind: string, name: string, path: string, ns = 'default'): Promise<string> {
  const r = await c.kubectl(['get', kind, name, '-n', ns, '-o', `jsonpath={${path}}`]);
  expect(r.stderr).toBe('');
  return r.stdout;
}

describe('StatefulSet lifecycle', () => {
  it('11: create sets generation, uid and defaults', async () => {
    expect((await c.kubectl(['create', '-f', stsFile])).stdout.trim()).toBe('statefulset.apps/web created');
    expect(await jsonpath('sts', 'web', '.metadata.generation')).toBe('1');
    expect(await jsonpath('sts', 'web', '.metadata.uid')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(await jsonpath('sts', 'web', '.spec.updateStrategy.rollingUpdate.partition')).toBe('0');
  });

  it('12: metadata writes keep generation, spec writes bump it, no-op writes change nothing', async () => {
    const rv0 = Number(await jsonpath('sts', 'web', '.metadata.resourceVersion'));
    expect((await c.kubectl(['label', 'sts', 'web', 'tier=db'])).stdout.trim()).toBe('statefulset.apps/web labeled');
    expect(await jsonpath('sts', 'web', '.metadata.generation')).toBe('1');
    const rv1 = Number(await jsonpath('sts', 'web', '.metadata.resourceVersion'));
    expect(rv1).toBeGreaterThan(rv0);
    expect((await c.kubectl(['patch', 'sts', 'web', '-p', '{"spec":{"replicas":2}}'])).stdout.trim()).toBe('statefulset.apps/web patched');
    expect(await jsonpath('sts', 'web', '.metadata.generation')).toBe('2');
    const rv2 = await jsonpath('sts', 'web', '.metadata.resourceVersion');
    expect((await c.kubectl(['patch', 'sts', 'web', '-p', '{"spec":{"replicas":2}}'])).stdout.trim()).toBe('statefulset.apps/web patched (no change)');
    expect(await jsonpath('sts', 'web', '.metadata.resourceVersion')).toBe(rv2);
  });

  it('13: replace with a stale resourceVersion conflicts', async () => {
    const saved = fixtureFile('saved.yaml', (await c.kubectl(['get', 'sts', 'web', '-o', 'yaml'])).stdout);
    await c.kubectl(['label', 'sts', 'web', 'stale=yes']);
    const r = await c.kubectl(['replace', '-f', saved]);
    expect(r.stderr.trim()).toBe(
      `Error from server (Conflict): error when replacing "${saved}": Operation cannot be fulfilled on statefulsets.apps "web": the object has been modified; please apply your changes to the latest version and try again`,
    );
  });

  it('14: creating it again is AlreadyExists', async () => {
    const r = await c.kubectl(['create', '-f', stsFile]);
    expect(r.stderr.trim()).toBe(`Error from server (AlreadyExists): error when creating "${stsFile}": statefulsets.apps "web" already exists`);
  });

  it('43: JSON patch and merge patch with null', async () => {
    expect((await c.kubectl(['patch', 'sts', 'web', '--type', 'json', '-p', '[{"op":"replace","path":"/spec/replicas","value":2}]'])).code).toBe(0);
    expect((await c.kubectl(['patch', 'sts', 'web', '--type', 'merge', '-p', '{"metadata":{"labels":{"tier":null}}}'])).stdout.trim()).toBe('statefulset.apps/web patched');
    expect(await jsonpath('sts', 'web', '.metadata.labels.tier')).toBe('');
  });

  it('44: scale through /scale', async () => {
    const gen = Number(await jsonpath('sts', 'web', '.metadata.generation'));
    expect((await c.kubectl(['scale', 'sts', 'web', '--replicas=3'])).stdout.trim()).toBe('statefulset.apps/web scaled');
    expect(await jsonpath('sts', 'web', '.spec.replicas')).toBe('3');
    expect(Number(await jsonpath('sts', 'web', '.metadata.generation'))).toBe(gen + 1);
    const scale = (await c.api('GET', '/apis/apps/v1/namespaces/default/statefulsets/web/scale')).json<{ kind: string; status: { selector: string } }>();
    expect([scale.kind, scale.status.selector]).toEqual(['Scale', 'app=web']);
  });

  it('45: the status subresource changes only status', async () => {
    const gen = await jsonpath('sts', 'web', '.metadata.generation');
    const r = await c.api('PATCH', '/apis/apps/v1/namespaces/default/statefulsets/web/status', {
      // readyReplicas may not exceed status.replicas (upstream status validation), so set both.
      body: JSON.stringify({ spec: { replicas: 9 }, status: { replicas: 3, readyReplicas: 1 } }),
      headers: { 'content-type': 'application/merge-patch+json' },
    });
    expect(r.status).toBe(200);
    const sts = r.json<{ spec: { replicas: number }; status: { readyReplicas: number }; metadata: { generation: number } }>();
    expect([sts.spec.replicas, sts.status.readyReplicas, String(sts.metadata.generation)]).toEqual([3, 1, gen]);
  });

  it('42: server dry run changes nothing', async () => {
    // The StatefulSet controller keeps writing web's status, so its resourceVersion moves on its
    // own; the generation (spec changes only) and the spec show that the dry run stored nothing.
    const gen = await jsonpath('sts', 'web', '.metadata.generation');
    const changed = fixtureFile('sts-changed.yaml', STS_YAML.replace('replicas: 3', 'replicas: 5'));
    const r = await c.kubectl(['apply', '--dry-run=server', '-f', changed]);
    expect(r.stdout.trim()).toBe('statefulset.apps/web configured (server dry run)');
    expect(await jsonpath('sts', 'web', '.metadata.generation')).toBe(gen);
    expect(await jsonpath('sts', 'web', '.spec.replicas')).toBe('3');
    // Nothing else writes ConfigMaps: there the resourceVersion must stay as it was (P-4).
    await c.kubectl(['create', 'configmap', 'dry', '--from-literal=a=1']);
    const rv = await jsonpath('cm', 'dry', '.metadata.resourceVersion');
    const d = await c.kubectl(['patch', 'cm', 'dry', '--dry-run=server', '-p', '{"data":{"a":"2"}}']);
    expect(d.code).toBe(0);
    expect(await jsonpath('cm', 'dry', '.metadata.resourceVersion')).toBe(rv);
    expect(await jsonpath('cm', 'dry', '.data.a')).toBe('1');
  });

  it('40/41: server-side apply records Apply ownership and reports conflicts', async () => {
    // A StatefulSet owned by apply from the start: upstream also reports a conflict on the atomic
    // .spec.volumeClaimTemplates when apply takes over an object created with `kubectl create`.
    const file = fixtureFile('ssa.yaml', STS_YAML.slice(0, STS_YAML.indexOf('  volumeClaimTemplates:')).replace('name: web\nspec', 'name: ssa\nspec'));
    const applied = await c.kubectl(['apply', '--server-side', '-f', file]);
    expect(applied.stdout.trim() || applied.stderr).toBe('statefulset.apps/ssa serverside-applied');
    const obj = JSON.parse((await c.kubectl(['get', 'sts', 'ssa', '-o', 'json', '--show-managed-fields'])).stdout) as {
      metadata: { managedFields: { manager: string; operation: string }[] };
    };
    expect(obj.metadata.managedFields.some((m) => m.manager === 'kubectl' && m.operation === 'Apply')).toBe(true);
    await c.kubectl(['patch', 'sts', 'ssa', '--type', 'merge', '-p', '{"spec":{"replicas":5}}', '--field-manager=other-manager']);
    const conflict = await c.kubectl(['apply', '--server-side', '-f', file]);
    expect(conflict.stderr).toContain('error: Apply failed with 1 conflict: conflict with "other-manager" using apps/v1: .spec.replicas');
    expect((await c.kubectl(['apply', '--server-side', '--force-conflicts', '-f', file])).code).toBe(0);
    expect(await jsonpath('sts', 'ssa', '.spec.replicas')).toBe('3');
  });

  it('32: wide output columns', async () => {
    const r = await c.kubectl(['get', 'sts', '-o', 'wide']);
    expect(r.stdout.split('\n')[0].split(/\s+/)).toEqual(['NAME', 'READY', 'AGE', 'CONTAINERS', 'IMAGES']);
  });
});

describe('client-side apply', () => {
  it('39: created, unchanged, then a removed container disappears', async () => {
    // Without volumeClaimTemplates: upstream stores them with defaults (apiVersion, kind, volumeMode,
    // status.phase) that a manifest lacks, so a re-apply of such a StatefulSet is "configured" upstream too.
    const two = STS_YAML.slice(0, STS_YAML.indexOf('  volumeClaimTemplates:')).replace(/name: web/g, 'name: db').replace(/app: web/g, 'app: db').replace(
      '        - containerPort: 80\n          name: http\n',
      '        - containerPort: 80\n          name: http\n      - name: exporter\n        image: busybox\n',
    );
    const file = fixtureFile('db.yaml', two);
    expect((await c.kubectl(['apply', '-f', file])).stdout.trim()).toBe('statefulset.apps/db created');
    expect((await c.kubectl(['apply', '-f', file])).stdout.trim()).toBe('statefulset.apps/db unchanged');
    writeFileSync(file, two.replace('      - name: exporter\n        image: busybox\n', ''));
    expect((await c.kubectl(['apply', '-f', file])).stdout.trim()).toBe('statefulset.apps/db configured');
    expect(await jsonpath('sts', 'db', '.spec.template.spec.containers[*].name')).toBe('nginx');
  });
});

describe('names, finalizers and deletion', () => {
  it('15: generateName appends five upstream characters', async () => {
    const r = await c.kubectl(['create', '-f', fixtureFile('pod-generate.yaml', GENERATE_POD_YAML)]);
    expect(r.stdout.trim()).toMatch(/^pod\/gen-[bcdfghjklmnpqrstvwxz2456789]{5} created$/);
  });

  it('16: a finalizer holds a deleted object until it is removed', async () => {
    const cm = JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'held', finalizers: ['example.com/hold'] } });
    expect((await c.kubectl(['create', '-f', '-'], { input: cm })).stdout.trim()).toBe('configmap/held created');
    expect((await c.kubectl(['delete', 'cm', 'held', '--wait=false'])).stdout.trim()).toBe('configmap "held" deleted');
    expect(await jsonpath('cm', 'held', '.metadata.deletionTimestamp')).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
    const add = await c.kubectl(['patch', 'cm', 'held', '--type', 'merge', '-p', '{"metadata":{"finalizers":["example.com/hold","example.com/more"]}}']);
    expect(add.stderr).toContain('metadata.finalizers: Forbidden: no new finalizers can be added if the object is being deleted');
    await c.kubectl(['patch', 'cm', 'held', '--type', 'merge', '-p', '{"metadata":{"finalizers":null}}']);
    expect((await c.kubectl(['get', 'cm', 'held'])).stderr.trim()).toBe('Error from server (NotFound): configmaps "held" not found');
  });

  it('17/18: orphan and foreground deletes are recorded as finalizers', async () => {
    for (const name of ['orph', 'fore']) {
      const file = fixtureFile(`${name}.yaml`, STS_YAML.replace('name: web\nspec', `name: ${name}\nspec`));
      expect((await c.kubectl(['create', '-f', file])).code).toBe(0);
    }
    expect((await c.kubectl(['delete', 'sts', 'orph', '--cascade=orphan', '--wait=false'])).stdout.trim()).toBe('statefulset.apps "orph" deleted');
    const orph = await c.kubectl(['get', 'sts', 'orph', '-o', 'jsonpath={.metadata.finalizers}']);
    // Either the garbage collector has already finished, or the API recorded the policy.
    expect(orph.stdout.includes('orphan') || orph.stderr.includes('NotFound')).toBe(true);
    expect((await c.kubectl(['delete', 'sts', 'fore', '--cascade=foreground', '--wait=false'])).code).toBe(0);
    const fore = await c.kubectl(['get', 'sts', 'fore', '-o', 'jsonpath={.metadata.finalizers}']);
    expect(fore.stdout.includes('foregroundDeletion') || fore.stderr.includes('NotFound')).toBe(true);
  });

  it('58: namespace termination and protected namespaces', async () => {
    await c.kubectl(['create', 'namespace', 'doomed']);
    // A finalizer on its content keeps the namespace Terminating while the namespace controller runs.
    const held = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'keep', namespace: 'doomed', finalizers: ['example.com/hold'] }, data: { a: 'b' } };
    expect((await c.kubectl(['create', '-f', '-'], { input: JSON.stringify(held) })).code).toBe(0);
    expect((await c.kubectl(['delete', 'ns', 'doomed', '--wait=false'])).code).toBe(0);
    const st = await c.kubectl(['get', 'ns', 'doomed']);
    expect(st.stdout).toMatch(/^doomed\s+Terminating/m);
    const cm = await c.kubectl(['create', 'cm', 'x', '-n', 'doomed']);
    // kubectl's generator wraps the server message: `error: failed to create configmap: <message>`.
    expect(cm.stderr).toContain('configmaps "x" is forbidden: unable to create new content in namespace doomed because it is being terminated');
    const def = await c.kubectl(['delete', 'ns', 'default']);
    expect(def.stderr.trim()).toBe('Error from server (Forbidden): namespaces "default" is forbidden: this namespace may not be deleted');
  });

  it('finalize completes a terminating namespace', async () => {
    const ns = (await c.api('GET', '/api/v1/namespaces/doomed')).json<{ spec: Record<string, unknown> }>();
    const r = await c.api('PUT', '/api/v1/namespaces/doomed/finalize', { body: JSON.stringify({ ...ns, spec: { finalizers: [] } }) });
    expect(r.status).toBe(200);
    await waitFor(async () => ((await c.api('GET', '/api/v1/namespaces/doomed')).status === 404 ? true : undefined));
  });
});

describe('eviction and drain (S-10, S-11)', () => {
  async function runningPod(name: string): Promise<void> {
    const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name, labels: { app: 'guarded' } }, spec: { nodeName: 'node-2', containers: [{ name: 'c', image: 'nginx' }] } };
    expect((await c.kubectl(['create', '-f', '-'], { input: JSON.stringify(pod) })).code).toBe(0);
    // The simulated kubelet of node-2 owns the status: wait until it reports the pod Running and
    // its container ready itself (a Pending pod could be evicted regardless of budgets). A status
    // written by the test would be overwritten when a slow kubelet picks the pod up.
    await waitFor(async () => {
      const st = (await c.api('GET', `/api/v1/namespaces/default/pods/${name}`)).json<{
        status: { phase?: string; conditions?: { type: string; status: string }[]; containerStatuses?: { ready: boolean }[] };
      }>().status;
      const ready = st.conditions?.some((cd) => cd.type === 'Ready' && cd.status === 'True');
      return st.phase === 'Running' && ready && st.containerStatuses?.[0]?.ready ? true : undefined;
    }, 30_000);
  }
  async function pdb(name: string, minAvailable: number, allowed: number): Promise<void> {
    const obj = { apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name }, spec: { minAvailable, selector: { matchLabels: { app: 'guarded' } } } };
    expect((await c.kubectl(['apply', '-f', '-'], { input: JSON.stringify(obj) })).code).toBe(0);
    const gen = Number(await jsonpath('pdb', name, '.metadata.generation'));
    const status = { observedGeneration: gen, disruptionsAllowed: allowed, currentHealthy: 1, desiredHealthy: minAvailable, expectedPods: 1 };
    const r = await c.api('PATCH', `/apis/policy/v1/namespaces/default/poddisruptionbudgets/${name}/status`, { body: JSON.stringify({ status }), headers: { 'content-type': 'application/merge-patch+json' } });
    expect(r.status).toBe(200);
  }

  it('drain cordons and is refused by the disruption budget', async () => {
    await runningPod('guarded-0');
    await pdb('guard', 3, 0);
    // --force: the test pod has no controller, which drain otherwise refuses before evicting.
    const r = await c.kubectl(['drain', 'node-2', '--ignore-daemonsets', '--delete-emptydir-data', '--force', '--timeout=7s'], { timeoutMs: 20_000 });
    expect(r.stdout).toContain('node/node-2 cordoned');
    expect(r.stderr).toContain(`error when evicting pods/"guarded-0" -n "default" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.`);
    expect(r.code).toBe(1);
    expect(await jsonpath('node', 'node-2', '.spec.unschedulable')).toBe('true');
    const direct = await c.api('POST', '/api/v1/namespaces/default/pods/guarded-0/eviction', {
      body: JSON.stringify({ apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: 'guarded-0' } }),
    });
    expect([direct.status, direct.json().reason]).toEqual([429, 'TooManyRequests']);
    expect(direct.json<{ details: { causes: { message: string }[] } }>().details.causes[0].message).toBe('The disruption budget guard needs 3 healthy pods and has 1 currently');
  }, 60_000);

  it('an allowed eviction deletes the pod gracefully', async () => {
    await pdb('guard', 0, 1);
    const r = await c.api('POST', '/api/v1/namespaces/default/pods/guarded-0/eviction', {
      body: JSON.stringify({ apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: 'guarded-0' }, deleteOptions: {} }),
    });
    expect([r.status, r.json().status]).toEqual([201, 'Success']);
    const gone = await c.api('GET', '/api/v1/namespaces/default/pods/guarded-0');
    // A kubelet (when running) finishes the graceful delete; until then the pod is terminating.
    expect(gone.status === 404 || !!gone.json<{ metadata: { deletionTimestamp?: string } }>().metadata.deletionTimestamp).toBe(true);
    await c.kubectl(['uncordon', 'node-2']);
  });
});

describe('tables', () => {
  it('34: headers of the built-in printers', async () => {
    // The StatefulSet controller has written a revision (and claims) for `web` by now.
    await waitFor(async () => ((await c.kubectl(['get', 'controllerrevisions', '-o', 'name'])).stdout.includes('web-') ? true : undefined));
    const r = await c.kubectl(['get', 'pvc,svc,cm,controllerrevisions,nodes,ns,sc,events']);
    expect(r.code).toBe(0);
    const headers = r.stdout.split('\n').filter((l) => /^(NAME|LAST SEEN)\s/.test(l)).map((l) => l.trim().split(/\s{2,}/));
    expect(headers).toEqual([
      ['NAME', 'STATUS', 'VOLUME', 'CAPACITY', 'ACCESS MODES', 'STORAGECLASS', 'VOLUMEATTRIBUTESCLASS', 'AGE'],
      ['NAME', 'TYPE', 'CLUSTER-IP', 'EXTERNAL-IP', 'PORT(S)', 'AGE'],
      ['NAME', 'DATA', 'AGE'],
      ['NAME', 'CONTROLLER', 'REVISION', 'AGE'],
      ['NAME', 'STATUS', 'ROLES', 'AGE', 'VERSION'],
      ['NAME', 'STATUS', 'AGE'],
      ['NAME', 'PROVISIONER', 'RECLAIMPOLICY', 'VOLUMEBINDINGMODE', 'ALLOWVOLUMEEXPANSION', 'AGE'],
      ['LAST SEEN', 'TYPE', 'REASON', 'OBJECT', 'MESSAGE'],
    ]);
    expect(r.stdout).toMatch(/^controllerrevision\.apps\/web-\w+\s+statefulset\.apps\/web\s/m);
    expect(r.stdout).toMatch(/^storageclass\.storage\.k8s\.io\/standard \(default\)\s/m);
  });
});
