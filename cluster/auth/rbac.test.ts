import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../types';
import { bootstrapRbac, forbidden, nameFromFieldSelector, requestVerb } from './rbac';
import { authorizerWith, roleBinding, user } from './testing';
import type { RequestAttributes, UserInfo } from './types';

const BOB: UserInfo = { name: 'bob', groups: ['system:authenticated'] };
const VIEWER: UserInfo = { name: 'viewer', groups: ['system:authenticated'] };
const ADMIN: UserInfo = { name: 'admin', groups: ['system:authenticated'] };
const ANON: UserInfo = { name: 'system:anonymous', groups: ['system:unauthenticated'] };

const res = (u: UserInfo, verb: string, resource: string, o: Partial<RequestAttributes> = {}): RequestAttributes => ({
  user: u,
  verb,
  resourceRequest: true,
  group: '',
  resource,
  ...o,
});

describe('bootstrapRbac (A-6)', () => {
  const objs = bootstrapRbac();
  const role = (n: string) => objs.find((o) => o.kind === 'ClusterRole' && o.metadata.name === n) as KubeObject;

  it('creates the upstream roles and bindings, labelled as rbac-defaults', () => {
    for (const n of ['cluster-admin', 'admin', 'edit', 'view', 'system:basic-user', 'system:discovery', 'system:public-info-viewer']) {
      expect(role(n).metadata.labels?.['kubernetes.io/bootstrapping']).toBe('rbac-defaults');
    }
    const crb = objs.find((o) => o.kind === 'ClusterRoleBinding' && o.metadata.name === 'cluster-admin');
    expect(crb?.subjects).toEqual([{ kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name: 'system:masters' }]);
    expect(role('view').aggregationRule).toEqual({ clusterRoleSelectors: [{ matchLabels: { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' } }] });
  });

  it('writes the aggregated rules into admin, edit and view like the aggregation controller', () => {
    const has = (n: string, group: string, resource: string, verb: string) =>
      ((role(n).rules as { apiGroups: string[]; resources: string[]; verbs: string[] }[]) ?? []).some(
        (r) => r.apiGroups.includes(group) && r.resources.includes(resource) && r.verbs.includes(verb),
      );
    expect(has('view', 'apps', 'statefulsets', 'watch')).toBe(true);
    expect(has('view', '', 'secrets', 'get')).toBe(false);
    expect(has('view', 'metrics.k8s.io', 'pods', 'list')).toBe(true);
    expect(has('edit', 'apps', 'statefulsets/scale', 'patch')).toBe(true);
    expect(has('edit', '', 'secrets', 'get')).toBe(true);
    expect(has('edit', 'rbac.authorization.k8s.io', 'roles', 'create')).toBe(false);
    expect(has('admin', 'rbac.authorization.k8s.io', 'roles', 'create')).toBe(true);
    expect(has('admin', 'apps', 'statefulsets', 'get')).toBe(true);
  });
});

describe('Authorizer (A-5)', () => {
  const { authz, src } = authorizerWith(
    roleBinding('team-a', 'bob-edit', 'ClusterRole', 'edit', [user('bob')]),
    roleBinding('team-a', 'robot-view', 'ClusterRole', 'view', [{ kind: 'ServiceAccount', name: 'robot' }]),
    roleBinding('team-a', 'broken', 'ClusterRole', 'nope', [user('carol')]),
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name: 'one-cm', namespace: 'team-b' },
      rules: [{ verbs: ['get', 'list'], apiGroups: [''], resources: ['configmaps'], resourceNames: ['settings'] }, { verbs: ['get'], apiGroups: ['*'], resources: ['*/scale'] }],
    },
    roleBinding('team-b', 'bob-one-cm', 'Role', 'one-cm', [user('bob')]),
  );

  it('allows the admin user everywhere and names the binding in the reason', () => {
    expect(authz.authorize(res(ADMIN, 'delete', 'nodes', { name: 'node-1' }))).toEqual({
      allowed: true,
      reason: 'RBAC: allowed by ClusterRoleBinding "ordinal:admin" of ClusterRole "cluster-admin" to User "admin"',
    });
    expect(authz.authorize({ user: ADMIN, verb: 'get', resourceRequest: false, path: '/metrics' }).allowed).toBe(true);
  });

  it('lets system:masters do anything without a reason', () => {
    expect(authz.authorize(res({ name: 'root', groups: ['system:masters'] }, 'create', 'pods', { namespace: 'x' }))).toEqual({ allowed: true, reason: '' });
  });

  it('gives viewer read access everywhere except secrets, and no writes', () => {
    expect(authz.authorize(res(VIEWER, 'list', 'statefulsets', { group: 'apps', namespace: 'default' })).allowed).toBe(true);
    expect(authz.authorize(res(VIEWER, 'list', 'pods')).allowed).toBe(true); // all namespaces
    expect(authz.authorize(res(VIEWER, 'get', 'pods', { subresource: 'log', namespace: 'default', name: 'web-0' })).allowed).toBe(true);
    expect(authz.authorize(res(VIEWER, 'get', 'secrets', { namespace: 'default', name: 's' })).allowed).toBe(false);
    expect(authz.authorize(res(VIEWER, 'create', 'statefulsets', { group: 'apps', namespace: 'default' }))).toEqual({ allowed: false, reason: '' });
    expect(authz.authorize(res(VIEWER, 'list', 'nodes')).allowed).toBe(false);
  });

  it('applies RoleBindings to ClusterRoles only in their namespace', () => {
    expect(authz.authorize(res(BOB, 'create', 'statefulsets', { group: 'apps', namespace: 'team-a' }))).toEqual({
      allowed: true,
      reason: 'RBAC: allowed by RoleBinding "bob-edit/team-a" of ClusterRole "edit" to User "bob"',
    });
    expect(authz.authorize(res(BOB, 'create', 'statefulsets', { group: 'apps', namespace: 'default' })).allowed).toBe(false);
    expect(authz.authorize(res(BOB, 'create', 'roles', { group: 'rbac.authorization.k8s.io', namespace: 'team-a' })).allowed).toBe(false);
    expect(authz.authorize(res(BOB, 'patch', 'statefulsets', { group: 'apps', subresource: 'scale', namespace: 'team-a', name: 'web' })).allowed).toBe(true);
  });

  it('matches ServiceAccount subjects without a namespace against the binding namespace', () => {
    const robot: UserInfo = { name: 'system:serviceaccount:team-a:robot', groups: ['system:serviceaccounts', 'system:serviceaccounts:team-a', 'system:authenticated'] };
    expect(authz.authorize(res(robot, 'list', 'pods', { namespace: 'team-a' })).reason).toBe(
      'RBAC: allowed by RoleBinding "robot-view/team-a" of ClusterRole "view" to ServiceAccount "robot/team-a"',
    );
    expect(authz.authorize(res({ ...robot, name: 'system:serviceaccount:other:robot' }, 'list', 'pods', { namespace: 'team-a' })).allowed).toBe(false);
  });

  it('restricts by resourceNames (a list without a name does not match) and matches */subresource', () => {
    expect(authz.authorize(res(BOB, 'get', 'configmaps', { namespace: 'team-b', name: 'settings' })).allowed).toBe(true);
    expect(authz.authorize(res(BOB, 'get', 'configmaps', { namespace: 'team-b', name: 'other' })).allowed).toBe(false);
    expect(authz.authorize(res(BOB, 'list', 'configmaps', { namespace: 'team-b' })).allowed).toBe(false);
    expect(authz.authorize(res(BOB, 'list', 'configmaps', { namespace: 'team-b', name: 'settings' })).allowed).toBe(true);
    expect(authz.authorize(res(BOB, 'get', 'deployments', { group: 'apps', subresource: 'scale', namespace: 'team-b', name: 'd' })).allowed).toBe(true);
    expect(authz.authorize(res(BOB, 'get', 'deployments', { group: 'apps', subresource: 'status', namespace: 'team-b', name: 'd' })).allowed).toBe(false);
  });

  it('reports bindings to missing roles in the reason', () => {
    const carol: UserInfo = { name: 'carol', groups: ['system:authenticated'] };
    expect(authz.authorize(res(carol, 'get', 'pods', { namespace: 'team-a', name: 'p' }))).toEqual({
      allowed: false,
      reason: 'RBAC: clusterrole.rbac.authorization.k8s.io "nope" not found',
      evaluationError: 'clusterrole.rbac.authorization.k8s.io "nope" not found',
    });
  });

  it('serves health and version to anonymous users but nothing else', () => {
    expect(authz.authorize({ user: ANON, verb: 'get', resourceRequest: false, path: '/healthz' }).allowed).toBe(true);
    expect(authz.authorize({ user: ANON, verb: 'get', resourceRequest: false, path: '/version' }).allowed).toBe(true);
    expect(authz.authorize({ user: ANON, verb: 'get', resourceRequest: false, path: '/api' }).allowed).toBe(false);
    expect(authz.authorize({ ...res(ANON, 'list', 'pods'), namespace: 'default' }).allowed).toBe(false);
    expect(authz.authorize({ user: VIEWER, verb: 'get', resourceRequest: false, path: '/apis/apps/v1' }).allowed).toBe(true);
  });

  it('recomputes aggregated roles when a new ClusterRole is labelled aggregate-to-view', () => {
    const widgets = { apiGroups: ['example.com'], resources: ['widgets'], verbs: ['get', 'list'] };
    src.objects.push({ apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole', metadata: { name: 'widget-reader', labels: { 'rbac.authorization.k8s.io/aggregate-to-view': 'true' } }, rules: [widgets] });
    try {
      expect(authz.authorize(res(VIEWER, 'list', 'widgets', { group: 'example.com', namespace: 'x' })).allowed).toBe(true);
      expect(authz.authorize(res(BOB, 'list', 'widgets', { group: 'example.com', namespace: 'team-a' })).allowed).toBe(true); // view -> edit
    } finally {
      src.objects.pop();
    }
  });
});

describe('forbidden (X-3)', () => {
  const msg = (a: RequestAttributes, reason?: string) => {
    const e = forbidden(a, reason);
    expect(e.code).toBe(403);
    expect(e.status.reason).toBe('Forbidden');
    return e.status;
  };
  const bob: UserInfo = { name: 'bob', groups: [] };

  it('formats resource requests with and without a name and namespace', () => {
    expect(msg(res(bob, 'get', 'statefulsets', { group: 'apps', namespace: 'default', name: 'web' }))).toMatchObject({
      message: 'statefulsets.apps "web" is forbidden: User "bob" cannot get resource "statefulsets" in API group "apps" in the namespace "default"',
      details: { name: 'web', group: 'apps', kind: 'statefulsets' },
    });
    expect(msg(res(bob, 'list', 'pods', { namespace: 'default' })).message).toBe(
      'pods is forbidden: User "bob" cannot list resource "pods" in API group "" in the namespace "default"',
    );
    expect(msg(res(bob, 'get', 'pods', { subresource: 'log', namespace: 'default', name: 'web-0' })).message).toBe(
      'pods "web-0" is forbidden: User "bob" cannot get resource "pods/log" in API group "" in the namespace "default"',
    );
    expect(msg(res(bob, 'list', 'nodes')).message).toBe('nodes is forbidden: User "bob" cannot list resource "nodes" in API group "" at the cluster scope');
    expect(msg(res(bob, 'impersonate', 'users', { name: 'alice' })).message).toBe(
      'users "alice" is forbidden: User "bob" cannot impersonate resource "users" in API group "" at the cluster scope',
    );
  });

  it('formats non-resource paths and appends authorizer reasons', () => {
    expect(msg({ user: bob, verb: 'get', resourceRequest: false, path: '/metrics' })).toMatchObject({ message: 'forbidden: User "bob" cannot get path "/metrics"', details: {} });
    expect(msg(res(bob, 'get', 'pods', { namespace: 'a', name: 'p' }), 'RBAC: clusterrole.rbac.authorization.k8s.io "x" not found').message).toBe(
      'pods "p" is forbidden: User "bob" cannot get resource "pods" in API group "" in the namespace "a": RBAC: clusterrole.rbac.authorization.k8s.io "x" not found',
    );
  });
});

describe('requestVerb', () => {
  it.each([
    ['GET', false, false, 'get'],
    ['GET', true, false, 'list'],
    ['GET', true, true, 'watch'],
    ['HEAD', false, false, 'get'],
    ['POST', true, false, 'create'],
    ['PUT', false, false, 'update'],
    ['PATCH', false, false, 'patch'],
    ['DELETE', false, false, 'delete'],
    ['DELETE', true, false, 'deletecollection'],
  ])('%s collection=%s watch=%s -> %s', (method, collection, watch, verb) => {
    expect(requestVerb(method, { collection, watch })).toBe(verb);
  });

  it('takes the name of a list from a metadata.name field selector', () => {
    expect(nameFromFieldSelector('metadata.name=web-0')).toBe('web-0');
    expect(nameFromFieldSelector('status.phase=Running,metadata.name==x')).toBe('x');
    expect(nameFromFieldSelector('metadata.name!=x')).toBeUndefined();
    expect(nameFromFieldSelector(undefined)).toBeUndefined();
  });
});
