// Test support: an in-memory RbacSource over a list of RBAC objects (bootstrap + extras).
import type { KubeObject } from '../types';
import { bootstrapRbac } from './bootstrap';
import { Authorizer, type RbacSource } from './rbac';

const KIND_OF = { roles: 'Role', rolebindings: 'RoleBinding', clusterroles: 'ClusterRole', clusterrolebindings: 'ClusterRoleBinding' } as const;

export class MemoryRbacSource implements RbacSource {
  constructor(public objects: KubeObject[]) {}
  list(resource: keyof typeof KIND_OF, namespace?: string): KubeObject[] {
    return this.objects.filter((o) => o.kind === KIND_OF[resource] && (namespace === undefined || o.metadata.namespace === namespace));
  }
}

export function roleBinding(namespace: string, name: string, roleKind: 'Role' | 'ClusterRole', role: string, subjects: object[]): KubeObject {
  return {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'RoleBinding',
    metadata: { name, namespace },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: roleKind, name: role },
    subjects,
  };
}

export const user = (name: string) => ({ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name });

/** An authorizer over the bootstrap policy plus `extra` objects. */
export function authorizerWith(...extra: KubeObject[]): { authz: Authorizer; src: MemoryRbacSource } {
  const src = new MemoryRbacSource([...bootstrapRbac(), ...extra]);
  return { authz: new Authorizer(src), src };
}
