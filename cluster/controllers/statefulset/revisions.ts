// ControllerRevisions of a StatefulSet (semantics §6, upstream pkg/controller/history and
// stateful_set_utils.go getPatch/newRevision/ApplyRevision). Everything here is pure; the writes
// (create with collision retry, renumber, adopt, delete) live in history.ts.
import type { KubeObject } from '../../types';
import { newControllerRef } from '../runtime/objects';
import { goEncode, normalizeTemplate } from './goJson';
import type { ControllerRevision, Pod, PodTemplate, StatefulSet } from './types';
import { REVISION_HASH_LABEL, REVISION_LABEL, STATEFULSET_API_VERSION, STATEFULSET_KIND } from './types';

const SAFE_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** FNV-1 (multiply, then xor) 32-bit over data + collisionCount, rand.SafeEncodeString'd. */
export function revisionHash(data: string, collisionCount: number): string {
  let h = 0x811c9dc5;
  for (const b of Buffer.from(data + String(collisionCount), 'utf8')) {
    h = Math.imul(h, 0x01000193) >>> 0;
    h = (h ^ b) >>> 0;
  }
  return [...String(h >>> 0)].map((c) => SAFE_ALPHABET[c.charCodeAt(0) % SAFE_ALPHABET.length]).join('');
}

/** `<set name, first 223 bytes>-<hash>`. */
function revisionName(setName: string, hash: string): string {
  const prefix = Buffer.from(setName, 'utf8').subarray(0, 223).toString('utf8');
  return `${prefix}-${hash}`;
}

/** `{"spec":{"template":{…,"$patch":"replace"}}}`, Go-encoded. */
export function revisionData(set: StatefulSet): string {
  const template = normalizeTemplate(set.spec.template) as Record<string, unknown>;
  template.$patch = 'replace';
  return goEncode({ spec: { template } });
}

/** The stored data as bytes to compare: verbatim when a string, else re-encoded canonically. */
export function revisionDataText(rev: ControllerRevision): string {
  if (typeof rev.data === 'string') return rev.data;
  return goEncode(rev.data ?? null);
}

/** newRevision + history.NewControllerRevision: the candidate object for the current template. */
export function newRevision(set: StatefulSet, revision: number, collisionCount: number): ControllerRevision {
  const data = revisionData(set);
  const hash = revisionHash(data, collisionCount);
  const labels: Record<string, string> = { ...(set.spec.template.metadata?.labels ?? {}), [REVISION_HASH_LABEL]: hash };
  const metadata: KubeObject['metadata'] = {
    name: revisionName(set.metadata.name ?? '', hash),
    namespace: set.metadata.namespace,
    labels,
    ownerReferences: [newControllerRef(set, STATEFULSET_API_VERSION, STATEFULSET_KIND)],
  };
  if (set.metadata.annotations && Object.keys(set.metadata.annotations).length > 0) {
    metadata.annotations = { ...set.metadata.annotations };
  }
  return { apiVersion: 'apps/v1', kind: 'ControllerRevision', metadata, data: JSON.parse(data) as unknown, revision };
}

/** Renames a candidate for a retry after a hash collision (labels keep the first hash, as upstream). */
export function renameForCollision(candidate: ControllerRevision, setName: string, collisionCount: number): ControllerRevision {
  const hash = revisionHash(revisionDataText(candidate), collisionCount);
  return { ...candidate, metadata: { ...candidate.metadata, name: revisionName(setName, hash) } };
}

/** history.SortControllerRevisions: by revision, then creationTimestamp, then name. */
export function sortRevisions(revs: ControllerRevision[]): ControllerRevision[] {
  return [...revs].sort(
    (a, b) =>
      a.revision - b.revision ||
      byteCompare(a.metadata.creationTimestamp ?? '', b.metadata.creationTimestamp ?? '') ||
      byteCompare(a.metadata.name ?? '', b.metadata.name ?? ''),
  );
}

function nextRevision(sorted: ControllerRevision[]): number {
  return sorted.length === 0 ? 1 : sorted[sorted.length - 1].revision + 1;
}

/** history.EqualRevision: byte equality of data (hash labels are not decimal, so never compared). */
function equalRevision(a: ControllerRevision, b: ControllerRevision): boolean {
  return revisionDataText(a) === revisionDataText(b);
}

export type RevisionStep =
  | { kind: 'unchanged'; update: ControllerRevision }
  | { kind: 'renumber'; revision: ControllerRevision; to: number }
  | { kind: 'create'; candidate: ControllerRevision };

/**
 * getStatefulSetRevisions minus the writes (R-5…R-8): what must happen so that a revision for
 * the current template is the newest one.
 */
export function planUpdateRevision(set: StatefulSet, sorted: ControllerRevision[], collisionCount: number): RevisionStep {
  const candidate = newRevision(set, nextRevision(sorted), collisionCount);
  const equal = sorted.filter((r) => equalRevision(r, candidate));
  if (equal.length > 0 && equal[equal.length - 1] === sorted[sorted.length - 1]) {
    return { kind: 'unchanged', update: sorted[sorted.length - 1] };
  }
  if (equal.length > 0) return { kind: 'renumber', revision: equal[equal.length - 1], to: candidate.revision };
  return { kind: 'create', candidate };
}

/** the revision named by status.currentRevision, else the update revision. */
export function findCurrentRevision(set: StatefulSet, sorted: ControllerRevision[], update: ControllerRevision): ControllerRevision {
  return sorted.find((r) => r.metadata.name === set.status?.currentRevision) ?? update;
}

/** ApplyRevision: the set with its template replaced by the revision's template. */
export function applyRevision(set: StatefulSet, rev: ControllerRevision): StatefulSet {
  const data = (typeof rev.data === 'string' ? JSON.parse(rev.data) : rev.data) as { spec?: { template?: Record<string, unknown> } };
  const template = structuredClone(data?.spec?.template ?? {});
  delete template.$patch;
  const meta = template.metadata as Record<string, unknown> | undefined;
  if (meta && meta.creationTimestamp === null) delete meta.creationTimestamp;
  return { ...structuredClone(set), spec: { ...structuredClone(set.spec), template: template as PodTemplate } };
}

/**
 * truncateHistory: non-live revisions beyond revisionHistoryLimit, oldest first. A negative
 * limit keeps everything (what later releases do; 1.32 does not validate it, V-22).
 */
export function revisionsToTruncate(
  set: StatefulSet,
  pods: Pod[],
  sorted: ControllerRevision[],
  current: ControllerRevision | undefined,
  update: ControllerRevision | undefined,
): ControllerRevision[] {
  const live = new Set<string>();
  if (current?.metadata.name) live.add(current.metadata.name);
  if (update?.metadata.name) live.add(update.metadata.name);
  for (const p of pods) live.add(p.metadata.labels?.[REVISION_LABEL] ?? '');
  const history = sorted.filter((r) => !live.has(r.metadata.name ?? ''));
  const limit = set.spec.revisionHistoryLimit ?? 10;
  if (limit < 0 || history.length <= limit) return [];
  return history.slice(0, history.length - limit);
}

function byteCompare(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
