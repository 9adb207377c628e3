// kubectl 1.32 `auth can-i`, `auth can-i --list` and `auth whoami` against the real authn/authz/review
// code behind a recording HTTPS stub (A-3, A-8, A-9, A-11, P-3): checks what kubectl prints.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeProtobufBody } from '../api/protobuf';
import { startRecorder, type Recorder, type RecordedRequest } from '../api/protobuf/kubectlRecorder';
import { isStatusError } from '../api/errors';
import { impersonate, TokenAuthenticator } from './authenticator';
import { selfSubjectAccessReview, selfSubjectReview, selfSubjectRulesReview } from './reviews';
import { authorizerWith, roleBinding, user } from './testing';

let rec: Recorder;
const { authz } = authorizerWith(roleBinding('team-a', 'bob-edit', 'ClusterRole', 'edit', [user('bob')]));
// The recorder's kubeconfig authenticates with token `recorder-token`.
const authn = new TokenAuthenticator({ 'recorder-token': { name: 'admin', uid: 'u-admin', groups: ['system:masters'] } });

function answer(r: RecordedRequest): { code: number; body: object } | undefined {
  if (r.method !== 'POST') return undefined;
  try {
    const authHeader = r.headers.authorization;
    const caller = authn.authenticate(Array.isArray(authHeader) ? authHeader[0] : authHeader);
    if (!caller) return { code: 401, body: { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401 } };
    const u = impersonate(caller, r.headers, authz);
    const obj = decodeProtobufBody(r.body);
    switch (obj.kind) {
      case 'SelfSubjectAccessReview':
        return { code: 201, body: selfSubjectAccessReview(u, obj, authz) };
      case 'SelfSubjectRulesReview':
        return { code: 201, body: selfSubjectRulesReview(u, obj, authz) };
      case 'SelfSubjectReview':
        return { code: 201, body: selfSubjectReview(u) };
      default:
        return undefined;
    }
  } catch (e) {
    if (isStatusError(e)) return { code: e.code, body: e.status };
    throw e;
  }
}

beforeAll(async () => {
  rec = await startRecorder(answer);
});

afterAll(async () => {
  await rec.close();
});

describe('kubectl auth against the authorizer', () => {
  it('can-i answers yes where a RoleBinding grants edit and no elsewhere', async () => {
    const yes = await rec.kubectl(['auth', 'can-i', 'create', 'statefulsets', '--as=bob', '-n', 'team-a']);
    expect({ out: yes.stdout.trim(), code: yes.code }).toEqual({ out: 'yes', code: 0 });
    const no = await rec.kubectl(['auth', 'can-i', 'create', 'statefulsets', '--as=bob', '-n', 'default']);
    expect({ out: no.stdout.trim(), code: no.code }).toEqual({ out: 'no', code: 1 });
  });

  it('can-i --list prints the rules kubectl groups by resource', async () => {
    const out = await rec.kubectl(['auth', 'can-i', '--list', '--as=bob', '-n', 'team-a']);
    expect(out.code).toBe(0);
    const lines = out.stdout.split('\n').map((l) => l.trimEnd().split(/\s{2,}/));
    expect(lines[0]).toEqual(['Resources', 'Non-Resource URLs', 'Resource Names', 'Verbs']);
    const row = (resource: string) => lines.find((l) => l[0] === resource);
    expect(row('statefulsets.apps')).toEqual(['statefulsets.apps', '[]', '[]', '[create delete deletecollection patch update get list watch]']);
    expect(row('selfsubjectaccessreviews.authorization.k8s.io')).toEqual(['selfsubjectaccessreviews.authorization.k8s.io', '[]', '[]', '[create]']);
    expect(lines.some((l) => l[1] === '[/version]' && l[3] === '[get]')).toBe(true);
    expect(row('roles.rbac.authorization.k8s.io')).toBeUndefined();
  });

  it('whoami prints the impersonated identity', async () => {
    const out = await rec.kubectl(['auth', 'whoami', '--as=bob', '--as-group=devs']);
    expect(out.code).toBe(0);
    const lines = out.stdout.trim().split('\n').map((l) => l.trim().split(/\s{2,}/));
    expect(lines).toEqual([
      ['ATTRIBUTE', 'VALUE'],
      ['Username', 'bob'],
      ['Groups', '[devs system:authenticated]'],
    ]);
  });

  it('impersonation by a user without the right is refused with the upstream message', async () => {
    const viewerAuthn = new TokenAuthenticator({ 'recorder-token': { name: 'viewer', groups: [] } });
    const u = viewerAuthn.authenticate('Bearer recorder-token');
    expect(u).toBeDefined();
    let message = '';
    try {
      impersonate(u!, { 'impersonate-user': ['bob'] }, authz);
    } catch (e) {
      message = isStatusError(e) ? (e.status.message ?? '') : String(e);
    }
    expect(message).toBe('users "bob" is forbidden: User "viewer" cannot impersonate resource "users" in API group "" at the cluster scope');
  });
});
