// pods/binding (upstream BindingREST.assignPod): the scheduler's write that puts a pod on a node.
// Shared by the HTTP handler and the in-process client.
import { findResource } from '../../registry/resources';
import type { KubeObject } from '../../types';
import { fieldErrors, newConflict, newInvalid, newNotFound } from '../errors';
import { kindKey, parse, rfc3339 } from './objects';
import type { Registry } from './registry';
import type { WriteContext } from './types';

const BINDING = { group: '', resource: 'pods/binding' };

interface Condition {
  type: string;
  status: string;
  lastProbeTime?: string | null;
  lastTransitionTime?: string;
}

export function bindPod(reg: Registry, namespace: string | undefined, name: string, binding: KubeObject, ctx: WriteContext): KubeObject {
  const pods = findResource('', 'v1', 'pods')!;
  const target = (binding as { target?: { name?: string; kind?: string } }).target;
  if (!target?.name) throw newInvalid('Binding', '', name, [fieldErrors.required('target.name')]);
  if (target.kind && target.kind !== 'Node') throw newInvalid('Binding', '', name, [fieldErrors.notSupported('target.kind', target.kind, ['Node'])]);
  const row = reg.row(pods, namespace, name);
  if (!row) throw newNotFound({ group: '', resource: 'pods' }, name);
  const pod = parse(row.json);
  const uid = binding.metadata?.uid;
  if (uid && uid !== pod.metadata.uid) {
    throw newConflict(BINDING, name, `Precondition failed: UID in precondition: ${uid}, UID in object meta: ${pod.metadata.uid}`);
  }
  if (pod.metadata.deletionTimestamp) throw newConflict(BINDING, name, `pod ${name} is being deleted, cannot be assigned to a host`);
  const spec = (pod.spec ??= {}) as { nodeName?: string };
  if (spec.nodeName) throw newConflict(BINDING, name, `pod ${name} is already assigned to node "${spec.nodeName}"`);
  spec.nodeName = target.name;
  const annotations = binding.metadata?.annotations;
  if (annotations && Object.keys(annotations).length) pod.metadata.annotations = { ...(pod.metadata.annotations ?? {}), ...annotations };
  // Upstream marks the pod scheduled in the same write.
  const status = (pod.status ??= {}) as { conditions?: Condition[] };
  const conditions = status.conditions ?? [];
  const existing = conditions.find((c) => c.type === 'PodScheduled');
  if (!existing) conditions.push({ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: rfc3339(reg.now()) });
  else if (existing.status !== 'True') Object.assign(existing, { status: 'True', lastTransitionTime: rfc3339(reg.now()), reason: undefined, message: undefined });
  status.conditions = conditions;
  if (!ctx.dryRun) reg.store.write(kindKey(pods), 'MODIFIED', pod, row.json);
  return pod;
}
