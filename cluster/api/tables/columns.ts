// Column definitions of the upstream 1.32 printers (pkg/printers/internalversion/printers.go),
// contract T-7. Descriptions are the Go SwaggerDoc strings, read from the client-node model
// JSDoc (the same text) on first use; where upstream quotes an older API version
// (extensions/v1beta1, apps/v1beta1, ...) the apps/v1 equivalent is used.
import { fieldDescription } from '../openapi/models';

export interface ColumnDefinition {
  name: string;
  type: string;
  format: string;
  description: string;
  priority: number;
}

type Desc = string | [model: string, field: string];

function col(name: string, type: string, desc: Desc, opts: { format?: string; priority?: number } = {}): () => ColumnDefinition {
  return () => ({
    name,
    type,
    format: opts.format ?? '',
    description: typeof desc === 'string' ? desc : fieldDescription(desc[0], desc[1]),
    priority: opts.priority ?? 0,
  });
}

const NAME = col('Name', 'string', ['V1ObjectMeta', 'name'], { format: 'name' });
const AGE = col('Age', 'string', ['V1ObjectMeta', 'creationTimestamp']);
const CONTAINERS = col('Containers', 'string', 'Names of each container in the template.', { priority: 1 });
const IMAGES = col('Images', 'string', 'Images referenced by each container in the template.', { priority: 1 });
const W = { priority: 1 };

// SwaggerDoc texts of struct-typed fields, which client-node does not document on the field.
const RS_SELECTOR =
  'Selector is a label query over pods that should match the replica count. If the selector is empty, it is defaulted to the labels present on the pod template. Label keys and values that must match in order to be controlled by this replica set. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels/#label-selectors';
const PV_CLAIM_REF =
  'claimRef is part of a bi-directional binding between PersistentVolume and PersistentVolumeClaim. Expected to be non-nil when bound. claim.VolumeName is the authoritative bind between PV and PVC. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#binding';
const HPA_TARGET_REF =
  'scaleTargetRef points to the target resource to scale, and is used to the pods for which metrics should be collected, as well as to actually change the replica count.';

const DEFINITIONS: Record<string, (() => ColumnDefinition)[]> = {
  Pod: [
    NAME,
    col('Ready', 'string', 'The aggregate readiness state of this pod for accepting traffic.'),
    col('Status', 'string', 'The aggregate status of the containers in this pod.'),
    col('Restarts', 'string', 'The number of times the containers in this pod have been restarted and when the last container in this pod has restarted.'),
    AGE,
    col('IP', 'string', ['V1PodStatus', 'podIP'], W),
    col('Node', 'string', ['V1PodSpec', 'nodeName'], W),
    col('Nominated Node', 'string', ['V1PodStatus', 'nominatedNodeName'], W),
    col('Readiness Gates', 'string', ['V1PodSpec', 'readinessGates'], W),
  ],
  PodDisruptionBudget: [
    NAME,
    col('Min Available', 'string', 'The minimum number of pods that must be available.'),
    col('Max Unavailable', 'string', 'The maximum number of pods that may be unavailable.'),
    col('Allowed Disruptions', 'integer', 'Calculated number of pods that may be disrupted at this time.'),
    AGE,
  ],
  ReplicaSet: [
    NAME,
    col('Desired', 'integer', ['V1ReplicaSetSpec', 'replicas']),
    col('Current', 'integer', ['V1ReplicaSetStatus', 'replicas']),
    col('Ready', 'integer', ['V1ReplicaSetStatus', 'readyReplicas']),
    AGE,
    CONTAINERS,
    IMAGES,
    col('Selector', 'string', RS_SELECTOR, W),
  ],
  Service: [
    NAME,
    col('Type', 'string', ['V1ServiceSpec', 'type']),
    col('Cluster-IP', 'string', ['V1ServiceSpec', 'clusterIP']),
    col('External-IP', 'string', ['V1ServiceSpec', 'externalIPs']),
    col('Port(s)', 'string', ['V1ServiceSpec', 'ports']),
    AGE,
    col('Selector', 'string', ['V1ServiceSpec', 'selector'], W),
  ],
  Ingress: [
    NAME,
    col('Class', 'string', 'The name of the IngressClass resource that should be used for additional configuration'),
    col('Hosts', 'string', 'Hosts that incoming requests are matched against before the ingress rule'),
    col('Address', 'string', 'Address is a list containing ingress points for the load-balancer'),
    col('Ports', 'string', 'Ports of TLS configurations that open'),
    AGE,
  ],
  StatefulSet: [NAME, col('Ready', 'string', 'Number of the pod with ready state'), AGE, CONTAINERS, IMAGES],
  Endpoints: [NAME, col('Endpoints', 'string', ['V1Endpoints', 'subsets']), AGE],
  Node: [
    NAME,
    col('Status', 'string', 'The status of the node'),
    col('Roles', 'string', 'The roles of the node'),
    AGE,
    col('Version', 'string', ['V1NodeSystemInfo', 'kubeletVersion']),
    col('Internal-IP', 'string', ['V1NodeStatus', 'addresses'], W),
    col('External-IP', 'string', ['V1NodeStatus', 'addresses'], W),
    col('OS-Image', 'string', ['V1NodeSystemInfo', 'osImage'], W),
    col('Kernel-Version', 'string', ['V1NodeSystemInfo', 'kernelVersion'], W),
    col('Container-Runtime', 'string', ['V1NodeSystemInfo', 'containerRuntimeVersion'], W),
  ],
  Event: [
    col('Last Seen', 'string', ['CoreV1Event', 'lastTimestamp']),
    col('Type', 'string', ['CoreV1Event', 'type']),
    col('Reason', 'string', ['CoreV1Event', 'reason']),
    col('Object', 'string', 'The object that this event is about.'),
    col('Subobject', 'string', ['V1ObjectReference', 'fieldPath'], W),
    col('Source', 'string', 'The component reporting this event. Should be a short machine understandable string.', W),
    col('Message', 'string', ['CoreV1Event', 'message']),
    col('First Seen', 'string', ['CoreV1Event', 'firstTimestamp'], W),
    col('Count', 'string', ['CoreV1Event', 'count'], W),
    col('Name', 'string', ['V1ObjectMeta', 'name'], { format: 'name', priority: 1 }),
  ],
  Namespace: [NAME, col('Status', 'string', 'The status of the namespace'), AGE],
  Secret: [NAME, col('Type', 'string', ['V1Secret', 'type']), col('Data', 'string', ['V1Secret', 'data']), AGE],
  ServiceAccount: [NAME, col('Secrets', 'string', ['V1ServiceAccount', 'secrets']), AGE],
  PersistentVolume: [
    NAME,
    col('Capacity', 'string', ['V1PersistentVolumeSpec', 'capacity']),
    col('Access Modes', 'string', ['V1PersistentVolumeSpec', 'accessModes']),
    col('Reclaim Policy', 'string', ['V1PersistentVolumeSpec', 'persistentVolumeReclaimPolicy']),
    col('Status', 'string', ['V1PersistentVolumeStatus', 'phase']),
    col('Claim', 'string', PV_CLAIM_REF),
    col('StorageClass', 'string', 'StorageClass of the pv'),
    col('VolumeAttributesClass', 'string', 'VolumeAttributesClass of the pv'),
    col('Reason', 'string', ['V1PersistentVolumeStatus', 'reason']),
    AGE,
    col('VolumeMode', 'string', ['V1PersistentVolumeSpec', 'volumeMode'], W),
  ],
  PersistentVolumeClaim: [
    NAME,
    col('Status', 'string', ['V1PersistentVolumeClaimStatus', 'phase']),
    col('Volume', 'string', ['V1PersistentVolumeClaimSpec', 'volumeName']),
    col('Capacity', 'string', ['V1PersistentVolumeClaimStatus', 'capacity']),
    col('Access Modes', 'string', ['V1PersistentVolumeClaimStatus', 'accessModes']),
    col('StorageClass', 'string', 'StorageClass of the pvc'),
    col('VolumeAttributesClass', 'string', 'VolumeAttributesClass of the pvc'),
    AGE,
    col('VolumeMode', 'string', ['V1PersistentVolumeClaimSpec', 'volumeMode'], W),
  ],
  Deployment: [
    NAME,
    col('Ready', 'string', 'Number of the pod with ready state'),
    col('Up-to-date', 'string', ['V1DeploymentStatus', 'updatedReplicas']),
    col('Available', 'string', ['V1DeploymentStatus', 'availableReplicas']),
    AGE,
    CONTAINERS,
    IMAGES,
    col('Selector', 'string', 'Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment.', W),
  ],
  HorizontalPodAutoscaler: [
    NAME,
    col('Reference', 'string', HPA_TARGET_REF),
    col('Targets', 'string', ['V2HorizontalPodAutoscalerSpec', 'metrics']),
    col('MinPods', 'string', ['V2HorizontalPodAutoscalerSpec', 'minReplicas']),
    col('MaxPods', 'string', ['V2HorizontalPodAutoscalerSpec', 'maxReplicas']),
    col('Replicas', 'string', ['V2HorizontalPodAutoscalerStatus', 'currentReplicas']),
    AGE,
  ],
  ConfigMap: [NAME, col('Data', 'string', ['V1ConfigMap', 'data']), AGE],
  RoleBinding: [
    NAME,
    col('Role', 'string', 'RoleRef can reference a Role in the current namespace or a ClusterRole in the global namespace. If the RoleRef cannot be resolved, the Authorizer must return an error.'),
    AGE,
    col('Users', 'string', 'Users in the roleBinding', W),
    col('Groups', 'string', 'Groups in the roleBinding', W),
    col('ServiceAccounts', 'string', 'ServiceAccounts in the roleBinding', W),
  ],
  ClusterRoleBinding: [
    NAME,
    col('Role', 'string', 'RoleRef can only reference a ClusterRole in the global namespace. If the RoleRef cannot be resolved, the Authorizer must return an error.'),
    AGE,
    col('Users', 'string', 'Users in the clusterRoleBinding', W),
    col('Groups', 'string', 'Groups in the clusterRoleBinding', W),
    col('ServiceAccounts', 'string', 'ServiceAccounts in the clusterRoleBinding', W),
  ],
  Lease: [NAME, col('Holder', 'string', ['V1LeaseSpec', 'holderIdentity']), AGE],
  StorageClass: [
    NAME,
    col('Provisioner', 'string', ['V1StorageClass', 'provisioner']),
    col('ReclaimPolicy', 'string', ['V1StorageClass', 'reclaimPolicy']),
    col('VolumeBindingMode', 'string', ['V1StorageClass', 'volumeBindingMode']),
    col('AllowVolumeExpansion', 'string', ['V1StorageClass', 'allowVolumeExpansion']),
    AGE,
  ],
  ControllerRevision: [
    NAME,
    col('Controller', 'string', 'Controller of the object'),
    col('Revision', 'string', ['V1ControllerRevision', 'revision']),
    AGE,
  ],
  ResourceQuota: [
    NAME,
    col('Request', 'string', 'Request represents a minimum amount of cpu/memory that a container may consume.'),
    col('Limit', 'string', 'Limits control the maximum amount of cpu/memory that a container may use independent of contention on the node.'),
    AGE,
  ],
  EndpointSlice: [
    NAME,
    col('AddressType', 'string', ['V1EndpointSlice', 'addressType']),
    col('Ports', 'string', ['V1EndpointSlice', 'ports']),
    col('Endpoints', 'string', ['V1EndpointSlice', 'endpoints']),
    AGE,
  ],
  // rest.NewDefaultTableConvertor (T-9): kinds without a printer.
  '': [NAME, col('Created At', 'date', ['V1ObjectMeta', 'creationTimestamp'])],
};

const built = new Map<string, ColumnDefinition[]>();

/** Column definitions for a printer key (a kind, or "" for the default convertor); cached. */
export function columnsFor(key: string): ColumnDefinition[] {
  let cols = built.get(key);
  if (!cols) {
    cols = (DEFINITIONS[key] ?? DEFINITIONS['']).map((f) => f());
    built.set(key, cols);
  }
  return cols;
}

export function hasPrinter(kind: string): boolean {
  return kind !== '' && kind in DEFINITIONS;
}
