// Deployment and ReplicaSet strategies (apps/v1 defaults, apps validation): enough for the
// console and kubectl to create, scale and edit them; no controller ships for them in 1.x of Ordinal.
import { fieldErrors, type FieldError } from '../../api/errors';
import type { KubeObject } from '../../types';
import type { ResourceDescriptor } from '../resources';
import { asObject, asString, type JsonObject } from '../defaults/json';
import { defaultPodSpec, ensureObject } from '../defaults/podSpec';
import { goLabelSelector, goStringMap, goValue } from '../validation/gofmt';
import { compileLabelSelector, validateLabelSelector, type LabelSelectorObject } from '../validation/labelSelector';
import { validateAnnotations, validateImmutableField, validateLabels, validateNonnegative } from '../validation/objectMeta';
import { validatePodSpec } from '../validation/podSpec';
import { makeStrategy, specOf, type Strategy } from './base';

function defaultTemplate(spec: JsonObject): void {
  defaultPodSpec(ensureObject(ensureObject(spec, 'template'), 'spec'));
}

function defaultDeployment(obj: KubeObject): void {
  const spec = specOf(obj);
  if (spec.replicas === undefined || spec.replicas === null) spec.replicas = 1;
  const strategy = ensureObject(spec, 'strategy');
  if (!strategy.type) strategy.type = 'RollingUpdate';
  if (strategy.type === 'RollingUpdate') {
    const ru = ensureObject(strategy, 'rollingUpdate');
    if (ru.maxUnavailable === undefined || ru.maxUnavailable === null) ru.maxUnavailable = '25%';
    if (ru.maxSurge === undefined || ru.maxSurge === null) ru.maxSurge = '25%';
  }
  if (spec.revisionHistoryLimit === undefined || spec.revisionHistoryLimit === null) spec.revisionHistoryLimit = 10;
  if (spec.progressDeadlineSeconds === undefined || spec.progressDeadlineSeconds === null) spec.progressDeadlineSeconds = 600;
  defaultTemplate(spec);
}

function defaultReplicaSet(obj: KubeObject): void {
  const spec = specOf(obj);
  if (spec.replicas === undefined || spec.replicas === null) spec.replicas = 1;
  defaultTemplate(spec);
}

/** Selector + template checks shared by Deployment and ReplicaSet (ValidatePodTemplateSpecForReplicaSet). */
function validateSelectorAndTemplate(spec: JsonObject): FieldError[] {
  const errs: FieldError[] = [];
  const selector = asObject(spec.selector) as LabelSelectorObject | undefined;
  if (!selector) errs.push(fieldErrors.required('spec.selector'));
  else {
    errs.push(...validateLabelSelector(selector, 'spec.selector'));
    if (Object.keys(selector.matchLabels ?? {}).length + (selector.matchExpressions ?? []).length === 0) {
      errs.push(fieldErrors.invalid('spec.selector', goValue(goLabelSelector(selector)), 'empty selector is invalid for deployment'));
    }
  }
  const compiled = compileLabelSelector(selector);
  const template = asObject(spec.template) ?? {};
  const meta = asObject(template.metadata) ?? {};
  const labels = asObject(meta.labels) as Record<string, string> | undefined;
  if (!compiled) {
    errs.push(fieldErrors.invalid('spec.selector', goValue(goLabelSelector(selector ?? {})), 'invalid label selector'));
    return errs;
  }
  if (!compiled.empty && !compiled.matches(labels)) {
    errs.push(fieldErrors.invalid('spec.template.metadata.labels', goValue(goStringMap(labels)), '`selector` does not match template `labels`'));
  }
  errs.push(...validateLabels(labels, 'spec.template.labels'));
  errs.push(...validateAnnotations(asObject(meta.annotations) as Record<string, string> | undefined, 'spec.template.annotations'));
  const podSpec = asObject(template.spec);
  errs.push(...validatePodSpec(podSpec, 'spec.template.spec'));
  const restart = asString(podSpec?.restartPolicy);
  if (restart !== 'Always') errs.push(fieldErrors.notSupported('spec.template.spec.restartPolicy', restart, ['Always']));
  if (podSpec?.activeDeadlineSeconds !== undefined && podSpec.activeDeadlineSeconds !== null) {
    errs.push(fieldErrors.forbidden('spec.template.spec.activeDeadlineSeconds', 'activeDeadlineSeconds in ReplicaSet is not Supported'));
  }
  return errs;
}

function validateDeploymentSpec(obj: KubeObject): FieldError[] {
  const spec = asObject(obj.spec) ?? {};
  const errs = validateNonnegative(spec.replicas, 'spec.replicas');
  errs.push(...validateSelectorAndTemplate(spec));
  const strategy = asObject(spec.strategy) ?? {};
  const type = asString(strategy.type);
  if (type === 'Recreate') {
    if (strategy.rollingUpdate) errs.push(fieldErrors.forbidden('spec.strategy.rollingUpdate', "may not be specified when strategy `type` is 'Recreate'"));
  } else if (type !== 'RollingUpdate') {
    errs.push(fieldErrors.notSupported('spec.strategy', goValue(`apps.DeploymentStrategy{Type:"${type}"}`), ['Recreate', 'RollingUpdate']));
  }
  errs.push(...validateNonnegative(spec.minReadySeconds, 'spec.minReadySeconds'));
  errs.push(...validateNonnegative(spec.revisionHistoryLimit, 'spec.revisionHistoryLimit'));
  if (typeof spec.progressDeadlineSeconds === 'number') {
    errs.push(...validateNonnegative(spec.progressDeadlineSeconds, 'spec.progressDeadlineSeconds'));
    if (spec.progressDeadlineSeconds <= (typeof spec.minReadySeconds === 'number' ? spec.minReadySeconds : 0)) {
      errs.push(fieldErrors.invalid('spec.progressDeadlineSeconds', spec.progressDeadlineSeconds, 'must be greater than minReadySeconds'));
    }
  }
  return errs;
}

function validateReplicaSetSpec(obj: KubeObject): FieldError[] {
  const spec = asObject(obj.spec) ?? {};
  return [
    ...validateNonnegative(spec.replicas, 'spec.replicas'),
    ...validateNonnegative(spec.minReadySeconds, 'spec.minReadySeconds'),
    ...validateSelectorAndTemplate(spec),
  ];
}

/** apps/v1 makes the selector immutable. */
function selectorImmutable(obj: KubeObject, old: KubeObject): FieldError[] {
  const sel = asObject(asObject(obj.spec)?.selector) as LabelSelectorObject | undefined;
  const prev = asObject(old.spec)?.selector;
  return validateImmutableField(sel, prev, 'spec.selector', goLabelSelector(sel ?? {}));
}

function validateReplicaStatus(obj: KubeObject): FieldError[] {
  const st = asObject(obj.status) ?? {};
  const errs: FieldError[] = [];
  for (const k of ['replicas', 'readyReplicas', 'availableReplicas', 'updatedReplicas', 'fullyLabeledReplicas', 'observedGeneration']) {
    errs.push(...validateNonnegative(st[k], `status.${k}`));
  }
  return errs;
}

export function deploymentStrategy(d: ResourceDescriptor): Strategy {
  return makeStrategy(d, {
    tracksGeneration: true,
    emptyStatus: () => ({}),
    defaults: defaultDeployment,
    validate: validateDeploymentSpec,
    validateUpdate: selectorImmutable,
    validateStatus: validateReplicaStatus,
  });
}

export function replicaSetStrategy(d: ResourceDescriptor): Strategy {
  return makeStrategy(d, {
    tracksGeneration: true,
    emptyStatus: () => ({ replicas: 0 }),
    defaults: defaultReplicaSet,
    validate: validateReplicaSetSpec,
    validateUpdate: selectorImmutable,
    validateStatus: validateReplicaStatus,
    defaultStatus: (obj) => {
      const st = asObject(obj.status) ?? {};
      if (typeof st.replicas !== 'number') st.replicas = 0;
      obj.status = st;
    },
  });
}
