// PATCH options and managedFields bookkeeping as upstream's handlers do them (P-6, P-21):
// PatchOptions validation (422), applies to /status owned as the status subresource, the
// User-Agent manager fallback, and applies that only add an owner being stored.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject, ManagedFieldsEntry } from '../types';
import { TestCluster } from './harness';

const c = new TestCluster();
const APPLY = { 'content-type': 'application/apply-patch+yaml' };
const MERGE = { 'content-type': 'application/merge-patch+json' };
const CMS = '/api/v1/namespaces/default/configmaps';

beforeAll(async () => {
  await c.start();
}, 120_000);

afterAll(async () => {
  await c.stop();
  c.cleanup();
});

const managers = (o: KubeObject): Partial<ManagedFieldsEntry>[] =>
  (o.metadata.managedFields ?? []).map(({ manager, operation, subresource }) => ({ manager, operation, ...(subresource ? { subresource } : {}) }));

describe('PatchOptions validation', () => {
  it('apply without a fieldManager is 422 Invalid PatchOptions', async () => {
    const r = await c.api('PATCH', `${CMS}/nope`, { body: '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"nope"}}', headers: APPLY });
    expect(r.status).toBe(422);
    expect(r.json()).toMatchObject({
      reason: 'Invalid',
      message: 'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch',
      details: { group: 'meta.k8s.io', kind: 'PatchOptions' },
    });
  });

  it('force on a non-apply patch is 422', async () => {
    await c.api('POST', CMS, { body: JSON.stringify({ metadata: { name: 'forced' }, data: { a: '1' } }) });
    const r = await c.api('PATCH', `${CMS}/forced?force=true`, { body: '{"data":{"a":"2"}}', headers: MERGE });
    expect(r.status).toBe(422);
    expect(r.json<{ message: string }>().message).toBe('PatchOptions.meta.k8s.io "" is invalid: force: Forbidden: may not be specified for non-apply patch');
  });
});

describe('managedFields', () => {
  it('an apply to /status is owned with subresource status and sets the status', async () => {
    const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'lb' }, spec: { type: 'LoadBalancer', ports: [{ port: 80 }] } };
    expect((await c.api('POST', '/api/v1/namespaces/default/services', { body: JSON.stringify(svc) })).status).toBe(201);
    const status = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'lb' }, status: { loadBalancer: { ingress: [{ ip: '192.0.2.10' }] } } };
    const r = await c.api('PATCH', '/api/v1/namespaces/default/services/lb/status?fieldManager=lb-controller', { body: JSON.stringify(status), headers: APPLY });
    expect(r.status).toBe(200);
    const out = r.json<KubeObject>();
    expect(out.status).toEqual({ loadBalancer: { ingress: [{ ip: '192.0.2.10' }] } });
    expect(managers(out)).toContainEqual({ manager: 'lb-controller', operation: 'Apply', subresource: 'status' });
  });

  it('the User-Agent fallback keeps printable characters and at most 128 bytes', async () => {
    const ua = `${'x'.repeat(200)}/v1.0 (linux)`;
    const r = await c.api('POST', CMS, { body: JSON.stringify({ metadata: { name: 'ua' }, data: { a: 'b' } }), headers: { 'user-agent': ua } });
    expect(r.status).toBe(201);
    expect(managers(r.json<KubeObject>())).toEqual([{ manager: 'x'.repeat(128), operation: 'Update' }]);
  });

  it('an apply that changes no field but adds an owner is stored with a new resourceVersion', async () => {
    const cm = JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'shared' }, data: { k: 'v' } });
    const first = await c.api('PATCH', `${CMS}/shared?fieldManager=first`, { body: cm, headers: APPLY });
    expect(first.status).toBe(201);
    const second = await c.api('PATCH', `${CMS}/shared?fieldManager=second`, { body: cm, headers: APPLY });
    expect(second.status).toBe(200);
    const out = second.json<KubeObject>();
    expect(Number(out.metadata.resourceVersion)).toBeGreaterThan(Number(first.json<KubeObject>().metadata.resourceVersion));
    expect(managers(out).map((m) => m.manager).sort()).toEqual(['first', 'second']);
    const stored = (await c.api('GET', `${CMS}/shared`)).json<KubeObject>();
    expect(stored.metadata.resourceVersion).toBe(out.metadata.resourceVersion);
    expect(managers(stored).map((m) => m.manager).sort()).toEqual(['first', 'second']);
    // Applying the same again by the same owner is a no-op (O-4).
    const third = await c.api('PATCH', `${CMS}/shared?fieldManager=second`, { body: cm, headers: APPLY });
    expect(third.json<KubeObject>().metadata.resourceVersion).toBe(out.metadata.resourceVersion);
  });
});
