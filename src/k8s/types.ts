// Minimal typed views of the Kubernetes objects the SPA reads. Objects stay plain JSON so that
// fields the UI does not know survive a round trip (architecture.md §3.5).

interface ObjectMeta {
  name: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: { apiVersion: string; kind: string; name: string; uid: string; controller?: boolean }[];
  managedFields?: { manager?: string; operation?: string; time?: string; subresource?: string }[];
}

export interface K8sObject {
  apiVersion?: string;
  kind?: string;
  metadata: ObjectMeta;
}

interface ContainerStateWaiting {
  reason?: string;
  message?: string;
}

interface ContainerState {
  waiting?: ContainerStateWaiting;
  running?: { startedAt?: string };
  terminated?: { reason?: string; exitCode?: number; startedAt?: string; finishedAt?: string };
}

export interface ContainerStatus {
  name: string;
  ready: boolean;
  restartCount: number;
  image?: string;
  started?: boolean;
  state?: ContainerState;
  lastState?: ContainerState;
}

interface ContainerPort {
  name?: string;
  containerPort: number;
  protocol?: string;
}

export interface Container {
  name: string;
  image?: string;
  ports?: ContainerPort[];
}

interface PodCondition {
  type: string;
  status: 'True' | 'False' | 'Unknown';
  reason?: string;
  message?: string;
  lastTransitionTime?: string;
}

export interface Pod extends K8sObject {
  spec?: { nodeName?: string; containers: Container[]; initContainers?: Container[] };
  status?: {
    phase?: string;
    reason?: string;
    message?: string;
    podIP?: string;
    qosClass?: string;
    startTime?: string;
    conditions?: PodCondition[];
    containerStatuses?: ContainerStatus[];
    initContainerStatuses?: ContainerStatus[];
  };
}

export interface StatefulSet extends K8sObject {
  spec: {
    replicas?: number;
    serviceName?: string;
    minReadySeconds?: number;
    selector?: {
      matchLabels?: Record<string, string>;
      matchExpressions?: { key: string; operator: string; values?: string[] }[];
    };
    updateStrategy?: { type?: 'RollingUpdate' | 'OnDelete'; rollingUpdate?: { partition?: number; maxUnavailable?: number | string } };
    podManagementPolicy?: 'OrderedReady' | 'Parallel';
    template?: {
      metadata?: { labels?: Record<string, string>; annotations?: Record<string, string> };
      spec?: { containers?: Container[]; initContainers?: Container[] };
    };
    volumeClaimTemplates?: { metadata?: { name?: string }; spec?: { resources?: { requests?: { storage?: string } } } }[];
    persistentVolumeClaimRetentionPolicy?: { whenDeleted?: 'Retain' | 'Delete'; whenScaled?: 'Retain' | 'Delete' };
  };
  status?: {
    replicas?: number;
    readyReplicas?: number;
    currentReplicas?: number;
    updatedReplicas?: number;
    availableReplicas?: number;
    currentRevision?: string;
    updateRevision?: string;
    observedGeneration?: number;
  };
}

export interface KubeEvent extends K8sObject {
  type?: 'Normal' | 'Warning';
  involvedObject?: { kind?: string; name?: string; namespace?: string; uid?: string; apiVersion?: string };
  count?: number;
  reason?: string;
  message?: string;
  source?: { component?: string };
  reportingComponent?: string;
  lastTimestamp?: string;
  eventTime?: string;
  firstTimestamp?: string;
  metadata: ObjectMeta;
}

interface ServicePort {
  name?: string;
  port: number;
  targetPort?: number | string;
  protocol?: string;
  nodePort?: number;
}

export interface Service extends K8sObject {
  spec?: { type?: string; clusterIP?: string; ports?: ServicePort[]; selector?: Record<string, string> };
}

export interface PodMetrics extends K8sObject {
  timestamp?: string;
  window?: string;
  containers: { name: string; usage: { cpu?: string; memory?: string } }[];
}
