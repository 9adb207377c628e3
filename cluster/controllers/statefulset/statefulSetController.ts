// The StatefulSet controller (upstream pkg/controller/statefulset/stateful_set.go): informers for
// sets, pods, revisions and claims; event handlers that queue set keys (C-1, C-2); and one
// sync per key: adopt revisions (C-5), claim pods (C-6), resolve revisions (C-7, R-5…R-9), plan
// (control.ts), act (podControl.ts), write status (S-10, S-11), truncate history.
import type { KubeObject, ResourceRef } from '../../types';
import type { ClusterClient } from '../../client/types';
import type { Clock } from '../runtime/clock';
import { EventRecorder } from '../runtime/eventRecorder';
import { Informer } from '../runtime/informer';
import { selectorMatcher } from '../runtime/labelSelector';
import {
  CONTROLLER_REVISIONS, PODS, PVCS, STATEFULSETS, controllerOf, errorText, isConflict, isNotFound, newControllerRef, objectKey, splitKey,
} from '../runtime/objects';
import { WorkQueue } from '../runtime/workQueue';
import { planStatefulSetSync, type PodAction, type SyncPlan } from './control';
import { ControllerHistory, type ResolvedRevisions } from './history';
import { StatefulPodControl } from './podControl';
import { isMemberOf, isPodReady, replicasOf } from './podIdentity';
import { revisionsToTruncate, sortRevisions } from './revisions';
import { completeRollingUpdate, statusNeedsWrite, toStatusObject, type ComputedStatus } from './status';
import type { ControllerRevision, Pod, StatefulSet } from './types';
import { STATEFULSET_API_VERSION, STATEFULSET_KIND } from './types';

export interface StatefulSetControllerOptions {
  clock: Clock;
  workers?: number;
  log?: (msg: string) => void;
  /**
   * Shared informers (one LIST+WATCH per resource for all controllers). Their owner starts and
   * stops them; without it the controller runs its own four informers.
   */
  informerFor?: (ref: ResourceRef) => Informer;
}

const STATUS_RETRIES = 5;
const MAX_BATCH = 500;

export class StatefulSetController {
  readonly sets: Informer;
  readonly pods: Informer;
  readonly revisions: Informer;
  readonly claims: Informer;
  readonly queue: WorkQueue;
  readonly recorder: EventRecorder;
  private readonly podControl: StatefulPodControl;
  private readonly history: ControllerHistory;
  private readonly clock: Clock;
  private readonly log: (msg: string) => void;
  /** Plans of the latest syncs, by set key (for tests and diagnostics). */
  readonly lastPlan = new Map<string, SyncPlan>();

  constructor(
    private readonly client: ClusterClient,
    private readonly opts: StatefulSetControllerOptions,
  ) {
    this.clock = opts.clock;
    this.log = opts.log ?? (() => {});
    const onError = (e: unknown) => this.log(`informer: ${errorText(e)}`);
    const informer = opts.informerFor ?? ((ref: ResourceRef) => new Informer(client, ref, this.clock, {}, onError));
    this.sets = informer(STATEFULSETS);
    this.pods = informer(PODS);
    this.revisions = informer(CONTROLLER_REVISIONS);
    this.claims = informer(PVCS);
    this.queue = new WorkQueue(this.clock);
    this.recorder = new EventRecorder(client, this.clock, { component: 'statefulset-controller' }, (e) => this.log(errorText(e)));
    this.podControl = new StatefulPodControl(client, this.recorder, (ns, name) => this.claims.get(ns, name));
    this.history = new ControllerHistory(client);
    this.registerHandlers();
  }

  async start(): Promise<void> {
    const informers = [this.sets, this.pods, this.revisions, this.claims];
    await Promise.all(informers.map((i) => (this.opts.informerFor ? i.whenSynced() : i.start())));
    this.queue.run((key) => this.sync(key), this.opts.workers ?? 5, (key, err) => this.log(`sync ${key}: ${errorText(err)}`));
  }

  stop(): void {
    this.queue.shutdown();
    if (!this.opts.informerFor) for (const i of [this.sets, this.pods, this.revisions, this.claims]) i.stop();
  }

  // ---- event handlers (C-1, C-2) ----

  private enqueue(set: KubeObject): void {
    this.queue.add(objectKey(set));
  }

  private registerHandlers(): void {
    this.sets.addHandlers({ onAdd: (s) => this.enqueue(s), onUpdate: (_o, s) => this.enqueue(s), onDelete: (s) => this.enqueue(s) });
    this.pods.addHandlers({
      onAdd: (pod) => {
        if (pod.metadata.deletionTimestamp) return this.onPodDelete(pod);
        const set = this.resolveControllerRef(pod);
        if (set) return this.enqueue(set);
        if (!controllerOf(pod)) for (const s of this.setsForPod(pod)) this.enqueue(s);
      },
      onUpdate: (oldPod, pod) => {
        if (oldPod.metadata.resourceVersion === pod.metadata.resourceVersion) return;
        const labelsChanged = JSON.stringify(oldPod.metadata.labels ?? {}) !== JSON.stringify(pod.metadata.labels ?? {});
        const oldRef = controllerOf(oldPod);
        const ref = controllerOf(pod);
        const refChanged = JSON.stringify(oldRef) !== JSON.stringify(ref);
        if (refChanged && oldRef) {
          const old = this.resolveControllerRef(oldPod);
          if (old) this.enqueue(old);
        }
        if (ref) {
          const set = this.resolveControllerRef(pod) as StatefulSet | undefined;
          if (!set) return;
          this.enqueue(set);
          const minReady = set.spec.minReadySeconds ?? 0;
          if (!isPodReady(oldPod as Pod) && isPodReady(pod as Pod) && minReady > 0) {
            this.queue.addAfter(objectKey(set), minReady * 1000 + 1000); // C-2
          }
          return;
        }
        if (labelsChanged || refChanged) for (const s of this.setsForPod(pod)) this.enqueue(s);
      },
      onDelete: (pod) => this.onPodDelete(pod),
    });
    // Not in upstream (which resyncs periodically instead): a deleted claim re-queues the sets
    // whose claim names it could be, so a Pending pod gets its claim back promptly (T-32).
    this.claims.addHandlers({
      onDelete: (claim) => {
        for (const s of this.sets.list(claim.metadata.namespace) as StatefulSet[]) {
          const names = (s.spec.volumeClaimTemplates ?? []).map((t) => `${t.metadata.name}-${s.metadata.name}-`);
          if (names.some((n) => claim.metadata.name?.startsWith(n))) this.enqueue(s);
        }
      },
    });
  }

  private onPodDelete(pod: KubeObject): void {
    const set = this.resolveControllerRef(pod);
    if (set) this.enqueue(set);
  }

  private resolveControllerRef(obj: KubeObject): KubeObject | undefined {
    const ref = controllerOf(obj);
    if (!ref || ref.kind !== STATEFULSET_KIND || !ref.apiVersion.startsWith('apps/')) return undefined;
    const set = this.sets.get(obj.metadata.namespace, ref.name);
    return set && set.metadata.uid === ref.uid ? set : undefined;
  }

  private setsForPod(pod: KubeObject): KubeObject[] {
    if (!pod.metadata.labels) return [];
    return (this.sets.list(pod.metadata.namespace) as StatefulSet[]).filter((s) => {
      const m = s.spec.selector && (s.spec.selector.matchLabels || s.spec.selector.matchExpressions) ? selectorMatcher(s.spec.selector) : undefined;
      return m ? m(pod.metadata.labels) : false;
    });
  }

  // ---- sync ----

  async sync(key: string): Promise<void> {
    const { namespace, name } = splitKey(key);
    const cached = this.sets.get(namespace, name);
    if (!cached) {
      this.lastPlan.delete(key);
      return; // C-4
    }
    const set = structuredClone(cached) as StatefulSet;
    const match = selectorMatcher(set.spec.selector);
    if (!match) {
      this.log(`sync ${key}: invalid selector`); // C-4: no retry
      return;
    }
    const adoption = new AdoptionCheck(this.client, set);
    await this.adoptOrphanRevisions(set, match, adoption);
    const pods = await this.claimPods(set, match, adoption);
    const revisions = sortRevisions(
      (this.revisions.list(namespace) as ControllerRevision[]).filter((r) => {
        const ref = controllerOf(r);
        return match(r.metadata.labels) && (!ref || ref.uid === set.metadata.uid);
      }),
    );

    let resolved: ResolvedRevisions | undefined;
    const errors: unknown[] = [];
    let status: ComputedStatus | undefined;
    try {
      resolved = await this.history.resolve(set, revisions);
      const plan = planStatefulSetSync({
        set, pods, currentRevision: resolved.current, updateRevision: resolved.update,
        collisionCount: resolved.collisionCount, claims: this.claimMap(namespace), nowMs: this.clock.now(), speed: this.clock.speed,
      });
      this.lastPlan.set(key, plan);
      status = { ...plan.status };
      try {
        await this.execute(set, plan, status);
      } catch (err) {
        errors.push(err);
      }
      completeRollingUpdate(set, status);
      if (statusNeedsWrite(set, status)) {
        try {
          await this.writeStatus(set, status);
        } catch (err) {
          errors.push(err);
        }
      }
    } catch (err) {
      errors.push(err);
    }
    // truncate at the end of every sync, even a failed one.
    try {
      for (const rev of revisionsToTruncate(set, pods, revisions, resolved?.current, resolved?.update)) await this.history.delete(rev);
    } catch (err) {
      errors.push(err);
    }
    if (errors.length === 1) throw errors[0];
    if (errors.length > 1) throw new Error(`[${errors.map(errorText).join(', ')}]`);
    // C-2: keep looking until every replica is available.
    const minReady = set.spec.minReadySeconds ?? 0;
    if (minReady > 0 && status && status.availableReplicas !== replicasOf(set)) this.queue.addAfter(key, minReady * 1000);
  }

  private claimMap(namespace: string): Map<string, KubeObject> {
    return new Map(this.claims.list(namespace).map((c) => [c.metadata.name ?? '', c]));
  }

  /** Runs the plan: monotonic one action at a time; Parallel in slow-start batches per phase. */
  private async execute(set: StatefulSet, plan: SyncPlan, status: ComputedStatus): Promise<void> {
    const runGroup = async (group: PodAction[]) => {
      for (const a of group) await this.run(set, a, status);
    };
    for (const phase of plan.phases) {
      if (plan.monotonic) {
        for (const g of phase.groups) await runGroup(g);
        continue;
      }
      let index = 0;
      // slowStartBatch: 1, 2, 4, … concurrent pods (at most MAX_BATCH); a failed batch ends the sync.
      for (let batch = Math.min(1, phase.groups.length); batch > 0; batch = Math.min(2 * batch, phase.groups.length - index, MAX_BATCH)) {
        const results = await Promise.allSettled(phase.groups.slice(index, index + batch).map(runGroup));
        index += batch;
        const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
        if (failed) throw failed.reason;
      }
    }
  }

  private async run(set: StatefulSet, a: PodAction, status: ComputedStatus): Promise<void> {
    switch (a.type) {
      case 'createPod':
        return this.podControl.createStatefulPod(set, a.pod);
      case 'createMissingClaims':
        return this.podControl.createMissingPersistentVolumeClaims(set, a.pod);
      case 'updatePod':
        return this.podControl.updateStatefulPod(set, a.pod);
      case 'fixClaimRetention':
        return this.podControl.updatePodClaimForRetentionPolicy(set, a.pod);
      case 'deletePod':
        try {
          await this.podControl.deleteStatefulPod(set, a.pod);
        } catch (err) {
          if (!a.rollingUpdate || !isNotFound(err)) throw err;
        }
        if (a.rollingUpdate) status.currentReplicas--;
        return;
    }
  }

  /** PUT /status, retried on conflict with a fresh copy (S-11). */
  private async writeStatus(set: StatefulSet, status: ComputedStatus): Promise<void> {
    let target: KubeObject = set;
    for (let attempt = 0; ; attempt++) {
      try {
        await this.client.update(STATEFULSETS, set.metadata.namespace, { ...target, status: toStatusObject(status) }, { subresource: 'status' });
        return;
      } catch (err) {
        if (!isConflict(err) || attempt + 1 >= STATUS_RETRIES) throw err;
        target = await this.client.get(STATEFULSETS, set.metadata.namespace, set.metadata.name ?? '');
      }
    }
  }

  // ---- adoption (C-5, C-6, R-10) ----

  private async adoptOrphanRevisions(set: StatefulSet, match: (l: Record<string, string> | undefined) => boolean, adoption: AdoptionCheck): Promise<void> {
    const orphans = (this.revisions.list(set.metadata.namespace) as ControllerRevision[]).filter((r) => !controllerOf(r) && match(r.metadata.labels));
    if (orphans.length === 0) return;
    const err = await adoption.check();
    if (err) throw new Error(`can't adopt ControllerRevisions: ${err}`);
    for (const r of orphans) await this.history.adopt(set, r);
  }

  /** ClaimPods (ControllerRefManager): keep ours, release non-matching, adopt matching orphans. */
  private async claimPods(set: StatefulSet, match: (l: Record<string, string> | undefined) => boolean, adoption: AdoptionCheck): Promise<Pod[]> {
    const claimed: Pod[] = [];
    const errs: string[] = [];
    for (const pod of this.pods.list(set.metadata.namespace) as Pod[]) {
      const matches = match(pod.metadata.labels) && isMemberOf(set, pod);
      const ref = controllerOf(pod);
      try {
        if (ref) {
          if (ref.uid !== set.metadata.uid) continue; // another controller's
          if (matches) {
            claimed.push(pod);
            continue;
          }
          if (set.metadata.deletionTimestamp) continue;
          await this.patchOwnerRefs(pod, (pod.metadata.ownerReferences ?? []).filter((r) => r.uid !== set.metadata.uid)); // release
          continue;
        }
        if (set.metadata.deletionTimestamp || !matches || pod.metadata.deletionTimestamp) continue;
        const err = await adoption.check();
        if (err) throw new Error(err);
        await this.patchOwnerRefs(pod, [...(pod.metadata.ownerReferences ?? []), newControllerRef(set, STATEFULSET_API_VERSION, STATEFULSET_KIND)]);
        claimed.push(pod);
      } catch (err) {
        if (!isNotFound(err)) errs.push(errorText(err));
      }
    }
    if (errs.length === 1) throw new Error(errs[0]);
    if (errs.length > 1) throw new Error(`[${errs.join(', ')}]`);
    return claimed;
  }

  private async patchOwnerRefs(pod: KubeObject, refs: NonNullable<KubeObject['metadata']['ownerReferences']>): Promise<void> {
    const ops: unknown[] = [{ op: 'test', path: '/metadata/uid', value: pod.metadata.uid }];
    if (refs.length) ops.push({ op: 'add', path: '/metadata/ownerReferences', value: refs });
    else ops.push({ op: 'remove', path: '/metadata/ownerReferences' });
    await this.client.patch(PODS, pod.metadata.namespace, pod.metadata.name ?? '', 'json', ops);
  }
}

/** RecheckDeletionTimestamp: a fresh read proving the set still exists and is not being deleted (C-6). */
class AdoptionCheck {
  private result: Promise<string | undefined> | undefined;
  constructor(
    private readonly client: ClusterClient,
    private readonly set: StatefulSet,
  ) {}
  check(): Promise<string | undefined> {
    this.result ??= (async () => {
      const { namespace, name, uid } = this.set.metadata;
      const fresh = await this.client.get(STATEFULSETS, namespace, name ?? '');
      if (fresh.metadata.uid !== uid) return `original StatefulSet ${namespace}/${name} is gone: got uid ${fresh.metadata.uid}, wanted ${uid}`;
      if (fresh.metadata.deletionTimestamp) return `${namespace}/${name} has just been deleted at ${fresh.metadata.deletionTimestamp}`;
      return undefined;
    })();
    return this.result;
  }
}

