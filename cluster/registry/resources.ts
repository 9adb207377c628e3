// Every resource the embedded API server serves, described once as data (contract D-7..D-11).
// Discovery (legacy and aggregated), OpenAPI, RBAC, tables and the generic store all read this
// table, so they never disagree. Values follow upstream Kubernetes 1.32 discovery
// (`kubectl get --raw /api/v1`, `/apis/apps/v1`, ...): verbs sorted, short names and categories
// as upstream declares them on the REST storage.

export interface SubresourceDescriptor {
  name: string;
  kind: string;
  /** Set only when the subresource's kind lives in another group-version (D-8). */
  group?: string;
  version?: string;
  verbs: string[];
}

export interface ResourceDescriptor {
  group: string;
  version: string;
  resource: string;
  kind: string;
  listKind: string;
  singular: string;
  namespaced: boolean;
  shortNames: string[];
  categories: string[];
  verbs: string[];
  subresources: SubresourceDescriptor[];
  /** false for virtual resources computed per request (access reviews, metrics, tokenreviews) */
  stored: boolean;
}

// D-9 "full" verb set, in the order upstream discovery lists it.
const FULL = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const GPU = ['get', 'patch', 'update'];
const CREATE = ['create'];

function status(kind: string): SubresourceDescriptor {
  return { name: 'status', kind, verbs: GPU };
}
function scale(): SubresourceDescriptor {
  return { name: 'scale', kind: 'Scale', group: 'autoscaling', version: 'v1', verbs: GPU };
}

interface Spec {
  resource: string;
  kind: string;
  namespaced: boolean;
  shortNames?: string[];
  categories?: string[];
  verbs?: string[];
  subresources?: SubresourceDescriptor[];
  stored?: boolean;
  singular?: string;
}

function group(groupName: string, version: string, specs: Spec[]): ResourceDescriptor[] {
  return specs.map((s) => ({
    group: groupName,
    version,
    resource: s.resource,
    kind: s.kind,
    listKind: `${s.kind}List`,
    singular: s.singular ?? s.kind.toLowerCase(),
    namespaced: s.namespaced,
    shortNames: s.shortNames ?? [],
    categories: s.categories ?? [],
    verbs: s.verbs ?? FULL,
    subresources: [...(s.subresources ?? [])].sort((a, b) => a.name.localeCompare(b.name)),
    stored: s.stored ?? true,
  }));
}

const core = group('', 'v1', [
  { resource: 'configmaps', kind: 'ConfigMap', namespaced: true, shortNames: ['cm'] },
  { resource: 'endpoints', kind: 'Endpoints', namespaced: true, shortNames: ['ep'], singular: 'endpoints' },
  { resource: 'events', kind: 'Event', namespaced: true, shortNames: ['ev'] },
  { resource: 'limitranges', kind: 'LimitRange', namespaced: true, shortNames: ['limits'] },
  {
    resource: 'namespaces',
    kind: 'Namespace',
    namespaced: false,
    shortNames: ['ns'],
    // Namespaces have no deletecollection (D-9).
    verbs: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
    subresources: [{ name: 'finalize', kind: 'Namespace', verbs: ['update'] }, status('Namespace')],
  },
  {
    resource: 'nodes',
    kind: 'Node',
    namespaced: false,
    shortNames: ['no'],
    subresources: [
      { name: 'proxy', kind: 'NodeProxyOptions', verbs: ['create', 'delete', 'get', 'patch', 'update'] },
      status('Node'),
    ],
  },
  {
    resource: 'persistentvolumeclaims',
    kind: 'PersistentVolumeClaim',
    namespaced: true,
    shortNames: ['pvc'],
    subresources: [status('PersistentVolumeClaim')],
  },
  {
    resource: 'persistentvolumes',
    kind: 'PersistentVolume',
    namespaced: false,
    shortNames: ['pv'],
    subresources: [status('PersistentVolume')],
  },
  {
    resource: 'pods',
    kind: 'Pod',
    namespaced: true,
    shortNames: ['po'],
    categories: ['all'],
    subresources: [
      { name: 'attach', kind: 'PodAttachOptions', verbs: ['create', 'get'] },
      { name: 'binding', kind: 'Binding', verbs: CREATE },
      { name: 'eviction', kind: 'Eviction', group: 'policy', version: 'v1', verbs: CREATE },
      { name: 'exec', kind: 'PodExecOptions', verbs: ['create', 'get'] },
      { name: 'log', kind: 'Pod', verbs: ['get'] },
      { name: 'portforward', kind: 'PodPortForwardOptions', verbs: ['create', 'get'] },
      status('Pod'),
    ],
  },
  {
    resource: 'resourcequotas',
    kind: 'ResourceQuota',
    namespaced: true,
    shortNames: ['quota'],
    subresources: [status('ResourceQuota')],
  },
  { resource: 'secrets', kind: 'Secret', namespaced: true },
  {
    resource: 'serviceaccounts',
    kind: 'ServiceAccount',
    namespaced: true,
    shortNames: ['sa'],
    subresources: [
      { name: 'token', kind: 'TokenRequest', group: 'authentication.k8s.io', version: 'v1', verbs: CREATE },
    ],
  },
  {
    resource: 'services',
    kind: 'Service',
    namespaced: true,
    shortNames: ['svc'],
    categories: ['all'],
    subresources: [status('Service')],
  },
]);

const apps = group('apps', 'v1', [
  { resource: 'controllerrevisions', kind: 'ControllerRevision', namespaced: true },
  {
    resource: 'deployments',
    kind: 'Deployment',
    namespaced: true,
    shortNames: ['deploy'],
    categories: ['all'],
    subresources: [scale(), status('Deployment')],
  },
  {
    resource: 'replicasets',
    kind: 'ReplicaSet',
    namespaced: true,
    shortNames: ['rs'],
    categories: ['all'],
    subresources: [scale(), status('ReplicaSet')],
  },
  {
    resource: 'statefulsets',
    kind: 'StatefulSet',
    namespaced: true,
    shortNames: ['sts'],
    categories: ['all'],
    subresources: [scale(), status('StatefulSet')],
  },
]);

const eventsGroup = group('events.k8s.io', 'v1', [
  { resource: 'events', kind: 'Event', namespaced: true, shortNames: ['ev'] },
]);

const authentication = group('authentication.k8s.io', 'v1', [
  { resource: 'selfsubjectreviews', kind: 'SelfSubjectReview', namespaced: false, verbs: CREATE, stored: false },
  { resource: 'tokenreviews', kind: 'TokenReview', namespaced: false, verbs: CREATE, stored: false },
]);

const authorization = group('authorization.k8s.io', 'v1', [
  { resource: 'localsubjectaccessreviews', kind: 'LocalSubjectAccessReview', namespaced: true, verbs: CREATE, stored: false },
  { resource: 'selfsubjectaccessreviews', kind: 'SelfSubjectAccessReview', namespaced: false, verbs: CREATE, stored: false },
  { resource: 'selfsubjectrulesreviews', kind: 'SelfSubjectRulesReview', namespaced: false, verbs: CREATE, stored: false },
  { resource: 'subjectaccessreviews', kind: 'SubjectAccessReview', namespaced: false, verbs: CREATE, stored: false },
]);

const HPA: Spec = {
  resource: 'horizontalpodautoscalers',
  kind: 'HorizontalPodAutoscaler',
  namespaced: true,
  shortNames: ['hpa'],
  categories: ['all'],
  subresources: [status('HorizontalPodAutoscaler')],
};
// v2 is preferred; v1 (what `kubectl autoscale` creates) is a converted view of the same objects.
const autoscaling = [...group('autoscaling', 'v2', [HPA]), ...group('autoscaling', 'v1', [HPA])];

const networking = group('networking.k8s.io', 'v1', [
  { resource: 'ingresses', kind: 'Ingress', namespaced: true, shortNames: ['ing'], subresources: [status('Ingress')] },
]);

const policy = group('policy', 'v1', [
  {
    resource: 'poddisruptionbudgets',
    kind: 'PodDisruptionBudget',
    namespaced: true,
    shortNames: ['pdb'],
    subresources: [status('PodDisruptionBudget')],
  },
]);

const rbac = group('rbac.authorization.k8s.io', 'v1', [
  { resource: 'clusterrolebindings', kind: 'ClusterRoleBinding', namespaced: false },
  { resource: 'clusterroles', kind: 'ClusterRole', namespaced: false },
  { resource: 'rolebindings', kind: 'RoleBinding', namespaced: true },
  { resource: 'roles', kind: 'Role', namespaced: true },
]);

const storage = group('storage.k8s.io', 'v1', [
  { resource: 'storageclasses', kind: 'StorageClass', namespaced: false, shortNames: ['sc'] },
]);

const coordination = group('coordination.k8s.io', 'v1', [{ resource: 'leases', kind: 'Lease', namespaced: true }]);

const discoveryGroup = group('discovery.k8s.io', 'v1', [
  { resource: 'endpointslices', kind: 'EndpointSlice', namespaced: true },
]);

// metrics-server (an aggregated API upstream): get/list only, computed per request (M-3).
const metrics = group('metrics.k8s.io', 'v1beta1', [
  { resource: 'nodes', kind: 'NodeMetrics', namespaced: false, verbs: ['get', 'list'], stored: false, singular: 'node' },
  { resource: 'pods', kind: 'PodMetrics', namespaced: true, verbs: ['get', 'list'], stored: false, singular: 'pod' },
]);

/**
 * Groups in the order upstream discovery lists them (descending group priority of the
 * kube-aggregator; aggregated APIs such as metrics.k8s.io last). kubectl resolves ambiguous
 * names (`events`, `ev`) to the first match, so this order is observable.
 */
export const GROUP_ORDER: readonly string[] = [
  'apps',
  'events.k8s.io',
  'authentication.k8s.io',
  'authorization.k8s.io',
  'autoscaling',
  'networking.k8s.io',
  'policy',
  'rbac.authorization.k8s.io',
  'storage.k8s.io',
  'coordination.k8s.io',
  'discovery.k8s.io',
  'metrics.k8s.io',
];

export const RESOURCES: readonly ResourceDescriptor[] = Object.freeze([
  ...core,
  ...apps,
  ...eventsGroup,
  ...authentication,
  ...authorization,
  ...autoscaling,
  ...networking,
  ...policy,
  ...rbac,
  ...storage,
  ...coordination,
  ...discoveryGroup,
  ...metrics,
]);

const byGvr = new Map<string, ResourceDescriptor>();
const byGvk = new Map<string, ResourceDescriptor>();
for (const d of RESOURCES) {
  byGvr.set(`${d.group}/${d.version}/${d.resource}`, d);
  byGvk.set(`${apiVersionOf(d)}/${d.kind}`, d);
}

export function findResource(group: string, version: string, resource: string): ResourceDescriptor | undefined {
  return byGvr.get(`${group}/${version}/${resource}`);
}

/** Finds the resource whose objects carry this apiVersion and kind ("apps/v1", "StatefulSet"). */
export function findResourceByKind(apiVersion: string, kind: string): ResourceDescriptor | undefined {
  return byGvk.get(`${apiVersion}/${kind}`);
}

export function apiVersionOf(d: { group: string; version: string }): string {
  return d.group ? `${d.group}/${d.version}` : d.version;
}

/** Resources of one group-version, in table order; empty when the group-version is not served. */
export function resourcesOf(group: string, version: string): ResourceDescriptor[] {
  return RESOURCES.filter((d) => d.group === group && d.version === version);
}

/** Served group-versions of the named groups, preferred version first ("" = core). */
export function groupVersions(): { group: string; versions: string[] }[] {
  const out: { group: string; versions: string[] }[] = [];
  for (const g of ['', ...GROUP_ORDER]) {
    const versions = [...new Set(RESOURCES.filter((d) => d.group === g).map((d) => d.version))];
    if (versions.length > 0) out.push({ group: g, versions });
  }
  return out;
}

/** Group-resource as errors and RBAC name it: "statefulsets.apps", "pods". */
export function groupResourceOf(d: ResourceDescriptor): string {
  return d.group ? `${d.resource}.${d.group}` : d.resource;
}
