// ConfigMap and Secret strategies (core validation ValidateConfigMap / ValidateSecret).
import { fieldErrors, type FieldError } from '../../api/errors';
import type { KubeObject } from '../../types';
import type { ResourceDescriptor } from '../resources';
import { DecodeError, asObject, asString } from '../defaults/json';
import { isConfigMapKey } from '../validation/names';
import { semanticEqual } from '../validation/objectMeta';
import { makeStrategy, type Strategy } from './base';

const MAX_SIZE = 1024 * 1024;
const IMMUTABLE = 'field is immutable when `immutable` is set';

function validateKeys(data: Record<string, unknown> | undefined, path: string, other: Record<string, unknown> | undefined, otherName: string): { errs: FieldError[]; size: number } {
  const errs: FieldError[] = [];
  let size = 0;
  for (const key of Object.keys(data ?? {}).sort()) {
    for (const m of isConfigMapKey(key)) errs.push(fieldErrors.invalid(`${path}[${key}]`, key, m));
    if (other && key in other) errs.push(fieldErrors.invalid(`${path}[${key}]`, key, `duplicate of key present in ${otherName}`));
    size += String(data?.[key] ?? '').length;
  }
  return { errs, size };
}

function validateConfigMap(obj: KubeObject): FieldError[] {
  const data = asObject(obj.data);
  const binary = asObject(obj.binaryData);
  const a = validateKeys(data, 'data', binary, 'binaryData');
  const b = validateKeys(binary, 'binaryData', data, 'data');
  const errs = [...a.errs, ...b.errs];
  if (a.size + b.size > MAX_SIZE) errs.push(fieldErrors.tooLong('', MAX_SIZE));
  return errs;
}

function validateImmutability(obj: KubeObject, old: KubeObject, fields: string[]): FieldError[] {
  if (old.immutable !== true) return [];
  const errs: FieldError[] = [];
  if (obj.immutable !== true) errs.push(fieldErrors.forbidden('immutable', IMMUTABLE));
  for (const f of fields) if (!semanticEqual(obj[f] ?? {}, old[f] ?? {})) errs.push(fieldErrors.forbidden(f, IMMUTABLE));
  return errs;
}

export function configMapStrategy(d: ResourceDescriptor): Strategy {
  return makeStrategy(d, {
    validate: validateConfigMap,
    validateUpdate: (obj, old) => validateImmutability(obj, old, ['data', 'binaryData']),
  });
}

const BASE64 = /^(?:[A-Za-z0-9+/]{4})*(?:[A-Za-z0-9+/]{2}==|[A-Za-z0-9+/]{3}=)?$/;

/** v1 → internal conversion: stringData entries overwrite data (base64-encoded); type defaults to Opaque. */
function defaultSecret(obj: KubeObject): void {
  const data = asObject(obj.data) ?? {};
  for (const v of Object.values(data)) {
    if (typeof v !== 'string' || !BASE64.test(v)) throw new DecodeError('illegal base64 data at input byte 0');
  }
  const stringData = asObject(obj.stringData);
  if (stringData) {
    for (const [k, v] of Object.entries(stringData)) data[k] = Buffer.from(String(v), 'utf8').toString('base64');
    delete obj.stringData;
    obj.data = data;
  }
  if (!obj.type) obj.type = 'Opaque';
}

const REQUIRED_KEYS: Record<string, string[]> = {
  'kubernetes.io/dockercfg': ['.dockercfg'],
  'kubernetes.io/dockerconfigjson': ['.dockerconfigjson'],
  'kubernetes.io/ssh-auth': ['ssh-privatekey'],
  'kubernetes.io/tls': ['tls.crt', 'tls.key'],
};

function validateSecret(obj: KubeObject): FieldError[] {
  const data = asObject(obj.data) ?? {};
  const { errs, size } = validateKeys(data, 'data', undefined, '');
  const type = asString(obj.type);
  if (type === 'kubernetes.io/service-account-token' && !obj.metadata.annotations?.['kubernetes.io/service-account.name']) {
    errs.push(fieldErrors.required('metadata.annotations[kubernetes.io/service-account.name]'));
  }
  for (const key of REQUIRED_KEYS[type] ?? []) if (!data[key]) errs.push(fieldErrors.required(`data[${key}]`));
  if (type === 'kubernetes.io/basic-auth' && !data.username && !data.password) {
    errs.push(fieldErrors.required('data[username]'), fieldErrors.required('data[password]'));
  }
  if (type === 'kubernetes.io/dockerconfigjson' && typeof data['.dockerconfigjson'] === 'string') {
    try {
      JSON.parse(Buffer.from(data['.dockerconfigjson'], 'base64').toString('utf8'));
    } catch (e) {
      errs.push(fieldErrors.invalid('data[.dockerconfigjson]', '<secret contents redacted>', (e as Error).message));
    }
  }
  if (size > MAX_SIZE) errs.push(fieldErrors.tooLong('data', MAX_SIZE));
  return errs;
}

export function secretStrategy(d: ResourceDescriptor): Strategy {
  return makeStrategy(d, {
    defaults: defaultSecret,
    validate: validateSecret,
    validateUpdate: (obj, old) => {
      const errs: FieldError[] = [];
      if (obj.type !== old.type) errs.push(fieldErrors.invalid('type', asString(obj.type), 'field is immutable'));
      return [...errs, ...validateImmutability(obj, old, ['data'])];
    },
  });
}
