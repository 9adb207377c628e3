// Drives the real kubectl (v1.32 dispatcher on PATH) against a minimal HTTP server that serves
// only /version, discovery, OpenAPI v3 and Table lists from this package: proves that kubectl
// accepts the documents (api-resources, explain, get, create --dry-run=client with strict
// validation) without the rest of the API server.
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findResource } from '../../registry/resources';
import type { KubeObject } from '../../types';
import {
  AGGREGATED_DISCOVERY_CONTENT_TYPE,
  aggregatedDiscovery,
  apiResourceList,
  legacyApiGroupList,
  legacyApiVersions,
  wantsAggregatedDiscovery,
} from '../discovery';
import { toTable, wantsTable } from '../tables';
import { openapiV3Document, openapiV3Index } from './index';

// 20 minutes old: HumanDuration prints whole minutes between 10m and 3h, so AGE is stable.
const created = new Date(Date.now() - 20 * 60_000).toISOString();
const STS: KubeObject = {
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name: 'web', namespace: 'default', uid: 'u1', resourceVersion: '5', creationTimestamp: created },
  spec: { replicas: 3, template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.25' }] } } },
  status: { readyReplicas: 2 },
};

const POD = (name: string, status: Record<string, unknown>): KubeObject => ({
  apiVersion: 'v1',
  kind: 'Pod',
  metadata: { name, namespace: 'default', uid: name, resourceVersion: '6', creationTimestamp: created, labels: { app: 'web' } },
  spec: { nodeName: 'node-1', containers: [{ name: 'app', image: 'nginx' }] },
  status,
});
const PODS = [
  POD('web-1', {
    phase: 'Running',
    podIPs: [{ ip: '10.1.0.2' }],
    containerStatuses: [
      {
        name: 'app',
        ready: false,
        restartCount: 4,
        state: { waiting: { reason: 'CrashLoopBackOff' } },
        lastState: { terminated: { exitCode: 1, reason: 'Error', finishedAt: new Date(Date.now() - 15 * 60_000).toISOString() } },
      },
    ],
  }),
  POD('web-0', { phase: 'Running', podIPs: [{ ip: '10.1.0.1' }], containerStatuses: [{ name: 'app', ready: true, restartCount: 0, state: { running: {} } }] }),
];
const CLUSTER_ROLE: KubeObject = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'view', uid: 'r', creationTimestamp: '2026-11-23T10:00:00Z' } };

// A live StatefulSet for `kubectl apply`: last applied with two containers.
const LAST_APPLIED = {
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name: 'db', namespace: 'default' },
  spec: {
    serviceName: 'db',
    selector: { matchLabels: { app: 'db' } },
    template: {
      metadata: { labels: { app: 'db' } },
      spec: { containers: [{ name: 'pg', image: 'postgres:16' }, { name: 'exporter', image: 'exporter:1' }] },
    },
  },
};
const LIVE_DB: KubeObject = {
  ...LAST_APPLIED,
  metadata: {
    ...LAST_APPLIED.metadata,
    uid: 'db-uid',
    resourceVersion: '11',
    creationTimestamp: created,
    annotations: { 'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify(LAST_APPLIED) },
  },
};
const requests: { method: string; url: string; contentType?: string; body: string }[] = [];

let server: Server;
let dir: string;

function kubectl(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      'kubectl',
      [`--kubeconfig=${join(dir, 'kubeconfig')}`, `--cache-dir=${join(dir, 'cache')}`, ...args],
      { timeout: 20_000, env: { ...process.env, HOME: dir } },
      (err, stdout, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr }),
    );
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'ordinal-h2-kubectl-'));
  server = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      requests.push({ method: req.method ?? '', url: req.url ?? '', contentType: req.headers['content-type'], body });
      route(req, res);
    });
  });
  const route = (req: IncomingMessage, res: ServerResponse) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const send = (code: number, body: unknown, type = 'application/json') => {
      res.writeHead(code, { 'Content-Type': type });
      res.end(typeof body === 'string' ? body : JSON.stringify(body));
    };
    const p = url.pathname;
    if (p === '/version') return send(200, { major: '1', minor: '32', gitVersion: 'v1.32.4-ordinal' });
    if (p === '/api' || p === '/apis') {
      if (wantsAggregatedDiscovery(req.headers.accept)) return send(200, aggregatedDiscovery(p === '/api' ? 'api' : 'apis'), AGGREGATED_DISCOVERY_CONTENT_TYPE);
      return send(200, p === '/api' ? legacyApiVersions('127.0.0.1') : legacyApiGroupList());
    }
    if (p === '/openapi/v3') return send(200, openapiV3Index());
    if (p.startsWith('/openapi/v3/')) {
      const doc = openapiV3Document(p.slice('/openapi/v3/'.length));
      return doc ? send(200, doc.body) : send(404, { kind: 'Status', code: 404 });
    }
    const gv = /^\/(?:api\/(v1)|apis\/([^/]+)\/([^/]+))$/.exec(p);
    if (gv) {
      const list = gv[1] ? apiResourceList('', 'v1') : apiResourceList(gv[2], gv[3]);
      return list ? send(200, list) : send(404, { kind: 'Status', code: 404 });
    }
    const lists: Record<string, [string, string, string, KubeObject[]]> = {
      '/apis/apps/v1/namespaces/default/statefulsets': ['apps', 'v1', 'statefulsets', [STS]],
      '/api/v1/namespaces/default/pods': ['', 'v1', 'pods', PODS],
      '/apis/rbac.authorization.k8s.io/v1/clusterroles': ['rbac.authorization.k8s.io', 'v1', 'clusterroles', [CLUSTER_ROLE]],
    };
    const list = lists[p];
    if (list && wantsTable(req.headers.accept)) {
      const include = url.searchParams.get('includeObject') ?? undefined;
      return send(200, toTable(findResource(list[0], list[1], list[2])!, list[3], { resourceVersion: '5', includeObject: include }));
    }
    if (p === '/apis/apps/v1/namespaces/default/statefulsets/db' && (req.method === 'GET' || req.method === 'PATCH')) return send(200, LIVE_DB);
    send(404, { kind: 'Status', apiVersion: 'v1', status: 'Failure', reason: 'NotFound', code: 404, message: 'the server could not find the requested resource' });
  };
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const port = (server.address() as AddressInfo).port;
  writeFileSync(
    join(dir, 'kubeconfig'),
    `apiVersion: v1
kind: Config
clusters: [{name: t, cluster: {server: "http://127.0.0.1:${port}"}}]
users: [{name: u, user: {}}]
contexts: [{name: t, context: {cluster: t, user: u, namespace: default}}]
current-context: t
`,
  );
  const applied = structuredClone(LAST_APPLIED);
  applied.spec.template.spec.containers = [{ name: 'pg', image: 'postgres:17' }];
  writeFileSync(join(dir, 'db.json'), JSON.stringify(applied));
  writeFileSync(
    join(dir, 'cm.yaml'),
    'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: c1}\ndata: {a: b}\n',
  );
});

afterAll(async () => {
  await new Promise<void>((r) => server.close(() => r()));
});

describe('kubectl against the generated discovery, OpenAPI and Tables', () => {
  it('api-resources lists short names from aggregated discovery (D-5, D-9)', async () => {
    const r = await kubectl(['api-resources']);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/^statefulsets\s+sts\s+apps\/v1\s+true\s+StatefulSet$/m);
    expect(r.stdout).toMatch(/^persistentvolumeclaims\s+pvc\s+v1\s+true\s+PersistentVolumeClaim$/m);
  });

  it('explain sts.spec.updateStrategy and statefulset.spec.replicas (D-14)', async () => {
    const a = await kubectl(['explain', 'sts.spec.updateStrategy']);
    expect(a.stderr).toBe('');
    expect(a.stdout).toMatch(/GROUP:\s+apps/);
    expect(a.stdout).toMatch(/FIELD: updateStrategy <StatefulSetUpdateStrategy>/);
    expect(a.stdout).toMatch(/rollingUpdate\s+<RollingUpdateStatefulSetStrategy>/);
    const b = await kubectl(['explain', 'statefulset.spec.replicas']);
    expect(b.stdout).toMatch(/FIELD: replicas <integer>/);
    const c = await kubectl(['explain', 'sts.spec', '--recursive']);
    expect(c.stdout).toMatch(/selector\s+<LabelSelector> -required-/);
    const e = await kubectl(['explain', 'sts.spec.updateStrategy.rollingUpdate.maxUnavailable']);
    expect(e.stdout).toMatch(/FIELD: maxUnavailable <IntOrString>/);
    const f = await kubectl(['explain', 'pods.spec.containers.resources.limits']);
    expect(f.stdout).toMatch(/FIELD: limits <map\[string\]Quantity>/);
    const d = await kubectl(['explain', 'sts.spec.template.spec.containers.ports']);
    expect(d.stdout).toMatch(/containerPort\s+<integer> -required-/);
  });

  it('create --dry-run=client with strict validation finds the fieldValidation parameter (D-14)', async () => {
    const r = await kubectl(['create', '-f', join(dir, 'cm.yaml'), '--dry-run=client', '--validate=strict']);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('configmap/c1 created (dry run)');
  });

  it('get sts prints the server Table, wide adds containers and images (T-7)', async () => {
    const r = await kubectl(['get', 'sts']);
    expect(r.stdout).toMatch(/^NAME\s+READY\s+AGE\nweb\s+2\/3\s+20m\n$/);
    const w = await kubectl(['get', 'sts', '-o', 'wide']);
    expect(w.stdout).toMatch(/NAME\s+READY\s+AGE\s+CONTAINERS\s+IMAGES\nweb\s+2\/3\s+20m\s+nginx\s+nginx:1\.25/);
  });

  it('get pods -o wide shows CrashLoopBackOff and "N (Xm ago)" restarts (T-8)', async () => {
    const r = await kubectl(['get', 'pods', '-o', 'wide']);
    expect(r.stdout).toMatch(/^NAME\s+READY\s+STATUS\s+RESTARTS\s+AGE\s+IP\s+NODE\s+NOMINATED NODE\s+READINESS GATES\n/);
    expect(r.stdout).toMatch(/\nweb-1\s+0\/1\s+CrashLoopBackOff\s+4 \(15m ago\)\s+20m\s+10\.1\.0\.2\s+node-1\s+<none>\s+<none>\n/);
  });

  it('get pods --sort-by and --show-labels read the row objects (T-4)', async () => {
    const sorted = await kubectl(['get', 'pods', '--sort-by=.metadata.name']);
    expect(sorted.stdout.split('\n').slice(1, 3).map((l) => l.split(/\s+/)[0])).toEqual(['web-0', 'web-1']);
    const labels = await kubectl(['get', 'pods', '--show-labels']);
    expect(labels.stdout).toMatch(/LABELS\n/);
    expect(labels.stdout).toMatch(/web-0\s.*app=web\n/);
  });

  it('client-side apply computes its strategic merge patch from the v3 document (D-14 items 2, 3)', async () => {
    requests.length = 0;
    const r = await kubectl(['apply', '-f', join(dir, 'db.json')]);
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('statefulset.apps/db configured');
    const patch = requests.find((q) => q.method === 'PATCH');
    expect(patch?.contentType).toBe('application/strategic-merge-patch+json');
    // kubectl found fieldValidation on the PATCH operation and left validation to the server.
    expect(patch?.url).toContain('fieldValidation=Strict');
    const body = JSON.parse(patch!.body);
    expect(body.spec.template.spec['$setElementOrder/containers']).toEqual([{ name: 'pg' }]);
    expect(body.spec.template.spec.containers).toEqual(expect.arrayContaining([{ $patch: 'delete', name: 'exporter' }, { image: 'postgres:17', name: 'pg' }]));
    // No fallback to OpenAPI v2 (D-12).
    expect(requests.some((q) => q.url.startsWith('/openapi/v2'))).toBe(false);
  });

  it('server-side apply sends an apply patch with strict field validation (P-20)', async () => {
    requests.length = 0;
    const r = await kubectl(['apply', '--server-side', '-f', join(dir, 'db.json')]);
    expect(r.stdout.trim()).toBe('statefulset.apps/db serverside-applied');
    const patch = requests.find((q) => q.method === 'PATCH');
    expect(patch?.contentType).toBe('application/apply-patch+yaml');
    expect(patch?.url).toContain('fieldValidation=Strict');
    expect(requests.some((q) => q.url.startsWith('/openapi/v2'))).toBe(false);
  });

  it('get clusterroles uses the default convertor (T-9)', async () => {
    const r = await kubectl(['get', 'clusterroles']);
    expect(r.stdout).toBe('NAME   CREATED AT\nview   2026-11-23T10:00:00Z\n');
  });
});
