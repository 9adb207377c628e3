// Event strategy (core/v1 and events.k8s.io/v1 share one storage upstream). Events are written
// by controllers and the kubelet; validation checks what a client could get wrong.
import { fieldErrors, type FieldError } from '../../api/errors';
import type { KubeObject } from '../../types';
import type { ResourceDescriptor } from '../resources';
import { asObject, asString } from '../defaults/json';
import { makeStrategy, type Strategy } from './base';

function validateEvent(obj: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  const ns = obj.metadata.namespace ?? '';
  const involved = asObject(obj.involvedObject) ?? asObject(obj.regarding);
  const path = obj.involvedObject !== undefined ? 'involvedObject' : 'regarding';
  const involvedNs = asString(involved?.namespace);
  if (involved && involvedNs && ns && involvedNs !== ns) {
    errs.push(fieldErrors.invalid(`${path}.namespace`, involvedNs, 'does not match event.namespace'));
  }
  const type = asString(obj.type);
  if (type && type !== 'Normal' && type !== 'Warning') errs.push(fieldErrors.notSupported('type', type, ['Normal', 'Warning']));
  return errs;
}

export function eventStrategy(d: ResourceDescriptor): Strategy {
  return makeStrategy(d, { validate: validateEvent });
}
