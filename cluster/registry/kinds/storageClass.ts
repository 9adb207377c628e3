// StorageClass strategy (storage validation): provisioner required, defaults for reclaimPolicy
// and volumeBindingMode, parameters/provisioner/reclaimPolicy/volumeBindingMode immutable.
import { fieldErrors, type FieldError } from '../../api/errors';
import type { KubeObject } from '../../types';
import type { ResourceDescriptor } from '../resources';
import { asString } from '../defaults/json';
import { semanticEqual, validateImmutableField } from '../validation/objectMeta';
import { isQualifiedName } from '../validation/names';
import { makeStrategy, type Strategy } from './base';

function validate(obj: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  const provisioner = asString(obj.provisioner);
  if (!provisioner) errs.push(fieldErrors.required('provisioner'));
  else for (const m of isQualifiedName(provisioner.toLowerCase())) errs.push(fieldErrors.invalid('provisioner', provisioner, m));
  const reclaim = asString(obj.reclaimPolicy);
  if (!['Delete', 'Retain'].includes(reclaim)) errs.push(fieldErrors.notSupported('reclaimPolicy', reclaim, ['Delete', 'Retain']));
  const mode = asString(obj.volumeBindingMode);
  if (!['Immediate', 'WaitForFirstConsumer'].includes(mode)) {
    errs.push(fieldErrors.notSupported('volumeBindingMode', mode, ['Immediate', 'WaitForFirstConsumer']));
  }
  return errs;
}

function validateUpdate(obj: KubeObject, old: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  if (!semanticEqual(obj.parameters ?? {}, old.parameters ?? {})) errs.push(fieldErrors.forbidden('parameters', 'updates to parameters are forbidden.'));
  if (obj.provisioner !== old.provisioner) errs.push(fieldErrors.forbidden('provisioner', 'updates to provisioner are forbidden.'));
  if (obj.reclaimPolicy !== old.reclaimPolicy) errs.push(fieldErrors.forbidden('reclaimPolicy', 'updates to reclaimPolicy are forbidden.'));
  errs.push(...validateImmutableField(obj.volumeBindingMode, old.volumeBindingMode, 'volumeBindingMode'));
  return errs;
}

export function storageClassStrategy(d: ResourceDescriptor): Strategy {
  return makeStrategy(d, {
    defaults: (obj) => {
      if (!obj.reclaimPolicy) obj.reclaimPolicy = 'Delete';
      if (!obj.volumeBindingMode) obj.volumeBindingMode = 'Immediate';
    },
    validate,
    validateUpdate,
  });
}
