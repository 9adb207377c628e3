// LimitRanger admission (plugin/pkg/admission/limitranger): defaults container requests/limits
// from `Container` items, then enforces min / max / maxLimitRequestRatio for `Container` and
// `Pod` items with upstream's messages, answering 403 like `pods "web-0" is forbidden: …`.
import { newForbidden } from '../../api/errors';
import type { KubeObject } from '../../types';
import { asArray, asObject, type JsonObject } from '../defaults/json';
import {
  addQuantities,
  formatQuantity,
  parseQuantityValue,
  quantityMilliValue,
  quantityValue,
  type Quantity,
} from '../validation/quantity';
import { podQOSClass } from '../kinds/pod';

const LIMIT_RANGER_ANNOTATION = 'kubernetes.io/limit-ranger';
const MAX_MILLI_VALUE = Number.MAX_SAFE_INTEGER / 1000; // resource.MaxMilliValue, in float-safe terms

type ResourceList = Record<string, Quantity>;

function listOf(v: unknown): ResourceList {
  const out: ResourceList = {};
  for (const [k, q] of Object.entries(asObject(v) ?? {})) out[k] = parseQuantityValue(q);
  return out;
}

function containersOf(spec: JsonObject, key: string): JsonObject[] {
  return asArray(spec[key]).map(asObject).filter((c): c is JsonObject => !!c);
}

/** defaultContainerResourceRequirements + mergePodResourceRequirements (with the annotation). */
function mergeDefaults(pod: KubeObject, ranges: KubeObject[]): void {
  const defLimits: JsonObject = {};
  const defRequests: JsonObject = {};
  for (const lr of ranges) {
    for (const it of asArray(asObject(lr.spec)?.limits)) {
      const item = asObject(it);
      if (item?.type !== 'Container') continue;
      Object.assign(defRequests, asObject(item.defaultRequest) ?? {});
      Object.assign(defLimits, asObject(item.default) ?? {});
    }
  }
  const spec = asObject(pod.spec) ?? {};
  const notes: string[] = [];
  const merge = (c: JsonObject, label: string): void => {
    const resources = asObject(c.resources) ?? {};
    const limits = asObject(resources.limits) ?? {};
    const requests = asObject(resources.requests) ?? {};
    const setLimits = Object.keys(defLimits).filter((k) => limits[k] === undefined).sort();
    const setRequests = Object.keys(defRequests).filter((k) => requests[k] === undefined).sort();
    for (const k of setLimits) limits[k] = defLimits[k];
    for (const k of setRequests) requests[k] = defRequests[k];
    if (Object.keys(limits).length) resources.limits = limits;
    if (Object.keys(requests).length) resources.requests = requests;
    c.resources = resources;
    if (setRequests.length) notes.push(`${setRequests.join(', ')} request for ${label} ${String(c.name)}`);
    if (setLimits.length) notes.push(`${setLimits.join(', ')} limit for ${label} ${String(c.name)}`);
  };
  for (const c of containersOf(spec, 'containers')) merge(c, 'container');
  for (const c of containersOf(spec, 'initContainers')) merge(c, 'init container');
  if (notes.length) {
    pod.metadata.annotations = { ...(pod.metadata.annotations ?? {}), [LIMIT_RANGER_ANNOTATION]: `LimitRanger plugin set: ${notes.join('; ')}` };
  }
}

/** requestLimitEnforcedValues: compare in milli units unless that could overflow. */
function values(req: Quantity | undefined, lim: Quantity | undefined, enforced: Quantity): [number, number, number] {
  const r = req ? quantityValue(req) : 0;
  const l = lim ? quantityValue(lim) : 0;
  const e = quantityValue(enforced);
  if (r <= MAX_MILLI_VALUE && l <= MAX_MILLI_VALUE && e <= MAX_MILLI_VALUE) {
    return [req ? quantityMilliValue(req) : 0, lim ? quantityMilliValue(lim) : 0, quantityMilliValue(enforced)];
  }
  return [r, l, e];
}

function minConstraint(type: string, name: string, enforced: Quantity, requests: ResourceList, limits: ResourceList): string | undefined {
  const req = requests[name];
  const lim = limits[name];
  const [r, l, e] = values(req, lim, enforced);
  const es = formatQuantity(enforced);
  if (!req) return `minimum ${name} usage per ${type} is ${es}.  No request is specified`;
  if (r < e) return `minimum ${name} usage per ${type} is ${es}, but request is ${formatQuantity(req)}`;
  if (lim && l < e) return `minimum ${name} usage per ${type} is ${es}, but limit is ${formatQuantity(lim)}`;
  return undefined;
}

function maxConstraint(type: string, name: string, enforced: Quantity, requests: ResourceList, limits: ResourceList): string | undefined {
  const req = requests[name];
  const lim = limits[name];
  const [r, l, e] = values(req, lim, enforced);
  const es = formatQuantity(enforced);
  if (!lim) return `maximum ${name} usage per ${type} is ${es}.  No limit is specified`;
  if (l > e) return `maximum ${name} usage per ${type} is ${es}, but limit is ${formatQuantity(lim)}`;
  if (req && r > e) return `maximum ${name} usage per ${type} is ${es}, but request is ${formatQuantity(req)}`;
  return undefined;
}

function ratioConstraint(type: string, name: string, enforced: Quantity, requests: ResourceList, limits: ResourceList): string | undefined {
  const req = requests[name];
  const lim = limits[name];
  const [r, l] = values(req, lim, enforced);
  const es = formatQuantity(enforced);
  if (!req || r === 0) return `${name} max limit to request ratio per ${type} is ${es}, but no request is specified or request is 0`;
  if (!lim || l === 0) return `${name} max limit to request ratio per ${type} is ${es}, but no limit is specified or limit is 0`;
  const observed = l / r;
  let compareObserved = observed;
  let max = quantityValue(enforced);
  if (max <= MAX_MILLI_VALUE) {
    compareObserved = observed * 1000;
    max = quantityMilliValue(enforced);
  }
  // Go's %f prints six decimals.
  if (compareObserved > max) return `${name} max limit to request ratio per ${type} is ${es}, but provided ratio is ${observed.toFixed(6)}`;
  return undefined;
}

function check(type: string, item: JsonObject, requests: ResourceList, limits: ResourceList, errs: string[]): void {
  const push = (m: string | undefined): void => {
    if (m && !errs.includes(m)) errs.push(m);
  };
  for (const [k, v] of Object.entries(listOf(item.min))) push(minConstraint(type, k, v, requests, limits));
  for (const [k, v] of Object.entries(listOf(item.max))) push(maxConstraint(type, k, v, requests, limits));
  for (const [k, v] of Object.entries(listOf(item.maxLimitRequestRatio))) push(ratioConstraint(type, k, v, requests, limits));
}

/** PodRequests/PodLimits: sum of containers, at least the largest init container. */
function podTotals(spec: JsonObject, key: 'requests' | 'limits'): ResourceList {
  const sum: ResourceList = {};
  for (const c of containersOf(spec, 'containers')) {
    for (const [k, q] of Object.entries(listOf(asObject(c.resources)?.[key]))) sum[k] = sum[k] ? addQuantities(sum[k], q) : q;
  }
  for (const c of containersOf(spec, 'initContainers')) {
    for (const [k, q] of Object.entries(listOf(asObject(c.resources)?.[key]))) {
      if (!sum[k] || quantityMilliValue(q) > quantityMilliValue(sum[k])) sum[k] = q;
    }
  }
  return sum;
}

/** Mutates defaults into the pod, then throws 403 Forbidden when a constraint fails. */
export function admitPodWithLimitRanges(pod: KubeObject, limitRanges: KubeObject[]): void {
  mergeDefaults(pod, limitRanges);
  const spec = asObject(pod.spec) ?? {};
  const status = asObject(pod.status);
  if (status?.qosClass) status.qosClass = podQOSClass(spec); // defaults may change the QoS class
  const errs: string[] = [];
  for (const lr of limitRanges) {
    for (const it of asArray(asObject(lr.spec)?.limits)) {
      const item = asObject(it);
      if (!item) continue;
      if (item.type === 'Container') {
        for (const c of [...containersOf(spec, 'containers'), ...containersOf(spec, 'initContainers')]) {
          const res = asObject(c.resources) ?? {};
          check('Container', item, listOf(res.requests), listOf(res.limits), errs);
        }
      } else if (item.type === 'Pod') {
        check('Pod', item, podTotals(spec, 'requests'), podTotals(spec, 'limits'), errs);
      }
    }
  }
  if (errs.length === 0) return;
  const message = errs.length === 1 ? errs[0] : `[${errs.join(', ')}]`;
  throw newForbidden({ group: '', resource: 'pods' }, pod.metadata.name ?? '', message);
}
