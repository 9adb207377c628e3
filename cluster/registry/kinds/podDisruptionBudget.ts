// PodDisruptionBudget strategy (policy/v1): eviction (pods/eviction) reads these, so the status
// shape and the minAvailable/maxUnavailable rules matter to kubectl drain and the console.
import { fieldErrors, type FieldError } from '../../api/errors';
import type { KubeObject } from '../../types';
import type { ResourceDescriptor } from '../resources';
import { asObject } from '../defaults/json';
import { goValue } from '../validation/gofmt';
import { validateLabelSelector, type LabelSelectorObject } from '../validation/labelSelector';
import { regexError } from '../validation/names';
import { validateNonnegative } from '../validation/objectMeta';
import { makeStrategy, type Strategy } from './base';

function goIntOrString(v: unknown): string {
  return typeof v === 'string' ? `intstr.IntOrString{Type:1, IntVal:0, StrVal:${JSON.stringify(v)}}` : `intstr.IntOrString{Type:0, IntVal:${Number(v)}, StrVal:""}`;
}

/** ValidatePositiveIntOrPercent + IsNotMoreThan100Percent. */
function validateIntOrPercent(v: unknown, path: string): FieldError[] {
  if (v === undefined || v === null) return [];
  if (typeof v === 'number') return validateNonnegative(v, path);
  if (typeof v === 'string') {
    const m = /^([0-9]+)%$/.exec(v);
    if (!m) return [fieldErrors.invalid(path, goValue(goIntOrString(v)), regexError("a valid percent string must be a numeric string followed by an ending '%'", '[0-9]+%', '1%', '93%'))];
    if (Number(m[1]) > 100) return [fieldErrors.invalid(path, goValue(goIntOrString(v)), 'must not be greater than 100%')];
  }
  return [];
}

function validate(obj: KubeObject): FieldError[] {
  const spec = asObject(obj.spec) ?? {};
  const errs: FieldError[] = [];
  const both = spec.minAvailable !== undefined && spec.minAvailable !== null && spec.maxUnavailable !== undefined && spec.maxUnavailable !== null;
  if (both) errs.push(fieldErrors.invalid('spec', goValue('policy.PodDisruptionBudgetSpec{…}'), 'minAvailable and maxUnavailable cannot be both set'));
  errs.push(...validateIntOrPercent(spec.minAvailable, 'spec.minAvailable'));
  errs.push(...validateIntOrPercent(spec.maxUnavailable, 'spec.maxUnavailable'));
  errs.push(...validateLabelSelector(asObject(spec.selector) as LabelSelectorObject | undefined, 'spec.selector'));
  const policy = spec.unhealthyPodEvictionPolicy;
  if (policy !== undefined && policy !== 'IfHealthyBudget' && policy !== 'AlwaysAllow') {
    errs.push(fieldErrors.notSupported('spec.unhealthyPodEvictionPolicy', policy, ['AlwaysAllow', 'IfHealthyBudget']));
  }
  return errs;
}

function validateStatus(obj: KubeObject): FieldError[] {
  const st = asObject(obj.status) ?? {};
  const errs: FieldError[] = [];
  for (const k of ['disruptionsAllowed', 'currentHealthy', 'desiredHealthy', 'expectedPods']) errs.push(...validateNonnegative(st[k], `status.${k}`));
  return errs;
}

export function podDisruptionBudgetStrategy(d: ResourceDescriptor): Strategy {
  return makeStrategy(d, {
    tracksGeneration: true,
    // PodDisruptionBudgetStatus has four non-omitempty counters.
    emptyStatus: () => ({ disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0 }),
    validate,
    validateStatus,
    defaultStatus: (obj) => {
      const st = asObject(obj.status) ?? {};
      for (const k of ['disruptionsAllowed', 'currentHealthy', 'desiredHealthy', 'expectedPods']) if (typeof st[k] !== 'number') st[k] = 0;
      obj.status = st;
    },
  });
}
