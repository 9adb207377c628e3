// ClusterClient for controllers running in the server process. Requests take the same registry
// path as HTTP (identity checks, admission, defaulting, validation, resourceVersions, watch
// events), only without TLS and JSON framing. Watch events are delivered asynchronously, in
// resourceVersion order, so a controller that writes from its handler never re-enters the store.
import { findResource, type ResourceDescriptor } from '../registry/resources';
import { newBadRequest, newNotFound } from '../api/errors';
import type { PatchContentType } from '../api/patch/index';
import { bindPod } from '../api/rest/binding';
import { deleteObject } from '../api/rest/deleting';
import { listObjects, objectOf } from '../api/rest/listing';
import { parse } from '../api/rest/objects';
import type { Registry } from '../api/rest/registry';
import { writeContext } from '../api/rest/types';
import { startWatch } from '../api/rest/watching';
import type { KubeObject, ResourceRef } from '../types';
import type { ClusterClient, DeleteOptions, ListOptions, ListResult, PatchType, WatchEvent, WatchOptions, WriteOptions } from './types';

const PATCH_CONTENT_TYPES: Record<PatchType, PatchContentType> = {
  json: 'application/json-patch+json',
  merge: 'application/merge-patch+json',
  strategic: 'application/strategic-merge-patch+json',
  apply: 'application/apply-patch+yaml',
};

export class InProcessClient implements ClusterClient {
  constructor(
    private readonly reg: Registry,
    /** fieldManager recorded for writes that do not name one (P-6). */
    private readonly defaultManager = 'ordinal-controller-manager',
  ) {}

  private descriptor(ref: ResourceRef): ResourceDescriptor {
    const d = findResource(ref.group, ref.version, ref.resource);
    if (!d) throw newNotFound({ group: ref.group, resource: ref.resource }, '');
    return d;
  }

  private ctx(opts?: WriteOptions) {
    return writeContext({ fieldManager: opts?.fieldManager ?? this.defaultManager });
  }

  async get(ref: ResourceRef, namespace: string | undefined, name: string): Promise<KubeObject> {
    return this.reg.get(this.descriptor(ref), namespace, name);
  }

  async list(ref: ResourceRef, opts: ListOptions = {}): Promise<ListResult> {
    const page = await listObjects(this.reg, this.descriptor(ref), opts.namespace, { labelSelector: opts.labelSelector, fieldSelector: opts.fieldSelector });
    return { items: page.rows.map(objectOf), resourceVersion: page.resourceVersion };
  }

  watch(ref: ResourceRef, opts: WatchOptions, onEvent: (ev: WatchEvent) => void): () => void {
    const d = this.descriptor(ref);
    let stopped = false;
    const queue: WatchEvent[] = [];
    let scheduled = false;
    const flush = (): void => {
      scheduled = false;
      while (queue.length && !stopped) onEvent(queue.shift()!);
    };
    const handle = startWatch(
      this.reg,
      d,
      opts.namespace,
      { labelSelector: opts.labelSelector, fieldSelector: opts.fieldSelector, resourceVersion: opts.resourceVersion },
      (ev) => {
        queue.push({ type: ev.type, object: ev.obj ?? parse(ev.json) });
        if (!scheduled) {
          scheduled = true;
          queueMicrotask(flush);
        }
      },
      () => {},
    );
    return () => {
      stopped = true;
      handle.stop();
    };
  }

  async create(ref: ResourceRef, namespace: string | undefined, obj: KubeObject, opts?: WriteOptions): Promise<KubeObject> {
    if (opts?.subresource === 'binding' && ref.group === '' && ref.resource === 'pods') {
      // Like HTTP, the answer is a Success Status.
      bindPod(this.reg, namespace, obj.metadata?.name ?? '', structuredClone(obj), this.ctx(opts));
      return { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 };
    }
    if (opts?.subresource) throw newBadRequest(`in-process create of subresource ${opts.subresource} is not supported`);
    return this.reg.create(this.descriptor(ref), namespace, structuredClone(obj), this.ctx(opts)).object;
  }

  async update(ref: ResourceRef, namespace: string | undefined, obj: KubeObject, opts?: WriteOptions): Promise<KubeObject> {
    const name = obj.metadata?.name ?? '';
    return this.reg.update(this.descriptor(ref), namespace, name, structuredClone(obj), this.ctx(opts), opts?.subresource).object;
  }

  async patch(ref: ResourceRef, namespace: string | undefined, name: string, type: PatchType, patch: unknown, opts?: WriteOptions): Promise<KubeObject> {
    const body = typeof patch === 'string' ? patch : JSON.stringify(patch);
    return this.reg.patch(this.descriptor(ref), namespace, name, PATCH_CONTENT_TYPES[type], body, this.ctx(opts), opts?.subresource).object;
  }

  async delete(ref: ResourceRef, namespace: string | undefined, name: string, opts: DeleteOptions = {}): Promise<KubeObject | undefined> {
    const res = deleteObject(this.reg, this.descriptor(ref), namespace, name, opts, this.ctx());
    return res.object;
  }
}
