// LimitRange and ResourceQuota strategies (core defaults and validation).
import { fieldErrors, type FieldError } from '../../api/errors';
import type { KubeObject } from '../../types';
import type { ResourceDescriptor } from '../resources';
import { asArray, asObject, asString, canonicalQuantityForList, type JsonObject } from '../defaults/json';
import { compareQuantities, formatQuantity, parseQuantityValue, sign, newQuantity, type Quantity } from '../validation/quantity';
import { makeStrategy, specOf, type Strategy } from './base';

const LIMIT_TYPES = ['Container', 'PersistentVolumeClaim', 'Pod'];
const LIST_KEYS = ['max', 'min', 'default', 'defaultRequest', 'maxLimitRequestRatio'];

function canonicalList(list: JsonObject | undefined): void {
  if (list) for (const k of Object.keys(list)) list[k] = canonicalQuantityForList(list[k], false);
}

/** SetDefaults_LimitRangeItem: default ← max, defaultRequest ← default, then ← min (Container items). */
function defaultLimitRange(obj: KubeObject): void {
  for (const it of asArray(specOf(obj).limits)) {
    const item = asObject(it);
    if (!item) continue;
    for (const k of LIST_KEYS) canonicalList(asObject(item[k]));
    if (item.type !== 'Container') continue;
    const def = asObject(item.default) ?? {};
    const defReq = asObject(item.defaultRequest) ?? {};
    for (const [k, v] of Object.entries(asObject(item.max) ?? {})) if (def[k] === undefined) def[k] = v;
    for (const [k, v] of Object.entries(def)) if (defReq[k] === undefined) defReq[k] = v;
    for (const [k, v] of Object.entries(asObject(item.min) ?? {})) if (defReq[k] === undefined) defReq[k] = v;
    if (Object.keys(def).length) item.default = def;
    if (Object.keys(defReq).length) item.defaultRequest = defReq;
  }
}

function q(v: unknown): Quantity {
  return parseQuantityValue(v);
}

function validateLimitRange(obj: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  asArray(specOf(obj).limits).forEach((it, i) => {
    const item = asObject(it) ?? {};
    const p = `spec.limits[${i}]`;
    const type = asString(item.type);
    if (!LIMIT_TYPES.includes(type)) errs.push(fieldErrors.notSupported(`${p}.type`, type, LIMIT_TYPES));
    const lists: Record<string, JsonObject> = {};
    for (const k of LIST_KEYS) lists[k] = asObject(item[k]) ?? {};
    if (type === 'Pod') {
      if (Object.keys(lists.default).length) errs.push(fieldErrors.forbidden(`${p}.default`, "may not be specified when `type` is 'Pod'"));
      if (Object.keys(lists.defaultRequest).length) errs.push(fieldErrors.forbidden(`${p}.defaultRequest`, "may not be specified when `type` is 'Pod'"));
    }
    const keys = new Set(LIST_KEYS.flatMap((k) => Object.keys(lists[k])));
    for (const k of [...keys].sort()) {
      const [min, max, def, defReq, ratio] = ['min', 'max', 'default', 'defaultRequest', 'maxLimitRequestRatio'].map((l) =>
        lists[l][k] === undefined ? undefined : q(lists[l][k]),
      );
      const s = (x: Quantity): string => formatQuantity(x);
      if (min && max && compareQuantities(min, max) > 0) errs.push(fieldErrors.invalid(`${p}.min[${k}]`, s(min), `min value ${s(min)} is greater than max value ${s(max)}`));
      if (defReq && min && compareQuantities(min, defReq) > 0) errs.push(fieldErrors.invalid(`${p}.defaultRequest[${k}]`, s(defReq), `min value ${s(min)} is greater than default request value ${s(defReq)}`));
      if (defReq && max && compareQuantities(defReq, max) > 0) errs.push(fieldErrors.invalid(`${p}.defaultRequest[${k}]`, s(defReq), `default request value ${s(defReq)} is greater than max value ${s(max)}`));
      if (defReq && def && compareQuantities(defReq, def) > 0) errs.push(fieldErrors.invalid(`${p}.defaultRequest[${k}]`, s(defReq), `default request value ${s(defReq)} is greater than default limit value ${s(def)}`));
      if (def && min && compareQuantities(min, def) > 0) errs.push(fieldErrors.invalid(`${p}.default[${k}]`, s(min), `min value ${s(min)} is greater than default value ${s(def)}`));
      if (def && max && compareQuantities(def, max) > 0) errs.push(fieldErrors.invalid(`${p}.default[${k}]`, s(max), `default value ${s(def)} is greater than max value ${s(max)}`));
      if (ratio && compareQuantities(ratio, newQuantity(1)) < 0) errs.push(fieldErrors.invalid(`${p}.maxLimitRequestRatio[${k}]`, s(ratio), `ratio ${s(ratio)} is less than 1`));
    }
  });
  return errs;
}

export function limitRangeStrategy(d: ResourceDescriptor): Strategy {
  return makeStrategy(d, { defaults: defaultLimitRange, validate: validateLimitRange });
}

function validateQuotaList(list: JsonObject | undefined, path: string): FieldError[] {
  const errs: FieldError[] = [];
  for (const k of Object.keys(list ?? {}).sort()) {
    const v = q(list?.[k]);
    if (sign(v) < 0) errs.push(fieldErrors.invalid(`${path}[${k}]`, formatQuantity(v), 'must be greater than or equal to 0'));
  }
  return errs;
}

export function resourceQuotaStrategy(d: ResourceDescriptor): Strategy {
  return makeStrategy(d, {
    emptyStatus: () => ({}),
    defaults: (obj) => {
      canonicalList(asObject(specOf(obj).hard));
      const st = asObject(obj.status);
      canonicalList(asObject(st?.hard));
      canonicalList(asObject(st?.used));
    },
    validate: (obj) => validateQuotaList(asObject(specOf(obj).hard), 'spec.hard'),
    validateStatus: (obj) => [
      ...validateQuotaList(asObject(asObject(obj.status)?.hard), 'status.hard'),
      ...validateQuotaList(asObject(asObject(obj.status)?.used), 'status.used'),
    ],
  });
}
