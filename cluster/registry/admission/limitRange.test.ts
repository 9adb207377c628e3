import { describe, expect, it } from 'vitest';
import { isStatusError } from '../../api/errors';
import type { KubeObject } from '../../types';
import { findResource } from '../resources';
import { strategyFor } from '../strategy';
import { admitPodWithLimitRanges } from './limitRange';

type Spec = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- fixtures poke at arbitrary paths

const lrStrategy = strategyFor(findResource('', 'v1', 'limitranges')!);

function limitRange(limits: Spec[]): KubeObject {
  const lr: KubeObject = { apiVersion: 'v1', kind: 'LimitRange', metadata: { name: 'lr', namespace: 'default' }, spec: { limits } };
  lrStrategy.prepareForCreate(lr);
  return lr;
}

function pod(resources?: Spec): KubeObject & { spec: Spec } {
  return {
    metadata: { name: 'web-0', namespace: 'default' },
    spec: { containers: [{ name: 'nginx', image: 'nginx', ...(resources ? { resources } : {}) }] },
  } as KubeObject & { spec: Spec };
}

function forbidden(fn: () => void): string {
  try {
    fn();
  } catch (e) {
    if (isStatusError(e)) {
      expect(e.status.code).toBe(403);
      return e.status.message ?? '';
    }
    throw e;
  }
  return 'no error';
}

describe('LimitRanger admission', () => {
  it('LimitRange defaulting fills default and defaultRequest from max/min', () => {
    const lr = limitRange([{ type: 'Container', max: { cpu: '2' }, min: { memory: '64Mi' } }]);
    expect((lr.spec as Spec).limits[0]).toEqual({ type: 'Container', max: { cpu: '2' }, min: { memory: '64Mi' }, default: { cpu: '2' }, defaultRequest: { cpu: '2', memory: '64Mi' } });
  });

  it('defaults container resources and records the annotation', () => {
    const p = pod();
    admitPodWithLimitRanges(p, [limitRange([{ type: 'Container', default: { cpu: '500m', memory: '256Mi' }, defaultRequest: { cpu: '100m' } }])]);
    expect(p.spec.containers[0].resources).toEqual({ limits: { cpu: '500m', memory: '256Mi' }, requests: { cpu: '100m', memory: '256Mi' } });
    expect(p.metadata.annotations).toEqual({ 'kubernetes.io/limit-ranger': 'LimitRanger plugin set: cpu, memory request for container nginx; cpu, memory limit for container nginx' });
  });

  it('rejects a limit above max', () => {
    expect(forbidden(() => admitPodWithLimitRanges(pod({ limits: { cpu: '4' }, requests: { cpu: '1' } }), [limitRange([{ type: 'Container', max: { cpu: '2' } }])]))).toBe(
      'pods "web-0" is forbidden: maximum cpu usage per Container is 2, but limit is 4',
    );
  });

  it('rejects a request below min and reports several errors as a list', () => {
    const lr = limitRange([{ type: 'Container', min: { cpu: '200m', memory: '1Gi' } }]);
    expect(forbidden(() => admitPodWithLimitRanges(pod({ requests: { cpu: '100m', memory: '2Gi' }, limits: { cpu: '100m', memory: '512Mi' } }), [lr]))).toBe(
      'pods "web-0" is forbidden: [minimum cpu usage per Container is 200m, but request is 100m, minimum memory usage per Container is 1Gi, but limit is 512Mi]',
    );
  });

  it('enforces maxLimitRequestRatio', () => {
    const lr = limitRange([{ type: 'Container', maxLimitRequestRatio: { cpu: '2' } }]);
    expect(forbidden(() => admitPodWithLimitRanges(pod({ requests: { cpu: '100m' }, limits: { cpu: '1' } }), [lr]))).toBe(
      'pods "web-0" is forbidden: cpu max limit to request ratio per Container is 2, but provided ratio is 10.000000',
    );
  });

  it('checks Pod totals', () => {
    const p = pod({ requests: { memory: '1Gi' }, limits: { memory: '1Gi' } });
    p.spec.containers.push({ name: 'side', image: 'busybox', resources: { requests: { memory: '1Gi' }, limits: { memory: '1Gi' } } });
    expect(forbidden(() => admitPodWithLimitRanges(p, [limitRange([{ type: 'Pod', max: { memory: '1536Mi' } }])]))).toBe(
      'pods "web-0" is forbidden: maximum memory usage per Pod is 1536Mi, but limit is 2Gi',
    );
  });

  it('admits a pod inside the bounds', () => {
    expect(forbidden(() => admitPodWithLimitRanges(pod({ requests: { cpu: '1' }, limits: { cpu: '1' } }), [limitRange([{ type: 'Container', max: { cpu: '2' }, min: { cpu: '1' } }])]))).toBe('no error');
  });
});
