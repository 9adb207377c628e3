// Namespace lifecycle (pkg/controller/namespace, M-5): a namespace with a deletionTimestamp has
// all its content deleted (pods gracefully, through the kubelet), its status conditions report
// what remains, and once nothing is left the `kubernetes` finalizer is removed through
// namespaces/<name>/finalize, which lets the API server remove the namespace.
import type { KubeObject, ResourceRef } from '../../types';
import type { ClusterClient } from '../../client/types';
import { RESOURCES, type ResourceDescriptor } from '../../registry/resources';
import { rfc3339 } from '../runtime/clock';
import type { SimContext } from '../gc/informerFactory';
import type { Informer } from '../runtime/informer';
import { EVENTS, errorText, isConflict, isNotFound } from '../runtime/objects';
import { WorkQueue } from '../runtime/workQueue';

export const NAMESPACES: ResourceRef = { group: '', version: 'v1', resource: 'namespaces' };
const RECHECK_MS = 2000;

/** Namespaced kinds whose objects go with their namespace (events are deleted but not awaited). */
export function namespacedResources(): ResourceDescriptor[] {
  const seen = new Set<string>();
  return RESOURCES.filter((d) => {
    if (!d.namespaced || !d.stored || !d.verbs.includes('delete') || !d.verbs.includes('watch') || d.resource === 'events') return false;
    const key = `${d.group}/${d.resource}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

type Cond = { type: string; status: string; lastTransitionTime: string; reason: string; message: string };

/** The NamespaceDeletion… and NamespaceContentRemaining conditions upstream reports while terminating. */
export function terminatingConditions(remaining: Map<string, number>, now: string): Cond[] {
  const total = [...remaining.values()].reduce((a, b) => a + b, 0);
  const names = [...remaining.keys()].sort();
  const c = (type: string, status: string, reason: string, message: string): Cond => ({ type, status, lastTransitionTime: now, reason, message });
  return [
    c('NamespaceDeletionDiscoveryFailure', 'False', 'ResourcesDiscovered', 'All resources successfully discovered'),
    c('NamespaceDeletionGroupVersionParsingFailure', 'False', 'ParsedGroupVersions', 'All legacy kube types successfully parsed'),
    c('NamespaceDeletionContentFailure', 'False', 'ContentDeleted', 'All content successfully deleted, may be waiting on finalization'),
    total
      ? c('NamespaceContentRemaining', 'True', 'SomeResourcesRemain', `Some resources are remaining: ${names.map((n) => `${n} has ${remaining.get(n)} resource instances`).join(', ')}`)
      : c('NamespaceContentRemaining', 'False', 'ContentRemoved', 'All content successfully removed'),
    c('NamespaceFinalizersRemaining', 'False', 'ContentHasNoFinalizers', 'All content-preserving finalizers finished'),
  ];
}

export class NamespaceController {
  private readonly namespaces: Informer;
  private readonly content: { d: ResourceDescriptor; informer: Informer }[] = [];
  private readonly queue: WorkQueue;

  constructor(
    private readonly client: ClusterClient,
    private readonly ctx: SimContext,
  ) {
    this.namespaces = ctx.informers.for(NAMESPACES);
    this.queue = new WorkQueue(ctx.clock);
    const check = (ns: KubeObject) => {
      if (ns.metadata.deletionTimestamp) this.queue.add(ns.metadata.name ?? '');
    };
    this.namespaces.addHandlers({ onAdd: check, onUpdate: (_o, ns) => check(ns) });
    for (const d of namespacedResources()) {
      const informer = ctx.informers.for({ group: d.group, version: d.version, resource: d.resource });
      this.content.push({ d, informer });
      informer.addHandlers({
        onDelete: (o) => {
          const ns = this.namespaces.get(undefined, o.metadata.namespace ?? '');
          if (ns?.metadata.deletionTimestamp) this.queue.add(ns.metadata.name ?? '');
        },
      });
    }
  }

  run(): void {
    this.queue.run((key) => this.sync(key), 1, (key, e) => this.ctx.log(`namespace ${key}: ${errorText(e)}`));
  }

  stop(): void {
    this.queue.shutdown();
  }

  private async sync(name: string): Promise<void> {
    const ns = this.namespaces.get(undefined, name);
    if (!ns?.metadata.deletionTimestamp) return;
    const remaining = new Map<string, number>();
    for (const { d, informer } of this.content) {
      const items = informer.list(name);
      if (!items.length) continue;
      remaining.set(d.group ? `${d.resource}.${d.group}` : d.resource, items.length);
      for (const o of items) {
        if (o.metadata.deletionTimestamp) continue;
        try {
          await this.client.delete({ group: d.group, version: d.version, resource: d.resource }, name, o.metadata.name ?? '', { propagationPolicy: 'Background', preconditions: { uid: o.metadata.uid } });
        } catch (e) {
          if (!isNotFound(e) && !isConflict(e)) throw e;
        }
      }
    }
    await this.deleteEvents(name);
    const now = rfc3339(this.ctx.clock.now());
    const conditions = terminatingConditions(remaining, now);
    const prev = ((ns.status as { conditions?: Cond[] } | undefined)?.conditions ?? []) as Cond[];
    const changed = conditions.some((c) => {
      const p = prev.find((x) => x.type === c.type);
      return !p || p.status !== c.status || p.message !== c.message;
    });
    if (changed) {
      for (const c of conditions) {
        const p = prev.find((x) => x.type === c.type);
        if (p && p.status === c.status) c.lastTransitionTime = p.lastTransitionTime;
      }
      try {
        await this.client.patch(NAMESPACES, undefined, name, 'merge', { status: { conditions } }, { subresource: 'status' });
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
    }
    if (remaining.size) {
      // Pods wait for their kubelet; look again even if no delete event reaches us.
      this.queue.addAfter(name, RECHECK_MS);
      return;
    }
    await this.finalize(name);
  }

  private async deleteEvents(namespace: string): Promise<void> {
    const { items } = await this.client.list(EVENTS, { namespace });
    for (const ev of items) {
      try {
        await this.client.delete(EVENTS, namespace, ev.metadata.name ?? '');
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
    }
  }

  private async finalize(name: string): Promise<void> {
    let ns: KubeObject;
    try {
      ns = await this.client.get(NAMESPACES, undefined, name);
    } catch (e) {
      if (isNotFound(e)) return;
      throw e;
    }
    const spec = (ns.spec ?? {}) as { finalizers?: string[] };
    const left = (spec.finalizers ?? []).filter((f) => f !== 'kubernetes');
    if (left.length === (spec.finalizers ?? []).length) return;
    await this.client.update(NAMESPACES, undefined, { ...ns, spec: { ...spec, finalizers: left } }, { subresource: 'finalize' });
  }
}

export function start(client: ClusterClient, ctx: SimContext): NamespaceController {
  return new NamespaceController(client, ctx);
}
