import { describe, expect, it } from 'vitest';
import { isStatusError } from '../api/errors';
import { ANONYMOUS, impersonate, serviceAccountUser, TokenAuthenticator } from './authenticator';
import { authorizerWith } from './testing';
import type { UserInfo } from './types';

function statusOf(fn: () => unknown): { code: number; message?: string; reason?: string } {
  try {
    fn();
  } catch (e) {
    if (isStatusError(e)) return { code: e.code, message: e.status.message, reason: e.status.reason };
    throw e;
  }
  throw new Error('expected a StatusError');
}

describe('TokenAuthenticator (A-1, A-2)', () => {
  const authn = new TokenAuthenticator({ 't-alice': { name: 'alice', uid: 'u-1', groups: ['devs'], extra: { scopes: ['a'] } } });

  it('maps a known bearer token to its user plus system:authenticated', () => {
    expect(authn.authenticate('Bearer t-alice')).toEqual({ name: 'alice', uid: 'u-1', groups: ['devs', 'system:authenticated'], extra: { scopes: ['a'] } });
    expect(authn.authenticate('bearer t-alice')?.name).toBe('alice');
  });

  it('returns undefined (401) for an unknown bearer token', () => {
    expect(authn.authenticate('Bearer nope')).toBeUndefined();
  });

  it('treats a missing header, an empty token or another scheme as anonymous', () => {
    expect(authn.authenticate(undefined)).toEqual(ANONYMOUS);
    expect(authn.authenticate('Bearer ')).toEqual(ANONYMOUS);
    expect(authn.authenticate('Basic YTpi')).toEqual(ANONYMOUS);
    expect(ANONYMOUS).toEqual({ name: 'system:anonymous', groups: ['system:unauthenticated'] });
  });

  it('accepts a lookup function (tokens kept hashed elsewhere)', () => {
    const sa = serviceAccountUser('ordinal-system', 'console');
    const fn = new TokenAuthenticator((t) => (t === 'sa-token' ? sa : undefined));
    expect(fn.authenticate('Bearer sa-token')).toEqual({
      name: 'system:serviceaccount:ordinal-system:console',
      groups: ['system:serviceaccounts', 'system:serviceaccounts:ordinal-system', 'system:authenticated'],
    });
  });
});

describe('impersonate (A-11, A-12)', () => {
  const { authz } = authorizerWith();
  const admin: UserInfo = { name: 'admin', groups: ['system:authenticated'] };
  const viewer: UserInfo = { name: 'viewer', groups: ['system:authenticated'] };
  const consoleSA = serviceAccountUser('ordinal-system', 'console');

  it('leaves the user alone without impersonation headers', () => {
    expect(impersonate(admin, { accept: 'application/json' }, authz)).toBe(admin);
  });

  it('switches to the requested user, groups, uid and extras when allowed', () => {
    const u = impersonate(
      admin,
      { 'impersonate-user': 'alice', 'impersonate-group': ['devs', 'ops'], 'impersonate-uid': '123', 'impersonate-extra-scopes': 'view', 'impersonate-extra-acme.com%2fproject': 'p1' },
      authz,
    );
    expect(u).toEqual({ name: 'alice', uid: '123', groups: ['devs', 'ops', 'system:authenticated'], extra: { scopes: ['view'], 'acme.com/project': ['p1'] } });
  });

  it('splits groups that Node joined into one header value', () => {
    expect(impersonate(admin, { 'impersonate-user': 'alice', 'impersonate-group': 'devs, ops' }, authz).groups).toEqual(['devs', 'ops', 'system:authenticated']);
  });

  it('gives an impersonated service account its fixed groups', () => {
    expect(impersonate(admin, { 'impersonate-user': 'system:serviceaccount:team-a:robot' }, authz)).toEqual({
      name: 'system:serviceaccount:team-a:robot',
      groups: ['system:serviceaccounts', 'system:serviceaccounts:team-a', 'system:authenticated'],
    });
  });

  it('lets the console service account impersonate users and groups (A-13) but not service accounts', () => {
    expect(impersonate(consoleSA, { 'impersonate-user': 'bob', 'impersonate-group': 'devs' }, authz)).toEqual({ name: 'bob', groups: ['devs', 'system:authenticated'] });
    expect(statusOf(() => impersonate(consoleSA, { 'impersonate-user': 'system:serviceaccount:kube-system:x' }, authz)).message).toBe(
      'serviceaccounts "x" is forbidden: User "system:serviceaccount:ordinal-system:console" cannot impersonate resource "serviceaccounts" in API group "" in the namespace "kube-system"',
    );
  });

  it('answers 403 with the upstream message when impersonation is not allowed', () => {
    expect(statusOf(() => impersonate(viewer, { 'impersonate-user': 'bob' }, authz))).toEqual({
      code: 403,
      reason: 'Forbidden',
      message: 'users "bob" is forbidden: User "viewer" cannot impersonate resource "users" in API group "" at the cluster scope',
    });
    expect(statusOf(() => impersonate(consoleSA, { 'impersonate-user': 'bob', 'impersonate-extra-scopes': 'x' }, authz)).message).toBe(
      'userextras.authentication.k8s.io "x" is forbidden: User "system:serviceaccount:ordinal-system:console" cannot impersonate resource "userextras/scopes" in API group "authentication.k8s.io" at the cluster scope',
    );
  });

  it('answers 400 for groups without a user', () => {
    const s = statusOf(() => impersonate(admin, { 'impersonate-group': 'devs' }, authz));
    expect(s.code).toBe(400);
    expect(s.message).toMatch(/without impersonating a user$/);
  });

  it('keeps system:unauthenticated when asked to impersonate anonymous', () => {
    expect(impersonate(admin, { 'impersonate-user': 'system:anonymous' }, authz)).toEqual({ name: 'system:anonymous', groups: ['system:unauthenticated'] });
  });
});
