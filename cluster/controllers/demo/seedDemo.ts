// `--seed demo` (architecture.md §2): a `demo` namespace with StatefulSets in telling states,
// created through the ClusterClient the way a user would (create, then edit) so that revisions,
// events and pods come from the controllers:
// - web      nginx, 3 replicas, rolled from 1.26 to 1.27 (two revisions), headless service, claims
// - cache    redis, rolling update to 7.4 paused by partition 2 (only cache-2 updated)
// - worker   an image that cannot be pulled (ImagePullBackOff, OrderedReady stops at worker-0)
// - archive  postgres scaled to zero, claims kept
import type { KubeObject, ResourceRef } from '../../types';
import type { ClusterClient } from '../../client/types';
import { STATEFULSETS, isAlreadyExists } from '../runtime/objects';
import { SERVICES } from '../endpoints/endpointsController';
import { NAMESPACES } from '../namespace/namespaceController';

const DEMO_NAMESPACE = 'demo';
const FIELD_MANAGER = 'kubectl-client-side-apply';

function service(name: string, port: number, portName: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace: DEMO_NAMESPACE, labels: { app: name } },
    spec: { clusterIP: 'None', selector: { app: name }, ports: [{ name: portName, port, targetPort: portName }] },
  };
}

interface SetOptions {
  name: string;
  image: string;
  replicas: number;
  port: number;
  portName: string;
  claim?: string;
  env?: { name: string; value: string }[];
  probe?: object;
  memory?: string;
}

function statefulSet(o: SetOptions): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: o.name, namespace: DEMO_NAMESPACE, labels: { app: o.name, 'app.kubernetes.io/part-of': 'ordinal-demo' } },
    spec: {
      serviceName: o.name,
      replicas: o.replicas,
      selector: { matchLabels: { app: o.name } },
      template: {
        metadata: { labels: { app: o.name } },
        spec: {
          containers: [
            {
              name: o.name === 'web' ? 'nginx' : o.name,
              image: o.image,
              ports: [{ name: o.portName, containerPort: o.port }],
              ...(o.env ? { env: o.env } : {}),
              resources: { requests: { cpu: '50m', memory: o.memory ?? '64Mi' }, limits: { cpu: '500m', memory: o.memory ? o.memory.replace(/\d+/, (n) => String(Number(n) * 2)) : '128Mi' } },
              ...(o.probe ? { readinessProbe: o.probe } : {}),
              ...(o.claim ? { volumeMounts: [{ name: o.claim, mountPath: '/data' }] } : {}),
            },
          ],
        },
      },
      ...(o.claim
        ? { volumeClaimTemplates: [{ metadata: { name: o.claim }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }] }
        : {}),
    },
  };
}

async function createIfMissing(client: ClusterClient, ref: ResourceRef, obj: KubeObject): Promise<KubeObject | undefined> {
  try {
    return await client.create(ref, obj.metadata.namespace, obj, { fieldManager: FIELD_MANAGER });
  } catch (e) {
    if (isAlreadyExists(e)) return undefined;
    throw e;
  }
}

/** Waits until the StatefulSet controller has observed the set's current generation. */
async function observed(client: ClusterClient, name: string, sleep: (ms: number) => Promise<void>, timeoutMs: number): Promise<boolean> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const s = await client.get(STATEFULSETS, DEMO_NAMESPACE, name);
    const st = s.status as { observedGeneration?: number; currentRevision?: string } | undefined;
    if ((st?.observedGeneration ?? 0) >= (s.metadata.generation ?? 1) && st?.currentRevision) return true;
    await sleep(100);
  }
  return false;
}

export interface DemoOptions {
  /** How long to wait for the controller between a create and its follow-up edit. */
  timeoutMs?: number;
  sleep?: (ms: number) => Promise<void>;
}

/** Creates the demo data set; does nothing when the namespace already exists. */
export async function seedDemo(client: ClusterClient, opts: DemoOptions = {}): Promise<boolean> {
  const sleep = opts.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const timeoutMs = opts.timeoutMs ?? 15_000;
  const ns = await createIfMissing(client, NAMESPACES, { apiVersion: 'v1', kind: 'Namespace', metadata: { name: DEMO_NAMESPACE, labels: { 'app.kubernetes.io/part-of': 'ordinal-demo' } } });
  if (!ns) return false;
  const httpProbe = { httpGet: { path: '/', port: 'http' }, periodSeconds: 5 };
  const sets: SetOptions[] = [
    { name: 'web', image: 'nginx:1.26', replicas: 3, port: 80, portName: 'http', claim: 'www', probe: httpProbe },
    { name: 'cache', image: 'redis:7.2', replicas: 3, port: 6379, portName: 'redis', probe: { tcpSocket: { port: 'redis' }, periodSeconds: 5 } },
    { name: 'worker', image: 'registry.example.com/billing/worker:does-not-exist', replicas: 2, port: 8080, portName: 'http' },
    {
      name: 'archive',
      image: 'postgres:16',
      replicas: 0,
      port: 5432,
      portName: 'postgres',
      claim: 'pgdata',
      memory: '256Mi',
      env: [{ name: 'POSTGRES_PASSWORD', value: 'demo' }],
    },
  ];
  for (const s of sets) {
    await createIfMissing(client, SERVICES, service(s.name, s.port, s.portName));
    await createIfMissing(client, STATEFULSETS, statefulSet(s));
  }
  // Second revisions, after the controller recorded the first ones.
  if (await observed(client, 'web', sleep, timeoutMs)) {
    await client.patch(STATEFULSETS, DEMO_NAMESPACE, 'web', 'strategic', { spec: { template: { spec: { containers: [{ name: 'nginx', image: 'nginx:1.27' }] } } } }, { fieldManager: 'kubectl-patch' });
  }
  if (await observed(client, 'cache', sleep, timeoutMs)) {
    await client.patch(
      STATEFULSETS,
      DEMO_NAMESPACE,
      'cache',
      'strategic',
      { spec: { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 2 } }, template: { spec: { containers: [{ name: 'cache', image: 'redis:7.4' }] } } } },
      { fieldManager: 'kubectl-patch' },
    );
  }
  return true;
}
