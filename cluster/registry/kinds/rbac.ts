// RBAC strategies (pkg/apis/rbac/validation): object names are path segments, rules need verbs
// and either resources+apiGroups or nonResourceURLs, roleRef is immutable.
import { fieldErrors, type FieldError } from '../../api/errors';
import type { KubeObject } from '../../types';
import type { ResourceDescriptor } from '../resources';
import { asArray, asObject, asString, type JsonObject } from '../defaults/json';
import { goStringSlice, goValue } from '../validation/gofmt';
import { isDNS1123Subdomain, isValidPathSegmentName, nameIsPathSegment } from '../validation/names';
import { semanticEqual } from '../validation/objectMeta';
import { makeStrategy, type Strategy } from './base';

const RBAC_GROUP = 'rbac.authorization.k8s.io';

function validateRules(obj: KubeObject, namespaced: boolean): FieldError[] {
  const errs: FieldError[] = [];
  asArray(obj.rules).forEach((r, i) => {
    const rule = asObject(r) ?? {};
    const p = `rules[${i}]`;
    const list = (k: string): string[] => asArray(rule[k]).map(String);
    if (list('verbs').length === 0) errs.push(fieldErrors.required(`${p}.verbs`, 'verbs must contain at least one value'));
    const urls = list('nonResourceURLs');
    if (urls.length > 0) {
      if (namespaced) errs.push(fieldErrors.invalid(`${p}.nonResourceURLs`, goValue(goStringSlice(urls)), 'namespaced rules cannot apply to non-resource URLs'));
      if (list('apiGroups').length || list('resources').length || list('resourceNames').length) {
        errs.push(fieldErrors.invalid(`${p}.nonResourceURLs`, goValue(goStringSlice(urls)), 'rules cannot apply to both regular resources and non-resource URLs'));
      }
      return;
    }
    if (list('apiGroups').length === 0) errs.push(fieldErrors.required(`${p}.apiGroups`, 'resource rules must supply at least one api group'));
    if (list('resources').length === 0) errs.push(fieldErrors.required(`${p}.resources`, 'resource rules must supply at least one resource'));
  });
  return errs;
}

/** SetDefaults_RoleBinding / SetDefaults_Subject. */
function defaultBinding(obj: KubeObject): void {
  const ref = asObject(obj.roleRef);
  if (ref && !ref.apiGroup) ref.apiGroup = RBAC_GROUP;
  for (const s of asArray(obj.subjects)) {
    const subject = asObject(s);
    if (!subject || subject.apiGroup !== undefined) continue;
    if (subject.kind === 'ServiceAccount') subject.apiGroup = '';
    else if (subject.kind === 'User' || subject.kind === 'Group') subject.apiGroup = RBAC_GROUP;
  }
}

function validateSubject(s: JsonObject, namespaced: boolean, p: string): FieldError[] {
  const errs: FieldError[] = [];
  const name = asString(s.name);
  if (!name) errs.push(fieldErrors.required(`${p}.name`));
  const kind = asString(s.kind);
  const group = asString(s.apiGroup);
  if (kind === 'ServiceAccount') {
    if (name) for (const m of isDNS1123Subdomain(name)) errs.push(fieldErrors.invalid(`${p}.name`, name, m));
    if (group) errs.push(fieldErrors.notSupported(`${p}.apiGroup`, group, ['']));
    if (!namespaced && !asString(s.namespace)) errs.push(fieldErrors.required(`${p}.namespace`));
  } else if (kind === 'User' || kind === 'Group') {
    if (group !== RBAC_GROUP) errs.push(fieldErrors.notSupported(`${p}.apiGroup`, group, [RBAC_GROUP]));
  } else {
    errs.push(fieldErrors.notSupported(`${p}.kind`, kind, ['ServiceAccount', 'User', 'Group']));
  }
  return errs;
}

function validateBinding(obj: KubeObject, namespaced: boolean): FieldError[] {
  const errs: FieldError[] = [];
  const ref = asObject(obj.roleRef) ?? {};
  if (asString(ref.apiGroup) !== RBAC_GROUP) errs.push(fieldErrors.notSupported('roleRef.apiGroup', asString(ref.apiGroup), [RBAC_GROUP]));
  const kinds = namespaced ? ['Role', 'ClusterRole'] : ['ClusterRole'];
  if (!kinds.includes(asString(ref.kind))) errs.push(fieldErrors.notSupported('roleRef.kind', asString(ref.kind), kinds));
  const name = asString(ref.name);
  if (!name) errs.push(fieldErrors.required('roleRef.name'));
  else for (const m of isValidPathSegmentName(name)) errs.push(fieldErrors.invalid('roleRef.name', name, m));
  asArray(obj.subjects).forEach((s, i) => errs.push(...validateSubject(asObject(s) ?? {}, namespaced, `subjects[${i}]`)));
  return errs;
}

function roleRefImmutable(obj: KubeObject, old: KubeObject): FieldError[] {
  if (semanticEqual(obj.roleRef, old.roleRef)) return [];
  const r = asObject(obj.roleRef) ?? {};
  const text = `rbac.RoleRef{APIGroup:${JSON.stringify(asString(r.apiGroup))}, Kind:${JSON.stringify(asString(r.kind))}, Name:${JSON.stringify(asString(r.name))}}`;
  return [fieldErrors.invalid('roleRef', goValue(text), 'cannot change roleRef')];
}

export const roleStrategy = (d: ResourceDescriptor): Strategy =>
  makeStrategy(d, { nameValidator: nameIsPathSegment, validate: (o) => validateRules(o, true) });
export const clusterRoleStrategy = (d: ResourceDescriptor): Strategy =>
  makeStrategy(d, { nameValidator: nameIsPathSegment, validate: (o) => validateRules(o, false) });
export const roleBindingStrategy = (d: ResourceDescriptor): Strategy =>
  makeStrategy(d, { nameValidator: nameIsPathSegment, defaults: defaultBinding, validate: (o) => validateBinding(o, true), validateUpdate: roleRefImmutable });
export const clusterRoleBindingStrategy = (d: ResourceDescriptor): Strategy =>
  makeStrategy(d, { nameValidator: nameIsPathSegment, defaults: defaultBinding, validate: (o) => validateBinding(o, false), validateUpdate: roleRefImmutable });
