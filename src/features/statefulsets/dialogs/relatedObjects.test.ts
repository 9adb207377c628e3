import { describe, expect, it } from 'vitest';
import { relatedObjects } from './relatedObjects';
import type { K8sObject, StatefulSet } from '../../../k8s/types';

const web = {
  metadata: { name: 'web', namespace: 'demo' },
  spec: { serviceName: 'web', volumeClaimTemplates: [{ metadata: { name: 'data' } }] },
} as unknown as StatefulSet;
const obj = (name: string, ns = 'demo', storage?: string) =>
  ({ metadata: { name, namespace: ns }, spec: storage ? { resources: { requests: { storage } } } : undefined }) as K8sObject;

describe('related objects of a StatefulSet', () => {
  it('lists the governing Service and only PVCs named <template>-<name>-<ordinal>', () => {
    const r = relatedObjects(
      [web],
      [obj('web'), obj('other')],
      [obj('data-web-0', 'demo', '1Gi'), obj('data-web-10'), obj('data-web-x'), obj('data-webby-0'), obj('data-web-1', 'default')],
    );
    expect(r.map((x) => `${x.kind}/${x.name}`)).toEqual(['PersistentVolumeClaim/data-web-0', 'PersistentVolumeClaim/data-web-10', 'Service/web']);
    expect(r[0].detail).toBe('1Gi');
  });

  it('whenDeleted: Delete marks the PVCs as removed by the retention policy', () => {
    const s = { ...web, spec: { ...web.spec, persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Delete' } } } as StatefulSet;
    expect(relatedObjects([s], [], [obj('data-web-0')])[0].retentionDeletes).toBe(true);
  });

  it('a missing Service is not listed', () => {
    expect(relatedObjects([web], [], [])).toEqual([]);
  });
});
