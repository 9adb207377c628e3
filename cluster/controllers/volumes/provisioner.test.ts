import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../types';
import { claimAction, volumeFor } from './provisioner';

const standard: KubeObject = { metadata: { name: 'standard' }, provisioner: 'ordinal/simulated', reclaimPolicy: 'Delete', volumeBindingMode: 'WaitForFirstConsumer', allowVolumeExpansion: true };
const immediate: KubeObject = { ...standard, metadata: { name: 'fast' }, volumeBindingMode: 'Immediate', allowVolumeExpansion: false };

function claim(extra: { annotations?: Record<string, string>; phase?: string; storage?: string; capacity?: string; volumeName?: string; className?: string } = {}): KubeObject {
  return {
    metadata: { name: 'www-web-0', namespace: 'default', uid: 'c-1', resourceVersion: '7', ...(extra.annotations ? { annotations: extra.annotations } : {}) },
    spec: { accessModes: ['ReadWriteOnce'], storageClassName: extra.className ?? 'standard', resources: { requests: { storage: extra.storage ?? '1Gi' } }, volumeMode: 'Filesystem', ...(extra.volumeName ? { volumeName: extra.volumeName } : {}) },
    status: { phase: extra.phase ?? 'Pending', ...(extra.capacity ? { capacity: { storage: extra.capacity } } : {}) },
  };
}

describe('what the volume controller does with a claim', () => {
  const cases: [string, KubeObject, KubeObject | undefined, ReturnType<typeof claimAction>][] = [
    ['WaitForFirstConsumer without a selected node waits', claim(), standard, { kind: 'wait-for-consumer' }],
    ['selected node → provision', claim({ annotations: { 'volume.kubernetes.io/selected-node': 'node-1' } }), standard, { kind: 'provision', className: 'standard' }],
    ['Immediate class provisions at once', claim({ className: 'fast' }), immediate, { kind: 'provision', className: 'fast' }],
    ['unknown class', claim({ className: 'gold' }), undefined, { kind: 'no-class', message: 'storageclass.storage.k8s.io "gold" not found' }],
    ['bound and grown, class allows expansion', claim({ phase: 'Bound', storage: '2Gi', capacity: '1Gi' }), standard, { kind: 'expand', to: '2Gi' }],
    ['bound and grown, class forbids expansion', claim({ phase: 'Bound', storage: '2Gi', capacity: '1Gi', className: 'fast' }), immediate, { kind: 'none' }],
    ['bound, same size', claim({ phase: 'Bound', capacity: '1Gi' }), standard, { kind: 'none' }],
  ];
  for (const [name, c, cls, want] of cases) it(name, () => expect(claimAction(c, cls, undefined)).toEqual(want));

  it('the provisioned volume is pvc-<uid>, sized and moded like the claim, reclaimed per class', () => {
    const pv = volumeFor(claim(), standard);
    expect(pv.metadata.name).toBe('pvc-c-1');
    expect(pv.spec).toMatchObject({
      capacity: { storage: '1Gi' },
      accessModes: ['ReadWriteOnce'],
      persistentVolumeReclaimPolicy: 'Delete',
      storageClassName: 'standard',
      volumeMode: 'Filesystem',
      claimRef: { kind: 'PersistentVolumeClaim', namespace: 'default', name: 'www-web-0', uid: 'c-1', apiVersion: 'v1', resourceVersion: '7' },
    });
    expect(pv.metadata.annotations?.['pv.kubernetes.io/provisioned-by']).toBe('ordinal/simulated');
  });
});
