// Small helpers over descriptors and objects used by every registry operation.
import type { ResourceDescriptor } from '../../registry/resources';
import { apiVersionOf } from '../../registry/resources';
import type { KubeObject } from '../../types';
import type { GroupResource } from '../errors';

/** Storage key of a resource: one keyspace per group + plural. */
export function kindKey(d: ResourceDescriptor): string {
  // M-1: events.k8s.io/v1 Events live in the core Event keyspace (see eventsView.ts).
  if (d.group === 'events.k8s.io' && d.resource === 'events') return '/events';
  return `${d.group}/${d.resource}`;
}

export function groupResource(d: ResourceDescriptor): GroupResource {
  return { group: d.group, resource: d.resource };
}

/**
 * Kinds whose strategies set metadata.generation = 1 on create upstream (O-1): the controllers
 * observe their spec. Pods, ConfigMaps, Secrets, Services, ... carry no generation in 1.32.
 */
const GENERATION_KINDS = new Set([
  'apps/statefulsets',
  'apps/deployments',
  'apps/replicasets',
  'apps/daemonsets',
  'batch/jobs',
  'batch/cronjobs',
  'policy/poddisruptionbudgets',
  'networking.k8s.io/ingresses',
  'networking.k8s.io/networkpolicies',
  'autoscaling/horizontalpodautoscalers',
]);

export function tracksGeneration(d: ResourceDescriptor): boolean {
  return GENERATION_KINDS.has(kindKey(d));
}

export function hasSubresource(d: ResourceDescriptor, name: string): boolean {
  return d.subresources.some((s) => s.name === name);
}

/** Writes kind/apiVersion first so stored JSON reads like upstream output. */
export function withTypeMeta(d: ResourceDescriptor, obj: KubeObject): KubeObject {
  const { kind: _k, apiVersion: _a, ...rest } = obj;
  return { kind: d.kind, apiVersion: apiVersionOf(d), ...rest } as KubeObject;
}

export function parse(json: string): KubeObject {
  return JSON.parse(json) as KubeObject;
}

export function clone<T>(v: T): T {
  return structuredClone(v);
}

/** RFC 3339 in whole seconds, as metav1.Time serialises (O-1). */
export function rfc3339(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/** Structural equality of JSON values, ignoring object key order (O-4 no-op detection). */
export function jsonEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const bb = b as unknown[];
    return a.length === bb.length && a.every((x, i) => jsonEqual(x, bb[i]));
  }
  const ao = a as Record<string, unknown>;
  const bo = b as Record<string, unknown>;
  const ak = Object.keys(ao).filter((k) => ao[k] !== undefined);
  const bk = Object.keys(bo).filter((k) => bo[k] !== undefined);
  if (ak.length !== bk.length) return false;
  return ak.every((k) => Object.prototype.hasOwnProperty.call(bo, k) && jsonEqual(ao[k], bo[k]));
}

const NAME_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** generateName suffix: 5 characters from the upstream alphabet (O-7). */
export function randomSuffix(): string {
  let s = '';
  for (let i = 0; i < 5; i++) s += NAME_ALPHABET[Math.floor(Math.random() * NAME_ALPHABET.length)];
  return s;
}
