// The parts of apps/v1 StatefulSet, ControllerRevision and core/v1 Pod/PVC the controller reads,
// typed over the plain JSON objects the cluster stores.
import type { KubeObject } from '../../types';
import type { LabelSelectorObject } from '../runtime/labelSelector';

export interface PodTemplate {
  metadata?: { labels?: Record<string, string>; annotations?: Record<string, string>; finalizers?: string[]; [k: string]: unknown };
  spec?: PodSpec;
}

export interface Volume {
  name: string;
  persistentVolumeClaim?: { claimName: string; readOnly?: boolean };
  [source: string]: unknown;
}

interface PodSpec {
  volumes?: Volume[];
  hostname?: string;
  subdomain?: string;
  [field: string]: unknown;
}

export interface ClaimTemplate extends KubeObject {
  spec?: Record<string, unknown>;
}

interface RetentionPolicy {
  whenDeleted?: string;
  whenScaled?: string;
}

interface StatefulSetSpec {
  replicas?: number;
  selector?: LabelSelectorObject;
  template: PodTemplate;
  volumeClaimTemplates?: ClaimTemplate[];
  serviceName?: string;
  podManagementPolicy?: string;
  updateStrategy?: { type?: string; rollingUpdate?: { partition?: number; maxUnavailable?: number | string } };
  revisionHistoryLimit?: number;
  minReadySeconds?: number;
  persistentVolumeClaimRetentionPolicy?: RetentionPolicy;
  ordinals?: { start?: number };
}

export interface StatefulSetStatus {
  observedGeneration?: number;
  replicas?: number;
  readyReplicas?: number;
  currentReplicas?: number;
  updatedReplicas?: number;
  currentRevision?: string;
  updateRevision?: string;
  collisionCount?: number;
  conditions?: unknown[];
  availableReplicas?: number;
}

export interface StatefulSet extends KubeObject {
  spec: StatefulSetSpec;
  status?: StatefulSetStatus;
}

interface PodCondition {
  type: string;
  status: string;
  lastTransitionTime?: string;
  [k: string]: unknown;
}

export interface Pod extends KubeObject {
  spec: PodSpec;
  status?: { phase?: string; conditions?: PodCondition[]; [k: string]: unknown };
}

export interface ControllerRevision extends KubeObject {
  /** The JSON text of the revision's data exactly as stored, or its parsed form. */
  data?: unknown;
  revision: number;
}

export const STATEFULSET_API_VERSION = 'apps/v1';
export const STATEFULSET_KIND = 'StatefulSet';
export const POD_NAME_LABEL = 'statefulset.kubernetes.io/pod-name';
export const POD_INDEX_LABEL = 'apps.kubernetes.io/pod-index';
export const REVISION_LABEL = 'controller-revision-hash';
export const REVISION_HASH_LABEL = 'controller.kubernetes.io/hash';
