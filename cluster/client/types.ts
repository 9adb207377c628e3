// The in-process client controllers use. It goes through the same registry path as HTTP
// requests (defaulting, validation, admission, resourceVersions, watch events) — never a
// side door into the database — so controllers see exactly what kubectl sees.
import type { KubeObject, ResourceRef } from '../types';

export interface ListOptions {
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
}

export interface ListResult {
  items: KubeObject[];
  resourceVersion: string;
}

type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK' | 'ERROR';

export interface WatchEvent {
  type: WatchEventType;
  object: KubeObject;
}

export interface WatchOptions extends ListOptions {
  /** Replay every change after this resourceVersion; unset = synthetic ADDED for current state. */
  resourceVersion?: string;
}

export interface DeleteOptions {
  propagationPolicy?: 'Background' | 'Foreground' | 'Orphan';
  gracePeriodSeconds?: number;
  preconditions?: { uid?: string; resourceVersion?: string };
}

export type PatchType = 'json' | 'merge' | 'strategic' | 'apply';

export interface WriteOptions {
  subresource?: string;
  fieldManager?: string;
}

export interface ClusterClient {
  get(ref: ResourceRef, namespace: string | undefined, name: string): Promise<KubeObject>;
  list(ref: ResourceRef, opts?: ListOptions): Promise<ListResult>;
  /** Starts a watch; returns a function that stops it. Events arrive in resourceVersion order. */
  watch(ref: ResourceRef, opts: WatchOptions, onEvent: (ev: WatchEvent) => void): () => void;
  create(ref: ResourceRef, namespace: string | undefined, obj: KubeObject, opts?: WriteOptions): Promise<KubeObject>;
  update(ref: ResourceRef, namespace: string | undefined, obj: KubeObject, opts?: WriteOptions): Promise<KubeObject>;
  patch(
    ref: ResourceRef,
    namespace: string | undefined,
    name: string,
    type: PatchType,
    patch: unknown,
    opts?: WriteOptions,
  ): Promise<KubeObject>;
  delete(ref: ResourceRef, namespace: string | undefined, name: string, opts?: DeleteOptions): Promise<KubeObject | undefined>;
}
