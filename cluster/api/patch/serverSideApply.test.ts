import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../types';
import { applyPatch, recordUpdateManagedFields, serverSideApply } from './index';

const d = { group: 'apps', version: 'v1', kind: 'StatefulSet', subresources: [{ name: 'status' }, { name: 'scale' }] };
const T0 = '2026-12-01T10:00:00Z';
const T1 = '2026-12-01T10:05:00Z';
const T2 = '2026-12-01T10:09:00Z';

function manifest(replicas = 3, containers: object[] = [{ name: 'nginx', image: 'nginx:1.25', ports: [{ containerPort: 80 }] }]) {
  return {
    apiVersion: 'apps/v1',
    kind: 'StatefulSet',
    metadata: { name: 'web', namespace: 'default', labels: { app: 'web' } },
    spec: {
      replicas,
      selector: { matchLabels: { app: 'web' } },
      serviceName: 'web',
      template: { metadata: { labels: { app: 'web' } }, spec: { containers } },
      volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'] } }],
    },
  };
}

function apply(current: KubeObject | undefined, body: unknown, manager = 'kubectl', force = false, now = T1): KubeObject {
  return serverSideApply(current, typeof body === 'string' ? body : JSON.stringify(body), { manager, force, d, now });
}

function statusOf(f: () => unknown): { code: number; reason?: string; message?: string; details?: { causes?: unknown[] } } {
  try {
    f();
  } catch (e) {
    return (e as { status: { code: number } }).status;
  }
  throw new Error('expected an error');
}

/** The object `kubectl create -f` stores: manager kubectl-create (operation Update). */
function created(replicas = 3): KubeObject {
  const o = manifest(replicas) as unknown as KubeObject;
  recordUpdateManagedFields(undefined, o, { manager: 'kubectl-create', now: T0, apiVersion: 'apps/v1' });
  return o;
}

describe('server-side apply: create and ownership (P-21 items 2, 6)', () => {
  it('creates the object with one Apply entry in exact FieldsV1 notation', () => {
    const o = apply(undefined, manifest(), 'kubectl', false, T0);
    expect(o.spec).toStrictEqual(manifest().spec);
    expect(o.metadata.managedFields).toStrictEqual([
      {
        manager: 'kubectl',
        operation: 'Apply',
        apiVersion: 'apps/v1',
        time: T0,
        fieldsType: 'FieldsV1',
        fieldsV1: {
          'f:metadata': { 'f:labels': { 'f:app': {} } },
          'f:spec': {
            'f:replicas': {},
            'f:selector': {},
            'f:serviceName': {},
            'f:template': {
              'f:metadata': { 'f:labels': { 'f:app': {} } },
              'f:spec': {
                'f:containers': {
                  'k:{"name":"nginx"}': {
                    '.': {},
                    'f:image': {},
                    'f:name': {},
                    'f:ports': { 'k:{"containerPort":80,"protocol":"TCP"}': { '.': {}, 'f:containerPort': {} } },
                  },
                },
              },
            },
            'f:volumeClaimTemplates': {},
          },
        },
      },
    ]);
  });

  it('accepts a YAML body', () => {
    const yaml = 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: web\n  namespace: default\nspec:\n  replicas: 2\n';
    const o = apply(undefined, yaml);
    expect((o.spec as { replicas: number }).replicas).toBe(2);
    expect(o.metadata.managedFields?.[0].fieldsV1).toStrictEqual({ 'f:spec': { 'f:replicas': {} } });
  });

  it('re-applying the same manifest changes nothing, not even the entry time', () => {
    const first = apply(undefined, manifest(), 'kubectl', false, T0);
    const again = apply(first, manifest(), 'kubectl', false, T1);
    expect(again).toStrictEqual(first);
  });

  it('status in an apply to the main resource is not owned (reset fields)', () => {
    const o = apply(undefined, { ...manifest(), status: { replicas: 5 } });
    expect(JSON.stringify(o.metadata.managedFields)).not.toContain('f:status');
  });
});

describe('server-side apply: conflicts (P-21 item 4, checklist 41)', () => {
  it('kubectl patch --field-manager=other-manager, then apply -> 409 naming the manager and field', () => {
    let live = created(3);
    const patched = applyPatch('application/merge-patch+json', live, '{"spec":{"replicas":5}}', d);
    recordUpdateManagedFields(live, patched, { manager: 'other-manager', now: T1, apiVersion: 'apps/v1' });
    live = patched;
    const s = statusOf(() => apply(live, manifest(3), 'kubectl', false, T2));
    expect(s).toStrictEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      message: 'Apply failed with 1 conflict: conflict with "other-manager" using apps/v1: .spec.replicas',
      reason: 'Conflict',
      details: {
        causes: [{ reason: 'FieldManagerConflict', message: 'conflict with "other-manager" using apps/v1', field: '.spec.replicas' }],
      },
      code: 409,
    });
  });

  it('--force-conflicts takes ownership: replicas applied, other-manager loses the field', () => {
    let live = created(3);
    const patched = applyPatch('application/merge-patch+json', live, '{"spec":{"replicas":5}}', d);
    recordUpdateManagedFields(live, patched, { manager: 'other-manager', now: T1, apiVersion: 'apps/v1' });
    live = patched;
    const o = apply(live, manifest(3), 'kubectl', true, T2);
    expect((o.spec as { replicas: number }).replicas).toBe(3);
    const mf = o.metadata.managedFields ?? [];
    expect(mf.map((e) => [e.manager, e.operation])).toStrictEqual([
      ['kubectl', 'Apply'],
      ['kubectl-create', 'Update'],
    ]);
    expect((mf[0].fieldsV1 as Record<string, Record<string, unknown>>)['f:spec']['f:replicas']).toStrictEqual({});
  });

  it('equal values are co-owned, not conflicts; a no-op apply records no time (sorted first)', () => {
    const a = apply(undefined, manifest(2), 'a');
    const b = apply(a, manifest(2), 'b');
    expect(b.metadata.managedFields?.map((e) => [e.manager, e.time])).toStrictEqual([
      ['b', undefined],
      ['a', T1],
    ]);
    expect(b.metadata.managedFields?.[0].fieldsV1).toStrictEqual(b.metadata.managedFields?.[1].fieldsV1);
  });

  it('two appliers disagreeing: the Apply manager is printed without "using"', () => {
    const a = apply(undefined, manifest(2), 'a');
    const s = statusOf(() => apply(a, manifest(4), 'b'));
    expect(s.code).toBe(409);
    expect(s.message).toBe('Apply failed with 1 conflict: conflict with "a": .spec.replicas');
  });

  it('several conflicts are grouped per manager', () => {
    const a = apply(undefined, manifest(2), 'a');
    const body = manifest(4, [{ name: 'nginx', image: 'nginx:1.26', ports: [{ containerPort: 80 }] }]);
    const s = statusOf(() => apply(a, body, 'b'));
    expect(s.message).toBe(
      'Apply failed with 2 conflicts: conflicts with "a":\n- .spec.replicas\n- .spec.template.spec.containers[name="nginx"].image',
    );
    expect(s.details?.causes).toHaveLength(2);
  });

  it('an Update manager on a subresource is named with it', () => {
    const live = apply(undefined, manifest(2), 'kubectl', false, T0);
    const scaled = structuredClone(live);
    (scaled.spec as { replicas: number }).replicas = 6;
    recordUpdateManagedFields(live, scaled, { manager: 'kubectl', subresource: 'scale', now: T1, apiVersion: 'apps/v1' });
    const s = statusOf(() => apply(scaled, manifest(2), 'kubectl', false, T2));
    expect(s.message).toBe('Apply failed with 1 conflict: conflict with "kubectl" with subresource "scale" using apps/v1: .spec.replicas');
  });
});

describe('server-side apply: removing fields no longer applied (P-21 item 3)', () => {
  const two = [
    { name: 'nginx', image: 'nginx:1.25' },
    { name: 'side', image: 'busybox' },
  ];
  it('a container the manager alone applied before disappears', () => {
    const first = apply(undefined, manifest(1, two));
    const second = apply(first, manifest(1, [two[0]]));
    const containers = ((second.spec as { template: { spec: { containers: { name: string }[] } } }).template.spec.containers).map((c) => c.name);
    expect(containers).toStrictEqual(['nginx']);
  });

  it('an item co-owned by another applier stays', () => {
    const a = apply(undefined, manifest(1, two), 'a');
    const b = apply(a, manifest(1, two), 'b');
    const again = apply(b, manifest(1, [two[0]]), 'a');
    expect(JSON.stringify(again.spec)).toContain('"side"');
  });

  it('labels: an omitted label goes, one added by kubectl label (Update) stays', () => {
    const m = manifest();
    m.metadata.labels = { app: 'web', team: 'x' } as typeof m.metadata.labels;
    let live = apply(undefined, m);
    const labelled = applyPatch('application/merge-patch+json', live, '{"metadata":{"labels":{"tier":"db"}}}', d);
    recordUpdateManagedFields(live, labelled, { manager: 'kubectl-label', now: T1, apiVersion: 'apps/v1' });
    live = apply(labelled, manifest(), 'kubectl', false, T2);
    expect(live.metadata.labels).toStrictEqual({ app: 'web', tier: 'db' });
  });

  it('fields defaulted by the server (unowned) survive re-apply', () => {
    const live = apply(undefined, manifest());
    (live.spec as Record<string, unknown>).podManagementPolicy = 'OrderedReady';
    const again = apply(live, manifest(4));
    expect((again.spec as Record<string, unknown>).podManagementPolicy).toBe('OrderedReady');
    expect((again.spec as Record<string, unknown>).replicas).toBe(4);
  });
});

describe('server-side apply: requests the apiserver rejects', () => {
  it.each([
    ['no fieldManager', () => apply(undefined, manifest(), ''), 422, 'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch'],
    ['another kind', () => apply(undefined, { ...manifest(), kind: 'Deployment' }), 400, 'invalid object type: apps/v1, Kind=Deployment'],
    ['another version', () => apply(undefined, { ...manifest(), apiVersion: 'apps/v1beta2' }), 400, 'invalid object type: apps/v1beta2, Kind=StatefulSet'],
    ['managedFields in the body', () => apply(undefined, { ...manifest(), metadata: { name: 'web', managedFields: [] } }), 400, 'metadata.managedFields must be nil'],
    ['a list body', () => apply(undefined, '[1]'), 400, 'error decoding YAML: error unmarshaling JSON: while decoding JSON: json: cannot unmarshal array into Go value of type map[string]interface {}'],
  ] as const)('%s', (_n, f, code, message) => {
    expect(statusOf(f)).toMatchObject({ code, message });
  });

  it('broken YAML -> 400 error decoding YAML', () => {
    const s = statusOf(() => apply(undefined, 'a: [1,\n'));
    expect(s.code).toBe(400);
    expect(s.message).toMatch(/^error decoding YAML: /);
  });

  it('a list-map item without its key -> 400, never 500', () => {
    const s = statusOf(() => apply(undefined, manifest(1, [{ image: 'x' }])));
    expect(s.code).toBe(400);
    expect(s.message).toContain('associative list with keys has an element that omits key field "name"');
  });
});

describe('server-side apply after client-side apply (P-20)', () => {
  it('kubectl may take over fields still matching last-applied; the annotation is rewritten', () => {
    const m = manifest(3);
    const withAnnotation = { ...m, metadata: { ...m.metadata, annotations: { 'kubectl.kubernetes.io/last-applied-configuration': `${JSON.stringify(m)}\n` } } };
    const live = withAnnotation as unknown as KubeObject;
    recordUpdateManagedFields(undefined, live, { manager: 'kubectl-client-side-apply', now: T0, apiVersion: 'apps/v1' });
    // the new manifest changes the image: kubectl-client-side-apply owns it, but it still equals last-applied
    const next = manifest(3, [{ name: 'nginx', image: 'nginx:1.26', ports: [{ containerPort: 80 }] }]);
    const o = apply(live, next, 'kubectl', false, T1);
    expect(JSON.stringify(o.spec)).toContain('nginx:1.26');
    const ann = o.metadata.annotations?.['kubectl.kubernetes.io/last-applied-configuration'] ?? '';
    expect(ann.endsWith('\n')).toBe(true);
    expect(JSON.parse(ann)).toStrictEqual(next);
  });

  it('the rewritten annotation is Go-encoded: sorted keys, HTML escaped, trailing newline', () => {
    const m = { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'web', annotations: { note: 'a<b&c' } }, spec: { replicas: 1 } };
    const live = { ...m, metadata: { ...m.metadata, annotations: { ...m.metadata.annotations, 'kubectl.kubernetes.io/last-applied-configuration': '{}\n' } } } as unknown as KubeObject;
    const o = apply(live, m, 'kubectl', true);
    expect(o.metadata.annotations?.['kubectl.kubernetes.io/last-applied-configuration']).toBe(
      '{"apiVersion":"apps/v1","kind":"StatefulSet","metadata":{"annotations":{"note":"a\\u003cb\\u0026c"},"name":"web"},"spec":{"replicas":1}}\n',
    );
  });
});

describe('server-side apply purity', () => {
  it('never modifies the live object it was given', () => {
    const m = manifest(3);
    const live = { ...m, metadata: { ...m.metadata, annotations: { 'kubectl.kubernetes.io/last-applied-configuration': '{}\n' } } } as unknown as KubeObject;
    recordUpdateManagedFields(undefined, live, { manager: 'kubectl-client-side-apply', now: T0, apiVersion: 'apps/v1' });
    const before = JSON.stringify(live);
    apply(live, { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'web' }, spec: { replicas: 5 } }, 'kubectl', true);
    expect(JSON.stringify(live)).toBe(before);
  });
});

describe('server-side apply: list order and first apply to unmanaged objects', () => {
  it('associative lists keep unmentioned live items in place and follow the applied order (mergingWalker)', () => {
    const containers = ['a', 'b', 'c'].map((name) => ({ name, image: name }));
    const live = apply(undefined, manifest(1, containers), 'other');
    const o = apply(live, manifest(1, [{ name: 'c', image: 'c' }, { name: 'a', image: 'a' }]), 'kubectl');
    const names = (o.spec as { template: { spec: { containers: { name: string }[] } } }).template.spec.containers.map((x) => x.name);
    expect(names).toStrictEqual(['b', 'c', 'a']);
  });

  it('an object without managedFields is first owned by before-first-apply (operation Update)', () => {
    const live = manifest(3) as unknown as KubeObject;
    const s = statusOf(() => apply(live, manifest(5), 'kubectl'));
    expect(s.message).toBe('Apply failed with 1 conflict: conflict with "before-first-apply" using apps/v1: .spec.replicas');
    const forced = apply(live, manifest(5), 'kubectl', true);
    expect(forced.metadata.managedFields?.map((e) => [e.manager, e.operation])).toStrictEqual([
      ['kubectl', 'Apply'],
      ['before-first-apply', 'Update'],
    ]);
  });
});

describe('apply bodies in YAML', () => {
  it('decode like sigs.k8s.io/yaml: YAML 1.1 booleans, timestamps stay strings', () => {
    const yaml = 'apiVersion: apps/v1\nkind: StatefulSet\nmetadata:\n  name: web\n  annotations:\n    when: 2026-12-01\nspec:\n  replicas: 1\n  template:\n    spec:\n      enableServiceLinks: no\n';
    const o = apply(undefined, yaml);
    expect(o.metadata.annotations).toStrictEqual({ when: '2026-12-01' });
    expect((o.spec as { template: { spec: Record<string, unknown> } }).template.spec.enableServiceLinks).toBe(false);
  });
});
