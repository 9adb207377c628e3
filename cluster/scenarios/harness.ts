// Shared harness for the §10.2 scenario suites: one `ordinal cluster --speed N` child process
// per file (TestCluster from cluster/acceptance, started with --speed), one namespace per test,
// manifests built from a few knobs, and a pod recorder fed by a raw watch so tests can assert
// the order in which the controller created and deleted pods.
import { TestCluster, waitFor, type Run } from '../acceptance/harness';

const SPEED = 20;

/** TestCluster whose child runs with `--speed` (simulated time 20× faster). */
export class ScenarioCluster extends TestCluster {
  constructor() {
    super(undefined, {}, ['--speed', String(SPEED)]);
  }

  /** kubectl with `-n ns` appended; throws with stderr unless it exits 0 (use kubectl() to see failures). */
  async k(ns: string, ...args: string[]): Promise<string> {
    const r = await this.kubectl([...args, '-n', ns]);
    if (r.code !== 0) throw new Error(`kubectl ${args.join(' ')} -n ${ns}: exit ${r.code}: ${r.stderr}`);
    return r.stdout;
  }

  kn(ns: string, ...args: string[]): Promise<Run> {
    return this.kubectl([...args, '-n', ns]);
  }

  async namespace(ns: string): Promise<void> {
    await this.k('default', 'create', 'namespace', ns);
  }

  async json<T = Obj>(ns: string, ...what: string[]): Promise<T> {
    return JSON.parse(await this.k(ns, 'get', ...what, '-o', 'json')) as T;
  }

  async set(ns: string, name = 'web'): Promise<StsObj> {
    return this.json<StsObj>(ns, 'sts', name);
  }

  async pods(ns: string): Promise<PodObj[]> {
    return (await this.json<{ items: PodObj[] }>(ns, 'pods')).items;
  }

  async claims(ns: string): Promise<Obj[]> {
    return (await this.json<{ items: Obj[] }>(ns, 'pvc')).items;
  }

  apply(ns: string, yaml: string): Promise<string> {
    return this.kubectl(['apply', '-n', ns, '-f', '-'], { input: yaml }).then((r) => {
      if (r.code !== 0) throw new Error(`apply: ${r.stderr}`);
      return r.stdout;
    });
  }

  /** Waits until the set reports `ready` Ready replicas, its status caught up and no pod is terminating. */
  async settled(ns: string, ready: number, name = 'web', timeoutMs = 30_000): Promise<StsObj> {
    return until(`${ns}/${name} settled at ${ready}`, async () => {
      const s = await this.set(ns, name);
      const st = s.status ?? {};
      const pods = (await this.pods(ns)).filter((p) => p.metadata.name.startsWith(`${name}-`));
      const ok = st.observedGeneration === s.metadata.generation && (st.readyReplicas ?? 0) === ready && st.replicas === ready && pods.length === ready && pods.every((p) => !p.metadata.deletionTimestamp && isReady(p));
      return ok ? s : undefined;
    }, timeoutMs);
  }

  /** Records pod ADDED/DELETED/MODIFIED events of a namespace from now on (raw API watch). */
  async recordPods(ns: string): Promise<PodRecorder> {
    const list = (await this.api('GET', `/api/v1/namespaces/${ns}/pods`)).json<{ metadata: { resourceVersion: string }; items: PodObj[] }>();
    const rec = new PodRecorder(list.items);
    const w = this.watch(`/api/v1/namespaces/${ns}/pods?watch=1&resourceVersion=${list.metadata.resourceVersion}`);
    rec.attach(w.lines, () => w.stop());
    return rec;
  }
}

export type Obj = { metadata: { name: string; generateName?: string; uid?: string; generation?: number; labels?: Record<string, string>; annotations?: Record<string, string>; ownerReferences?: OwnerRef[]; deletionTimestamp?: string; resourceVersion?: string; creationTimestamp?: string }; spec?: Record<string, unknown>; status?: Record<string, unknown> } & Record<string, unknown>;
interface OwnerRef {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}
export type PodObj = Obj & {
  spec: { nodeName?: string; hostname?: string; subdomain?: string; containers: { name: string; image: string }[]; volumes?: { name: string; persistentVolumeClaim?: { claimName: string } }[] };
  status?: { phase?: string; reason?: string; conditions?: { type: string; status: string; lastTransitionTime?: string }[]; containerStatuses?: { state?: { waiting?: { reason?: string } } }[] };
};
interface StsStatus {
  replicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  currentReplicas?: number;
  updatedReplicas?: number;
  currentRevision?: string;
  updateRevision?: string;
  observedGeneration?: number;
  collisionCount?: number;
}
export type StsObj = Obj & { status?: StsStatus };

export function isReady(p: PodObj): boolean {
  return p.status?.phase === 'Running' && !!p.status.conditions?.some((c) => c.type === 'Ready' && c.status === 'True');
}

export interface PodEvent {
  type: 'ADDED' | 'MODIFIED' | 'DELETED';
  name: string;
  at: number;
  /** Ready pods (Running + Ready=True, not terminating) at the moment of the event, before it applied. */
  readyBefore: string[];
  pod: PodObj;
}

/** Keeps the latest state of every pod and the ordered event log of a watch. */
export class PodRecorder {
  readonly state = new Map<string, PodObj>();
  readonly events: PodEvent[] = [];
  private seen = 0;
  private lines: Record<string, unknown>[] = [];
  private stopWatch = (): void => {};
  private timer: ReturnType<typeof setInterval> | undefined;

  constructor(initial: PodObj[]) {
    for (const p of initial) this.state.set(p.metadata.name, p);
  }

  attach(lines: Record<string, unknown>[], stop: () => void): void {
    this.lines = lines;
    this.stopWatch = stop;
    this.timer = setInterval(() => this.drain(), 20);
  }

  drain(): void {
    for (; this.seen < this.lines.length; this.seen++) {
      const ev = this.lines[this.seen] as { type: PodEvent['type'] | 'BOOKMARK' | 'ERROR'; object: PodObj };
      if (ev.type !== 'ADDED' && ev.type !== 'MODIFIED' && ev.type !== 'DELETED') continue;
      const name = ev.object.metadata.name;
      const readyBefore = [...this.state.values()].filter((p) => isReady(p) && !p.metadata.deletionTimestamp).map((p) => p.metadata.name).sort();
      this.events.push({ type: ev.type, name, at: Date.now(), readyBefore, pod: ev.object });
      if (ev.type === 'DELETED') this.state.delete(name);
      else this.state.set(name, ev.object);
    }
  }

  /** Names in order of their first event of `type` (ADDED = created, DELETED = gone). */
  order(type: PodEvent['type']): string[] {
    this.drain();
    return this.events.filter((e) => e.type === type).map((e) => e.name);
  }

  /** Names in the order they first got a deletionTimestamp (or vanished without one). */
  deletionOrder(): string[] {
    this.drain();
    const out: string[] = [];
    for (const e of this.events) if ((e.pod.metadata.deletionTimestamp || e.type === 'DELETED') && !out.includes(e.name)) out.push(e.name);
    return out;
  }

  stop(): void {
    this.drain();
    if (this.timer) clearInterval(this.timer);
    this.stopWatch();
  }
}

export async function until<T>(what: string, fn: () => Promise<T | undefined | false>, timeoutMs = 20_000): Promise<T> {
  try {
    return (await waitFor(fn, timeoutMs, 100)) as T;
  } catch {
    throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
  }
}

export interface SetOptions {
  name?: string;
  replicas?: number;
  image?: string;
  parallel?: boolean;
  onDelete?: boolean;
  /** `type: RollingUpdate` written without `rollingUpdate` (D-4 does not fire; K-9 revision lines). */
  bareRollingUpdate?: boolean;
  partition?: number;
  minReadySeconds?: number;
  ordinalsStart?: number;
  retention?: { whenScaled: 'Retain' | 'Delete'; whenDeleted: 'Retain' | 'Delete' };
  revisionHistoryLimit?: number;
  /** Template annotations (e.g. sim.ordinal/ready for every pod). */
  podAnnotations?: Record<string, string>;
  claims?: boolean;
  /** An HTTP readiness probe with this initialDelaySeconds (slows every rollout step down). */
  readinessDelaySeconds?: number;
}

/** A headless Service plus the upstream e2e StatefulSet (nginx, claim template `www`). */
export function statefulSetYaml(o: SetOptions = {}): string {
  const name = o.name ?? 'web';
  const lines = [
    'apiVersion: v1',
    'kind: Service',
    `metadata: {name: ${name}-svc}`,
    `spec: {clusterIP: None, selector: {app: ${name}}, ports: [{port: 80}]}`,
    '---',
    'apiVersion: apps/v1',
    'kind: StatefulSet',
    `metadata: {name: ${name}}`,
    'spec:',
    `  serviceName: ${name}-svc`,
    `  replicas: ${o.replicas ?? 3}`,
    `  selector: {matchLabels: {app: ${name}}}`,
  ];
  if (o.parallel) lines.push('  podManagementPolicy: Parallel');
  if (o.onDelete) lines.push('  updateStrategy: {type: OnDelete}');
  else if (o.bareRollingUpdate) lines.push('  updateStrategy: {type: RollingUpdate}');
  else if (o.partition !== undefined) lines.push(`  updateStrategy: {type: RollingUpdate, rollingUpdate: {partition: ${o.partition}}}`);
  if (o.minReadySeconds !== undefined) lines.push(`  minReadySeconds: ${o.minReadySeconds}`);
  if (o.ordinalsStart !== undefined) lines.push(`  ordinals: {start: ${o.ordinalsStart}}`);
  if (o.retention) lines.push(`  persistentVolumeClaimRetentionPolicy: {whenScaled: ${o.retention.whenScaled}, whenDeleted: ${o.retention.whenDeleted}}`);
  if (o.revisionHistoryLimit !== undefined) lines.push(`  revisionHistoryLimit: ${o.revisionHistoryLimit}`);
  const ann = o.podAnnotations ? `, annotations: ${JSON.stringify(o.podAnnotations)}` : '';
  lines.push('  template:', `    metadata: {labels: {app: ${name}}${ann}}`, '    spec:');
  const mounts = o.claims === false ? '' : ', volumeMounts: [{name: www, mountPath: /usr/share/nginx/html}]';
  const probe = o.readinessDelaySeconds === undefined ? '' : `, readinessProbe: {httpGet: {path: /, port: 80}, initialDelaySeconds: ${o.readinessDelaySeconds}, periodSeconds: 1}`;
  lines.push(`      containers: [{name: nginx, image: "${o.image ?? 'registry.k8s.io/nginx-slim:0.24'}", ports: [{containerPort: 80, name: web}]${mounts}${probe}}]`);
  if (o.claims !== false) {
    lines.push('  volumeClaimTemplates:', '  - metadata: {name: www}', '    spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}');
  }
  return `${lines.join('\n')}\n`;
}

export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Pod names of a set sorted by ordinal. */
export function names(pods: PodObj[], set = 'web'): string[] {
  const ord = (n: string): number => Number(n.slice(set.length + 1));
  return pods.map((p) => p.metadata.name).filter((n) => n.startsWith(`${set}-`)).sort((a, b) => ord(a) - ord(b));
}
