// PersistentVolume strategy (core defaults/validation): the simulated provisioner creates these.
import { fieldErrors, type FieldError } from '../../api/errors';
import type { KubeObject } from '../../types';
import type { ResourceDescriptor } from '../resources';
import { asArray, asObject, asString, canonicalQuantityForList } from '../defaults/json';
import { makeStrategy, specOf, type Strategy } from './base';

const ACCESS_MODES = ['ReadOnlyMany', 'ReadWriteMany', 'ReadWriteOnce', 'ReadWriteOncePod'];
const RECLAIM = ['Delete', 'Recycle', 'Retain'];

/** SetDefaults_PersistentVolume(+Spec). */
function defaultPersistentVolume(obj: KubeObject): void {
  const spec = specOf(obj);
  if (!spec.persistentVolumeReclaimPolicy) spec.persistentVolumeReclaimPolicy = 'Retain';
  if (!spec.volumeMode) spec.volumeMode = 'Filesystem';
  const capacity = asObject(spec.capacity);
  if (capacity) for (const k of Object.keys(capacity)) capacity[k] = canonicalQuantityForList(capacity[k], true);
  const status = asObject(obj.status);
  if (status && !status.phase) status.phase = 'Pending';
}

function validatePersistentVolume(obj: KubeObject): FieldError[] {
  const spec = asObject(obj.spec) ?? {};
  const errs: FieldError[] = [];
  const modes = asArray(spec.accessModes).map(asString);
  if (modes.length === 0) errs.push(fieldErrors.required('spec.accessModes'));
  for (const m of modes) if (!ACCESS_MODES.includes(m)) errs.push(fieldErrors.notSupported('spec.accessModes', m, ACCESS_MODES));
  if (asObject(spec.capacity)?.storage === undefined) errs.push(fieldErrors.required('spec.capacity'));
  const reclaim = asString(spec.persistentVolumeReclaimPolicy);
  if (!RECLAIM.includes(reclaim)) errs.push(fieldErrors.notSupported('spec.persistentVolumeReclaimPolicy', reclaim, RECLAIM));
  return errs;
}

export function persistentVolumeStrategy(d: ResourceDescriptor): Strategy {
  return makeStrategy(d, {
    emptyStatus: () => ({ phase: 'Pending' }),
    defaults: defaultPersistentVolume,
    validate: validatePersistentVolume,
  });
}
