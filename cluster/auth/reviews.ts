// Access reviews (A-8..A-10) and SelfSubjectReview: the authorization.k8s.io/v1 and
// authentication.k8s.io/v1 virtual resources, answered like pkg/registry/authorization/* and
// pkg/registry/authentication/selfsubjectreview.
import { fieldErrors, newBadRequest, newInvalid, rawValue, type FieldError } from '../api/errors';
import type { KubeObject } from '../types';
import type { Authorizer } from './rbac';
import type { RequestAttributes, UserInfo } from './types';

const AUTHZ_V1 = 'authorization.k8s.io/v1';
const AUTHN_V1 = 'authentication.k8s.io/v1';

interface ResourceAttributes {
  namespace?: string;
  verb?: string;
  group?: string;
  version?: string;
  resource?: string;
  subresource?: string;
  name?: string;
}
interface NonResourceAttributes {
  path?: string;
  verb?: string;
}
interface ReviewSpec {
  resourceAttributes?: ResourceAttributes;
  nonResourceAttributes?: NonResourceAttributes;
  user?: string;
  groups?: string[];
  uid?: string;
  extra?: Record<string, string[]>;
}

const specOf = (body: KubeObject): ReviewSpec => (body.spec && typeof body.spec === 'object' ? (body.spec as ReviewSpec) : {});

/** Go's %#v of a nil *ResourceAttributes prints through field.Error as "null". */
const NULL = rawValue('"null"');

function attributesErrors(spec: ReviewSpec): FieldError[] {
  const errs: FieldError[] = [];
  if (spec.resourceAttributes && spec.nonResourceAttributes) {
    errs.push(fieldErrors.invalid('spec.nonResourceAttributes', rawValue(JSON.stringify(spec.nonResourceAttributes)), 'cannot be specified in combination with resourceAttributes'));
  }
  if (!spec.resourceAttributes && !spec.nonResourceAttributes) {
    errs.push(fieldErrors.invalid('spec.resourceAttributes', NULL, 'exactly one of nonResourceAttributes or resourceAttributes must be specified'));
  }
  return errs;
}

function attributesFor(user: UserInfo, spec: ReviewSpec): RequestAttributes {
  const ra = spec.resourceAttributes;
  if (ra) {
    return {
      user,
      verb: ra.verb ?? '',
      resourceRequest: true,
      namespace: ra.namespace ?? '',
      group: ra.group ?? '',
      version: ra.version || '*',
      resource: ra.resource ?? '',
      subresource: ra.subresource ?? '',
      name: ra.name ?? '',
    };
  }
  const na = spec.nonResourceAttributes ?? {};
  return { user, verb: na.verb ?? '', resourceRequest: false, path: na.path ?? '' };
}

/** SubjectAccessReviewStatus: allowed always, denied/reason/evaluationError only when set. */
function decide(authz: Authorizer, attrs: RequestAttributes): Record<string, unknown> {
  const d = authz.authorize(attrs);
  return { allowed: d.allowed, ...(d.reason ? { reason: d.reason } : {}), ...(d.evaluationError ? { evaluationError: d.evaluationError } : {}) };
}

function review(kind: string, body: KubeObject, status: Record<string, unknown>): KubeObject {
  return { kind, apiVersion: AUTHZ_V1, metadata: body.metadata ?? {}, spec: body.spec ?? {}, status } as KubeObject;
}

/** POST selfsubjectaccessreviews: is the caller allowed to do this? */
export function selfSubjectAccessReview(user: UserInfo, body: KubeObject, authz: Authorizer): KubeObject {
  const spec = specOf(body);
  const errs = attributesErrors(spec);
  if (errs.length) throw newInvalid('SelfSubjectAccessReview', 'authorization.k8s.io', '', errs);
  return review('SelfSubjectAccessReview', body, decide(authz, attributesFor(user, spec)));
}

function subjectErrors(spec: ReviewSpec): FieldError[] {
  const errs = attributesErrors(spec);
  if (!spec.user && !(spec.groups ?? []).length) errs.push(fieldErrors.invalid('spec.user', spec.user ?? '', 'at least one of user or group must be specified'));
  return errs;
}

function subjectOf(spec: ReviewSpec): UserInfo {
  return { name: spec.user ?? '', groups: spec.groups ?? [], ...(spec.uid ? { uid: spec.uid } : {}), ...(spec.extra ? { extra: spec.extra } : {}) };
}

const metadataIsEmpty = (m: KubeObject['metadata'] | undefined, allowNamespace: boolean): boolean =>
  Object.entries(m ?? {}).every(([k, v]) => k === 'managedFields' || (allowNamespace && k === 'namespace') || v === undefined || v === '' || v === null);

/** POST subjectaccessreviews: may spec.user/groups do this? */
export function subjectAccessReview(body: KubeObject, authz: Authorizer): KubeObject {
  const spec = specOf(body);
  const errs = subjectErrors(spec);
  if (!metadataIsEmpty(body.metadata, false)) errs.push(fieldErrors.invalid('metadata', rawValue(JSON.stringify(body.metadata)), 'must be empty'));
  if (errs.length) throw newInvalid('SubjectAccessReview', 'authorization.k8s.io', '', errs);
  return review('SubjectAccessReview', body, decide(authz, attributesFor(subjectOf(spec), spec)));
}

/** POST namespaces/<ns>/localsubjectaccessreviews: a SubjectAccessReview confined to one namespace. */
export function localSubjectAccessReview(namespace: string, body: KubeObject, authz: Authorizer): KubeObject {
  if (!namespace) throw newBadRequest(`namespace is required on this type: ${namespace}`);
  const bodyNs = body.metadata?.namespace || namespace;
  if (bodyNs !== namespace) throw newBadRequest(`spec.resourceAttributes.namespace must match namespace: ${namespace}`);
  const spec = specOf(body);
  const errs = subjectErrors(spec);
  if (!metadataIsEmpty(body.metadata, true)) errs.push(fieldErrors.invalid('metadata', rawValue(JSON.stringify(body.metadata)), 'must be empty except for namespace'));
  if (spec.resourceAttributes && (spec.resourceAttributes.namespace ?? '') !== namespace) {
    errs.push(fieldErrors.invalid('spec.resourceAttributes.namespace', spec.resourceAttributes.namespace ?? '', 'must match metadata.namespace'));
  }
  if (spec.nonResourceAttributes) errs.push(fieldErrors.invalid('spec.nonResourceAttributes', rawValue(JSON.stringify(spec.nonResourceAttributes)), 'disallowed on this kind of request'));
  if (errs.length) throw newInvalid('LocalSubjectAccessReview', 'authorization.k8s.io', '', errs);
  const out = review('LocalSubjectAccessReview', body, decide(authz, attributesFor(subjectOf(spec), spec)));
  out.metadata = { ...(body.metadata ?? {}), namespace };
  return out;
}

/** POST selfsubjectrulesreviews: the caller's rules in spec.namespace (cluster-wide grants included). */
export function selfSubjectRulesReview(user: UserInfo, body: KubeObject, authz: Authorizer): KubeObject {
  const namespace = (specOf(body) as { namespace?: string }).namespace ?? '';
  if (!namespace) throw newBadRequest('no namespace on request');
  const rules = authz.rulesFor(user, namespace);
  const status: Record<string, unknown> = { resourceRules: rules.resourceRules, nonResourceRules: rules.nonResourceRules, incomplete: false };
  if (rules.evaluationError) status.evaluationError = rules.evaluationError;
  // Upstream answers a fresh object: empty metadata and spec, only the status filled in.
  return { kind: 'SelfSubjectRulesReview', apiVersion: AUTHZ_V1, metadata: {}, spec: {}, status } as KubeObject;
}

/** POST selfsubjectreviews (A-3, `kubectl auth whoami`). */
export function selfSubjectReview(user: UserInfo): KubeObject {
  const userInfo: Record<string, unknown> = { username: user.name };
  if (user.uid) userInfo.uid = user.uid;
  if (user.groups.length) userInfo.groups = [...user.groups];
  if (user.extra && Object.keys(user.extra).length) userInfo.extra = user.extra;
  return { kind: 'SelfSubjectReview', apiVersion: AUTHN_V1, metadata: {}, status: { userInfo } } as KubeObject;
}
