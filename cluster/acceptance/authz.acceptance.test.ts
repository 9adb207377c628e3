// Authorization answers that depend on the authorizer's reason and namespaced access
// reviews, through kubectl and raw requests.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TestCluster } from './harness';

const c = new TestCluster();

beforeAll(async () => {
  await c.start();
}, 120_000);

afterAll(async () => {
  await c.stop();
  c.cleanup();
});

describe('Forbidden reasons (X-3)', () => {
  it('appends the RBAC reason when a binding refers to a role that does not exist', async () => {
    expect((await c.kubectl(['create', 'rolebinding', 'dangling', '--role=missing', '--user=erin'])).stdout.trim()).toBe(
      'rolebinding.rbac.authorization.k8s.io/dangling created',
    );
    const r = await c.kubectl(['--as=erin', 'get', 'pods']);
    expect(r.stderr.trim()).toBe(
      'Error from server (Forbidden): pods is forbidden: User "erin" cannot list resource "pods" in API group "" in the namespace "default": RBAC: role.rbac.authorization.k8s.io "missing" not found',
    );
    // No reason without an evaluation error: the message ends at the scope.
    const other = await c.kubectl(['--as=erin', 'get', 'pods', '-n', 'kube-system']);
    expect(other.stderr.trim()).toBe(
      'Error from server (Forbidden): pods is forbidden: User "erin" cannot list resource "pods" in API group "" in the namespace "kube-system"',
    );
  });
});

describe('LocalSubjectAccessReview (A-10)', () => {
  const path = '/apis/authorization.k8s.io/v1/namespaces/default/localsubjectaccessreviews';
  const review = (ns: string, user: string, verb: string) =>
    JSON.stringify({
      apiVersion: 'authorization.k8s.io/v1',
      kind: 'LocalSubjectAccessReview',
      metadata: { namespace: ns },
      spec: { user, resourceAttributes: { namespace: ns, verb, resource: 'configmaps' } },
    });

  it('answers a review that names its namespace in metadata, as clients send it', async () => {
    const yes = await c.api('POST', path, { body: review('default', 'admin', 'get') });
    expect(yes.status).toBe(201);
    expect(yes.json()).toMatchObject({ kind: 'LocalSubjectAccessReview', metadata: { namespace: 'default' }, status: { allowed: true } });
    const no = await c.api('POST', path, { body: review('default', 'nobody', 'delete') });
    expect(no.status).toBe(201);
    expect(no.json()).toMatchObject({ status: { allowed: false } });
  });

  it('refuses a review for another namespace', async () => {
    const r = await c.api('POST', path, { body: review('kube-system', 'admin', 'get') });
    expect(r.status).toBe(400);
  });
});
