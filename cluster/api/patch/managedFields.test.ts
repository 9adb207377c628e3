import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../types';
import { goJsonSyntaxError } from './goFormat';
import { managerOrUserAgent, recordUpdateManagedFields, validatePatchOptions } from './index';

const T0 = '2026-12-01T10:00:00Z';
const T1 = '2026-12-01T10:05:00Z';

function cm(data: Record<string, string>, labels?: Record<string, string>): KubeObject {
  return { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', namespace: 'default', ...(labels ? { labels } : {}) }, data };
}

describe('managerOrUserAgent (P-6)', () => {
  it.each([
    ['kubectl-edit', 'kubectl/v1.32.4 (linux/amd64) kubernetes/4cb5f07', 'kubectl-edit'],
    [undefined, 'kubectl/v1.32.4 (linux/amd64) kubernetes/4cb5f07', 'kubectl'],
    ['', 'kube-controller-manager/v1.32.4 (linux/amd64) kubernetes/4cb5f07/system:serviceaccount', 'kube-controller-manager'],
    [undefined, undefined, ''],
    [undefined, 'ab\u0007c/1.0', 'abc'],
  ])('fieldManager %s, User-Agent %s -> %s', (fm, ua, want) => {
    expect(managerOrUserAgent(fm, ua)).toBe(want);
  });

  it('caps at 128 bytes', () => {
    expect(managerOrUserAgent(undefined, `${'x'.repeat(200)}/1`)).toHaveLength(128);
  });
});

describe('recordUpdateManagedFields (O-5, P-21 item 5)', () => {
  it('on create the writer owns every field it sent, minus server metadata', () => {
    const o = cm({ a: '1' }, { app: 'x' });
    o.metadata.uid = 'u';
    o.metadata.resourceVersion = '7';
    o.metadata.creationTimestamp = T0;
    recordUpdateManagedFields(undefined, o, { manager: 'kubectl-create', now: T0, apiVersion: 'v1' });
    expect(o.metadata.managedFields).toStrictEqual([
      {
        manager: 'kubectl-create',
        operation: 'Update',
        apiVersion: 'v1',
        time: T0,
        fieldsType: 'FieldsV1',
        fieldsV1: { 'f:data': { '.': {}, 'f:a': {} }, 'f:metadata': { 'f:labels': { '.': {}, 'f:app': {} } } },
      },
    ]);
  });

  it('kubectl label takes the label; the creator keeps the rest; entries sort by time', () => {
    const old = cm({ a: '1' }, { app: 'x' });
    recordUpdateManagedFields(undefined, old, { manager: 'kubectl-create', now: T0, apiVersion: 'v1' });
    const next = structuredClone(old);
    next.metadata.labels = { app: 'y', tier: 'db' };
    recordUpdateManagedFields(old, next, { manager: 'kubectl-label', now: T1, apiVersion: 'v1' });
    expect(next.metadata.managedFields?.map((e) => [e.manager, e.time, e.fieldsV1])).toStrictEqual([
      ['kubectl-create', T0, { 'f:data': { '.': {}, 'f:a': {} }, 'f:metadata': { 'f:labels': {} } }],
      ['kubectl-label', T1, { 'f:metadata': { 'f:labels': { 'f:app': {}, 'f:tier': {} } } }],
    ]);
  });

  it('a no-op write keeps the entries untouched (no new time)', () => {
    const old = cm({ a: '1' });
    recordUpdateManagedFields(undefined, old, { manager: 'kubectl-create', now: T0, apiVersion: 'v1' });
    const same = structuredClone(old);
    recordUpdateManagedFields(old, same, { manager: 'kubectl-edit', now: T1, apiVersion: 'v1' });
    expect(same.metadata.managedFields).toStrictEqual(old.metadata.managedFields);
  });

  it('removed fields leave every manager; an empty manager disappears', () => {
    const old = cm({ a: '1' }, { app: 'x' });
    recordUpdateManagedFields(undefined, old, { manager: 'kubectl-create', now: T0, apiVersion: 'v1' });
    const next = structuredClone(old);
    delete next.data;
    delete next.metadata.labels;
    recordUpdateManagedFields(old, next, { manager: 'kubectl-edit', now: T1, apiVersion: 'v1' });
    expect(next.metadata.managedFields).toBeUndefined();
  });

  it('client-sent managedFields are ignored', () => {
    const o = cm({ a: '1' });
    o.metadata.managedFields = [{ manager: 'liar', operation: 'Apply', fieldsType: 'FieldsV1', fieldsV1: { 'f:data': {} } }];
    recordUpdateManagedFields(undefined, o, { manager: 'kubectl-create', now: T0, apiVersion: 'v1' });
    expect(o.metadata.managedFields?.map((e) => e.manager)).toStrictEqual(['kubectl-create']);
  });

  it('/scale writes are recorded with subresource scale; status is never owned through the main resource', () => {
    const sts: KubeObject = { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'web' }, spec: { replicas: 1 }, status: { replicas: 1 } };
    recordUpdateManagedFields(undefined, sts, { manager: 'kubectl-create', now: T0, apiVersion: 'apps/v1' });
    expect(JSON.stringify(sts.metadata.managedFields)).not.toContain('f:status');
    const scaled = structuredClone(sts);
    (scaled.spec as { replicas: number }).replicas = 3;
    recordUpdateManagedFields(sts, scaled, { manager: 'kubectl', subresource: 'scale', now: T1, apiVersion: 'apps/v1' });
    expect(scaled.metadata.managedFields?.find((e) => e.subresource === 'scale')).toStrictEqual({
      manager: 'kubectl',
      operation: 'Update',
      apiVersion: 'apps/v1',
      time: T1,
      fieldsType: 'FieldsV1',
      fieldsV1: { 'f:spec': { 'f:replicas': {} } },
      subresource: 'scale',
    });
  });

  it('status writes own status only', () => {
    const sts: KubeObject = { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'web' }, spec: { replicas: 1 } };
    const next = structuredClone(sts);
    next.status = { readyReplicas: 1 };
    recordUpdateManagedFields(sts, next, { manager: 'kube-controller-manager', subresource: 'status', now: T1, apiVersion: 'apps/v1' });
    expect(next.metadata.managedFields?.[0].fieldsV1).toStrictEqual({ 'f:status': { '.': {}, 'f:readyReplicas': {} } });
  });

  it('more than 10 Update managers fold the oldest into ancient-changes', () => {
    let cur = cm({});
    for (let i = 0; i < 12; i++) {
      const next = structuredClone(cur);
      (next.data as Record<string, string>)[`k${i}`] = 'v';
      recordUpdateManagedFields(cur, next, { manager: `m${String(i).padStart(2, '0')}`, now: `2026-12-01T10:${String(i).padStart(2, '0')}:00Z`, apiVersion: 'v1' });
      cur = next;
    }
    const names = cur.metadata.managedFields?.map((e) => e.manager) ?? [];
    expect(names).toHaveLength(10);
    expect(names).toContain('ancient-changes');
    expect(names).not.toContain('m00');
  });
});

describe("Go's JSON syntax errors", () => {
  it.each([
    ['', 'unexpected end of JSON input'],
    ['{"a":tru}', "invalid character '}' in literal true (expecting 'e')"],
    ['{"a":1}x', "invalid character 'x' after top-level value"],
    ['[1,]', "invalid character ']' looking for beginning of value"],
    ['{"a":"\u0001"}', "invalid character '\\x01' in string literal"],
    ['{"a":1.}', "invalid character '}' after decimal point in numeric literal"],
    ['{"a":-x}', "invalid character 'x' in numeric literal"],
    ['{"a":"\\q"}', "invalid character 'q' in string escape code"],
    ['[1 2]', "invalid character '2' after array element"],
    ['{"a":[1,{"b":2}],"c":null}', undefined],
  ])('%j -> %s', (text, want) => {
    expect(goJsonSyntaxError(text)).toBe(want);
  });
});

describe('validatePatchOptions (PatchOptions validation)', () => {
  const run = (ct: string, o: { fieldManager?: string; force?: string | null }): string | undefined => {
    try {
      validatePatchOptions(ct, o);
      return undefined;
    } catch (e) {
      const s = (e as { status: { code: number; message: string } }).status;
      return `${s.code} ${s.message}`;
    }
  };
  it.each([
    ['application/apply-patch+yaml', {}, '422 PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch'],
    ['application/merge-patch+json', { force: 'true' }, '422 PatchOptions.meta.k8s.io "" is invalid: force: Forbidden: may not be specified for non-apply patch'],
    ['application/merge-patch+json', { fieldManager: 'x'.repeat(129) }, '422 PatchOptions.meta.k8s.io "" is invalid: fieldManager: Too long: may not be more than 128 bytes'],
    ['application/apply-patch+yaml', { fieldManager: 'kubectl', force: 'false' }, undefined],
    ['application/strategic-merge-patch+json', { fieldManager: 'a\u0007' }, '422 PatchOptions.meta.k8s.io "" is invalid: fieldManager: Invalid value: "a\\u0007": invalid character U+0007 (at position 1)'],
  ])('%s %j', (ct, o, want) => {
    expect(run(ct, o)).toBe(want);
  });
});
