// The default scheduler (simulation): pods without spec.nodeName are queued, each cycle takes a
// snapshot of nodes and bound pods from the informer caches, filters and scores (fit.ts), binds
// through pods/binding and records Scheduled; a pod that fits nowhere gets PodScheduled=False
// (Unschedulable) and FailedScheduling (E-11) and waits for a cluster change that could help
// (node, pod or claim events) with the upstream 1 s → 10 s back-off, or 5 minutes at most.
import type { KubeObject, ResourceRef } from '../../types';
import type { ClusterClient } from '../../client/types';
import type { SimContext, Stoppable } from '../gc/informerFactory';
import type { Informer } from '../runtime/informer';
import { rfc3339 } from '../runtime/clock';
import { PODS, PVCS, errorText, isConflict, isNotFound, objectKey, splitKey } from '../runtime/objects';
import { WorkQueue } from '../runtime/workQueue';
import { schedulePod, type NodeInfo } from './fit';
import { podSpecOf } from './podResources';
import { inProcessBinder, type Binder } from './binder';
import { SchedulerEvents } from './schedulerEvents';

export const NODES: ResourceRef = { group: '', version: 'v1', resource: 'nodes' };
export const STORAGE_CLASSES: ResourceRef = { group: 'storage.k8s.io', version: 'v1', resource: 'storageclasses' };
export const SELECTED_NODE_ANNOTATION = 'volume.kubernetes.io/selected-node';

const UNSCHEDULABLE_FLUSH_MS = 5 * 60_000;

/** Pods this scheduler is responsible for. */
function needsScheduling(pod: KubeObject): boolean {
  const spec = podSpecOf(pod);
  const phase = (pod.status as { phase?: string } | undefined)?.phase;
  return !spec.nodeName && !pod.metadata.deletionTimestamp && (spec.schedulerName ?? 'default-scheduler') === 'default-scheduler' && !(spec.schedulingGates?.length) && phase !== 'Succeeded' && phase !== 'Failed';
}

export class Scheduler implements Stoppable {
  private readonly pods: Informer;
  private readonly nodes: Informer;
  private readonly claims: Informer;
  private readonly classes: Informer;
  private readonly queue: WorkQueue;
  private readonly events: SchedulerEvents;
  /** node name → keys of pods bound there (from the cache plus our own assumptions). */
  private readonly byNode = new Map<string, Set<string>>();
  private readonly assumed = new Map<string, { node: string; pod: KubeObject }>();
  private readonly unschedulable = new Map<string, number>(); // key → attempts

  private readonly bind: Binder;

  constructor(
    private readonly client: ClusterClient,
    private readonly ctx: SimContext,
    bind?: Binder,
  ) {
    this.bind = bind ?? inProcessBinder(client);
    this.pods = ctx.informers.for(PODS);
    this.nodes = ctx.informers.for(NODES);
    this.claims = ctx.informers.for(PVCS);
    this.classes = ctx.informers.for(STORAGE_CLASSES);
    this.queue = new WorkQueue(ctx.clock, { baseDelayMs: 1000, maxDelayMs: 10_000 });
    this.events = new SchedulerEvents(client, ctx.clock, ctx.log);
    this.pods.addHandlers({
      onAdd: (p) => this.onPod(undefined, p),
      onUpdate: (o, p) => this.onPod(o, p),
      onDelete: (p) => {
        this.unindex(p);
        this.assumed.delete(objectKey(p));
        this.unschedulable.delete(objectKey(p));
        if (p.spec && podSpecOf(p).nodeName) this.retryUnschedulable();
      },
    });
    const retry = () => this.retryUnschedulable();
    this.nodes.addHandlers({ onAdd: retry, onUpdate: retry });
    this.claims.addHandlers({ onAdd: retry, onUpdate: retry });
  }

  /** Starts the workers; call once the informers have synced. */
  run(): void {
    this.queue.run((key) => this.sync(key), 2, (key, err) => this.ctx.log(`schedule ${key}: ${errorText(err)}`));
  }

  stop(): void {
    this.queue.shutdown();
  }

  flushEvents(): Promise<void> {
    return this.events.flush();
  }

  private onPod(old: KubeObject | undefined, pod: KubeObject): void {
    const key = objectKey(pod);
    if (old) this.unindex(old);
    this.index(pod);
    if (podSpecOf(pod).nodeName) {
      this.assumed.delete(key);
      this.unschedulable.delete(key);
      // A pod that leaves (terminal) or arrives may change what fits elsewhere.
      const wasActive = old && isActivePhase(old);
      if (old && (!podSpecOf(old).nodeName || (wasActive && !isActivePhase(pod)))) this.retryUnschedulable();
      return;
    }
    if (needsScheduling(pod) && !this.unschedulable.has(key)) this.queue.add(key);
  }

  private index(pod: KubeObject): void {
    const n = podSpecOf(pod).nodeName;
    if (!n) return;
    let s = this.byNode.get(n);
    if (!s) this.byNode.set(n, (s = new Set()));
    s.add(objectKey(pod));
  }

  private unindex(pod: KubeObject): void {
    const n = podSpecOf(pod).nodeName;
    if (n) this.byNode.get(n)?.delete(objectKey(pod));
  }

  private retryUnschedulable(): void {
    for (const [key, attempts] of this.unschedulable) this.queue.addAfter(key, this.queue.backoffFor(Math.max(0, attempts - 1)));
  }

  private snapshot(): NodeInfo[] {
    return this.nodes.list().map((node) => {
      const name = node.metadata.name ?? '';
      const pods: KubeObject[] = [];
      for (const key of this.byNode.get(name) ?? []) {
        const { namespace, name: pn } = splitKey(key);
        const p = this.pods.get(namespace, pn);
        if (p) pods.push(p);
      }
      for (const a of this.assumed.values()) if (a.node === name) pods.push(a.pod);
      return { node, pods };
    });
  }

  /** VolumeBinding PreFilter: claims must exist; claims of Immediate classes must be bound. */
  private volumePreFilter(pod: KubeObject): { msg?: string; waitForFirstConsumer: KubeObject[] } {
    const ns = pod.metadata.namespace;
    const wffc: KubeObject[] = [];
    let unboundImmediate = false;
    for (const v of podSpecOf(pod).volumes ?? []) {
      const claimName = v.persistentVolumeClaim?.claimName;
      if (!claimName) continue;
      const pvc = this.claims.get(ns, claimName);
      if (!pvc) return { msg: `persistentvolumeclaim "${claimName}" not found`, waitForFirstConsumer: [] };
      if (pvc.metadata.deletionTimestamp) return { msg: `persistentvolumeclaim "${claimName}" is being deleted`, waitForFirstConsumer: [] };
      const phase = (pvc.status as { phase?: string } | undefined)?.phase;
      if (phase === 'Bound') continue;
      const className = (pvc.spec as { storageClassName?: string } | undefined)?.storageClassName;
      const sc = className ? this.classes.get(undefined, className) : undefined;
      if ((sc as { volumeBindingMode?: string } | undefined)?.volumeBindingMode === 'WaitForFirstConsumer') wffc.push(pvc);
      else unboundImmediate = true;
    }
    if (unboundImmediate) return { msg: 'pod has unbound immediate PersistentVolumeClaims', waitForFirstConsumer: [] };
    return { waitForFirstConsumer: wffc };
  }

  private async sync(key: string): Promise<void> {
    const { namespace, name } = splitKey(key);
    const pod = this.pods.get(namespace, name);
    if (!pod || !needsScheduling(pod) || this.assumed.has(key)) return;
    const vol = this.volumePreFilter(pod);
    const result = schedulePod(pod, this.snapshot(), vol.msg);
    if ('error' in result) return this.markUnschedulable(key, pod, result.error);
    const node = result.node;
    this.assumed.set(key, { node, pod });
    try {
      for (const pvc of vol.waitForFirstConsumer) {
        if (pvc.metadata.annotations?.[SELECTED_NODE_ANNOTATION] === node) continue;
        await this.client.patch(PVCS, namespace, pvc.metadata.name ?? '', 'merge', { metadata: { annotations: { [SELECTED_NODE_ANNOTATION]: node } } });
      }
      await this.bind(namespace, name, pod.metadata.uid ?? '', node);
    } catch (e) {
      this.assumed.delete(key);
      if (isNotFound(e) || isConflict(e)) return; // deleted or bound meanwhile
      throw e;
    }
    this.unschedulable.delete(key);
    this.events.record(pod, 'Normal', 'Scheduled', 'Binding', `Successfully assigned ${namespace}/${name} to ${node}`);
  }

  private async markUnschedulable(key: string, pod: KubeObject, message: string): Promise<void> {
    const attempts = (this.unschedulable.get(key) ?? 0) + 1;
    this.unschedulable.set(key, attempts);
    this.events.record(pod, 'Warning', 'FailedScheduling', 'Scheduling', message);
    // Safety net like podMaxInUnschedulablePodsDuration: retry after 5 minutes even without a trigger.
    this.queue.addAfter(key, UNSCHEDULABLE_FLUSH_MS);
    const conditions = ((pod.status as { conditions?: { type: string; status: string; reason?: string; message?: string; lastTransitionTime?: string }[] } | undefined)?.conditions ?? []);
    const cur = conditions.find((c) => c.type === 'PodScheduled');
    if (cur && cur.status === 'False' && cur.reason === 'Unschedulable' && cur.message === message) return;
    const cond = { type: 'PodScheduled', status: 'False', reason: 'Unschedulable', message, lastProbeTime: null, lastTransitionTime: rfc3339(this.ctx.clock.now()) };
    if (cur?.status === 'False' && cur.lastTransitionTime) cond.lastTransitionTime = cur.lastTransitionTime;
    try {
      await this.client.patch(PODS, pod.metadata.namespace, pod.metadata.name ?? '', 'strategic', { status: { conditions: [cond] } }, { subresource: 'status' });
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  }
}

function isActivePhase(pod: KubeObject): boolean {
  const phase = (pod.status as { phase?: string } | undefined)?.phase;
  return phase !== 'Succeeded' && phase !== 'Failed';
}

export function start(client: ClusterClient, ctx: SimContext, bind?: Binder): Scheduler {
  return new Scheduler(client, ctx, bind);
}
