// How the StatefulSet controller creates, updates and deletes its pods and claims
// (upstream stateful_pod_control.go), with the events of semantics §7.2 in upstream wording.
// Reads of claims go through the informer cache (`getClaim`), writes through the ClusterClient.
import type { KubeObject } from '../../types';
import type { ClusterClient } from '../../client/types';
import type { EventRecorder, EventType } from '../runtime/eventRecorder';
import { referenceTo } from '../runtime/eventRecorder';
import { PODS, PVCS, errorText, isAlreadyExists, isConflict } from '../runtime/objects';
import { desiredClaimOwnerRefs, hasUnexpectedController, isClaimOwnerUpToDate } from './claimRetention';
import { claimsFor, identityMatches, ordinalOf, storageMatches, updateIdentity, updateStorage } from './podIdentity';
import type { Pod, StatefulSet } from './types';
import { STATEFULSET_API_VERSION, STATEFULSET_KIND } from './types';

const UPDATE_RETRIES = 5; // retry.DefaultBackoff steps

export class StatefulPodControl {
  constructor(
    private readonly client: ClusterClient,
    private readonly recorder: EventRecorder,
    private readonly getClaim: (namespace: string, name: string) => KubeObject | undefined,
  ) {}

  /** CreateStatefulPod: claims first (I-5, C-15), then the pod, then retention references. */
  async createStatefulPod(set: StatefulSet, pod: Pod): Promise<void> {
    try {
      await this.createPersistentVolumeClaims(set, pod);
    } catch (err) {
      this.recordPodEvent('create', set, pod, err);
      throw err;
    }
    let createErr: unknown;
    try {
      const created = await this.client.create(PODS, pod.metadata.namespace, pod);
      pod = { ...pod, metadata: { ...pod.metadata, uid: created.metadata.uid } };
    } catch (err) {
      if (isAlreadyExists(err)) throw err; // a stale cache: no event, retried (E-7 note)
      createErr = err;
    }
    try {
      await this.updatePodClaimForRetentionPolicy(set, pod);
    } catch (err) {
      this.recordPodEvent('update', set, pod, err);
      throw err;
    }
    this.recordPodEvent('create', set, pod, createErr);
    if (createErr) throw createErr;
  }

  /** UpdateStatefulPod: identity/storage/retention repair, retried on conflict (C-18). */
  async updateStatefulPod(set: StatefulSet, original: Pod): Promise<void> {
    let pod: Pod = structuredClone(original);
    let attempted = false;
    let lastErr: unknown;
    for (let attempt = 0; attempt < UPDATE_RETRIES; attempt++) {
      lastErr = undefined;
      try {
        let consistent = true;
        if (!identityMatches(set, pod)) {
          updateIdentity(set, pod);
          consistent = false;
        }
        if (!storageMatches(set, pod)) {
          updateStorage(set, pod);
          consistent = false;
          await this.createPersistentVolumeClaims(set, pod);
        }
        if (!this.claimsMatchRetentionPolicy(set, pod)) {
          await this.updatePodClaimForRetentionPolicy(set, pod);
          consistent = false;
        }
        if (consistent) return;
      } catch (err) {
        this.recordPodEvent('update', set, pod, err);
        throw err;
      }
      attempted = true;
      try {
        await this.client.update(PODS, pod.metadata.namespace, pod);
        break;
      } catch (err) {
        lastErr = err;
        if (!isConflict(err)) break;
        try {
          pod = (await this.client.get(PODS, pod.metadata.namespace, pod.metadata.name ?? '')) as Pod;
        } catch {
          break;
        }
      }
    }
    if (attempted) this.recordPodEvent('update', set, pod, lastErr);
    if (lastErr) throw lastErr;
  }

  /** DeleteStatefulPod (E-6/E-7). */
  async deleteStatefulPod(set: StatefulSet, pod: Pod): Promise<void> {
    let err: unknown;
    try {
      await this.client.delete(PODS, pod.metadata.namespace, pod.metadata.name ?? '');
    } catch (e) {
      err = e;
    }
    this.recordPodEvent('delete', set, pod, err);
    if (err) throw err;
  }

  /** createMissingPersistentVolumeClaims (C-16). */
  async createMissingPersistentVolumeClaims(set: StatefulSet, pod: Pod): Promise<void> {
    await this.createPersistentVolumeClaims(set, pod);
    try {
      await this.updatePodClaimForRetentionPolicy(set, pod);
    } catch (err) {
      this.recordPodEvent('update', set, pod, err);
      throw err;
    }
  }

  claimsMatchRetentionPolicy(set: StatefulSet, pod: Pod): boolean {
    for (const claim of claimsFor(set, ordinalOf(pod)).values()) {
      const existing = this.getClaim(set.metadata.namespace ?? '', claim.metadata.name ?? '');
      if (existing && !isClaimOwnerUpToDate(existing, set, pod)) return false;
    }
    return true;
  }

  /** UpdatePodClaimForRetentionPolicy (C-31, C-33). */
  async updatePodClaimForRetentionPolicy(set: StatefulSet, pod: Pod): Promise<void> {
    for (const wanted of claimsFor(set, ordinalOf(pod)).values()) {
      const name = wanted.metadata.name ?? '';
      const claim = this.getClaim(set.metadata.namespace ?? '', name);
      if (!claim) continue; // picked up in a later sync
      if (hasUnexpectedController(claim, set, pod)) {
        this.event(set, 'Warning', 'ConflictingController', `PersistentVolumeClaim ${name} has a conflicting OwnerReference that acts as a manging controller, the retention policy is ignored for this claim`);
      }
      if (isClaimOwnerUpToDate(claim, set, pod)) continue;
      const updated = structuredClone(claim);
      const refs = desiredClaimOwnerRefs(claim, set, pod);
      if (refs.length) updated.metadata.ownerReferences = refs;
      else delete updated.metadata.ownerReferences;
      try {
        await this.client.update(PVCS, claim.metadata.namespace, updated);
      } catch (err) {
        throw new Error(`could not update claim ${name} for delete policy ownerRefs: ${errorText(err)}`, { cause: err });
      }
    }
  }

  /** createPersistentVolumeClaims (I-5, E-4b, E-5): creates what the cache does not have. */
  private async createPersistentVolumeClaims(set: StatefulSet, pod: Pod): Promise<void> {
    const errs: string[] = [];
    for (const claim of claimsFor(set, ordinalOf(pod)).values()) {
      const name = claim.metadata.name ?? '';
      const existing = this.getClaim(claim.metadata.namespace ?? '', name);
      if (!existing) {
        let err: unknown;
        try {
          await this.client.create(PVCS, claim.metadata.namespace, claim);
        } catch (e) {
          err = e;
          errs.push(`failed to create PVC ${name}: ${errorText(e)}`);
        }
        if (!err || !isAlreadyExists(err)) this.recordClaimEvent(set, pod, name, err);
      } else if (existing.metadata.deletionTimestamp) {
        errs.push(`pvc ${name} is being deleted`);
      }
    }
    // errors.NewAggregate: one error prints bare, several as "[e1, e2]".
    if (errs.length === 1) throw new Error(errs[0]);
    if (errs.length > 1) throw new Error(`[${errs.join(', ')}]`);
  }

  private recordPodEvent(verb: 'create' | 'update' | 'delete', set: StatefulSet, pod: Pod, err: unknown): void {
    const title = verb[0].toUpperCase() + verb.slice(1);
    if (!err) this.event(set, 'Normal', `Successful${title}`, `${verb} Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} successful`);
    else this.event(set, 'Warning', `Failed${title}`, `${verb} Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} failed error: ${errorText(err)}`);
  }

  private recordClaimEvent(set: StatefulSet, pod: Pod, claim: string, err: unknown): void {
    if (!err) this.event(set, 'Normal', 'SuccessfulCreate', `create Claim ${claim} Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} success`);
    else this.event(set, 'Warning', 'FailedCreate', `create Claim ${claim} for Pod ${pod.metadata.name} in StatefulSet ${set.metadata.name} failed error: ${errorText(err)}`);
  }

  private event(set: StatefulSet, type: EventType, reason: string, message: string): void {
    this.recorder.event(referenceTo(set, STATEFULSET_API_VERSION, STATEFULSET_KIND), type, reason, message);
  }
}

