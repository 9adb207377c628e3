// Ingress (networking.k8s.io/v1) and HorizontalPodAutoscaler (autoscaling/v2) strategies:
// generation tracking, status reset, the defaults kubectl shows and the basic validation.
import { fieldErrors, type FieldError } from '../../api/errors';
import type { KubeObject } from '../../types';
import type { ResourceDescriptor } from '../resources';
import { asArray, asObject, asString } from '../defaults/json';
import { ensureObject } from '../defaults/podSpec';
import { goValue } from '../validation/gofmt';
import { isDNS1123Subdomain } from '../validation/names';
import { makeStrategy, specOf, type Strategy } from './base';

function validateIngress(obj: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  const spec = asObject(obj.spec) ?? {};
  asArray(spec.rules).forEach((r, i) => {
    const rule = asObject(r) ?? {};
    const host = asString(rule.host);
    const check = host.startsWith('*.') ? host.slice(2) : host;
    if (host) for (const m of isDNS1123Subdomain(check)) errs.push(fieldErrors.invalid(`spec.rules[${i}].host`, host, m));
    asArray(asObject(rule.http)?.paths).forEach((p, j) => {
      const path = asObject(p) ?? {};
      const pp = `spec.rules[${i}].http.paths[${j}]`;
      const type = asString(path.pathType);
      if (!type) errs.push(fieldErrors.required(`${pp}.pathType`, 'pathType must be specified'));
      else if (!['Exact', 'ImplementationSpecific', 'Prefix'].includes(type)) {
        errs.push(fieldErrors.notSupported(`${pp}.pathType`, type, ['Exact', 'ImplementationSpecific', 'Prefix']));
      }
      if (!asObject(path.backend)) errs.push(fieldErrors.required(`${pp}.backend`));
    });
  });
  if (asArray(spec.rules).length === 0 && !asObject(spec.defaultBackend)) {
    errs.push(fieldErrors.invalid('spec.rules', goValue('[]networking.IngressRule(nil)'), 'either `defaultBackend` or `rules` must be specified'));
  }
  return errs;
}

export function ingressStrategy(d: ResourceDescriptor): Strategy {
  return makeStrategy(d, { tracksGeneration: true, emptyStatus: () => ({ loadBalancer: {} }), validate: validateIngress });
}

/** autoscaling/v2 SetDefaults_HorizontalPodAutoscaler (+ behavior defaults). */
function defaultHPA(obj: KubeObject): void {
  const spec = specOf(obj);
  if (spec.minReplicas === undefined || spec.minReplicas === null) spec.minReplicas = 1;
  if (asArray(spec.metrics).length === 0) {
    spec.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }];
  }
  const behavior = ensureObject(spec, 'behavior');
  const up = ensureObject(behavior, 'scaleUp');
  if (up.stabilizationWindowSeconds === undefined) up.stabilizationWindowSeconds = 0;
  if (!up.selectPolicy) up.selectPolicy = 'Max';
  if (!up.policies) up.policies = [{ type: 'Pods', value: 4, periodSeconds: 15 }, { type: 'Percent', value: 100, periodSeconds: 15 }];
  const down = ensureObject(behavior, 'scaleDown');
  if (down.stabilizationWindowSeconds === undefined) down.stabilizationWindowSeconds = 300;
  if (!down.selectPolicy) down.selectPolicy = 'Max';
  if (!down.policies) down.policies = [{ type: 'Percent', value: 100, periodSeconds: 15 }];
}

function validateHPA(obj: KubeObject): FieldError[] {
  const errs: FieldError[] = [];
  const spec = asObject(obj.spec) ?? {};
  const ref = asObject(spec.scaleTargetRef) ?? {};
  if (!asString(ref.kind)) errs.push(fieldErrors.required('spec.scaleTargetRef.kind'));
  if (!asString(ref.name)) errs.push(fieldErrors.required('spec.scaleTargetRef.name'));
  const min = typeof spec.minReplicas === 'number' ? spec.minReplicas : 1;
  const max = typeof spec.maxReplicas === 'number' ? spec.maxReplicas : 0;
  if (min < 1) errs.push(fieldErrors.invalid('spec.minReplicas', min, 'must be greater than or equal to 1'));
  if (max < 1) errs.push(fieldErrors.invalid('spec.maxReplicas', max, 'must be greater than 0'));
  if (max >= 1 && min > max) errs.push(fieldErrors.invalid('spec.minReplicas', min, 'must be less than or equal to maxReplicas'));
  return errs;
}

export function horizontalPodAutoscalerStrategy(d: ResourceDescriptor): Strategy {
  return makeStrategy(d, {
    tracksGeneration: true,
    emptyStatus: () => ({ currentReplicas: 0, desiredReplicas: 0 }),
    defaults: defaultHPA,
    validate: validateHPA,
  });
}
