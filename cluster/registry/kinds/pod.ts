// Pod strategy (pkg/registry/core/pod/strategy.go, core validation ValidatePodCreate/Update).
import { fieldErrors, newConflict, type FieldError } from '../../api/errors';
import type { KubeObject } from '../../types';
import type { ResourceDescriptor } from '../resources';
import { admitPodDefaults } from '../admission/podAdmission';
import { asArray, asObject, asString, deepClone, type JsonObject } from '../defaults/json';
import { defaultPodOnlySpec, defaultPodSpec } from '../defaults/podSpec';
import { goValue } from '../validation/gofmt';
import { inclusiveRangeError } from '../validation/names';
import { semanticEqual, validateNonnegative } from '../validation/objectMeta';
import { validatePodSpec } from '../validation/podSpec';
import { compareQuantities, parseQuantityValue } from '../validation/quantity';
import { makeStrategy, specOf, type Strategy, type StrategyDeps } from './base';
import { describeDiff } from './diff';

/** qos.GetPodQOS over cpu and memory. */
export function podQOSClass(spec: JsonObject): 'Guaranteed' | 'Burstable' | 'BestEffort' {
  const containers = ['containers', 'initContainers'].flatMap((k) => asArray(spec[k])).map((c) => asObject(c) ?? {});
  let any = false;
  let guaranteed = true;
  for (const c of containers) {
    const res = asObject(c.resources) ?? {};
    const req = asObject(res.requests) ?? {};
    const lim = asObject(res.limits) ?? {};
    for (const r of ['cpu', 'memory']) {
      const hasReq = req[r] !== undefined && !isZeroQuantity(req[r]);
      const hasLim = lim[r] !== undefined && !isZeroQuantity(lim[r]);
      if (hasReq || hasLim) any = true;
      if (!hasLim) guaranteed = false;
      else if (hasReq && compareQuantities(parseQuantityValue(req[r]), parseQuantityValue(lim[r])) !== 0) guaranteed = false;
    }
  }
  if (!any) return 'BestEffort';
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

function isZeroQuantity(v: unknown): boolean {
  try {
    return parseQuantityValue(v).unscaled === 0n;
  } catch {
    return false;
  }
}

const POD_UPDATE_FORBIDDEN =
  'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

function validateContainerUpdates(next: unknown[], prev: unknown[], path: string): { errs: FieldError[]; stop: boolean } {
  if (next.length !== prev.length) return { errs: [fieldErrors.forbidden(path, 'pod updates may not add or remove containers')], stop: true };
  const errs: FieldError[] = [];
  next.forEach((c, i) => {
    const image = asString(asObject(c)?.image);
    if (!image) errs.push(fieldErrors.required(`${path}[${i}].image`));
    if (image.trim().length !== image.length) errs.push(fieldErrors.invalid(`${path}[${i}].image`, image, 'must not have leading or trailing whitespace'));
  });
  return { errs, stop: false };
}

/** ValidatePodUpdate: everything but images, activeDeadlineSeconds, added tolerations and grace period fix-ups is immutable. */
function validatePodUpdate(obj: KubeObject, old: KubeObject): FieldError[] {
  const spec = specOf(obj);
  const prev = asObject(old.spec) ?? {};
  const errs: FieldError[] = [];
  for (const key of ['containers', 'initContainers']) {
    const r = validateContainerUpdates(asArray(spec[key]), asArray(prev[key]), `spec.${key}`);
    errs.push(...r.errs);
    if (r.stop) return errs;
  }
  const ads = spec.activeDeadlineSeconds;
  if (typeof ads === 'number') {
    if (ads < 0 || ads > 2147483647) return [...errs, fieldErrors.invalid('spec.activeDeadlineSeconds', ads, inclusiveRangeError(0, 2147483647))];
    if (typeof prev.activeDeadlineSeconds === 'number' && prev.activeDeadlineSeconds < ads) {
      return [...errs, fieldErrors.invalid('spec.activeDeadlineSeconds', ads, 'must be less than or equal to previous value')];
    }
  } else if (typeof prev.activeDeadlineSeconds === 'number') {
    // Go renders a nil bad value as the quoted string "null".
    errs.push(fieldErrors.invalid('spec.activeDeadlineSeconds', goValue('"null"'), 'must not update from a positive integer to nil value'));
  }
  const oldTolerations = asArray(prev.tolerations);
  oldTolerations.forEach((t, i) => {
    if (!asArray(spec.tolerations).some((n) => semanticEqual(n, t))) {
      errs.push(fieldErrors.forbidden(`spec.tolerations[${i}]`, 'existing toleration can not be modified except its tolerationSeconds'));
    }
  });
  const oldQOS = asString(asObject(old.status)?.qosClass) || podQOSClass(prev);
  if (podQOSClass(spec) !== oldQOS) errs.push(fieldErrors.invalid('metadata', oldQOS, 'Pod QoS is immutable'));
  const munged = deepClone(spec);
  for (const key of ['containers', 'initContainers']) {
    asArray(munged[key]).forEach((c, i) => {
      const mc = asObject(c);
      const oc = asObject(asArray(prev[key])[i]);
      if (mc && oc) mc.image = oc.image;
    });
  }
  munged.activeDeadlineSeconds = prev.activeDeadlineSeconds;
  munged.tolerations = prev.tolerations;
  if (typeof prev.terminationGracePeriodSeconds === 'number' && prev.terminationGracePeriodSeconds < 0 && munged.terminationGracePeriodSeconds === 1) {
    munged.terminationGracePeriodSeconds = prev.terminationGracePeriodSeconds;
  }
  for (const k of Object.keys(munged)) if (munged[k] === undefined) delete munged[k];
  if (!semanticEqual(munged, prev)) {
    errs.push(fieldErrors.forbidden('spec', `${POD_UPDATE_FORBIDDEN}\n${describeDiff('core.PodSpec', prev, munged)}`));
  }
  return errs;
}

function validatePodStatus(obj: KubeObject): FieldError[] {
  const st = asObject(obj.status) ?? {};
  const errs: FieldError[] = [];
  const phase = asString(st.phase);
  if (phase && !['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown'].includes(phase)) {
    errs.push(fieldErrors.notSupported('status.phase', phase, ['Pending', 'Running', 'Succeeded', 'Failed', 'Unknown']));
  }
  asArray(st.containerStatuses).forEach((cs, i) => {
    errs.push(...validateNonnegative(asObject(cs)?.restartCount, `status.containerStatuses[${i}].restartCount`));
  });
  return errs;
}

export function podStrategy(d: ResourceDescriptor, deps: StrategyDeps = {}): Strategy {
  return makeStrategy(d, {
    defaults: (obj) => {
      const spec = specOf(obj);
      defaultPodSpec(spec);
      defaultPodOnlySpec(spec);
    },
    prepareCreate: (obj) => {
      const spec = specOf(obj);
      admitPodDefaults(spec, deps.random, obj.metadata.name ?? '');
      // O-1: a Pod starts Pending with its QoS class; whatever status the client sent is dropped.
      obj.status = { phase: 'Pending', qosClass: podQOSClass(spec) };
    },
    validate: (obj) => validatePodSpec(asObject(obj.spec), 'spec'),
    validateUpdate: validatePodUpdate,
    validateStatus: validatePodStatus,
  });
}

/**
 * pods/binding (pkg/registry/core/pod/storage assignPod): sets spec.nodeName and the
 * PodScheduled condition; a pod that is already bound answers 409 like upstream.
 */
export function bindPod(pod: KubeObject, nodeName: string, now: string): KubeObject {
  const name = pod.metadata.name ?? '';
  const spec = asObject(pod.spec) ?? {};
  if (pod.metadata.deletionTimestamp) {
    throw newConflict({ group: '', resource: 'pods/binding' }, name, `pod ${name} is being deleted, cannot be assigned to a host`);
  }
  if (asString(spec.nodeName)) {
    throw newConflict({ group: '', resource: 'pods/binding' }, name, `pod ${name} is already assigned to node "${asString(spec.nodeName)}"`);
  }
  const out = deepClone(pod);
  specOf(out).nodeName = nodeName;
  const status = asObject(out.status) ?? {};
  const conditions = asArray(status.conditions).filter((c) => asObject(c)?.type !== 'PodScheduled');
  conditions.push({ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: now });
  status.conditions = conditions;
  out.status = status;
  return out;
}
