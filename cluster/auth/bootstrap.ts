// The RBAC objects a fresh cluster starts with: upstream's bootstrap ClusterRoles and
// ClusterRoleBindings (plugin/pkg/auth/authorizer/rbac/bootstrappolicy, testdata/cluster-roles.yaml of
// the 1.32 era) for the roles Ordinal users meet, plus Ordinal's own bindings.
import type { KubeObject } from '../types';
import { aggregatedRules, type PolicyRule } from './rules';

const RBAC_V1 = 'rbac.authorization.k8s.io/v1';
const RBAC_GROUP = 'rbac.authorization.k8s.io';
const BOOTSTRAP_LABELS = { 'kubernetes.io/bootstrapping': 'rbac-defaults' };
const AUTOUPDATE = { 'rbac.authorization.kubernetes.io/autoupdate': 'true' };

const READ = ['get', 'list', 'watch'];
const WRITE = ['create', 'delete', 'deletecollection', 'patch', 'update'];
const READ_WRITE = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

const rule = (verbs: string[], apiGroups: string[], resources: string[], resourceNames?: string[]): PolicyRule => ({
  verbs,
  apiGroups,
  resources,
  ...(resourceNames ? { resourceNames } : {}),
});
const urls = (verbs: string[], nonResourceURLs: string[]): PolicyRule => ({ verbs, nonResourceURLs });

const CLUSTER_ADMIN = 'cluster-admin';

function clusterRole(
  name: string,
  rules: PolicyRule[],
  opts: { labels?: Record<string, string>; aggregateFrom?: string; bootstrap?: boolean } = {},
): KubeObject {
  const bootstrap = opts.bootstrap ?? true;
  const obj: KubeObject = {
    apiVersion: RBAC_V1,
    kind: 'ClusterRole',
    metadata: {
      name,
      labels: { ...(bootstrap ? BOOTSTRAP_LABELS : {}), ...(opts.labels ?? {}) },
      ...(bootstrap ? { annotations: { ...AUTOUPDATE } } : {}),
    },
  };
  if (opts.aggregateFrom) {
    obj.aggregationRule = { clusterRoleSelectors: [{ matchLabels: { [`rbac.authorization.k8s.io/${opts.aggregateFrom}`]: 'true' } }] };
  }
  obj.rules = rules;
  return obj;
}

type SubjectSpec = { kind: 'User' | 'Group'; name: string } | { kind: 'ServiceAccount'; name: string; namespace: string };

function clusterRoleBinding(name: string, role: string, subjects: SubjectSpec[], bootstrap = true): KubeObject {
  return {
    apiVersion: RBAC_V1,
    kind: 'ClusterRoleBinding',
    metadata: { name, ...(bootstrap ? { labels: { ...BOOTSTRAP_LABELS }, annotations: { ...AUTOUPDATE } } : {}) },
    roleRef: { apiGroup: RBAC_GROUP, kind: 'ClusterRole', name: role },
    subjects: subjects.map((s) => (s.kind === 'ServiceAccount' ? { kind: s.kind, name: s.name, namespace: s.namespace } : { kind: s.kind, apiGroup: RBAC_GROUP, name: s.name })),
  };
}

const AGGREGATE_TO_VIEW: PolicyRule[] = [
  rule(READ, [''], ['configmaps', 'endpoints', 'persistentvolumeclaims', 'persistentvolumeclaims/status', 'pods', 'replicationcontrollers', 'replicationcontrollers/scale', 'serviceaccounts', 'services', 'services/status']),
  rule(READ, [''], ['bindings', 'events', 'limitranges', 'namespaces/status', 'pods/log', 'pods/status', 'replicationcontrollers/status', 'resourcequotas', 'resourcequotas/status']),
  rule(READ, [''], ['namespaces']),
  rule(READ, ['discovery.k8s.io'], ['endpointslices']),
  rule(READ, ['apps'], ['controllerrevisions', 'daemonsets', 'daemonsets/status', 'deployments', 'deployments/scale', 'deployments/status', 'replicasets', 'replicasets/scale', 'replicasets/status', 'statefulsets', 'statefulsets/scale', 'statefulsets/status']),
  rule(READ, ['autoscaling'], ['horizontalpodautoscalers', 'horizontalpodautoscalers/status']),
  rule(READ, ['batch'], ['cronjobs', 'cronjobs/status', 'jobs', 'jobs/status']),
  rule(READ, ['extensions'], ['daemonsets', 'daemonsets/status', 'deployments', 'deployments/scale', 'deployments/status', 'ingresses', 'ingresses/status', 'networkpolicies', 'replicasets', 'replicasets/scale', 'replicasets/status', 'replicationcontrollers/scale']),
  rule(READ, ['policy'], ['poddisruptionbudgets', 'poddisruptionbudgets/status']),
  rule(READ, ['networking.k8s.io'], ['ingresses', 'ingresses/status', 'networkpolicies']),
];

const AGGREGATE_TO_EDIT: PolicyRule[] = [
  rule(READ, [''], ['pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy', 'secrets', 'services/proxy']),
  rule(['impersonate'], [''], ['serviceaccounts']),
  rule(WRITE, [''], ['pods', 'pods/attach', 'pods/exec', 'pods/portforward', 'pods/proxy']),
  rule(['create'], [''], ['pods/eviction']),
  rule(WRITE, [''], ['configmaps', 'events', 'persistentvolumeclaims', 'replicationcontrollers', 'replicationcontrollers/scale', 'secrets', 'serviceaccounts', 'services', 'services/proxy']),
  rule(['create'], [''], ['serviceaccounts/token']),
  rule(WRITE, ['apps'], ['daemonsets', 'deployments', 'deployments/rollback', 'deployments/scale', 'replicasets', 'replicasets/scale', 'statefulsets', 'statefulsets/scale']),
  rule(WRITE, ['autoscaling'], ['horizontalpodautoscalers']),
  rule(WRITE, ['batch'], ['cronjobs', 'jobs']),
  rule(WRITE, ['extensions'], ['daemonsets', 'deployments', 'deployments/rollback', 'deployments/scale', 'ingresses', 'networkpolicies', 'replicasets', 'replicasets/scale', 'replicationcontrollers/scale']),
  rule(WRITE, ['policy'], ['poddisruptionbudgets']),
  rule(WRITE, ['networking.k8s.io'], ['ingresses', 'networkpolicies']),
  rule(READ_WRITE, ['coordination.k8s.io'], ['leases']),
];

const AGGREGATE_TO_ADMIN: PolicyRule[] = [
  rule(['create'], ['authorization.k8s.io'], ['localsubjectaccessreviews']),
  rule(READ_WRITE, ['rbac.authorization.k8s.io'], ['rolebindings', 'roles']),
];

/** The ServiceAccount the Ordinal console uses to talk to the API server. */
const CONSOLE_SERVICE_ACCOUNT = { namespace: 'ordinal-system', name: 'console' };

/**
 * ClusterRoles and ClusterRoleBindings created at first start. Aggregated roles (admin, edit, view)
 * carry the rules the aggregation controller would have written.
 */
export function bootstrapRbac(): KubeObject[] {
  const roles: KubeObject[] = [
    clusterRole('admin', [], { aggregateFrom: 'aggregate-to-admin' }),
    clusterRole(CLUSTER_ADMIN, [rule(['*'], ['*'], ['*']), urls(['*'], ['*'])]),
    clusterRole('edit', [], { aggregateFrom: 'aggregate-to-edit', labels: { 'rbac.authorization.k8s.io/aggregate-to-admin': 'true' } }),
    clusterRole('view', [], { aggregateFrom: 'aggregate-to-view', labels: { 'rbac.authorization.k8s.io/aggregate-to-edit': 'true' } }),
    clusterRole('system:aggregate-to-admin', AGGREGATE_TO_ADMIN, { labels: { 'rbac.authorization.k8s.io/aggregate-to-admin': 'true' } }),
    clusterRole('system:aggregate-to-edit', AGGREGATE_TO_EDIT, { labels: { 'rbac.authorization.k8s.io/aggregate-to-edit': 'true' } }),
    clusterRole('system:aggregate-to-view', AGGREGATE_TO_VIEW, { labels: { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' } }),
    clusterRole('system:auth-delegator', [rule(['create'], ['authentication.k8s.io'], ['tokenreviews']), rule(['create'], ['authorization.k8s.io'], ['subjectaccessreviews'])]),
    clusterRole('system:basic-user', [
      rule(['create'], ['authorization.k8s.io'], ['selfsubjectaccessreviews', 'selfsubjectrulesreviews']),
      rule(['create'], ['authentication.k8s.io'], ['selfsubjectreviews']),
    ]),
    clusterRole('system:discovery', [urls(['get'], ['/api', '/api/*', '/apis', '/apis/*', '/healthz', '/livez', '/openapi', '/openapi/*', '/readyz', '/version', '/version/'])]),
    clusterRole('system:monitoring', [urls(['get'], ['/healthz', '/healthz/*', '/livez', '/livez/*', '/metrics', '/metrics/slis', '/readyz', '/readyz/*'])]),
    clusterRole('system:public-info-viewer', [urls(['get'], ['/healthz', '/livez', '/readyz', '/version', '/version/'])]),
    // What metrics-server installs so that view/edit/admin can read metrics.k8s.io.
    clusterRole('system:aggregated-metrics-reader', [rule(READ, ['metrics.k8s.io'], ['pods', 'nodes'])], {
      bootstrap: false,
      labels: {
        'rbac.authorization.k8s.io/aggregate-to-admin': 'true',
        'rbac.authorization.k8s.io/aggregate-to-edit': 'true',
        'rbac.authorization.k8s.io/aggregate-to-view': 'true',
      },
    }),
    // The console's own identity may only impersonate the signed-in user.
    clusterRole(
      'ordinal:impersonator',
      [rule(['impersonate'], [''], ['users', 'groups']), rule(['impersonate'], ['authentication.k8s.io'], ['uids'])],
      { bootstrap: false },
    ),
  ];
  for (const r of roles) if (r.aggregationRule) r.rules = aggregatedRules(r, roles);
  const bindings: KubeObject[] = [
    clusterRoleBinding(CLUSTER_ADMIN, CLUSTER_ADMIN, [{ kind: 'Group', name: 'system:masters' }]),
    clusterRoleBinding('system:basic-user', 'system:basic-user', [{ kind: 'Group', name: 'system:authenticated' }]),
    clusterRoleBinding('system:discovery', 'system:discovery', [{ kind: 'Group', name: 'system:authenticated' }]),
    clusterRoleBinding('system:monitoring', 'system:monitoring', [{ kind: 'Group', name: 'system:monitoring' }]),
    clusterRoleBinding('system:public-info-viewer', 'system:public-info-viewer', [
      { kind: 'Group', name: 'system:authenticated' },
      { kind: 'Group', name: 'system:unauthenticated' },
    ]),
    // Ordinal's built-in users: `admin` may do anything, `viewer` reads everything `view` allows, cluster-wide.
    clusterRoleBinding('ordinal:admin', CLUSTER_ADMIN, [{ kind: 'User', name: 'admin' }], false),
    clusterRoleBinding('ordinal:viewer', 'view', [{ kind: 'User', name: 'viewer' }], false),
    clusterRoleBinding('ordinal:console', 'ordinal:impersonator', [{ kind: 'ServiceAccount', ...CONSOLE_SERVICE_ACCOUNT }], false),
  ];
  return [...roles, ...bindings];
}
