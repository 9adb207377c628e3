// autoscaling/v1 Scale for StatefulSets, Deployments and ReplicaSets (kube-api-contract §6.2,
// S-2/S-3): a thin adapter over the parent's spec.replicas, status.replicas and selector.
import { fieldErrors, newInvalid, type FieldError } from '../api/errors';
import type { KubeObject } from '../types';
import { asObject, deepClone } from './defaults/json';
import { compileLabelSelector, type LabelSelectorObject } from './validation/labelSelector';
import { nameIsDNSSubdomain } from './validation/names';

/** The Scale served at …/<name>/scale. */
export function toScale(obj: KubeObject): KubeObject {
  const spec = asObject(obj.spec) ?? {};
  const status = asObject(obj.status) ?? {};
  const m = obj.metadata;
  const metadata: KubeObject['metadata'] = { name: m.name, namespace: m.namespace, uid: m.uid, resourceVersion: m.resourceVersion, creationTimestamp: m.creationTimestamp };
  for (const k of Object.keys(metadata) as (keyof typeof metadata)[]) if (metadata[k] === undefined) delete metadata[k];
  // S-2: the selector in labels.Selector String() form (requirements sorted by key).
  const selector = compileLabelSelector(asObject(spec.selector) as LabelSelectorObject | undefined)?.toString() ?? '';
  const scaleStatus: Record<string, unknown> = { replicas: typeof status.replicas === 'number' ? status.replicas : 0 };
  if (selector) scaleStatus.selector = selector;
  return {
    kind: 'Scale',
    apiVersion: 'autoscaling/v1',
    metadata,
    spec: { replicas: typeof spec.replicas === 'number' ? spec.replicas : 0 },
    status: scaleStatus,
  };
}

/** ValidateScale (autoscaling validation). */
function validateScale(scale: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  const name = scale.metadata?.name ?? '';
  if (name) for (const m of nameIsDNSSubdomain(name, false)) errs.push(fieldErrors.invalid('metadata.name', name, m));
  const replicas = asObject(scale.spec)?.replicas;
  if (typeof replicas === 'number' && replicas < 0) errs.push(fieldErrors.invalid('spec.replicas', replicas, 'must be greater than or equal to 0'));
  return errs;
}

/**
 * Applies a Scale write to its parent: validates (422 `Scale.autoscaling "web" is invalid: …`),
 * copies spec.replicas (absent means 0, as Go's zero value) and, when the Scale carries a
 * resourceVersion, makes it the parent's precondition. The result still goes through the
 * parent's normal update path (prepareForUpdate bumps generation, D-26).
 */
export function applyScale(obj: KubeObject, scale: KubeObject): KubeObject {
  const errs = validateScale(scale);
  if (errs.length) throw newInvalid('Scale', 'autoscaling', obj.metadata.name ?? scale.metadata?.name ?? '', errs);
  const out = deepClone(obj);
  const spec = asObject(out.spec) ?? {};
  const replicas = asObject(scale.spec)?.replicas;
  spec.replicas = typeof replicas === 'number' ? replicas : 0;
  out.spec = spec;
  const rv = scale.metadata?.resourceVersion;
  if (rv) out.metadata.resourceVersion = rv;
  return out;
}
