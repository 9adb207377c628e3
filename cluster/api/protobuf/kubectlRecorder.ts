// Test support: a tiny HTTPS server that answers just enough discovery for the real kubectl to send
// its request, and records every request body. Used to capture the protobuf bodies kubectl 1.32
// sends (contract E-6, Appendix A) and to check the decoder against them.
import 'reflect-metadata';
import { webcrypto } from 'node:crypto';
import { execFile } from 'node:child_process';
import { mkdtempSync, writeFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:https';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as x509 from '@peculiar/x509';

export interface RecordedRequest {
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  body: Buffer;
}

interface Res {
  group: string;
  version: string;
  resource: string;
  kind: string;
  namespaced: boolean;
  verbs?: string[];
}

// The resources kubectl's generator commands need to resolve (kind <-> resource mapping).
const RESOURCES: Res[] = [
  { group: '', version: 'v1', resource: 'namespaces', kind: 'Namespace', namespaced: false },
  { group: '', version: 'v1', resource: 'configmaps', kind: 'ConfigMap', namespaced: true },
  { group: '', version: 'v1', resource: 'secrets', kind: 'Secret', namespaced: true },
  { group: '', version: 'v1', resource: 'serviceaccounts', kind: 'ServiceAccount', namespaced: true },
  { group: '', version: 'v1', resource: 'serviceaccounts/token', kind: 'TokenRequest', namespaced: true, verbs: ['create'] },
  { group: '', version: 'v1', resource: 'services', kind: 'Service', namespaced: true },
  { group: '', version: 'v1', resource: 'pods', kind: 'Pod', namespaced: true },
  { group: 'apps', version: 'v1', resource: 'deployments', kind: 'Deployment', namespaced: true },
  { group: 'apps', version: 'v1', resource: 'deployments/scale', kind: 'Scale', namespaced: true, verbs: ['get', 'patch', 'update'] },
  { group: 'apps', version: 'v1', resource: 'statefulsets', kind: 'StatefulSet', namespaced: true },
  { group: 'batch', version: 'v1', resource: 'jobs', kind: 'Job', namespaced: true },
  { group: 'batch', version: 'v1', resource: 'cronjobs', kind: 'CronJob', namespaced: true },
  { group: 'policy', version: 'v1', resource: 'poddisruptionbudgets', kind: 'PodDisruptionBudget', namespaced: true },
  { group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'roles', kind: 'Role', namespaced: true },
  { group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'rolebindings', kind: 'RoleBinding', namespaced: true },
  { group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'clusterroles', kind: 'ClusterRole', namespaced: false },
  { group: 'rbac.authorization.k8s.io', version: 'v1', resource: 'clusterrolebindings', kind: 'ClusterRoleBinding', namespaced: false },
  { group: 'authorization.k8s.io', version: 'v1', resource: 'selfsubjectaccessreviews', kind: 'SelfSubjectAccessReview', namespaced: false, verbs: ['create'] },
  { group: 'authorization.k8s.io', version: 'v1', resource: 'selfsubjectrulesreviews', kind: 'SelfSubjectRulesReview', namespaced: false, verbs: ['create'] },
  { group: 'authentication.k8s.io', version: 'v1', resource: 'selfsubjectreviews', kind: 'SelfSubjectReview', namespaced: false, verbs: ['create'] },
  { group: 'autoscaling', version: 'v2', resource: 'horizontalpodautoscalers', kind: 'HorizontalPodAutoscaler', namespaced: true },
  { group: 'scheduling.k8s.io', version: 'v1', resource: 'priorityclasses', kind: 'PriorityClass', namespaced: false },
  { group: 'networking.k8s.io', version: 'v1', resource: 'ingresses', kind: 'Ingress', namespaced: true },
  { group: '', version: 'v1', resource: 'resourcequotas', kind: 'ResourceQuota', namespaced: true },
];

function discovery(path: string): object | undefined {
  if (path === '/version') {
    return { major: '1', minor: '32', gitVersion: 'v1.32.4', platform: 'linux/amd64' };
  }
  if (path === '/api') return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [] };
  if (path === '/apis') {
    const groups = new Map(RESOURCES.filter((r) => r.group).map((r) => [r.group, r.version]));
    return {
      kind: 'APIGroupList',
      apiVersion: 'v1',
      groups: [...groups].map(([g, v]) => ({
        name: g,
        versions: [{ groupVersion: `${g}/${v}`, version: v }],
        preferredVersion: { groupVersion: `${g}/${v}`, version: v },
      })),
    };
  }
  const m = /^\/(?:api\/v1|apis\/([^/]+)\/(v\w+))$/.exec(path);
  if (!m) return undefined;
  const group = m[1] ?? '';
  const version = m[2] ?? 'v1';
  return {
    kind: 'APIResourceList',
    apiVersion: 'v1',
    groupVersion: group ? `${group}/${version}` : 'v1',
    resources: RESOURCES.filter((r) => r.group === group && r.version === version).map((r) => ({
      name: r.resource,
      singularName: r.resource.includes('/') ? '' : r.kind.toLowerCase(),
      namespaced: r.namespaced,
      kind: r.kind,
      verbs: r.verbs ?? ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
    })),
  };
}

export interface Recorder {
  url: string;
  requests: RecordedRequest[];
  kubeconfigPath: string;
  /** Runs kubectl with the recorder's kubeconfig and a fresh cache dir; resolves with exit code and output. */
  kubectl(args: string[], timeoutMs?: number): Promise<{ code: number; stdout: string; stderr: string }>;
  close(): Promise<void>;
}

async function selfSignedCert(): Promise<{ certPem: string; keyPem: string }> {
  // Node's webcrypto is the WebCrypto the library expects; the DOM `Crypto` type is not in our lib.
  x509.cryptoProvider.set(webcrypto as unknown as Parameters<typeof x509.cryptoProvider.set>[0]);
  const alg = { name: 'ECDSA', namedCurve: 'P-256', hash: 'SHA-256' };
  const keys = await webcrypto.subtle.generateKey(alg, true, ['sign', 'verify']);
  const cert = await x509.X509CertificateGenerator.createSelfSigned({
    serialNumber: '01',
    name: 'CN=ordinal-recorder',
    notBefore: new Date(Date.now() - 60_000),
    notAfter: new Date(Date.now() + 24 * 3600_000),
    signingAlgorithm: alg,
    keys,
    extensions: [
      new x509.BasicConstraintsExtension(true, undefined, true),
      new x509.SubjectAlternativeNameExtension([{ type: 'ip', value: '127.0.0.1' }]),
    ],
  });
  const pkcs8 = await webcrypto.subtle.exportKey('pkcs8', keys.privateKey);
  const keyPem = x509.PemConverter.encode(pkcs8, 'PRIVATE KEY');
  return { certPem: cert.toString('pem'), keyPem };
}

/**
 * Starts the recorder. `answer` may produce the reply to a non-discovery request; by default
 * writes echo the decoded-less body back as an empty object of the right kind (201).
 */
export async function startRecorder(
  answer?: (req: RecordedRequest) => { code: number; body: object } | undefined,
): Promise<Recorder> {
  const { certPem, keyPem } = await selfSignedCert();
  const requests: RecordedRequest[] = [];
  const server: Server = createServer({ cert: certPem, key: keyPem }, (req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const rec: RecordedRequest = { method: req.method ?? 'GET', url: req.url ?? '/', headers: req.headersDistinct, body: Buffer.concat(chunks) };
      requests.push(rec);
      const path = rec.url.split('?')[0];
      let reply: { code: number; body: object } | undefined;
      const disc = rec.method === 'GET' ? discovery(path) : undefined;
      if (disc) reply = { code: 200, body: disc };
      else reply = answer?.(rec);
      if (!reply) {
        reply = {
          code: 404,
          body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'the server could not find the requested resource', reason: 'NotFound', details: {}, code: 404 },
        };
      }
      res.writeHead(reply.code, { 'content-type': 'application/json' });
      res.end(JSON.stringify(reply.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const addr = server.address();
  const port = typeof addr === 'object' && addr ? addr.port : 0;
  const url = `https://127.0.0.1:${port}`;
  const dir = mkdtempSync(join(tmpdir(), 'ordinal-recorder-'));
  const kubeconfigPath = join(dir, 'kubeconfig');
  writeFileSync(
    kubeconfigPath,
    [
      'apiVersion: v1',
      'kind: Config',
      'clusters:',
      '- name: rec',
      '  cluster:',
      `    server: ${url}`,
      `    certificate-authority-data: ${Buffer.from(certPem).toString('base64')}`,
      'users:',
      '- name: rec',
      '  user:',
      '    token: recorder-token',
      'contexts:',
      '- name: rec',
      '  context: {cluster: rec, user: rec, namespace: default}',
      'current-context: rec',
      '',
    ].join('\n'),
  );
  return {
    url,
    requests,
    kubeconfigPath,
    kubectl(args, timeoutMs = 20_000) {
      return new Promise((resolve) => {
        execFile(
          'kubectl',
          ['--kubeconfig', kubeconfigPath, '--cache-dir', join(dir, `cache-${requests.length}-${Date.now()}`), ...args],
          { timeout: timeoutMs, env: { ...process.env, HOME: dir } },
          (err, stdout, stderr) => {
            const code = err ? (typeof (err as { code?: unknown }).code === 'number' ? (err as { code: number }).code : 1) : 0;
            resolve({ code, stdout: String(stdout), stderr: String(stderr) });
          },
        );
      });
    },
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeAllConnections?.();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
