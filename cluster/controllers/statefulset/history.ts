// ControllerRevision writes (upstream pkg/controller/history realHistory + the revision part of
// stateful_set_control.go): create with hash-collision retry, renumber on rollback,
// adopt orphans, truncate.
import type { ClusterClient } from '../../client/types';
import { CONTROLLER_REVISIONS, isAlreadyExists, isNotFound, newControllerRef } from '../runtime/objects';
import {
  findCurrentRevision, planUpdateRevision, renameForCollision, revisionDataText, type RevisionStep,
} from './revisions';
import type { ControllerRevision, StatefulSet } from './types';
import { STATEFULSET_API_VERSION, STATEFULSET_KIND } from './types';

export interface ResolvedRevisions {
  current: ControllerRevision;
  update: ControllerRevision;
  collisionCount: number;
}

export class ControllerHistory {
  constructor(private readonly client: ClusterClient) {}

  /** getStatefulSetRevisions: makes the current template the newest revision, returns current/update. */
  async resolve(set: StatefulSet, sorted: ControllerRevision[]): Promise<ResolvedRevisions> {
    const collision = { count: set.status?.collisionCount ?? 0 };
    const step: RevisionStep = planUpdateRevision(set, sorted, collision.count);
    let update: ControllerRevision;
    if (step.kind === 'unchanged') update = step.update;
    else if (step.kind === 'renumber') update = await this.renumber(step.revision, step.to);
    else update = await this.create(set, step.candidate, collision);
    return { current: findCurrentRevision(set, sorted, update), update, collisionCount: collision.count };
  }

  /** CreateControllerRevision: on a name clash with different data, bump collisionCount and rehash. */
  async create(set: StatefulSet, candidate: ControllerRevision, collision: { count: number }): Promise<ControllerRevision> {
    for (;;) {
      const clone = renameForCollision(candidate, set.metadata.name ?? '', collision.count);
      try {
        return (await this.client.create(CONTROLLER_REVISIONS, set.metadata.namespace, clone)) as ControllerRevision;
      } catch (err) {
        if (!isAlreadyExists(err)) throw err;
        const exists = (await this.client.get(CONTROLLER_REVISIONS, set.metadata.namespace, clone.metadata.name ?? '')) as ControllerRevision;
        if (revisionDataText(exists) === revisionDataText(clone)) return exists;
        collision.count++;
      }
    }
  }

  /** UpdateControllerRevision: only the revision number changes. */
  async renumber(rev: ControllerRevision, to: number): Promise<ControllerRevision> {
    const updated = { ...structuredClone(rev), revision: to };
    try {
      return (await this.client.update(CONTROLLER_REVISIONS, rev.metadata.namespace, updated)) as ControllerRevision;
    } catch {
      // Conflict: retry on the latest copy once, as RetryOnConflict would.
      const latest = (await this.client.get(CONTROLLER_REVISIONS, rev.metadata.namespace, rev.metadata.name ?? '')) as ControllerRevision;
      return (await this.client.update(CONTROLLER_REVISIONS, rev.metadata.namespace, { ...latest, revision: to })) as ControllerRevision;
    }
  }

  /** AdoptControllerRevision: patch in our controller reference. */
  async adopt(set: StatefulSet, rev: ControllerRevision): Promise<void> {
    const ref = newControllerRef(set, STATEFULSET_API_VERSION, STATEFULSET_KIND);
    const refs = [...(rev.metadata.ownerReferences ?? []), ref];
    await this.client.patch(CONTROLLER_REVISIONS, rev.metadata.namespace, rev.metadata.name ?? '', 'json', [
      { op: 'test', path: '/metadata/uid', value: rev.metadata.uid },
      { op: 'add', path: '/metadata/ownerReferences', value: refs },
    ]);
  }

  /** DeleteControllerRevision; one already gone (a stale cache) is not an error. */
  async delete(rev: ControllerRevision): Promise<void> {
    try {
      await this.client.delete(CONTROLLER_REVISIONS, rev.metadata.namespace, rev.metadata.name ?? '');
    } catch (err) {
      if (!isNotFound(err)) throw err;
    }
  }
}
