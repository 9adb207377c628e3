// Objects that belong to StatefulSets but survive their deletion (console-spec.md §5.6):
// the governing Service and the PVCs created from volume templates (`<template>-<name>-<n>`).
import type { K8sObject, StatefulSet } from '../../../k8s/types';

export interface Related {
  kind: 'Service' | 'PersistentVolumeClaim';
  namespace: string;
  name: string;
  detail?: string;
  /** whenDeleted: Delete — the controller removes it; shown without a checkbox. */
  retentionDeletes?: boolean;
}

interface Templated extends StatefulSet {
  spec: StatefulSet['spec'] & {
    volumeClaimTemplates?: { metadata?: { name?: string } }[];
    persistentVolumeClaimRetentionPolicy?: { whenDeleted?: string };
  };
}

type Pvc = K8sObject & { spec?: { resources?: { requests?: { storage?: string } } } };

export function relatedObjects(items: readonly StatefulSet[], services: readonly K8sObject[], pvcs: readonly Pvc[]): Related[] {
  const out: Related[] = [];
  for (const raw of items) {
    const s = raw as Templated;
    const ns = s.metadata.namespace ?? '';
    const svc = s.spec.serviceName;
    if (svc && services.some((x) => x.metadata.name === svc && x.metadata.namespace === ns)) {
      out.push({ kind: 'Service', namespace: ns, name: svc });
    }
    const deletes = s.spec.persistentVolumeClaimRetentionPolicy?.whenDeleted === 'Delete';
    for (const tpl of s.spec.volumeClaimTemplates ?? []) {
      const prefix = `${tpl.metadata?.name}-${s.metadata.name}-`;
      for (const p of pvcs) {
        if (p.metadata.namespace !== ns || !p.metadata.name.startsWith(prefix)) continue;
        if (!/^\d+$/.test(p.metadata.name.slice(prefix.length))) continue;
        out.push({
          kind: 'PersistentVolumeClaim',
          namespace: ns,
          name: p.metadata.name,
          detail: p.spec?.resources?.requests?.storage,
          retentionDeletes: deletes,
        });
      }
    }
  }
  return out.sort((a, b) => a.kind.localeCompare(b.kind) || a.name.localeCompare(b.name, 'en', { numeric: true }));
}
