import { describe, expect, it } from 'vitest';
import { RESOURCES, apiVersionOf, findResource, findResourceByKind, groupResourceOf, groupVersions } from './resources';

const FULL = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

describe('resource table (D-9, D-10)', () => {
  it('describes statefulsets like upstream apps/v1 discovery', () => {
    const sts = findResource('apps', 'v1', 'statefulsets');
    expect(sts).toMatchObject({
      kind: 'StatefulSet',
      listKind: 'StatefulSetList',
      singular: 'statefulset',
      namespaced: true,
      shortNames: ['sts'],
      categories: ['all'],
      verbs: FULL,
      stored: true,
    });
    expect(sts?.subresources).toEqual([
      { name: 'scale', kind: 'Scale', group: 'autoscaling', version: 'v1', verbs: ['get', 'patch', 'update'] },
      { name: 'status', kind: 'StatefulSet', verbs: ['get', 'patch', 'update'] },
    ]);
  });

  it.each([
    ['', 'v1', 'namespaces', 'Namespace', ['ns'], false],
    ['', 'v1', 'pods', 'Pod', ['po'], true],
    ['', 'v1', 'services', 'Service', ['svc'], true],
    ['', 'v1', 'endpoints', 'Endpoints', ['ep'], true],
    ['', 'v1', 'configmaps', 'ConfigMap', ['cm'], true],
    ['', 'v1', 'secrets', 'Secret', [], true],
    ['', 'v1', 'serviceaccounts', 'ServiceAccount', ['sa'], true],
    ['', 'v1', 'persistentvolumeclaims', 'PersistentVolumeClaim', ['pvc'], true],
    ['', 'v1', 'persistentvolumes', 'PersistentVolume', ['pv'], false],
    ['', 'v1', 'events', 'Event', ['ev'], true],
    ['', 'v1', 'nodes', 'Node', ['no'], false],
    ['apps', 'v1', 'controllerrevisions', 'ControllerRevision', [], true],
    ['apps', 'v1', 'deployments', 'Deployment', ['deploy'], true],
    ['apps', 'v1', 'replicasets', 'ReplicaSet', ['rs'], true],
    ['events.k8s.io', 'v1', 'events', 'Event', ['ev'], true],
    ['policy', 'v1', 'poddisruptionbudgets', 'PodDisruptionBudget', ['pdb'], true],
    ['storage.k8s.io', 'v1', 'storageclasses', 'StorageClass', ['sc'], false],
    ['rbac.authorization.k8s.io', 'v1', 'roles', 'Role', [], true],
    ['rbac.authorization.k8s.io', 'v1', 'clusterrolebindings', 'ClusterRoleBinding', [], false],
    ['authorization.k8s.io', 'v1', 'localsubjectaccessreviews', 'LocalSubjectAccessReview', [], true],
    ['authorization.k8s.io', 'v1', 'selfsubjectaccessreviews', 'SelfSubjectAccessReview', [], false],
    ['authentication.k8s.io', 'v1', 'selfsubjectreviews', 'SelfSubjectReview', [], false],
    ['metrics.k8s.io', 'v1beta1', 'pods', 'PodMetrics', [], true],
    ['metrics.k8s.io', 'v1beta1', 'nodes', 'NodeMetrics', [], false],
  ])('%s/%s %s', (g, v, r, kind, shortNames, namespaced) => {
    const d = findResource(g, v, r);
    expect(d?.kind).toBe(kind);
    expect(d?.shortNames).toEqual(shortNames);
    expect(d?.namespaced).toBe(namespaced);
  });

  it('gives namespaces no deletecollection, reviews create only, metrics get/list and not stored', () => {
    expect(findResource('', 'v1', 'namespaces')?.verbs).toEqual(['create', 'delete', 'get', 'list', 'patch', 'update', 'watch']);
    expect(findResource('authorization.k8s.io', 'v1', 'subjectaccessreviews')).toMatchObject({ verbs: ['create'], stored: false });
    expect(findResource('authentication.k8s.io', 'v1', 'tokenreviews')).toMatchObject({ verbs: ['create'], stored: false });
    expect(findResource('metrics.k8s.io', 'v1beta1', 'pods')).toMatchObject({ verbs: ['get', 'list'], stored: false });
  });

  it('lists the D-10 subresources of pods with their foreign kinds', () => {
    const pods = findResource('', 'v1', 'pods');
    const subs = Object.fromEntries((pods?.subresources ?? []).map((s) => [s.name, s]));
    expect(Object.keys(subs)).toEqual(['attach', 'binding', 'eviction', 'exec', 'log', 'portforward', 'status']);
    expect(subs.eviction).toEqual({ name: 'eviction', kind: 'Eviction', group: 'policy', version: 'v1', verbs: ['create'] });
    expect(subs.log.verbs).toEqual(['get']);
    expect(subs.exec).toMatchObject({ kind: 'PodExecOptions', verbs: ['create', 'get'] });
    expect(findResource('', 'v1', 'serviceaccounts')?.subresources[0]).toEqual({
      name: 'token',
      kind: 'TokenRequest',
      group: 'authentication.k8s.io',
      version: 'v1',
      verbs: ['create'],
    });
    expect(findResource('', 'v1', 'namespaces')?.subresources.map((s) => `${s.name}:${s.verbs.join(',')}`)).toEqual([
      'finalize:update',
      'status:get,patch,update',
    ]);
  });

  it('category all holds exactly the upstream workload kinds that are served', () => {
    // HPAs are served in two versions (v2, v1), both in category all as upstream.
    const all = [...new Set(RESOURCES.filter((d) => d.categories.includes('all')).map(groupResourceOf))];
    expect(all.sort()).toEqual(
      ['deployments.apps', 'horizontalpodautoscalers.autoscaling', 'pods', 'replicasets.apps', 'services', 'statefulsets.apps'].sort(),
    );
  });

  it('finds by kind and apiVersion, telling the two Event kinds apart', () => {
    expect(findResourceByKind('v1', 'Event')?.group).toBe('');
    expect(findResourceByKind('events.k8s.io/v1', 'Event')?.group).toBe('events.k8s.io');
    expect(findResourceByKind('apps/v1', 'StatefulSet')?.resource).toBe('statefulsets');
    expect(findResourceByKind('v1', 'StatefulSet')).toBeUndefined();
    expect(apiVersionOf(findResource('', 'v1', 'pods')!)).toBe('v1');
    expect(apiVersionOf(findResource('apps', 'v1', 'statefulsets')!)).toBe('apps/v1');
  });

  it('has unique group/version/resource keys and sorted verbs', () => {
    const keys = RESOURCES.map((d) => `${d.group}/${d.version}/${d.resource}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const d of RESOURCES) expect([...d.verbs].sort()).toEqual(d.verbs);
  });

  it('orders groups core first, then by upstream priority with metrics last', () => {
    const gs = groupVersions().map((g) => g.group);
    expect(gs[0]).toBe('');
    expect(gs[1]).toBe('apps');
    expect(gs.at(-1)).toBe('metrics.k8s.io');
  });
});
