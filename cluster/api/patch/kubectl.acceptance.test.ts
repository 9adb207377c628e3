// Checklist item 38 end to end: for each (fixture, patch) of the SMP oracle table, the object the
// running `ordinal cluster` returns for `kubectl patch <kind>/<name> --type strategic` equals what
// kubectl's own library computes locally (`kubectl patch -f live.json --local`) from the live
// object, apart from server-set metadata and defaults the server adds to newly patched-in parts.
// Also drives JSON patch (P-8) and the 400 answers for malformed directives through kubectl.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestCluster } from '../../acceptance/harness';

interface OracleCase {
  name: string;
  fixture: string;
  patch: unknown;
  expect?: unknown;
  error?: string;
}
type J = Record<string, unknown>;
const oracle = JSON.parse(readFileSync(new URL('./testdata/smp-oracle.json', import.meta.url), 'utf8')) as {
  fixtures: Record<string, J>;
  cases: OracleCase[];
};

/** Cases the server must reject for reasons outside patching (immutable fields, invalid results). */
const REJECTED_BY_VALIDATION = new Set([
  'spec $patch replace', // drops volumeClaimTemplates: immutable (O-9)
  'volumeClaimTemplates replaced', // immutable (O-9)
  'null deletes label and field (P-11)', // serviceName is immutable
  'volumeMounts merge by mountPath', // mounts a volume that does not exist
  'deployment strategy merge without directive', // rollingUpdate with type Recreate
]);
const SERVED_FIXTURES = new Set(['sts', 'svc', 'deploy', 'pdb']);
/** Fields the server defaults again after a patch replaced the part that held them (O-8). */
const DEFAULTED = new Set([
  'imagePullPolicy',
  'resources',
  'terminationMessagePath',
  'terminationMessagePolicy',
  'dnsPolicy',
  'restartPolicy',
  'schedulerName',
  'securityContext',
  'terminationGracePeriodSeconds',
  'defaultMode',
  'protocol',
  'targetPort',
]);

const c = new TestCluster();
let seq = 0;

beforeAll(async () => {
  await c.start();
}, 120_000);

afterAll(async () => {
  await c.stop();
  c.cleanup();
});

const KIND: Record<string, string> = { sts: 'statefulset', svc: 'service', deploy: 'deployment', pdb: 'poddisruptionbudget', cm: 'configmap' };

async function createFixture(fixture: string, obj: J): Promise<{ name: string; live: J; file: string }> {
  const name = `p${++seq}`;
  const o = structuredClone(obj) as J & { metadata: J; spec?: J };
  o.metadata.name = name;
  if (fixture === 'sts' && o.spec) o.spec.replicas = 0; // no pods needed
  const created = await c.kubectl(['create', '-f', '-'], { input: JSON.stringify(o) });
  expect(created.stderr).toBe('');
  const got = await c.kubectl(['get', KIND[fixture], name, '-o', 'json']);
  const live = JSON.parse(got.stdout) as J;
  const file = join(c.dataDir, `${name}.json`);
  writeFileSync(file, JSON.stringify(live));
  return { name, live, file };
}

function strip(o: J): J {
  const copy = structuredClone(o) as J & { metadata: J };
  for (const k of ['resourceVersion', 'generation', 'managedFields']) delete copy.metadata[k];
  delete copy.status;
  return copy;
}

/**
 * `actual` must equal `expected` except for members the server added that the live object did not
 * have at that place (defaults of patched-in parts). Lists compare element by element.
 */
function sameUpToDefaults(actual: unknown, expected: unknown, live: unknown, path: string, problems: string[]): void {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual) || actual.length !== expected.length) {
      problems.push(`${path}: ${JSON.stringify(actual)} != ${JSON.stringify(expected)}`);
      return;
    }
    const liveList = Array.isArray(live) ? live : [];
    expected.forEach((e, i) => sameUpToDefaults(actual[i], e, liveList[i], `${path}[${i}]`, problems));
    return;
  }
  if (expected && typeof expected === 'object') {
    if (!actual || typeof actual !== 'object' || Array.isArray(actual)) {
      problems.push(`${path}: ${JSON.stringify(actual)} != ${JSON.stringify(expected)}`);
      return;
    }
    const a = actual as J;
    const e = expected as J;
    const l = live && typeof live === 'object' && !Array.isArray(live) ? (live as J) : {};
    for (const k of Object.keys(e)) sameUpToDefaults(a[k], e[k], l[k], `${path}.${k}`, problems);
    for (const k of Object.keys(a)) {
      if (!(k in e) && k in l && !DEFAULTED.has(k) && JSON.stringify(l[k]) === JSON.stringify(a[k])) problems.push(`${path}.${k}: not removed`);
    }
    return;
  }
  if (actual !== expected) problems.push(`${path}: ${JSON.stringify(actual)} != ${JSON.stringify(expected)}`);
}

describe('strategic merge patch through the server equals kubectl --local (checklist 38)', () => {
  const cases = oracle.cases.filter((x) => x.expect && SERVED_FIXTURES.has(x.fixture) && !REJECTED_BY_VALIDATION.has(x.name));
  for (const tc of cases) {
    it(tc.name, async () => {
      const { name, live, file } = await createFixture(tc.fixture, oracle.fixtures[tc.fixture]);
      const patch = JSON.stringify(tc.patch);
      const local = await c.kubectl(['patch', '-f', file, '--local', '--type', 'strategic', '-p', patch, '-o', 'json']);
      expect(local.stderr).toBe('');
      const server = await c.kubectl(['patch', KIND[tc.fixture], name, '--type', 'strategic', '-p', patch, '-o', 'json']);
      expect(server.stderr).toBe('');
      const problems: string[] = [];
      sameUpToDefaults(strip(JSON.parse(server.stdout) as J), strip(JSON.parse(local.stdout) as J), strip(live), '', problems);
      expect(problems).toStrictEqual([]);
    }, 30_000);
  }

  it('finalizers merge, $deleteFromPrimitiveList and $setElementOrder on a ConfigMap', async () => {
    const cm = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'x', namespace: 'default', finalizers: ['example.com/a', 'example.com/b'] } };
    const steps: [unknown, string[]][] = [
      [{ metadata: { finalizers: ['example.com/z', 'example.com/a'] } }, ['example.com/z', 'example.com/a', 'example.com/b']],
      [{ metadata: { '$deleteFromPrimitiveList/finalizers': ['example.com/a'] } }, ['example.com/z', 'example.com/b']],
      [{ metadata: { '$setElementOrder/finalizers': ['example.com/b', 'example.com/c', 'example.com/z'], finalizers: ['example.com/c'] } }, ['example.com/b', 'example.com/c', 'example.com/z']],
    ];
    const { name } = await createFixture('cm', cm);
    for (const [patch, want] of steps) {
      const r = await c.kubectl(['patch', 'configmap', name, '--type', 'strategic', '-p', JSON.stringify(patch), '-o', 'jsonpath={.metadata.finalizers}']);
      expect(r.stderr).toBe('');
      expect(JSON.parse(r.stdout)).toStrictEqual(want);
    }
    await c.kubectl(['patch', 'configmap', name, '--type', 'merge', '-p', '{"metadata":{"finalizers":null}}']);
  }, 30_000);
});

describe('patch errors as kubectl prints them', () => {
  it.each(oracle.cases.filter((x) => x.error && x.fixture === 'sts').map((x) => [x.name, x] as const))('%s -> BadRequest', async (_n, tc) => {
    const { name } = await createFixture('sts', oracle.fixtures.sts);
    const r = await c.kubectl(['patch', 'sts', name, '--type', 'strategic', '-p', JSON.stringify(tc.patch)]);
    expect(r.code).not.toBe(0);
    expect(r.stderr.trim()).toBe(`Error from server (BadRequest): ${tc.error}`);
  }, 30_000);

  it('JSON patch remove of a missing path -> The request is invalid (P-8)', async () => {
    const { name } = await createFixture('sts', oracle.fixtures.sts);
    const r = await c.kubectl(['patch', 'sts', name, '--type', 'json', '-p', '[{"op":"remove","path":"/metadata/labels/nope"}]']);
    expect(r.stderr.trim()).toBe('The request is invalid: the server rejected our request due to an error in our request');
    const ok = await c.kubectl(['patch', 'sts', name, '--type', 'json', '-p', '[{"op":"replace","path":"/spec/replicas","value":0},{"op":"add","path":"/metadata/labels/tier","value":"db"}]', '-o', 'jsonpath={.metadata.labels.tier}']);
    expect(ok.stdout).toBe('db');
  }, 30_000);
});

describe('client-side apply, then server-side apply (P-20)', () => {
  it('takes over fields still matching last-applied, keeps the annotation current, then client-side apply works again', async () => {
    const base = structuredClone(oracle.fixtures.sts) as J & { metadata: J; spec: J & { template: { spec: { containers: J[] } } } };
    base.metadata.name = `csa${++seq}`;
    base.spec.replicas = 0;
    // The server defaults volumeClaimTemplates (an atomic list), so the manifest's copy differs from
    // the live one and SSA reports a conflict with kubectl-client-side-apply, as upstream does.
    delete base.spec.volumeClaimTemplates;
    delete base.spec.template.spec.containers[0].volumeMounts;
    const file = join(c.dataDir, `${base.metadata.name as string}.json`);
    writeFileSync(file, JSON.stringify(base));
    expect((await c.kubectl(['apply', '-f', file])).stdout.trim()).toBe(`statefulset.apps/${base.metadata.name as string} created`);
    base.spec.template.spec.containers[0].image = 'nginx:1.26';
    writeFileSync(file, JSON.stringify(base));
    const ssa = await c.kubectl(['apply', '--server-side', '-f', file]);
    expect(ssa.stderr).toBe('');
    expect(ssa.stdout.trim()).toBe(`statefulset.apps/${base.metadata.name as string} serverside-applied`);
    const got = JSON.parse((await c.kubectl(['get', 'sts', base.metadata.name as string, '-o', 'json', '--show-managed-fields'])).stdout) as {
      metadata: { annotations: Record<string, string>; managedFields: { manager: string; operation: string }[] };
      spec: { template: { spec: { containers: J[] } } };
    };
    expect(got.spec.template.spec.containers[0].image).toBe('nginx:1.26');
    expect(JSON.parse(got.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration']).spec.template.spec.containers[0].image).toBe('nginx:1.26');
    expect(got.metadata.managedFields.map((e) => `${e.manager}/${e.operation}`)).toContain('kubectl/Apply');
    base.spec.template.spec.containers[0].image = 'nginx:1.27';
    writeFileSync(file, JSON.stringify(base));
    const csa = await c.kubectl(['apply', '-f', file]);
    expect(csa.stderr).toBe('');
    expect(csa.stdout.trim()).toBe(`statefulset.apps/${base.metadata.name as string} configured`);
  }, 60_000);
});

describe('kubectl commands that send patches', () => {
  it('edit, set image, rollout restart, label, annotate and scale land as kubectl computed them', async () => {
    const base = structuredClone(oracle.fixtures.sts) as J & { metadata: J };
    const { name } = await createFixture('sts', base);
    const edit = await c.kubectl(['edit', 'sts', name], { env: { KUBE_EDITOR: `sed -i -e s/busybox/busybox:1.36/` } });
    expect(edit.stderr).toBe('');
    expect(edit.stdout.trim()).toBe(`statefulset.apps/${name} edited`);
    expect((await c.kubectl(['set', 'image', `sts/${name}`, 'app=nginx:1.26'])).stdout.trim()).toBe(`statefulset.apps/${name} image updated`);
    expect((await c.kubectl(['rollout', 'restart', `sts/${name}`])).stdout.trim()).toBe(`statefulset.apps/${name} restarted`);
    expect((await c.kubectl(['label', 'sts', name, 'tier=db'])).stdout.trim()).toBe(`statefulset.apps/${name} labeled`);
    expect((await c.kubectl(['annotate', 'sts', name, 'note=x'])).stdout.trim()).toBe(`statefulset.apps/${name} annotated`);
    expect((await c.kubectl(['scale', 'sts', name, '--replicas=0'])).stdout.trim()).toBe(`statefulset.apps/${name} scaled`);
    const got = JSON.parse((await c.kubectl(['get', 'sts', name, '-o', 'json', '--show-managed-fields'])).stdout) as {
      metadata: { labels: Record<string, string>; annotations: Record<string, string>; managedFields: { manager: string; operation: string; subresource?: string }[] };
      spec: { template: { metadata: { annotations: Record<string, string> }; spec: { containers: { name: string; image: string }[] } } };
    };
    expect(got.spec.template.spec.containers.map((x) => `${x.name}=${x.image}`)).toStrictEqual(['app=nginx:1.26', 'side=busybox:1.36']);
    expect(got.spec.template.metadata.annotations['kubectl.kubernetes.io/restartedAt']).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(got.metadata.labels.tier).toBe('db');
    expect(got.metadata.annotations.note).toBe('x');
    const managers = got.metadata.managedFields.map((e) => e.manager);
    for (const m of ['kubectl-create', 'kubectl-edit', 'kubectl-set', 'kubectl-rollout', 'kubectl-label', 'kubectl-annotate']) expect(managers).toContain(m);
  }, 60_000);
});
