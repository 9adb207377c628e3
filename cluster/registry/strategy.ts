// Strategy lookup: one strategy per kind (cluster/registry/kinds/), a generic ObjectMeta-only
// strategy for the rest. The generic store (H1) calls these; see kinds/base.ts for the contract.
import type { ResourceDescriptor } from './resources';
import { makeStrategy, type Strategy, type StrategyDeps } from './kinds/base';
import { configMapStrategy, secretStrategy } from './kinds/configMap';
import { controllerRevisionStrategy } from './kinds/controllerRevision';
import { deploymentStrategy, replicaSetStrategy } from './kinds/deployment';
import { eventStrategy } from './kinds/event';
import { horizontalPodAutoscalerStrategy, ingressStrategy } from './kinds/networkingAndAutoscaling';
import { limitRangeStrategy, resourceQuotaStrategy } from './kinds/policyObjects';
import { namespaceStrategy, nodeStrategy, serviceAccountStrategy } from './kinds/clusterObjects';
import { persistentVolumeStrategy } from './kinds/persistentVolume';
import { persistentVolumeClaimStrategy } from './kinds/persistentVolumeClaim';
import { podStrategy } from './kinds/pod';
import { podDisruptionBudgetStrategy } from './kinds/podDisruptionBudget';
import { clusterRoleBindingStrategy, clusterRoleStrategy, roleBindingStrategy, roleStrategy } from './kinds/rbac';
import { serviceStrategy } from './kinds/service';
import { statefulSetStrategy } from './kinds/statefulSet';
import { storageClassStrategy } from './kinds/storageClass';

export type { Strategy, StrategyDeps } from './kinds/base';

type Factory = (d: ResourceDescriptor, deps: StrategyDeps) => Strategy;

const FACTORIES: Record<string, Factory> = {
  '/Pod': (d, deps) => podStrategy(d, deps),
  '/Service': (d, deps) => serviceStrategy(d, deps),
  '/PersistentVolumeClaim': (d) => persistentVolumeClaimStrategy(d),
  '/PersistentVolume': (d) => persistentVolumeStrategy(d),
  '/Namespace': (d) => namespaceStrategy(d),
  '/Node': (d) => nodeStrategy(d),
  '/ConfigMap': (d) => configMapStrategy(d),
  '/Secret': (d) => secretStrategy(d),
  '/ServiceAccount': (d) => serviceAccountStrategy(d),
  '/Event': (d) => eventStrategy(d),
  'events.k8s.io/Event': (d) => eventStrategy(d),
  '/LimitRange': (d) => limitRangeStrategy(d),
  '/ResourceQuota': (d) => resourceQuotaStrategy(d),
  'apps/StatefulSet': (d) => statefulSetStrategy(d),
  'apps/Deployment': (d) => deploymentStrategy(d),
  'apps/ReplicaSet': (d) => replicaSetStrategy(d),
  'apps/ControllerRevision': (d) => controllerRevisionStrategy(d),
  'rbac.authorization.k8s.io/Role': (d) => roleStrategy(d),
  'rbac.authorization.k8s.io/ClusterRole': (d) => clusterRoleStrategy(d),
  'rbac.authorization.k8s.io/RoleBinding': (d) => roleBindingStrategy(d),
  'rbac.authorization.k8s.io/ClusterRoleBinding': (d) => clusterRoleBindingStrategy(d),
  'storage.k8s.io/StorageClass': (d) => storageClassStrategy(d),
  'networking.k8s.io/Ingress': (d) => ingressStrategy(d),
  'policy/PodDisruptionBudget': (d) => podDisruptionBudgetStrategy(d),
  'autoscaling/HorizontalPodAutoscaler': (d) => horizontalPodAutoscalerStrategy(d),
};

/** Kinds whose spec changes bump metadata.generation even without a strategy file of their own. */
const GENERATION_KINDS = new Set(['networking.k8s.io/NetworkPolicy', 'apps/DaemonSet']);

/**
 * The strategy for a resource. `deps` carries cluster state some kinds need (the Service IP
 * allocator); without it Services get an allocator that only knows the IPs it handed out itself.
 */
export function strategyFor(d: ResourceDescriptor, deps: StrategyDeps = {}): Strategy {
  const key = `${d.group}/${d.kind}`;
  const factory = FACTORIES[key];
  if (factory) return factory(d, deps);
  const hasStatus = d.subresources.some((s) => s.name === 'status');
  return makeStrategy(d, {
    tracksGeneration: GENERATION_KINDS.has(key),
    emptyStatus: hasStatus ? () => ({}) : undefined,
  });
}
