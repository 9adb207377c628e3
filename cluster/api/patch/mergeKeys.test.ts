import { describe, expect, it } from 'vitest';
import { listStrategy, openAPIFieldExtensions, openAPITypeExtensions, rootType } from './mergeKeys';

describe('listStrategy: the 5.4 table, from upstream struct tags', () => {
  it.each([
    ['StatefulSet.metadata.finalizers', { strategy: 'set', patchStrategy: 'merge', listType: 'set' }],
    ['StatefulSet.metadata.ownerReferences', { strategy: 'merge', mergeKey: 'uid', patchStrategy: 'merge', listType: 'map', listMapKeys: ['uid'] }],
    ['StatefulSet.spec.template.spec.containers', { strategy: 'merge', mergeKey: 'name', patchStrategy: 'merge', listType: 'map', listMapKeys: ['name'] }],
    ['Pod.spec.initContainers', { strategy: 'merge', mergeKey: 'name', patchStrategy: 'merge', listType: 'map', listMapKeys: ['name'] }],
    ['Pod.spec.ephemeralContainers', { strategy: 'merge', mergeKey: 'name', patchStrategy: 'merge', listType: 'map', listMapKeys: ['name'] }],
    ['io.k8s.api.core.v1.Container.env', { strategy: 'merge', mergeKey: 'name', patchStrategy: 'merge', listType: 'map', listMapKeys: ['name'] }],
    [
      'io.k8s.api.core.v1.Container.ports',
      { strategy: 'merge', mergeKey: 'containerPort', patchStrategy: 'merge', listType: 'map', listMapKeys: ['containerPort', 'protocol'] },
    ],
    ['io.k8s.api.core.v1.Container.volumeMounts', { strategy: 'merge', mergeKey: 'mountPath', patchStrategy: 'merge', listType: 'map', listMapKeys: ['mountPath'] }],
    ['io.k8s.api.core.v1.Container.volumeDevices', { strategy: 'merge', mergeKey: 'devicePath', patchStrategy: 'merge', listType: 'map', listMapKeys: ['devicePath'] }],
    ['io.k8s.api.core.v1.Container.envFrom', { strategy: 'replace', listType: 'atomic' }],
    ['io.k8s.api.core.v1.Container.args', { strategy: 'replace', listType: 'atomic' }],
    ['io.k8s.api.core.v1.Container.resizePolicy', { strategy: 'replace', listType: 'atomic' }],
    ['Pod.spec.volumes', { strategy: 'merge', mergeKey: 'name', patchStrategy: 'merge,retainKeys', listType: 'map', listMapKeys: ['name'] }],
    ['Pod.spec.imagePullSecrets', { strategy: 'merge', mergeKey: 'name', patchStrategy: 'merge', listType: 'map', listMapKeys: ['name'] }],
    ['Pod.spec.hostAliases', { strategy: 'merge', mergeKey: 'ip', patchStrategy: 'merge', listType: 'map', listMapKeys: ['ip'] }],
    [
      'Pod.spec.topologySpreadConstraints',
      { strategy: 'merge', mergeKey: 'topologyKey', patchStrategy: 'merge', listType: 'map', listMapKeys: ['topologyKey', 'whenUnsatisfiable'] },
    ],
    ['Pod.spec.schedulingGates', { strategy: 'merge', mergeKey: 'name', patchStrategy: 'merge', listType: 'map', listMapKeys: ['name'] }],
    ['Pod.spec.resourceClaims', { strategy: 'merge', mergeKey: 'name', patchStrategy: 'merge,retainKeys', listType: 'map', listMapKeys: ['name'] }],
    ['Pod.spec.tolerations', { strategy: 'replace', listType: 'atomic' }],
    ['Pod.spec.readinessGates', { strategy: 'replace', listType: 'atomic' }],
    ['Pod.status.conditions', { strategy: 'merge', mergeKey: 'type', patchStrategy: 'merge', listType: 'map', listMapKeys: ['type'] }],
    ['Pod.status.podIPs', { strategy: 'merge', mergeKey: 'ip', patchStrategy: 'merge', listType: 'map', listMapKeys: ['ip'] }],
    ['Pod.status.hostIPs', { strategy: 'merge', mergeKey: 'ip', patchStrategy: 'merge', listType: 'atomic' }],
    ['apps/v1/StatefulSet.status.conditions', { strategy: 'merge', mergeKey: 'type', patchStrategy: 'merge', listType: 'map', listMapKeys: ['type'] }],
    ['StatefulSet.spec.volumeClaimTemplates', { strategy: 'replace', listType: 'atomic' }],
    ['Deployment.spec.strategy', { strategy: 'retainKeys', patchStrategy: 'retainKeys' }],
    ['Service.spec.ports', { strategy: 'merge', mergeKey: 'port', patchStrategy: 'merge', listType: 'map', listMapKeys: ['port', 'protocol'] }],
    ['Node.status.addresses', { strategy: 'merge', mergeKey: 'type', patchStrategy: 'merge', listType: 'map', listMapKeys: ['type'] }],
    ['Node.spec.taints', { strategy: 'replace', listType: 'atomic' }],
    ['PersistentVolumeClaim.status.conditions', { strategy: 'merge', mergeKey: 'type', patchStrategy: 'merge', listType: 'map', listMapKeys: ['type'] }],
    ['PodDisruptionBudget.spec.selector', { strategy: 'replace', patchStrategy: 'replace' }],
    ['ServiceAccount.secrets', { strategy: 'merge', mergeKey: 'name', patchStrategy: 'merge', listType: 'map', listMapKeys: ['name'] }],
  ])('%s', (path, want) => {
    expect(listStrategy(path)).toStrictEqual(want);
  });

  it('fields without a tag are undefined (atomic by default)', () => {
    expect(listStrategy('StatefulSet.spec.replicas')).toBeUndefined();
    expect(listStrategy('Pod.spec.nope')).toBeUndefined();
    expect(listStrategy('Nope.spec')).toBeUndefined();
  });
});

describe('OpenAPI extensions (D-14 item 3)', () => {
  it('emits patch and list extensions for a property', () => {
    expect(openAPIFieldExtensions('io.k8s.api.core.v1.PodSpec', 'containers')).toStrictEqual({
      'x-kubernetes-list-map-keys': ['name'],
      'x-kubernetes-list-type': 'map',
      'x-kubernetes-patch-merge-key': 'name',
      'x-kubernetes-patch-strategy': 'merge',
    });
    expect(openAPIFieldExtensions('io.k8s.api.core.v1.PodSpec', 'nodeSelector')).toStrictEqual({ 'x-kubernetes-map-type': 'atomic' });
    expect(openAPIFieldExtensions('io.k8s.api.core.v1.PodSpec', 'hostname')).toStrictEqual({});
  });

  it('marks atomic structs', () => {
    expect(openAPITypeExtensions('io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector')).toStrictEqual({ 'x-kubernetes-map-type': 'atomic' });
    expect(openAPITypeExtensions('io.k8s.api.core.v1.PodSpec')).toStrictEqual({});
  });

  it('maps served kinds to schema names', () => {
    expect(rootType('apps/v1', 'StatefulSet')).toBe('io.k8s.api.apps.v1.StatefulSet');
    expect(rootType('v1', 'Pod')).toBe('io.k8s.api.core.v1.Pod');
    expect(rootType('autoscaling/v1', 'Scale')).toBeUndefined();
  });
});
