// Robustness: hundreds of malformed requests each get a 4xx Status, the server keeps
// serving, and nothing stored changes (the cluster resourceVersion stays where it was).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestCluster } from './harness';

const c = new TestCluster();

beforeAll(async () => {
  await c.start();
}, 120_000);

afterAll(async () => {
  await c.stop();
  c.cleanup();
});

/** Deterministic PRNG so that a failure reproduces (mulberry32). */
function rng(seed: number): () => number {
  return () => {
    seed |= 0;
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface Req {
  method: string;
  path: string;
  body?: string;
  contentType?: string;
}

const CM = '/api/v1/namespaces/default/configmaps';
const STS = '/apis/apps/v1/namespaces/default/statefulsets';

function malformed(rand: () => number): Req {
  const pick = <T,>(xs: T[]): T => xs[Math.floor(rand() * xs.length)];
  const junk = (): string => Array.from({ length: 1 + Math.floor(rand() * 40) }, () => String.fromCharCode(32 + Math.floor(rand() * 95))).join('');
  const cases: (() => Req)[] = [
    () => ({ method: 'POST', path: CM, body: `{${junk()}`, contentType: 'application/json' }),
    () => ({ method: 'POST', path: CM, body: '{"metadata":', contentType: 'application/json' }),
    () => ({ method: 'POST', path: CM, body: '[1,2,3]', contentType: 'application/json' }),
    () => ({ method: 'POST', path: CM, body: '"just a string"', contentType: 'application/json' }),
    () => ({ method: 'POST', path: CM, body: JSON.stringify({ metadata: {} }), contentType: 'application/json' }),
    () => ({ method: 'POST', path: CM, body: JSON.stringify({ kind: 'Pod', apiVersion: 'v1', metadata: { name: 'x' } }), contentType: 'application/json' }),
    () => ({ method: 'POST', path: CM, body: JSON.stringify({ metadata: { name: 'Bad_Name!' } }), contentType: 'application/json' }),
    () => ({ method: 'POST', path: CM, body: JSON.stringify({ metadata: { name: 'x', namespace: 'elsewhere' } }), contentType: 'application/json' }),
    () => ({ method: 'POST', path: CM, body: junk(), contentType: pick(['text/plain', 'application/xml', 'image/png', 'application/x-www-form-urlencoded']) }),
    () => ({ method: 'POST', path: CM, body: `a: [${junk()}`, contentType: 'application/yaml' }),
    () => ({ method: 'POST', path: CM, body: junk(), contentType: 'application/vnd.kubernetes.protobuf' }),
    () => ({ method: 'POST', path: STS, body: JSON.stringify({ metadata: { name: 'w' }, spec: { replicas: -1 } }), contentType: 'application/json' }),
    () => ({ method: 'POST', path: '/api/v1/namespaces/nope-ns/configmaps', body: JSON.stringify({ metadata: { name: 'x' } }), contentType: 'application/json' }),
    () => ({ method: 'PATCH', path: `${CM}/kube-root-ca.crt`, body: `{[${junk()}`, contentType: pick(['application/json-patch+json', 'application/merge-patch+json', 'application/strategic-merge-patch+json']) }),
    () => ({ method: 'PATCH', path: `${CM}/kube-root-ca.crt`, body: '[{"op":"test","path":"/data/nope","value":"x"}]', contentType: 'application/json-patch+json' }),
    () => ({ method: 'PATCH', path: `${CM}/kube-root-ca.crt`, body: '{"metadata":{"resourceVersion":"1"}}', contentType: 'application/merge-patch+json' }),
    () => ({ method: 'PATCH', path: `${CM}/kube-root-ca.crt`, body: '{}', contentType: 'application/json' }),
    () => ({ method: 'PATCH', path: `${CM}/does-not-exist-${Math.floor(rand() * 1e6)}`, body: '{}', contentType: 'application/merge-patch+json' }),
    () => ({ method: 'PUT', path: `${CM}/kube-root-ca.crt`, body: JSON.stringify({ metadata: { name: 'other-name' } }), contentType: 'application/json' }),
    () => ({ method: 'PUT', path: `${CM}/kube-root-ca.crt`, body: JSON.stringify({ metadata: { name: 'kube-root-ca.crt', resourceVersion: '1' } }), contentType: 'application/json' }),
    () => ({ method: 'DELETE', path: `${CM}/kube-root-ca.crt`, body: JSON.stringify({ preconditions: { uid: 'wrong' } }), contentType: 'application/json' }),
    () => ({ method: 'DELETE', path: `${CM}/kube-root-ca.crt`, body: `x${junk()}`, contentType: 'application/json' }),
    () => ({ method: 'DELETE', path: `${CM}/kube-root-ca.crt?dryRun=${encodeURIComponent(junk())}` }),
    () => ({ method: 'DELETE', path: '/api/v1/namespaces/kube-system' }),
    () => ({ method: 'GET', path: `${CM}?limit=${encodeURIComponent('x' + junk())}` }),
    () => ({ method: 'GET', path: `${CM}?labelSelector=${encodeURIComponent('a in ((' + junk())}` }),
    () => ({ method: 'GET', path: `${CM}?fieldSelector=${encodeURIComponent('spec.' + junk().replace(/[,=!]/g, '') + '=x')}` }),
    () => ({ method: 'GET', path: `${CM}?continue=${encodeURIComponent(junk())}` }),
    () => ({ method: 'GET', path: `${CM}?resourceVersion=${encodeURIComponent('x' + junk())}` }),
    () => ({ method: 'GET', path: `${CM}?resourceVersionMatch=${pick(['Exact', 'Bogus', 'NotOlderThan'])}` }),
    () => ({ method: 'GET', path: `${CM}?watch=1&timeoutSeconds=${encodeURIComponent('x' + junk())}` }),
    () => ({ method: 'GET', path: `${CM}?watch=1&sendInitialEvents=true` }),
    () => ({ method: 'GET', path: `/api/v1/namespaces/default/${encodeURIComponent(junk())}` }),
    () => ({ method: 'GET', path: `/apis/${encodeURIComponent(junk())}/v1/things` }),
    () => ({ method: 'GET', path: '/api/v1/namespaces/default/configmaps/%E0%A4%A' }),
    () => ({ method: pick(['POST', 'PUT', 'PATCH']), path: '/api/v1/namespaces/default/pods/x/log', body: '{}', contentType: 'application/json' }),
    () => ({ method: 'POST', path: `${CM}/x`, body: '{}', contentType: 'application/json' }),
    () => ({ method: pick(['PUT', 'DELETE', 'PATCH']), path: '/version' }),
    () => ({ method: 'POST', path: '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', body: `{${junk()}`, contentType: 'application/json' }),
    () => ({ method: 'GET', path: `/api/v1/nodes/node-1/${pick(['status/x', 'proxy/nope', 'bogus'])}` }),
  ];
  return pick(cases)();
}

describe('malformed requests', () => {
  it('answers 220 malformed requests with 4xx Status objects and stores nothing', async () => {
    const rvOf = async (): Promise<string> => (await c.api('GET', '/api/v1/namespaces?limit=1')).json<{ metadata: { resourceVersion: string } }>().metadata.resourceVersion;
    const before = await rvOf();
    const rand = rng(20261201);
    const failures: string[] = [];
    for (let i = 0; i < 220; i++) {
      const q = malformed(rand);
      const r = await c.api(q.method, q.path, { body: q.body, headers: q.contentType ? { 'content-type': q.contentType } : {} });
      let ok = r.status >= 400 && r.status < 500;
      if (ok) {
        try {
          const s = r.json<{ kind: string; code: number; status: string }>();
          ok = s.kind === 'Status' && s.code === r.status && s.status === 'Failure';
        } catch {
          ok = false;
        }
      }
      if (!ok) failures.push(`${q.method} ${q.path} [${q.contentType ?? ''}] ${(q.body ?? '').slice(0, 60)} -> ${r.status} ${r.text.slice(0, 200)}`);
    }
    expect(failures).toEqual([]);
    expect(await rvOf()).toBe(before);
    const v = await c.kubectl(['get', 'ns', 'default', '-o', 'name']);
    expect(v.stdout.trim()).toBe('namespace/default');
  }, 120_000);
});
