// StatefulSet strategy (pkg/registry/apps/statefulset/strategy.go, apps/v1 defaults,
// apps validation) — statefulset-semantics.md §1 (D-1..D-9, D-23, D-25..D-27) and §2 (V-1..V-24).
import { fieldErrors, type FieldError } from '../../api/errors';
import type { KubeObject } from '../../types';
import type { ResourceDescriptor } from '../resources';
import { asArray, asObject, asString, deepClone, expectInt32, type JsonObject } from '../defaults/json';
import { defaultPodSpec, ensureObject } from '../defaults/podSpec';
import { goLabelSelector, goPointer, goQuote, goStringMap, goValue } from '../validation/gofmt';
import { compileLabelSelector, validateLabelSelector, type LabelSelectorObject } from '../validation/labelSelector';
import { nameIsDNSLabel, regexError } from '../validation/names';
import { semanticEqual, validateAnnotations, validateLabels, validateNonnegative } from '../validation/objectMeta';
import { makeStrategy, specOf, type Strategy } from './base';
import { defaultPersistentVolumeClaim } from './persistentVolumeClaim';

const RETENTION = ['Retain', 'Delete'];

/** D-1..D-9, D-23 and the template defaults D-10..D-22. */
function defaultStatefulSet(obj: KubeObject): void {
  const spec = specOf(obj);
  checkIntegerFields(spec);
  if (spec.replicas === undefined || spec.replicas === null) spec.replicas = 1; // D-1
  if (!spec.podManagementPolicy) spec.podManagementPolicy = 'OrderedReady'; // D-2
  const strategy = ensureObject(spec, 'updateStrategy');
  if (!strategy.type) {
    strategy.type = 'RollingUpdate'; // D-3
    if (!asObject(strategy.rollingUpdate)) strategy.rollingUpdate = {}; // D-4: only when D-3 fired
  }
  const rolling = asObject(strategy.rollingUpdate);
  if (strategy.type === 'RollingUpdate' && rolling && (rolling.partition === undefined || rolling.partition === null)) {
    rolling.partition = 0; // D-5
  }
  if (spec.revisionHistoryLimit === undefined || spec.revisionHistoryLimit === null) spec.revisionHistoryLimit = 10; // D-7
  const retention = ensureObject(spec, 'persistentVolumeClaimRetentionPolicy'); // D-8
  if (!retention.whenDeleted) retention.whenDeleted = 'Retain';
  if (!retention.whenScaled) retention.whenScaled = 'Retain';
  if (spec.serviceName === undefined || spec.serviceName === null) spec.serviceName = ''; // D-9: no omitempty
  const template = ensureObject(spec, 'template');
  defaultPodSpec(ensureObject(template, 'spec'));
  for (const t of asArray(spec.volumeClaimTemplates)) {
    const claim = asObject(t);
    if (!claim) continue;
    // D-23: served as embedded PersistentVolumeClaims.
    if (!claim.apiVersion) claim.apiVersion = 'v1';
    if (!claim.kind) claim.kind = 'PersistentVolumeClaim';
    const meta = ensureObject(claim, 'metadata');
    if (meta.creationTimestamp === undefined) meta.creationTimestamp = null;
    defaultPersistentVolumeClaim(claim);
  }
}

/** The int32 fields a console user is most likely to type as strings. */
function checkIntegerFields(spec: JsonObject): void {
  expectInt32(spec.replicas, 'StatefulSetSpec', 'spec.replicas');
  expectInt32(spec.minReadySeconds, 'StatefulSetSpec', 'spec.minReadySeconds');
  expectInt32(spec.revisionHistoryLimit, 'StatefulSetSpec', 'spec.revisionHistoryLimit');
  const rolling = asObject(asObject(spec.updateStrategy)?.rollingUpdate);
  expectInt32(rolling?.partition, 'RollingUpdateStatefulSetStrategy', 'spec.updateStrategy.rollingUpdate.partition');
  expectInt32(asObject(spec.ordinals)?.start, 'StatefulSetOrdinals', 'spec.ordinals.start');
}

/** D-6: the MaxUnavailableStatefulSet gate is off in 1.32, so the field is dropped unless already in use. */
function dropMaxUnavailable(obj: KubeObject, old: KubeObject | undefined): void {
  const oldRolling = asObject(asObject(asObject(old?.spec)?.updateStrategy)?.rollingUpdate);
  if (oldRolling?.maxUnavailable !== undefined && oldRolling.maxUnavailable !== null) return;
  const rolling = asObject(asObject(asObject(obj.spec)?.updateStrategy)?.rollingUpdate);
  if (rolling) delete rolling.maxUnavailable;
}

/** intstr.IntOrString printed with %#v (it has no value-receiver String()). */
function goIntOrString(v: unknown): string {
  return typeof v === 'string'
    ? `intstr.IntOrString{Type:1, IntVal:0, StrVal:${goQuote(v)}}`
    : `intstr.IntOrString{Type:0, IntVal:${Number(v)}, StrVal:""}`;
}

function percentValue(v: unknown): number | undefined {
  return typeof v === 'string' && /^[0-9]+%$/.test(v) ? Number.parseInt(v, 10) : undefined;
}

/** V-8, V-9 (validateRollingUpdateStatefulSet). */
function validateRollingUpdate(rolling: JsonObject, path: string): FieldError[] {
  const errs = validateNonnegative(rolling.partition, `${path}.partition`);
  const mu = rolling.maxUnavailable;
  if (mu === undefined || mu === null) return errs;
  const p = `${path}.maxUnavailable`;
  if (typeof mu === 'string') {
    if (percentValue(mu) === undefined) {
      errs.push(fieldErrors.invalid(p, goValue(goIntOrString(mu)), regexError("a valid percent string must be a numeric string followed by an ending '%'", '[0-9]+%', '1%', '93%')));
    }
  } else if (typeof mu === 'number' && mu < 0) {
    errs.push(fieldErrors.invalid(p, mu, 'must be greater than or equal to 0'));
  }
  const value = typeof mu === 'string' ? (percentValue(mu) ?? 0) : Number(mu);
  if (value === 0) errs.push(fieldErrors.invalid(p, goValue(goIntOrString(mu)), 'cannot be 0'));
  if (typeof mu === 'string' && (percentValue(mu) ?? 0) > 100) errs.push(fieldErrors.invalid(p, goValue(goIntOrString(mu)), 'must not be greater than 100%'));
  return errs;
}

function goRollingUpdate(rolling: JsonObject): string {
  const partition = typeof rolling.partition === 'number' ? rolling.partition : 0;
  const mu = rolling.maxUnavailable !== undefined && rolling.maxUnavailable !== null;
  return `apps.RollingUpdateStatefulSetStrategy{Partition:${partition}, MaxUnavailable:${goPointer('intstr.IntOrString', mu)}}`;
}

/** ValidateStatefulSetSpec, in upstream order. */
function validateStatefulSetSpec(specRaw: unknown): FieldError[] {
  const spec = asObject(specRaw) ?? {};
  const errs: FieldError[] = [];
  const pmp = asString(spec.podManagementPolicy);
  if (!pmp) errs.push(fieldErrors.required('spec.podManagementPolicy'));
  else if (pmp !== 'OrderedReady' && pmp !== 'Parallel') {
    errs.push(fieldErrors.invalid('spec.podManagementPolicy', pmp, "must be 'OrderedReady' or 'Parallel'")); // V-5
  }

  const strategy = asObject(spec.updateStrategy) ?? {};
  const type = asString(strategy.type);
  const rolling = asObject(strategy.rollingUpdate);
  if (!type) errs.push(fieldErrors.required('spec.updateStrategy'));
  else if (type === 'OnDelete') {
    if (rolling) {
      errs.push(fieldErrors.invalid('spec.updateStrategy.rollingUpdate', goValue(goRollingUpdate(rolling)), "only allowed for updateStrategy 'RollingUpdate'")); // V-7
    }
  } else if (type === 'RollingUpdate') {
    if (rolling) errs.push(...validateRollingUpdate(rolling, 'spec.updateStrategy.rollingUpdate'));
  } else {
    const text = `apps.StatefulSetUpdateStrategy{Type:${goQuote(type)}, RollingUpdate:${goPointer('apps.RollingUpdateStatefulSetStrategy', !!rolling)}}`;
    errs.push(fieldErrors.invalid('spec.updateStrategy', goValue(text), "must be 'RollingUpdate' or 'OnDelete'")); // V-6
  }

  const retention = asObject(spec.persistentVolumeClaimRetentionPolicy);
  if (retention) {
    for (const k of ['whenDeleted', 'whenScaled']) {
      const v = asString(retention[k]);
      if (!RETENTION.includes(v)) errs.push(fieldErrors.notSupported(`spec.persistentVolumeClaimRetentionPolicy.${k}`, v, RETENTION)); // V-10
    }
  }

  errs.push(...validateNonnegative(spec.replicas, 'spec.replicas')); // V-11
  errs.push(...validateNonnegative(spec.minReadySeconds, 'spec.minReadySeconds')); // V-12
  const ordinals = asObject(spec.ordinals);
  if (ordinals) errs.push(...validateNonnegative(ordinals.start, 'spec.ordinals.start')); // V-13

  const selector = asObject(spec.selector) as LabelSelectorObject | undefined;
  if (!selector) errs.push(fieldErrors.required('spec.selector')); // V-14
  else {
    errs.push(...validateLabelSelector(selector, 'spec.selector')); // V-16 (strict values)
    const n = Object.keys(selector.matchLabels ?? {}).length + (selector.matchExpressions ?? []).length;
    if (n === 0) errs.push(fieldErrors.invalid('spec.selector', goValue(goLabelSelector(selector)), 'empty selector is invalid for statefulset')); // V-15
  }

  const template = asObject(spec.template) ?? {};
  const tmeta = asObject(template.metadata) ?? {};
  const labels = asObject(tmeta.labels) as Record<string, string> | undefined;
  const compiled = compileLabelSelector(selector);
  if (!compiled) errs.push(fieldErrors.invalid('spec.selector', goValue(goLabelSelector(selector ?? {})), ''));
  else {
    if (!compiled.empty && !compiled.matches(labels)) {
      errs.push(fieldErrors.invalid('spec.template.metadata.labels', goValue(goStringMap(labels)), '`selector` does not match template `labels`')); // V-17
    }
    // V-18: upstream uses the paths without "metadata".
    errs.push(...validateLabels(labels, 'spec.template.labels'));
    errs.push(...validateAnnotations(asObject(tmeta.annotations) as Record<string, string> | undefined, 'spec.template.annotations'));
  }

  const podSpec = asObject(template.spec) ?? {};
  const restart = asString(podSpec.restartPolicy);
  if (restart !== 'Always') errs.push(fieldErrors.notSupported('spec.template.spec.restartPolicy', restart, ['Always'])); // V-19
  if (podSpec.activeDeadlineSeconds !== undefined && podSpec.activeDeadlineSeconds !== null) {
    errs.push(fieldErrors.forbidden('spec.template.spec.activeDeadlineSeconds', 'activeDeadlineSeconds in StatefulSet is not Supported')); // V-20
  }
  return errs;
}

const MUTABLE_SPEC_FIELDS = ['replicas', 'template', 'updateStrategy', 'minReadySeconds', 'ordinals', 'persistentVolumeClaimRetentionPolicy'];

/** V-21 (1.32: revisionHistoryLimit is not yet mutable; it became so in 1.33). */
function validateSpecImmutability(obj: KubeObject, old: KubeObject): FieldError[] {
  const next = deepClone(asObject(obj.spec) ?? {});
  const prev = asObject(old.spec) ?? {};
  for (const k of MUTABLE_SPEC_FIELDS) {
    if (prev[k] === undefined) delete next[k];
    else next[k] = prev[k];
  }
  if (semanticEqual(next, prev)) return [];
  return [
    fieldErrors.forbidden(
      'spec',
      "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden",
    ),
  ];
}

/** V-24 */
function validateStatefulSetStatus(obj: KubeObject, old: KubeObject): FieldError[] {
  const st = asObject(obj.status) ?? {};
  const num = (k: string): number => (typeof st[k] === 'number' ? (st[k] as number) : 0);
  const errs: FieldError[] = [];
  for (const k of ['replicas', 'readyReplicas', 'currentReplicas', 'updatedReplicas', 'availableReplicas']) {
    errs.push(...validateNonnegative(num(k), `status.${k}`));
  }
  if (typeof st.observedGeneration === 'number') errs.push(...validateNonnegative(st.observedGeneration, 'status.observedGeneration'));
  if (typeof st.collisionCount === 'number') errs.push(...validateNonnegative(st.collisionCount, 'status.collisionCount'));
  const msg = 'cannot be greater than status.replicas';
  for (const k of ['readyReplicas', 'currentReplicas', 'updatedReplicas', 'availableReplicas']) {
    if (num(k) > num('replicas')) errs.push(fieldErrors.invalid(`status.${k}`, num(k), msg));
  }
  if (num('availableReplicas') > num('readyReplicas')) {
    errs.push(fieldErrors.invalid('status.availableReplicas', num('availableReplicas'), 'cannot be greater than status.readyReplicas'));
  }
  const oldCount = asObject(old.status)?.collisionCount;
  const newCount = st.collisionCount;
  if (typeof oldCount === 'number' && (typeof newCount !== 'number' || newCount < oldCount)) {
    errs.push(fieldErrors.invalid('status.collisionCount', typeof newCount === 'number' ? newCount : 0, 'cannot be decremented'));
  }
  return errs;
}

export function statefulSetStrategy(d: ResourceDescriptor): Strategy {
  return makeStrategy(d, {
    nameValidator: nameIsDNSLabel, // V-2..V-4
    tracksGeneration: true,
    // D-25: Go always serializes these two counters, so a new set shows them as 0.
    emptyStatus: () => ({ replicas: 0, availableReplicas: 0 }),
    defaults: defaultStatefulSet,
    prepareCreate: (obj) => dropMaxUnavailable(obj, undefined),
    prepareUpdate: (obj, old) => dropMaxUnavailable(obj, old),
    validate: (obj) => validateStatefulSetSpec(obj.spec),
    updateReplacesValidate: true, // the name is not re-validated on update
    validateUpdate: (obj, old) => [...validateStatefulSetSpec(obj.spec), ...validateSpecImmutability(obj, old)],
    validateStatus: validateStatefulSetStatus,
    defaultStatus: (obj) => {
      const st = asObject(obj.status) ?? {};
      if (typeof st.replicas !== 'number') st.replicas = 0;
      if (typeof st.availableReplicas !== 'number') st.availableReplicas = 0;
      obj.status = st;
    },
  });
}
