// How the scheduler binds: POST pods/<name>/binding (upstream DefaultBinder). In process that is
// `client.create(pods, ns, Binding, {subresource: 'binding'})`; the HTTPS variant talks to the
// API server like an out-of-process scheduler would (used where the in-process client does not
// offer the binding subresource).
import { Agent, request } from 'node:https';
import { parse as parseYaml } from 'yaml';
import { readFileSync } from 'node:fs';
import type { KubeObject } from '../../types';
import type { ClusterClient } from '../../client/types';
import { newConflict, newNotFound, StatusError, type Status } from '../../api/errors';
import { PODS } from '../runtime/objects';

export type Binder = (namespace: string, name: string, uid: string, node: string) => Promise<void>;

function bindingBody(namespace: string, name: string, uid: string, node: string): KubeObject {
  return { apiVersion: 'v1', kind: 'Binding', metadata: { name, namespace, uid }, target: { apiVersion: 'v1', kind: 'Node', name: node } };
}

export function inProcessBinder(client: ClusterClient): Binder {
  return async (namespace, name, uid, node) => {
    await client.create(PODS, namespace, bindingBody(namespace, name, uid, node), { subresource: 'binding' });
  };
}

/** Binder over HTTPS with the admin credentials of a kubeconfig written by startCluster. */
export function httpsBinder(kubeconfigPath: string): Binder {
  const cfg = parseYaml(readFileSync(kubeconfigPath, 'utf8')) as {
    clusters: { cluster: { server: string; 'certificate-authority-data': string } }[];
    users: { name: string; user: { token: string } }[];
  };
  const server = new URL(cfg.clusters[0].cluster.server);
  const ca = Buffer.from(cfg.clusters[0].cluster['certificate-authority-data'], 'base64').toString();
  const token = (cfg.users.find((u) => u.name === 'admin') ?? cfg.users[0]).user.token;
  // One TLS session for all bindings, not a handshake per pod.
  const agent = new Agent({ keepAlive: true, maxSockets: 4, ca });
  return (namespace, name, uid, node) =>
    new Promise<void>((resolve, reject) => {
      const body = JSON.stringify(bindingBody(namespace, name, uid, node));
      const req = request(
        {
          host: server.hostname,
          port: server.port,
          method: 'POST',
          path: `/api/v1/namespaces/${encodeURIComponent(namespace)}/pods/${encodeURIComponent(name)}/binding`,
          agent,
          headers: { Authorization: `Bearer ${token}`, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), 'User-Agent': 'ordinal-scheduler' },
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            if ((res.statusCode ?? 500) < 300) return resolve();
            let status: Status | undefined;
            try {
              status = JSON.parse(Buffer.concat(chunks).toString()) as Status;
            } catch {
              /* not a Status */
            }
            if (res.statusCode === 404) return reject(newNotFound({ group: '', resource: 'pods' }, name));
            if (res.statusCode === 409) return reject(newConflict({ group: '', resource: 'pods/binding' }, name, status?.message ?? 'conflict'));
            reject(new StatusError({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: status?.message ?? `HTTP ${res.statusCode}`, code: res.statusCode ?? 500 }));
          });
        },
      );
      req.on('error', reject);
      req.end(body);
    });
}
