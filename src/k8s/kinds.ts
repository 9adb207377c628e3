// Kinds described once, as data (OpenShift "models as data", style.md). URL builders, hooks,
// RBAC checks and query keys take a Kind; nothing is hard-coded per page.

export interface Kind {
  kind: string;
  /** '' for the core group. */
  group: string;
  version: string;
  plural: string;
  namespaced: boolean;
  /** Label used in RBAC hover texts ("statefulsets", "statefulsets/scale"). */
  label: string;
}

function kind(kind: string, group: string, version: string, plural: string, namespaced = true): Kind {
  return { kind, group, version, plural, namespaced, label: plural };
}

export const StatefulSetKind = kind('StatefulSet', 'apps', 'v1', 'statefulsets');
export const PodKind = kind('Pod', '', 'v1', 'pods');
export const ServiceKind = kind('Service', '', 'v1', 'services');
export const PVCKind = kind('PersistentVolumeClaim', '', 'v1', 'persistentvolumeclaims');
export const EventKind = kind('Event', '', 'v1', 'events');
export const NamespaceKind = kind('Namespace', '', 'v1', 'namespaces', false);
export const PodMetricsKind = kind('PodMetrics', 'metrics.k8s.io', 'v1beta1', 'pods');
export const HPAKind = kind('HorizontalPodAutoscaler', 'autoscaling', 'v2', 'horizontalpodautoscalers');
export const EndpointsKind = kind('Endpoints', '', 'v1', 'endpoints');
export const SelfSubjectRulesReviewKind = kind('SelfSubjectRulesReview', 'authorization.k8s.io', 'v1', 'selfsubjectrulesreviews', false);
export const SelfSubjectAccessReviewKind = kind('SelfSubjectAccessReview', 'authorization.k8s.io', 'v1', 'selfsubjectaccessreviews', false);

/** `apps/v1` or `v1`. */
export function apiVersionOf(k: Kind): string {
  return k.group ? `${k.group}/${k.version}` : k.version;
}

/**
 * Path below the cluster root: `/apis/apps/v1/namespaces/demo/statefulsets/web/scale`.
 * `ns` undefined (or a cluster-scoped kind) gives the all-namespaces / cluster path.
 */
function resourcePath(k: Kind, ns?: string, name?: string, subresource?: string): string {
  const root = k.group ? `/apis/${k.group}/${k.version}` : `/api/${k.version}`;
  const scope = k.namespaced && ns ? `/namespaces/${encodeURIComponent(ns)}` : '';
  const obj = name ? `/${encodeURIComponent(name)}` : '';
  const sub = name && subresource ? `/${subresource}` : '';
  return `${root}${scope}/${k.plural}${obj}${sub}`;
}

/** Path through the console server's proxy for one cluster (`/clusters/<c>/apis/...`). */
export function proxyPath(cluster: string, k: Kind, ns?: string, name?: string, subresource?: string): string {
  return `/clusters/${encodeURIComponent(cluster)}${resourcePath(k, ns, name, subresource)}`;
}
