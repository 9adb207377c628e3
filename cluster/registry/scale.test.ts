import { describe, expect, it } from 'vitest';
import { isStatusError } from '../api/errors';
import type { KubeObject } from '../types';
import { applyScale, toScale } from './scale';

const sts: KubeObject = {
  apiVersion: 'apps/v1',
  kind: 'StatefulSet',
  metadata: { name: 'web', namespace: 'default', uid: 'u-1', resourceVersion: '42', creationTimestamp: '2026-11-23T10:00:00Z', generation: 3, labels: { a: 'b' } },
  spec: { replicas: 3, selector: { matchLabels: { app: 'web' } } },
  status: { replicas: 2 },
};

describe('Scale subresource (S-2, S-3)', () => {
  it('renders the Scale exactly', () => {
    expect(JSON.stringify(toScale(sts))).toBe(
      JSON.stringify({
        kind: 'Scale',
        apiVersion: 'autoscaling/v1',
        metadata: { name: 'web', namespace: 'default', uid: 'u-1', resourceVersion: '42', creationTimestamp: '2026-11-23T10:00:00Z' },
        spec: { replicas: 3 },
        status: { replicas: 2, selector: 'app=web' },
      }),
    );
  });

  it('prints selectors like labels.Selector.String()', () => {
    const s = toScale({
      ...sts,
      spec: {
        replicas: 1,
        selector: {
          matchLabels: { tier: 'db', app: 'web' },
          matchExpressions: [
            { key: 'env', operator: 'In', values: ['prod', 'dev'] },
            { key: 'zone', operator: 'NotIn', values: ['a'] },
            { key: 'canary', operator: 'DoesNotExist' },
            { key: 'ha', operator: 'Exists' },
          ],
        },
      },
      status: undefined,
    });
    expect(s.status).toEqual({ replicas: 0, selector: 'app=web,!canary,env in (dev,prod),ha,tier=db,zone notin (a)' });
  });

  it('applies replicas and a resourceVersion precondition', () => {
    const out = applyScale(sts, { metadata: { name: 'web', resourceVersion: '41' }, spec: { replicas: 5 } });
    expect(out.spec).toMatchObject({ replicas: 5 });
    expect(out.metadata.resourceVersion).toBe('41');
    expect(sts.spec).toMatchObject({ replicas: 3 }); // input untouched
    expect(applyScale(sts, { metadata: {}, spec: {} }).spec).toMatchObject({ replicas: 0 });
  });

  it('rejects negative replicas as Scale.autoscaling', () => {
    try {
      applyScale(sts, { metadata: { name: 'web' }, spec: { replicas: -1 } });
      expect.unreachable();
    } catch (e) {
      expect(isStatusError(e) && e.status).toMatchObject({
        code: 422,
        message: 'Scale.autoscaling "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
        details: { name: 'web', group: 'autoscaling', kind: 'Scale' },
      });
    }
  });
});
