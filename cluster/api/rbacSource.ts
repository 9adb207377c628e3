// RbacSource over the store: the authorizer reads Roles and bindings as stored, through a
// parsed cache that is dropped whenever one of the four RBAC kinds changes.
import type { RbacSource } from '../auth/rbac';
import { findResource } from '../registry/resources';
import type { Store } from '../storage/store';
import type { KubeObject } from '../types';
import { kindKey, parse } from './rest/objects';

type RbacResource = 'roles' | 'rolebindings' | 'clusterroles' | 'clusterrolebindings';

export class StoreRbacSource implements RbacSource {
  private readonly cache = new Map<RbacResource, KubeObject[]>();
  private readonly keys = new Map<RbacResource, string>();

  constructor(private readonly store: Store) {
    for (const r of ['roles', 'rolebindings', 'clusterroles', 'clusterrolebindings'] as const) {
      const d = findResource('rbac.authorization.k8s.io', 'v1', r);
      if (!d) continue;
      const key = kindKey(d);
      this.keys.set(r, key);
      store.onWrite(key, () => this.cache.delete(r));
    }
  }

  list(resource: RbacResource, namespace?: string): KubeObject[] {
    let all = this.cache.get(resource);
    if (!all) {
      const key = this.keys.get(resource);
      all = key ? this.store.list(key).map((row) => parse(row.json)) : [];
      this.cache.set(resource, all);
    }
    return namespace === undefined ? all : all.filter((o) => o.metadata.namespace === namespace);
  }
}
