// Discovery documents, legacy and aggregated, generated from the one resource table
// (contract D-5..D-11). Pure functions; the HTTP layer picks one by Accept (D-6).
import {
  apiVersionOf,
  groupVersions,
  resourcesOf,
  type ResourceDescriptor,
} from '../registry/resources';

export const AGGREGATED_DISCOVERY_CONTENT_TYPE = 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList';

interface MediaRange {
  type: string;
  params: Record<string, string>;
}

/** Parses an Accept header into media ranges in the client's order (q-values are ignored like
 * client-go does not send them; upstream negotiation then takes the first supported type). */
export function parseAccept(accept: string | undefined): MediaRange[] {
  if (!accept) return [];
  return accept
    .split(',')
    .map((part) => {
      const [type, ...rest] = part.split(';');
      const params: Record<string, string> = {};
      for (const p of rest) {
        const eq = p.indexOf('=');
        if (eq > 0) params[p.slice(0, eq).trim().toLowerCase()] = p.slice(eq + 1).trim();
      }
      return { type: (type ?? '').trim().toLowerCase(), params };
    })
    .filter((m) => m.type !== '');
}

function isPlainJson(m: MediaRange): boolean {
  return (m.type === 'application/json' || m.type === 'application/*' || m.type === '*/*') && !m.params.as;
}

/** D-6: aggregated discovery when the first acceptable type is the v2 APIGroupDiscoveryList. */
export function wantsAggregatedDiscovery(accept: string | undefined): boolean {
  for (const m of parseAccept(accept)) {
    if (
      m.type === 'application/json' &&
      m.params.g === 'apidiscovery.k8s.io' &&
      m.params.v === 'v2' &&
      m.params.as === 'APIGroupDiscoveryList'
    ) {
      return true;
    }
    if (isPlainJson(m)) return false;
  }
  return false;
}

/** GET /api */
export function legacyApiVersions(serverAddress: string): object {
  return {
    kind: 'APIVersions',
    versions: ['v1'],
    serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }],
  };
}

/** GET /apis: every non-core group, preferred version first (D-7). */
export function legacyApiGroupList(): object {
  const groups = groupVersions()
    .filter((g) => g.group !== '')
    .map((g) => {
      const versions = g.versions.map((v) => ({ groupVersion: `${g.group}/${v}`, version: v }));
      return { name: g.group, versions, preferredVersion: versions[0] };
    });
  return { kind: 'APIGroupList', apiVersion: 'v1', groups };
}

/** GET /apis/<group>: the APIGroup document; undefined when the group is not served. */
export function legacyApiGroup(group: string): object | undefined {
  const g = groupVersions().find((x) => x.group === group && group !== '');
  if (!g) return undefined;
  const versions = g.versions.map((v) => ({ groupVersion: `${g.group}/${v}`, version: v }));
  return { kind: 'APIGroup', apiVersion: 'v1', name: g.group, versions, preferredVersion: versions[0] };
}

function byName<T extends { name: string }>(a: T, b: T): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0;
}

/** GET /api/v1 and /apis/<group>/<version> (D-8); undefined when not served. */
export function apiResourceList(group: string, version: string): object | undefined {
  const list = resourcesOf(group, version);
  if (list.length === 0) return undefined;
  const resources: Record<string, unknown>[] = [];
  for (const d of list) {
    // Key order follows metav1.APIResource; empty optional fields are omitted like Go's omitempty.
    const entry: Record<string, unknown> = { name: d.resource, singularName: d.singular, namespaced: d.namespaced };
    entry.kind = d.kind;
    entry.verbs = d.verbs;
    if (d.shortNames.length) entry.shortNames = d.shortNames;
    if (d.categories.length) entry.categories = d.categories;
    resources.push(entry);
    for (const s of d.subresources) {
      const sub: Record<string, unknown> = { name: `${d.resource}/${s.name}`, singularName: '', namespaced: d.namespaced };
      if (s.group !== undefined) sub.group = s.group;
      if (s.version !== undefined) sub.version = s.version;
      sub.kind = s.kind;
      sub.verbs = s.verbs;
      resources.push(sub);
    }
  }
  resources.sort((a, b) => byName(a as { name: string }, b as { name: string }));
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: apiVersionOf({ group, version }), resources };
}

function discoveryResource(d: ResourceDescriptor): Record<string, unknown> {
  // Upstream leaves group/version empty in responseKind when the kind is in the resource's own group-version.
  const out: Record<string, unknown> = {
    resource: d.resource,
    responseKind: { group: '', version: '', kind: d.kind },
    scope: d.namespaced ? 'Namespaced' : 'Cluster',
    singularResource: d.singular,
    verbs: d.verbs,
  };
  if (d.shortNames.length) out.shortNames = d.shortNames;
  if (d.categories.length) out.categories = d.categories;
  if (d.subresources.length) {
    out.subresources = d.subresources.map((s) => ({
      subresource: s.name,
      responseKind: { group: s.group ?? '', version: s.version ?? '', kind: s.kind },
      verbs: s.verbs,
    }));
  }
  return out;
}

function discoveryVersion(group: string, version: string): Record<string, unknown> {
  const resources = resourcesOf(group, version)
    .slice()
    .sort((a, b) => (a.resource < b.resource ? -1 : a.resource > b.resource ? 1 : 0))
    .map(discoveryResource);
  return { version, resources, freshness: 'Current' };
}

/** GET /api or /apis with the aggregated Accept (D-5): an APIGroupDiscoveryList. */
export function aggregatedDiscovery(root: 'api' | 'apis'): object {
  const items =
    root === 'api'
      ? [{ metadata: { creationTimestamp: null }, versions: [discoveryVersion('', 'v1')] }]
      : groupVersions()
          .filter((g) => g.group !== '')
          .map((g) => ({
            metadata: { name: g.group, creationTimestamp: null },
            versions: g.versions.map((v) => discoveryVersion(g.group, v)),
          }));
  return { kind: 'APIGroupDiscoveryList', apiVersion: 'apidiscovery.k8s.io/v2', metadata: {}, items };
}

/** Every served group-version path relative to the server root: "api/v1", "apis/apps/v1", ... */
export function servedGroupVersionPaths(): string[] {
  const out: string[] = [];
  for (const g of groupVersions()) {
    for (const v of g.versions) out.push(g.group === '' ? `api/${v}` : `apis/${g.group}/${v}`);
  }
  return out;
}
