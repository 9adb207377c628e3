import { describe, expect, it } from 'vitest';
import { isStatusError } from '../api/errors';
import { localSubjectAccessReview, selfSubjectAccessReview, selfSubjectReview, selfSubjectRulesReview, subjectAccessReview } from './reviews';
import { authorizerWith, roleBinding, user } from './testing';
import type { UserInfo } from './types';

const { authz } = authorizerWith(roleBinding('team-a', 'bob-edit', 'ClusterRole', 'edit', [user('bob')]));
const BOB: UserInfo = { name: 'bob', groups: ['system:authenticated'] };

function statusOf(fn: () => unknown): { code: number; message?: string; reason?: string } {
  try {
    fn();
  } catch (e) {
    if (isStatusError(e)) return { code: e.code, message: e.status.message, reason: e.status.reason };
    throw e;
  }
  throw new Error('expected a StatusError');
}

const ssar = (spec: object) => ({ apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', metadata: {}, spec });

describe('SelfSubjectAccessReview (A-8)', () => {
  it('echoes the spec and answers allowed with the RBAC reason', () => {
    const spec = { resourceAttributes: { namespace: 'team-a', verb: 'create', group: 'apps', resource: 'statefulsets' } };
    expect(selfSubjectAccessReview(BOB, ssar(spec), authz)).toEqual({
      kind: 'SelfSubjectAccessReview',
      apiVersion: 'authorization.k8s.io/v1',
      metadata: {},
      spec,
      status: { allowed: true, reason: 'RBAC: allowed by RoleBinding "bob-edit/team-a" of ClusterRole "edit" to User "bob"' },
    });
  });

  it('answers allowed: false without a reason when nothing grants it', () => {
    const out = selfSubjectAccessReview(BOB, ssar({ resourceAttributes: { namespace: 'prod', verb: 'create', group: 'apps', resource: 'statefulsets' } }), authz);
    expect(out.status).toEqual({ allowed: false });
  });

  it('checks non-resource paths', () => {
    expect(selfSubjectAccessReview(BOB, ssar({ nonResourceAttributes: { path: '/apis', verb: 'get' } }), authz).status).toMatchObject({ allowed: true });
    expect(selfSubjectAccessReview(BOB, ssar({ nonResourceAttributes: { path: '/metrics', verb: 'get' } }), authz).status).toEqual({ allowed: false });
  });

  it('rejects a spec with neither or both attribute kinds as Invalid', () => {
    expect(statusOf(() => selfSubjectAccessReview(BOB, ssar({}), authz))).toEqual({
      code: 422,
      reason: 'Invalid',
      message: 'SelfSubjectAccessReview.authorization.k8s.io "" is invalid: spec.resourceAttributes: Invalid value: "null": exactly one of nonResourceAttributes or resourceAttributes must be specified',
    });
    const both = statusOf(() => selfSubjectAccessReview(BOB, ssar({ resourceAttributes: { verb: 'get' }, nonResourceAttributes: { path: '/', verb: 'get' } }), authz));
    expect(both.code).toBe(422);
    expect(both.message).toContain('spec.nonResourceAttributes: Invalid value: ');
    expect(both.message).toContain('cannot be specified in combination with resourceAttributes');
  });
});

describe('SelfSubjectRulesReview (A-9)', () => {
  it('lists cluster-wide and namespace rules for the namespace', () => {
    const out = selfSubjectRulesReview(BOB, { metadata: {}, spec: { namespace: 'team-a' } }, authz);
    const status = out.status as { resourceRules: { verbs: string[]; apiGroups?: string[]; resources?: string[] }[]; nonResourceRules: object[]; incomplete: boolean };
    expect(out).toMatchObject({ kind: 'SelfSubjectRulesReview', apiVersion: 'authorization.k8s.io/v1', metadata: {}, spec: {} });
    expect(status.incomplete).toBe(false);
    expect(status.resourceRules).toContainEqual({ verbs: ['create'], apiGroups: ['authorization.k8s.io'], resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'] });
    expect(status.resourceRules.some((r) => r.apiGroups?.includes('apps') && r.resources?.includes('statefulsets') && r.verbs.includes('create'))).toBe(true);
    expect(status.nonResourceRules).toContainEqual({ verbs: ['get'], nonResourceURLs: ['/healthz', '/livez', '/readyz', '/version', '/version/'] });
    const other = selfSubjectRulesReview(BOB, { metadata: {}, spec: { namespace: 'prod' } }, authz).status as { resourceRules: { apiGroups?: string[] }[] };
    expect(other.resourceRules.some((r) => r.apiGroups?.includes('apps'))).toBe(false);
  });

  it('needs a namespace', () => {
    expect(statusOf(() => selfSubjectRulesReview(BOB, { metadata: {}, spec: {} }, authz))).toEqual({ code: 400, reason: 'BadRequest', message: 'no namespace on request' });
  });
});

describe('SubjectAccessReview and LocalSubjectAccessReview (A-10)', () => {
  it('evaluates the subject in spec, not the caller', () => {
    const body = { metadata: {}, spec: { user: 'bob', groups: ['system:authenticated'], resourceAttributes: { namespace: 'team-a', verb: 'delete', resource: 'pods' } } };
    expect(subjectAccessReview(body, authz)).toMatchObject({ kind: 'SubjectAccessReview', status: { allowed: true } });
    expect(subjectAccessReview({ ...body, spec: { ...body.spec, user: 'eve' } }, authz).status).toEqual({ allowed: false });
  });

  it('requires a user or group', () => {
    const s = statusOf(() => subjectAccessReview({ metadata: {}, spec: { resourceAttributes: { verb: 'get', resource: 'pods' } } }, authz));
    expect(s).toEqual({ code: 422, reason: 'Invalid', message: 'SubjectAccessReview.authorization.k8s.io "" is invalid: spec.user: Invalid value: "": at least one of user or group must be specified' });
  });

  it('confines a local review to its namespace', () => {
    const body = { metadata: { namespace: 'team-a' }, spec: { user: 'bob', resourceAttributes: { namespace: 'team-a', verb: 'get', resource: 'pods' } } };
    expect(localSubjectAccessReview('team-a', body, authz)).toMatchObject({ kind: 'LocalSubjectAccessReview', metadata: { namespace: 'team-a' }, status: { allowed: true } });
    const wrong = statusOf(() => localSubjectAccessReview('team-a', { ...body, spec: { ...body.spec, resourceAttributes: { namespace: 'prod', verb: 'get', resource: 'pods' } } }, authz));
    expect(wrong.code).toBe(422);
    expect(wrong.message).toContain('spec.resourceAttributes.namespace: Invalid value: "prod": must match metadata.namespace');
  });
});

describe('SelfSubjectReview (A-3)', () => {
  it('describes the caller', () => {
    expect(selfSubjectReview({ name: 'alice', uid: 'u-1', groups: ['devs', 'system:authenticated'], extra: { scopes: ['a'] } })).toEqual({
      kind: 'SelfSubjectReview',
      apiVersion: 'authentication.k8s.io/v1',
      metadata: {},
      status: { userInfo: { username: 'alice', uid: 'u-1', groups: ['devs', 'system:authenticated'], extra: { scopes: ['a'] } } },
    });
  });
});
