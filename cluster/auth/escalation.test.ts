import { describe, expect, it } from 'vitest';
import { isStatusError } from '../api/errors';
import type { KubeObject } from '../types';
import { authorizeRbacWrite, compactString, uncoveredRules } from './escalation';
import { authorizerWith, roleBinding, user } from './testing';
import type { UserInfo } from './types';

const { authz } = authorizerWith(
  roleBinding('team-a', 'bob-admin', 'ClusterRole', 'admin', [user('bob')]),
  roleBinding('team-a', 'dave-edit', 'ClusterRole', 'edit', [user('dave')]),
);
const BOB: UserInfo = { name: 'bob', groups: ['system:authenticated'] };
const DAVE: UserInfo = { name: 'dave', groups: ['system:authenticated'] };

const role = (ns: string, name: string, rules: object[]): KubeObject => ({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name, namespace: ns }, rules });

function statusOf(fn: () => unknown): { code: number; message?: string } | undefined {
  try {
    fn();
  } catch (e) {
    if (isStatusError(e)) return { code: e.code, message: e.status.message };
    throw e;
  }
  return undefined;
}

describe('RBAC escalation check (A-7)', () => {
  it('lets a user create a Role granting what they hold in that namespace', () => {
    expect(statusOf(() => authorizeRbacWrite(BOB, role('team-a', 'r', [{ verbs: ['get', 'list'], apiGroups: ['apps'], resources: ['statefulsets'] }]), undefined, authz))).toBeUndefined();
  });

  it('refuses a Role granting more, listing the missing permissions compactly', () => {
    const r = role('team-a', 'r', [
      { verbs: ['get', 'create'], apiGroups: [''], resources: ['nodes'] },
      { verbs: ['get'], apiGroups: ['apps'], resources: ['statefulsets'] },
    ]);
    expect(statusOf(() => authorizeRbacWrite(BOB, r, undefined, authz))).toEqual({
      code: 403,
      message:
        'roles.rbac.authorization.k8s.io "r" is forbidden: user "bob" (groups=["system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n{APIGroups:[""], Resources:["nodes"], Verbs:["get" "create"]}',
    });
    expect(statusOf(() => authorizeRbacWrite(BOB, { ...r, metadata: { name: 'r', namespace: 'prod' } }, undefined, authz))?.code).toBe(403);
  });

  it('lets system:masters and holders of escalate/bind through', () => {
    const big = role('team-a', 'r', [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }]);
    expect(statusOf(() => authorizeRbacWrite({ name: 'root', groups: ['system:masters'] }, big, undefined, authz))).toBeUndefined();
    expect(statusOf(() => authorizeRbacWrite({ name: 'admin', groups: [] }, big, undefined, authz))).toBeUndefined();
  });

  it('checks bindings against the rules of the role they reference', () => {
    const binding = (roleName: string) => roleBinding('team-a', 'b', 'ClusterRole', roleName, [user('eve')]);
    expect(statusOf(() => authorizeRbacWrite(BOB, binding('edit'), undefined, authz))).toBeUndefined();
    const denied = statusOf(() => authorizeRbacWrite(DAVE, binding('admin'), undefined, authz));
    expect(denied?.code).toBe(403);
    expect(denied?.message).toContain('rolebindings.rbac.authorization.k8s.io "b" is forbidden: user "dave" (groups=["system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n');
    expect(denied?.message).toContain('{APIGroups:["rbac.authorization.k8s.io"], Resources:["roles"], Verbs:[');
    expect(statusOf(() => authorizeRbacWrite(DAVE, binding('nope'), undefined, authz))).toEqual({ code: 404, message: 'clusterroles.rbac.authorization.k8s.io "nope" not found' });
  });

  it('covers subresources through */subresource and URLs through a trailing *', () => {
    expect(uncoveredRules([{ verbs: ['get'], apiGroups: ['*'], resources: ['*/scale'] }], [{ verbs: ['get'], apiGroups: ['apps'], resources: ['statefulsets/scale'] }])).toEqual([]);
    expect(uncoveredRules([{ verbs: ['get'], nonResourceURLs: ['/logs/*'] }], [{ verbs: ['get'], nonResourceURLs: ['/logs/a', '/metrics'] }])).toEqual([{ verbs: ['get'], nonResourceURLs: ['/metrics'] }]);
    expect(compactString({ verbs: ['get'], nonResourceURLs: ['/metrics'] })).toBe('{NonResourceURLs:["/metrics"], Verbs:["get"]}');
  });
});
