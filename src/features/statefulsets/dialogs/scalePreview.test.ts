import { describe, expect, it } from 'vitest';
import { scalePreview } from './scalePreview';
import type { StatefulSet } from '../../../k8s/types';

function sts(replicas: number, extra: Record<string, unknown> = {}): StatefulSet {
  return { metadata: { name: 'web', namespace: 'demo' }, spec: { replicas, ...extra } } as StatefulSet;
}

describe('scale preview', () => {
  it('OrderedReady scale out creates ascending, each after the previous is Ready', () => {
    expect(scalePreview(sts(3), 5).lines).toEqual(['Creates web-3, then web-4, each after the previous one is Ready']);
  });
  it('Parallel creates at the same time', () => {
    expect(scalePreview(sts(3, { podManagementPolicy: 'Parallel' }), 5).lines).toEqual(['Creates web-3, web-4 at the same time']);
  });
  it('scale in removes the highest ordinal first and names the kept PVCs', () => {
    const s = sts(5, { volumeClaimTemplates: [{ metadata: { name: 'data' } }] });
    expect(scalePreview(s, 3).lines).toEqual(['Removes web-4, then web-3', 'PVCs data-web-4 and data-web-3 are kept']);
  });
  it('whenScaled: Delete says the PVCs are deleted', () => {
    const s = sts(2, { volumeClaimTemplates: [{ metadata: { name: 'data' } }], persistentVolumeClaimRetentionPolicy: { whenScaled: 'Delete' } });
    expect(scalePreview(s, 1).lines).toEqual(['Removes web-1', 'PVC data-web-1 is deleted']);
  });
});
