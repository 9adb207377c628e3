import { describe, expect, it } from 'vitest';
import {
  AGGREGATED_DISCOVERY_CONTENT_TYPE,
  aggregatedDiscovery,
  apiResourceList,
  legacyApiGroup,
  legacyApiGroupList,
  legacyApiVersions,
  servedGroupVersionPaths,
  wantsAggregatedDiscovery,
} from './discovery';

const KUBECTL_DISCOVERY_ACCEPT =
  'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json';

type Json = Record<string, unknown>;
const resourcesOfList = (list: object | undefined) => (list as { resources: Json[] }).resources;

describe('Accept negotiation (D-6)', () => {
  it('chooses aggregated for the kubectl header and legacy otherwise', () => {
    expect(wantsAggregatedDiscovery(KUBECTL_DISCOVERY_ACCEPT)).toBe(true);
    expect(wantsAggregatedDiscovery('application/json, */*')).toBe(false);
    expect(wantsAggregatedDiscovery(undefined)).toBe(false);
    // v2beta1 alone is not served: fall through to JSON.
    expect(wantsAggregatedDiscovery('application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList,application/json')).toBe(false);
    // The first acceptable type wins.
    expect(wantsAggregatedDiscovery('application/json,application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList')).toBe(false);
    expect(wantsAggregatedDiscovery('application/json; as=APIGroupDiscoveryList; v=v2; g=apidiscovery.k8s.io')).toBe(true);
  });
  it('names the content type with g, v and as', () => {
    expect(AGGREGATED_DISCOVERY_CONTENT_TYPE).toBe('application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList');
  });
});

describe('legacy discovery (D-5, D-7, D-8)', () => {
  it('GET /api is the APIVersions shape', () => {
    expect(JSON.stringify(legacyApiVersions('127.0.0.1:6443'))).toBe(
      '{"kind":"APIVersions","versions":["v1"],"serverAddressByClientCIDRs":[{"clientCIDR":"0.0.0.0/0","serverAddress":"127.0.0.1:6443"}]}',
    );
  });

  it('GET /apis lists groups without core, apps first with its preferred version', () => {
    const list = legacyApiGroupList() as { kind: string; apiVersion: string; groups: Json[] };
    expect(list.kind).toBe('APIGroupList');
    expect(list.apiVersion).toBe('v1');
    expect(JSON.stringify(list.groups[0])).toBe(
      '{"name":"apps","versions":[{"groupVersion":"apps/v1","version":"v1"}],"preferredVersion":{"groupVersion":"apps/v1","version":"v1"}}',
    );
    expect(list.groups.map((g) => g.name)).not.toContain('');
    expect(list.groups.map((g) => g.name)).toContain('metrics.k8s.io');
  });

  it('GET /apis/<group> is the APIGroup of that group', () => {
    expect(JSON.stringify(legacyApiGroup('apps'))).toBe(
      '{"kind":"APIGroup","apiVersion":"v1","name":"apps","versions":[{"groupVersion":"apps/v1","version":"v1"}],"preferredVersion":{"groupVersion":"apps/v1","version":"v1"}}',
    );
    expect(legacyApiGroup('batch')).toBeUndefined();
    expect(legacyApiGroup('')).toBeUndefined();
  });

  it('GET /apis/apps/v1 matches the D-8 entries', () => {
    const list = apiResourceList('apps', 'v1') as Json;
    expect(list.kind).toBe('APIResourceList');
    expect(list.groupVersion).toBe('apps/v1');
    const byName = Object.fromEntries(resourcesOfList(list).map((r) => [r.name, r]));
    expect(byName.statefulsets).toEqual({
      name: 'statefulsets',
      singularName: 'statefulset',
      namespaced: true,
      kind: 'StatefulSet',
      shortNames: ['sts'],
      categories: ['all'],
      verbs: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
    });
    expect(byName['statefulsets/scale']).toEqual({
      name: 'statefulsets/scale',
      singularName: '',
      namespaced: true,
      group: 'autoscaling',
      version: 'v1',
      kind: 'Scale',
      verbs: ['get', 'patch', 'update'],
    });
    expect(byName['statefulsets/status']).toEqual({
      name: 'statefulsets/status',
      singularName: '',
      namespaced: true,
      kind: 'StatefulSet',
      verbs: ['get', 'patch', 'update'],
    });
    // Entries without short names or categories omit the keys (omitempty).
    expect(byName.controllerrevisions).not.toHaveProperty('shortNames');
  });

  it('GET /api/v1 has pods/eviction in policy/v1 and is sorted by name', () => {
    const list = apiResourceList('', 'v1') as Json;
    expect(list.groupVersion).toBe('v1');
    const names = resourcesOfList(list).map((r) => r.name as string);
    expect(names).toEqual([...names].sort());
    const eviction = resourcesOfList(list).find((r) => r.name === 'pods/eviction');
    expect(eviction).toMatchObject({ group: 'policy', version: 'v1', kind: 'Eviction', verbs: ['create'] });
  });

  it('answers undefined for a group-version that is not served', () => {
    expect(apiResourceList('batch', 'v1')).toBeUndefined();
    expect(apiResourceList('apps', 'v1beta1')).toBeUndefined();
  });
});

describe('aggregated discovery (D-5, D-7)', () => {
  it('the /apis document carries the D-5 statefulsets entry byte for byte', () => {
    const doc = aggregatedDiscovery('apis') as { kind: string; apiVersion: string; metadata: Json; items: Json[] };
    expect(doc.kind).toBe('APIGroupDiscoveryList');
    expect(doc.apiVersion).toBe('apidiscovery.k8s.io/v2');
    expect(doc.metadata).toEqual({});
    const apps = doc.items[0] as { metadata: Json; versions: { version: string; freshness: string; resources: Json[] }[] };
    expect(apps.metadata).toEqual({ name: 'apps', creationTimestamp: null });
    expect(apps.versions[0].freshness).toBe('Current');
    const sts = apps.versions[0].resources.find((r) => r.resource === 'statefulsets');
    expect(JSON.stringify(sts)).toBe(
      '{"resource":"statefulsets","responseKind":{"group":"","version":"","kind":"StatefulSet"},"scope":"Namespaced",' +
        '"singularResource":"statefulset","verbs":["create","delete","deletecollection","get","list","patch","update","watch"],' +
        '"shortNames":["sts"],"categories":["all"],"subresources":[{"subresource":"scale","responseKind":{"group":"autoscaling",' +
        '"version":"v1","kind":"Scale"},"verbs":["get","patch","update"]},{"subresource":"status","responseKind":{"group":"",' +
        '"version":"","kind":"StatefulSet"},"verbs":["get","patch","update"]}]}',
    );
  });

  it('the /api document has one unnamed item with core v1', () => {
    const doc = aggregatedDiscovery('api') as { items: { metadata: Json; versions: { version: string; resources: Json[] }[] }[] };
    expect(doc.items).toHaveLength(1);
    expect(doc.items[0].metadata).toEqual({ creationTimestamp: null });
    const pods = doc.items[0].versions[0].resources.find((r) => r.resource === 'pods');
    expect(pods).toMatchObject({ scope: 'Namespaced', shortNames: ['po'], categories: ['all'] });
    const nodes = doc.items[0].versions[0].resources.find((r) => r.resource === 'nodes');
    expect(nodes?.scope).toBe('Cluster');
  });

  it('agrees with legacy discovery on every resource (D-7)', () => {
    const agg = aggregatedDiscovery('apis') as { items: { metadata: { name: string }; versions: { version: string; resources: Json[] }[] }[] };
    for (const item of agg.items) {
      for (const v of item.versions) {
        const legacy = resourcesOfList(apiResourceList(item.metadata.name, v.version));
        const top = legacy.filter((r) => !(r.name as string).includes('/')).map((r) => r.name);
        expect(v.resources.map((r) => r.resource)).toEqual(top);
      }
    }
  });

  it('serves one OpenAPI/discovery path per group-version', () => {
    const paths = servedGroupVersionPaths();
    expect(paths[0]).toBe('api/v1');
    expect(paths).toContain('apis/apps/v1');
    expect(paths).toContain('apis/metrics.k8s.io/v1beta1');
  });
});
