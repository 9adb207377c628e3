// What a scale does, in the order the controller does it (console-spec.md §5.1, statefulset
// semantics: OrderedReady creates ascending one at a time and removes descending; Parallel
// acts at the same time). Volumes follow persistentVolumeClaimRetentionPolicy.whenScaled.
import type { StatefulSet } from '../../../k8s/types';

interface WithTemplates extends StatefulSet {
  spec: StatefulSet['spec'] & {
    volumeClaimTemplates?: { metadata?: { name?: string } }[];
    persistentVolumeClaimRetentionPolicy?: { whenScaled?: string; whenDeleted?: string };
  };
}

export function scalePreview(sts: StatefulSet, target: number): { lines: string[] } {
  const s = sts as WithTemplates;
  const name = sts.metadata.name;
  const from = sts.spec.replicas ?? 1;
  const parallel = sts.spec.podManagementPolicy === 'Parallel';
  const lines: string[] = [];
  if (target === from) return { lines };
  const ordinals =
    target > from
      ? Array.from({ length: target - from }, (_, i) => from + i)
      : Array.from({ length: from - target }, (_, i) => from - 1 - i);
  const pods = ordinals.map((o) => `${name}-${o}`);
  if (target > from) {
    lines.push(
      pods.length === 1
        ? `Creates ${pods[0]}`
        : parallel
          ? `Creates ${pods.join(', ')} at the same time`
          : `Creates ${pods[0]}, then ${pods.slice(1).join(', then ')}, each after the previous one is Ready`,
    );
  } else {
    lines.push(pods.length === 1 ? `Removes ${pods[0]}` : `Removes ${pods[0]}, then ${pods.slice(1).join(', then ')}`);
    const templates = (s.spec.volumeClaimTemplates ?? []).map((v) => v.metadata?.name).filter(Boolean);
    if (templates.length) {
      const pvcs = templates.flatMap((tpl) => ordinals.map((o) => `${tpl}-${name}-${o}`));
      const list = pvcs.length === 1 ? pvcs[0] : `${pvcs.slice(0, -1).join(', ')} and ${pvcs[pvcs.length - 1]}`;
      const deleted = s.spec.persistentVolumeClaimRetentionPolicy?.whenScaled === 'Delete';
      lines.push(`PVC${pvcs.length === 1 ? '' : 's'} ${list} ${pvcs.length === 1 ? 'is' : 'are'} ${deleted ? 'deleted' : 'kept'}`);
    }
  }
  return { lines };
}
