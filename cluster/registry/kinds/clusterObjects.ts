// Namespace, Node and ServiceAccount strategies (core validation; pkg/registry/core/*).
import { fieldErrors, type FieldError } from '../../api/errors';
import type { KubeObject } from '../../types';
import type { ResourceDescriptor } from '../resources';
import { asArray, asObject, asString, canonicalQuantityForList } from '../defaults/json';
import { isQualifiedName, nameIsDNSLabel } from '../validation/names';
import { makeStrategy, specOf, type Strategy } from './base';

const STANDARD_FINALIZERS = new Set(['kubernetes', 'orphan', 'foregroundDeletion']);

function validateNamespaceFinalizers(obj: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  asArray(asObject(obj.spec)?.finalizers).forEach((f, i) => {
    const name = String(f);
    const p = `spec.finalizers[${i}]`;
    for (const m of isQualifiedName(name)) errs.push(fieldErrors.invalid(p, name, m));
    if (!name.includes('/') && !STANDARD_FINALIZERS.has(name)) {
      errs.push(fieldErrors.invalid(p, name, 'name is neither a standard finalizer name nor is it fully qualified'));
    }
  });
  return errs;
}

export function namespaceStrategy(d: ResourceDescriptor): Strategy {
  return makeStrategy(d, {
    nameValidator: nameIsDNSLabel,
    emptyStatus: () => ({ phase: 'Active' }),
    // SetDefaults_Namespace: the immutable name label that namespaceSelectors rely on.
    defaults: (obj) => {
      if (obj.metadata.name) obj.metadata.labels = { ...(obj.metadata.labels ?? {}), 'kubernetes.io/metadata.name': obj.metadata.name };
    },
    prepareCreate: (obj) => {
      const spec = specOf(obj);
      const finalizers = asArray(spec.finalizers).map(String);
      if (!finalizers.includes('kubernetes')) finalizers.push('kubernetes');
      spec.finalizers = finalizers;
    },
    // spec.finalizers change only through /finalize.
    prepareUpdate: (obj, old) => {
      obj.spec = JSON.parse(JSON.stringify(old.spec ?? {})) as Record<string, unknown>;
    },
    validate: validateNamespaceFinalizers,
    validateStatus: (obj) => {
      const phase = asString(asObject(obj.status)?.phase);
      return phase && phase !== 'Active' && phase !== 'Terminating' ? [fieldErrors.notSupported('status.phase', phase, ['Active', 'Terminating'])] : [];
    },
  });
}

const TAINT_EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

function validateNode(obj: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  asArray(asObject(obj.spec)?.taints).forEach((t, i) => {
    const taint = asObject(t) ?? {};
    const key = asString(taint.key);
    if (!key) errs.push(fieldErrors.required(`spec.taints[${i}].key`));
    else for (const m of isQualifiedName(key)) errs.push(fieldErrors.invalid(`spec.taints[${i}].key`, key, m));
    const effect = asString(taint.effect);
    if (!TAINT_EFFECTS.includes(effect)) errs.push(fieldErrors.notSupported(`spec.taints[${i}].effect`, effect, TAINT_EFFECTS));
  });
  return errs;
}

/** SetDefaults_NodeStatus: allocatable defaults to capacity; quantities canonical. */
function defaultNodeStatus(obj: KubeObject): void {
  const st = asObject(obj.status);
  if (!st) return;
  const capacity = asObject(st.capacity);
  if (capacity) for (const k of Object.keys(capacity)) capacity[k] = canonicalQuantityForList(capacity[k], false);
  const allocatable = asObject(st.allocatable);
  if (allocatable) for (const k of Object.keys(allocatable)) allocatable[k] = canonicalQuantityForList(allocatable[k], false);
  else if (capacity) st.allocatable = { ...capacity };
}

export function nodeStrategy(d: ResourceDescriptor): Strategy {
  // Nodes register with their status (the kubelet writes it), so create keeps it.
  return makeStrategy(d, { defaults: defaultNodeStatus, defaultStatus: defaultNodeStatus, validate: validateNode });
}

export function serviceAccountStrategy(d: ResourceDescriptor): Strategy {
  return makeStrategy(d, {
    validate: (obj) => {
      const errs: FieldError[] = [];
      asArray(obj.secrets).forEach((s, i) => {
        if (!asString(asObject(s)?.name)) errs.push(fieldErrors.required(`secrets[${i}].name`));
      });
      return errs;
    },
  });
}
