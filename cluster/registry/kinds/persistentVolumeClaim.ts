// PersistentVolumeClaim strategy (pkg/registry/core/persistentvolumeclaim, core validation).
// The defaults are shared with StatefulSet volumeClaimTemplates (D-23).
import { fieldErrors, type FieldError } from '../../api/errors';
import type { KubeObject } from '../../types';
import type { ResourceDescriptor } from '../resources';
import { asArray, asObject, asString, canonicalQuantityForList, deepClone, type JsonObject } from '../defaults/json';
import { validateLabelSelector, type LabelSelectorObject } from '../validation/labelSelector';
import { isDNS1123Subdomain } from '../validation/names';
import { semanticEqual } from '../validation/objectMeta';
import { compareQuantities, formatQuantity, parseQuantityValue, sign, type Quantity } from '../validation/quantity';
import { makeStrategy, specOf, type Strategy } from './base';
import { describeDiff } from './diff';

const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];

/** SetDefaults_PersistentVolumeClaim(+Spec): volumeMode Filesystem, status.phase Pending, D-21 on resources. */
export function defaultPersistentVolumeClaim(pvc: JsonObject): void {
  const spec = asObject(pvc.spec) ?? (pvc.spec = {} as JsonObject);
  const s = spec as JsonObject;
  if (!s.volumeMode) s.volumeMode = 'Filesystem';
  const resources = asObject(s.resources);
  for (const key of ['requests', 'limits']) {
    const list = asObject(resources?.[key]);
    if (list) for (const k of Object.keys(list)) list[k] = canonicalQuantityForList(list[k], true);
  }
  const status = asObject(pvc.status) ?? (pvc.status = {} as JsonObject);
  const st = status as JsonObject;
  if (!st.phase) st.phase = 'Pending';
  const capacity = asObject(st.capacity);
  if (capacity) for (const k of Object.keys(capacity)) capacity[k] = canonicalQuantityForList(capacity[k], true);
}

/** ValidatePersistentVolumeClaimSpec with the paths used for Pods' claims (`spec.…`). */
function validatePersistentVolumeClaimSpec(spec: JsonObject | undefined, path: string): FieldError[] {
  const s = spec ?? {};
  const errs: FieldError[] = [];
  const modes = asArray(s.accessModes).map(asString);
  if (modes.length === 0) errs.push(fieldErrors.required(`${path}.accessModes`, 'at least 1 access mode is required'));
  const selector = asObject(s.selector) as LabelSelectorObject | undefined;
  if (selector) errs.push(...validateLabelSelector(selector, `${path}.selector`));
  let rwop = false;
  let other = false;
  for (const m of modes) {
    if (!ACCESS_MODES.includes(m)) errs.push(fieldErrors.notSupported(`${path}.accessModes`, m, ACCESS_MODES));
    if (m === 'ReadWriteOncePod') rwop = true;
    else other = true;
  }
  if (rwop && other) errs.push(fieldErrors.forbidden(`${path}.accessModes`, 'may not use ReadWriteOncePod with other access modes'));
  const storagePath = `${path}.resources[storage]`;
  const storage = asObject(asObject(s.resources)?.requests)?.storage;
  if (storage === undefined) errs.push(fieldErrors.required(storagePath));
  else {
    const q = quantityOrZero(storage);
    if (sign(q) <= 0) errs.push(fieldErrors.invalid(storagePath, formatQuantity(q), 'must be greater than zero'));
  }
  const sc = asString(s.storageClassName);
  if (sc) for (const m of isDNS1123Subdomain(sc)) errs.push(fieldErrors.invalid(`${path}.storageClassName`, sc, m));
  const vm = asString(s.volumeMode);
  if (s.volumeMode !== undefined && !['Block', 'Filesystem'].includes(vm)) {
    errs.push(fieldErrors.notSupported(`${path}.volumeMode`, vm, ['Block', 'Filesystem']));
  }
  return errs;
}

function quantityOrZero(v: unknown): Quantity {
  try {
    return parseQuantityValue(v);
  } catch {
    return parseQuantityValue('0');
  }
}

function storageOf(spec: unknown): string | undefined {
  const v = asObject(asObject(asObject(spec)?.resources)?.requests)?.storage;
  return v === undefined ? undefined : String(v);
}

function validateUpdate(obj: KubeObject, old: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  const newSpec = deepClone(specOf(obj));
  const oldSpec = deepClone(asObject(old.spec) ?? {});
  // The binder may set volumeName once.
  if (!asString(oldSpec.volumeName)) oldSpec.volumeName = newSpec.volumeName;
  // Expansion: storage requests may change on bound claims only.
  const phase = asString(asObject(obj.status)?.phase);
  if (phase === 'Bound') {
    const req = asObject(asObject(newSpec.resources)?.requests);
    const oldStorage = storageOf(oldSpec);
    if (req && oldStorage !== undefined) req.storage = oldStorage;
  }
  if (!semanticEqual(newSpec, oldSpec)) {
    errs.push(
      fieldErrors.forbidden(
        'spec',
        `spec is immutable after creation except resources.requests for bound claims\n${describeDiff('core.PersistentVolumeClaimSpec', oldSpec, newSpec)}`,
      ),
    );
  }
  const oldSize = storageOf(old.spec);
  const newSize = storageOf(obj.spec);
  if (oldSize !== undefined && newSize !== undefined && compareQuantities(quantityOrZero(newSize), quantityOrZero(oldSize)) < 0) {
    errs.push(fieldErrors.forbidden('spec.resources.requests.storage', 'field can not be less than previous value'));
  }
  return errs;
}

export function persistentVolumeClaimStrategy(d: ResourceDescriptor): Strategy {
  return makeStrategy(d, {
    emptyStatus: () => ({ phase: 'Pending' }),
    defaults: (obj) => defaultPersistentVolumeClaim(obj as JsonObject),
    validate: (obj) => validatePersistentVolumeClaimSpec(asObject(obj.spec), 'spec'),
    validateUpdate,
  });
}
