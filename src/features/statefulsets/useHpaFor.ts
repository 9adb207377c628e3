// The HorizontalPodAutoscaler that targets a StatefulSet, if any (console-spec.md §3.3, §5.1:
// "Replicas are managed by <hpa> (min <a>, max <b>); manual changes may be reverted.").
import { useList } from '../../api/hooks';
import { HPAKind } from '../../k8s/kinds';
import type { K8sObject, StatefulSet } from '../../k8s/types';

export interface Hpa extends K8sObject {
  spec?: { scaleTargetRef?: { kind?: string; name?: string; apiVersion?: string }; minReplicas?: number; maxReplicas?: number };
}

export function hpaFor(hpas: readonly Hpa[], sts: StatefulSet): Hpa | undefined {
  return hpas.find(
    (h) =>
      h.metadata.namespace === sts.metadata.namespace &&
      h.spec?.scaleTargetRef?.kind === 'StatefulSet' &&
      h.spec.scaleTargetRef.name === sts.metadata.name,
  );
}

export function useHpaFor(sts: StatefulSet): Hpa | undefined {
  const list = useList<Hpa>(HPAKind, sts.metadata.namespace);
  // A cluster without autoscaling/v2 (or without permission) simply has no note.
  return list.error ? undefined : hpaFor(list.items, sts);
}
