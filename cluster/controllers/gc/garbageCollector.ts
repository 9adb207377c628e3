// Garbage collector over ownerReferences (pkg/controller/garbagecollector), event driven:
// - an owner disappears → each dependent whose owners are now all gone is deleted in the
//   background (with a uid precondition); one that still has a live owner loses the dead ref;
// - an object arrives whose owners do not exist (checked with a live GET) → deleted likewise;
// - an owner deleting with finalizer `foregroundDeletion` → its dependents are deleted
//   (foreground), and once none with blockOwnerDeletion remains the finalizer is removed;
// - an owner deleting with finalizer `orphan` → refs to it are removed from its dependents,
//   then the finalizer.
import type { KubeObject, OwnerReference, ResourceRef } from '../../types';
import type { ClusterClient } from '../../client/types';
import { RESOURCES, findResourceByKind, type ResourceDescriptor } from '../../registry/resources';
import type { Informer } from '../runtime/informer';
import { errorText, isConflict, isNotFound } from '../runtime/objects';
import { WorkQueue } from '../runtime/workQueue';
import type { SimContext } from './informerFactory';

const FOREGROUND = 'foregroundDeletion';
const ORPHAN = 'orphan';

/** Stored, watchable kinds whose objects can own or be owned (events excepted: high volume, never owners). */
function collectedResources(): ResourceDescriptor[] {
  const seen = new Set<string>();
  return RESOURCES.filter((d) => {
    if (!d.stored || !d.verbs.includes('watch') || !d.verbs.includes('delete') || d.resource === 'events') return false;
    const key = `${d.group}/${d.resource}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const refOf = (d: ResourceDescriptor): ResourceRef => ({ group: d.group, version: d.version, resource: d.resource });

interface Located {
  informer: Informer;
  d: ResourceDescriptor;
  namespace?: string;
  name: string;
}

export class GarbageCollector {
  private readonly informers: { d: ResourceDescriptor; informer: Informer }[] = [];
  private readonly byUid = new Map<string, Located>();
  private readonly queue: WorkQueue;
  private running = false;

  constructor(
    private readonly client: ClusterClient,
    private readonly ctx: SimContext,
  ) {
    this.queue = new WorkQueue(ctx.clock);
    for (const d of collectedResources()) {
      const informer = ctx.informers.for(refOf(d));
      this.informers.push({ d, informer });
      informer.addHandlers({
        onAdd: (o) => this.observe(o, d, informer),
        onUpdate: (_old, o) => this.observe(o, d, informer),
        onDelete: (o) => this.gone(o),
      });
    }
  }

  run(): void {
    this.running = true;
    this.queue.run((key) => this.sync(key), 2, (key, e) => this.ctx.log(`gc ${key}: ${errorText(e)}`));
    // Objects listed before every cache was full: look for dangling owners now.
    for (const { informer } of this.informers) for (const o of informer.list()) if (o.metadata.ownerReferences?.length) this.queue.add(`orphaned:${o.metadata.uid}`);
  }

  stop(): void {
    this.running = false;
    this.queue.shutdown();
  }

  idle(): boolean {
    return this.queue.idle() && this.queue.len() === 0;
  }

  private observe(o: KubeObject, d: ResourceDescriptor, informer: Informer): void {
    const uid = o.metadata.uid ?? '';
    this.byUid.set(uid, { informer, d, namespace: o.metadata.namespace, name: o.metadata.name ?? '' });
    const fin = o.metadata.finalizers ?? [];
    if (o.metadata.deletionTimestamp && (fin.includes(FOREGROUND) || fin.includes(ORPHAN))) this.queue.add(`owner:${uid}`);
    if (this.running && o.metadata.ownerReferences?.some((r) => !this.byUid.has(r.uid))) this.queue.add(`orphaned:${uid}`);
  }

  private gone(o: KubeObject): void {
    const uid = o.metadata.uid ?? '';
    this.byUid.delete(uid);
    this.queue.add(`owner:${uid}`);
    // A dependent leaving may complete an owner's foreground deletion.
    for (const r of o.metadata.ownerReferences ?? []) if (this.byUid.has(r.uid)) this.queue.add(`owner:${r.uid}`);
  }

  private current(uid: string): KubeObject | undefined {
    const loc = this.byUid.get(uid);
    return loc ? loc.informer.get(loc.namespace, loc.name) : undefined;
  }

  private dependentsOf(uid: string): { d: ResourceDescriptor; obj: KubeObject }[] {
    return this.informers.flatMap(({ d, informer }) => informer.listByOwner(uid).map((obj) => ({ d, obj })));
  }

  private async sync(key: string): Promise<void> {
    const [kind, uid] = key.split(':');
    if (kind === 'orphaned') {
      const obj = this.current(uid);
      const loc = this.byUid.get(uid);
      if (obj && loc) await this.attemptToDelete(loc.d, obj);
      return;
    }
    const owner = this.current(uid);
    if (!owner) {
      for (const { d, obj } of this.dependentsOf(uid)) await this.attemptToDelete(d, obj);
      return;
    }
    const fin = owner.metadata.finalizers ?? [];
    if (!owner.metadata.deletionTimestamp) return;
    if (fin.includes(ORPHAN)) {
      for (const { d, obj } of this.dependentsOf(uid)) await this.removeOwnerRefs(d, obj, new Set([uid]));
      return this.removeFinalizer(owner, ORPHAN);
    }
    if (fin.includes(FOREGROUND)) {
      const deps = this.dependentsOf(uid);
      for (const { d, obj } of deps) {
        if (obj.metadata.deletionTimestamp) continue;
        await this.deleteObject(d, obj, 'Foreground');
      }
      const blocking = deps.filter(({ obj }) => obj.metadata.ownerReferences?.some((r) => r.uid === uid && r.blockOwnerDeletion));
      if (blocking.length === 0) await this.removeFinalizer(owner, FOREGROUND);
    }
  }

  /** Is this owner reference's object alive (same uid)? A cache miss is confirmed with a GET. */
  private async ownerExists(dep: KubeObject, ref: OwnerReference): Promise<boolean> {
    if (this.byUid.has(ref.uid)) return true;
    const d = findResourceByKind(ref.apiVersion, ref.kind);
    if (!d) return false;
    try {
      const o = await this.client.get(refOf(d), d.namespaced ? dep.metadata.namespace : undefined, ref.name);
      return o.metadata.uid === ref.uid;
    } catch (e) {
      if (isNotFound(e)) return false;
      throw e;
    }
  }

  private async attemptToDelete(d: ResourceDescriptor, obj: KubeObject): Promise<void> {
    const refs = obj.metadata.ownerReferences ?? [];
    if (!refs.length) return;
    const dead = new Set<string>();
    let waitingForeground = false;
    for (const r of refs) {
      if (!(await this.ownerExists(obj, r))) dead.add(r.uid);
      else {
        const owner = this.current(r.uid);
        if (owner?.metadata.deletionTimestamp && owner.metadata.finalizers?.includes(FOREGROUND)) waitingForeground = true;
      }
    }
    if (dead.size === 0) return;
    if (dead.size < refs.length && !waitingForeground) return this.removeOwnerRefs(d, obj, dead);
    if (obj.metadata.deletionTimestamp) return;
    await this.deleteObject(d, obj, 'Background');
  }

  private async deleteObject(d: ResourceDescriptor, obj: KubeObject, policy: 'Background' | 'Foreground'): Promise<void> {
    try {
      await this.client.delete(refOf(d), obj.metadata.namespace, obj.metadata.name ?? '', { propagationPolicy: policy, preconditions: { uid: obj.metadata.uid } });
    } catch (e) {
      if (!isNotFound(e) && !isConflict(e)) throw e;
    }
  }

  private async removeOwnerRefs(d: ResourceDescriptor, obj: KubeObject, uids: Set<string>): Promise<void> {
    const left = (obj.metadata.ownerReferences ?? []).filter((r) => !uids.has(r.uid));
    try {
      await this.client.patch(refOf(d), obj.metadata.namespace, obj.metadata.name ?? '', 'merge', {
        metadata: { resourceVersion: obj.metadata.resourceVersion, ownerReferences: left.length ? left : null },
      });
    } catch (e) {
      if (isNotFound(e)) return;
      throw e; // conflicts retry with back-off on fresh cache data
    }
  }

  private async removeFinalizer(owner: KubeObject, finalizer: string): Promise<void> {
    const loc = this.byUid.get(owner.metadata.uid ?? '');
    if (!loc) return;
    const left = (owner.metadata.finalizers ?? []).filter((f) => f !== finalizer);
    try {
      await this.client.patch(refOf(loc.d), owner.metadata.namespace, owner.metadata.name ?? '', 'merge', {
        metadata: { resourceVersion: owner.metadata.resourceVersion, finalizers: left.length ? left : null },
      });
    } catch (e) {
      if (!isNotFound(e)) throw e;
    }
  }
}

export function start(client: ClusterClient, ctx: SimContext): GarbageCollector {
  return new GarbageCollector(client, ctx);
}
