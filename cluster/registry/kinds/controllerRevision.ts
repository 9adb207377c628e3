// ControllerRevision strategy (apps validation ValidateControllerRevision[Update]): data is
// mandatory and immutable, revision non-negative. Revisions carry no status and no generation.
import { fieldErrors, type FieldError } from '../../api/errors';
import type { KubeObject } from '../../types';
import type { ResourceDescriptor } from '../resources';
import { goValue } from '../validation/gofmt';
import { semanticEqual, validateNonnegative } from '../validation/objectMeta';
import { makeStrategy, type Strategy } from './base';

function validate(obj: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  if (obj.data === undefined || obj.data === null) errs.push(fieldErrors.required('data', 'data is mandatory'));
  errs.push(...validateNonnegative(obj.revision, 'revision'));
  return errs;
}

/** runtime.RawExtension printed with %#v: the raw JSON bytes as a Go byte slice. */
function goRawExtension(data: unknown): string {
  const bytes = [...Buffer.from(JSON.stringify(data ?? null))].map((b) => `0x${b.toString(16)}`);
  return `runtime.RawExtension{Raw:[]uint8{${bytes.join(', ')}}, Object:runtime.Object(nil)}`;
}

export function controllerRevisionStrategy(d: ResourceDescriptor): Strategy {
  return makeStrategy(d, {
    validate,
    validateUpdate: (obj, old) =>
      semanticEqual(obj.data, old.data) ? [] : [fieldErrors.invalid('data', goValue(goRawExtension(obj.data)), 'field is immutable')],
  });
}
