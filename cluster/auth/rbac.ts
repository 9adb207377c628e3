// The RBAC authorizer (A-4, A-5) as upstream's plugin/pkg/auth/authorizer/rbac: allow-only rules from
// Roles/ClusterRoles reached through bindings, the same rule matching helpers, the same reasons
// (`RBAC: allowed by ...`), and the forbidden message of X-3.
import { newForbidden, StatusError, type Status } from '../api/errors';
import type { KubeObject } from '../types';
import { aggregatedRules, byName, ruleAllows, rulesOf, type PolicyRule } from './rules';
import { SYSTEM_MASTERS, type RequestAttributes, type UserInfo } from './types';

export { bootstrapRbac } from './bootstrap';

export interface RbacSource {
  list(resource: 'roles' | 'rolebindings' | 'clusterroles' | 'clusterrolebindings', namespace?: string): KubeObject[];
}

interface Subject {
  kind: string;
  name: string;
  namespace?: string;
  apiGroup?: string;
}

interface RoleRef {
  apiGroup?: string;
  kind: string;
  name: string;
}

export interface AuthorizationDecision {
  allowed: boolean;
  reason: string;
  /** errors met while collecting rules (a binding to a missing role); upstream's evaluationError */
  evaluationError?: string;
}

export interface ResourceRule {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
}

export interface NonResourceRule {
  verbs: string[];
  nonResourceURLs?: string[];
}

// ---- subjects and role references (pkg/registry/rbac/validation/rule.go) ----------------------

function appliesToUser(user: UserInfo, s: Subject, namespace: string): boolean {
  switch (s.kind) {
    case 'User':
      return user.name === s.name;
    case 'Group':
      return user.groups.includes(s.name);
    case 'ServiceAccount': {
      const ns = s.namespace || namespace;
      return ns !== '' && user.name === `system:serviceaccount:${ns}:${s.name}`;
    }
    default:
      return false;
  }
}

function describeSubject(s: Subject, bindingNamespace: string): string {
  if (s.kind === 'ServiceAccount') return `${s.kind} ${JSON.stringify(`${s.name}/${s.namespace || bindingNamespace}`)}`;
  return `${s.kind} ${JSON.stringify(s.name)}`;
}

interface Visit {
  source: string;
  rule: PolicyRule;
}

export class Authorizer {
  constructor(private readonly src: RbacSource) {}

  private roleRules(ref: RoleRef, bindingNamespace: string, clusterRoles: KubeObject[]): PolicyRule[] {
    if (ref.kind === 'Role') {
      const role = this.src.list('roles', bindingNamespace).find((r) => r.metadata.name === ref.name && (r.metadata.namespace ?? '') === bindingNamespace);
      if (!role) throw new Error(`role.rbac.authorization.k8s.io ${JSON.stringify(ref.name)} not found`);
      return rulesOf(role);
    }
    if (ref.kind === 'ClusterRole') {
      const role = clusterRoles.find((r) => r.metadata.name === ref.name);
      if (!role) throw new Error(`clusterrole.rbac.authorization.k8s.io ${JSON.stringify(ref.name)} not found`);
      return aggregatedRules(role, clusterRoles);
    }
    throw new Error(`unsupported role reference kind: ${JSON.stringify(ref.kind)}`);
  }

  /**
   * GetRoleReferenceRules: the rules a binding's roleRef grants (aggregated ClusterRoles resolved).
   * Throws an Error with upstream's text (`clusterrole.rbac.authorization.k8s.io "x" not found`).
   */
  roleReferenceRules(ref: { kind: string; name: string }, bindingNamespace: string): PolicyRule[] {
    return this.roleRules(ref, bindingNamespace, this.src.list('clusterroles'));
  }

  /** DefaultRuleResolver.VisitRulesFor: cluster bindings first, then the namespace's bindings. */
  private visitRulesFor(user: UserInfo, namespace: string, visit: (v: Visit) => boolean, errors: string[]): void {
    const clusterRoles = this.src.list('clusterroles');
    for (const b of [...this.src.list('clusterrolebindings')].sort(byName)) {
      const subjects = (b.subjects as Subject[] | undefined) ?? [];
      const subject = subjects.find((s) => appliesToUser(user, s, ''));
      if (!subject) continue;
      const ref = b.roleRef as RoleRef;
      let rules: PolicyRule[];
      try {
        rules = this.roleRules(ref, '', clusterRoles);
      } catch (e) {
        errors.push((e as Error).message);
        continue;
      }
      const source = `ClusterRoleBinding ${JSON.stringify(b.metadata.name ?? '')} of ${ref.kind} ${JSON.stringify(ref.name)} to ${describeSubject(subject, '')}`;
      for (const rule of rules) if (!visit({ source, rule })) return;
    }
    if (!namespace) return;
    for (const b of [...this.src.list('rolebindings', namespace)].sort(byName)) {
      if ((b.metadata.namespace ?? '') !== namespace) continue;
      const subjects = (b.subjects as Subject[] | undefined) ?? [];
      const subject = subjects.find((s) => appliesToUser(user, s, namespace));
      if (!subject) continue;
      const ref = b.roleRef as RoleRef;
      let rules: PolicyRule[];
      try {
        rules = this.roleRules(ref, namespace, clusterRoles);
      } catch (e) {
        errors.push((e as Error).message);
        continue;
      }
      const source = `RoleBinding ${JSON.stringify(`${b.metadata.name ?? ''}/${namespace}`)} of ${ref.kind} ${JSON.stringify(ref.name)} to ${describeSubject(subject, namespace)}`;
      for (const rule of rules) if (!visit({ source, rule })) return;
    }
  }

  authorize(a: RequestAttributes): AuthorizationDecision {
    // kube-apiserver puts a privileged-group authorizer before RBAC: system:masters may do anything.
    if (a.user.groups.includes(SYSTEM_MASTERS)) return { allowed: true, reason: '' };
    let allowedBy: string | undefined;
    const errors: string[] = [];
    this.visitRulesFor(
      a.user,
      a.namespace ?? '',
      ({ source, rule }) => {
        if (ruleAllows(a, rule)) {
          allowedBy = source;
          return false;
        }
        return true;
      },
      errors,
    );
    if (allowedBy !== undefined) return { allowed: true, reason: `RBAC: allowed by ${allowedBy}` };
    const evaluationError = errors.length ? aggregateErrors(errors) : undefined;
    return { allowed: false, reason: evaluationError ? `RBAC: ${evaluationError}` : '', ...(evaluationError ? { evaluationError } : {}) };
  }

  /** RBACAuthorizer.RulesFor, the data behind SelfSubjectRulesReview (A-9). */
  rulesFor(user: UserInfo, namespace: string): { resourceRules: ResourceRule[]; nonResourceRules: NonResourceRule[]; evaluationError?: string } {
    const resourceRules: ResourceRule[] = [];
    const nonResourceRules: NonResourceRule[] = [];
    const errors: string[] = [];
    this.visitRulesFor(
      user,
      namespace,
      ({ rule }) => {
        if ((rule.resources ?? []).length > 0) {
          const r: ResourceRule = { verbs: [...(rule.verbs ?? [])] };
          if (rule.apiGroups?.length) r.apiGroups = [...rule.apiGroups];
          r.resources = [...(rule.resources ?? [])];
          if (rule.resourceNames?.length) r.resourceNames = [...rule.resourceNames];
          resourceRules.push(r);
        }
        if ((rule.nonResourceURLs ?? []).length > 0) nonResourceRules.push({ verbs: [...(rule.verbs ?? [])], nonResourceURLs: [...(rule.nonResourceURLs ?? [])] });
        return true;
      },
      errors,
    );
    return { resourceRules, nonResourceRules, ...(errors.length ? { evaluationError: aggregateErrors(errors) } : {}) };
  }
}

function aggregateErrors(msgs: string[]): string {
  const seen = [...new Set(msgs)];
  return msgs.length === 1 ? msgs[0] : seen.length === 1 ? seen[0] : `[${seen.join(', ')}]`;
}

// ---- forbidden (X-3) and request verbs ------------------------------------------------------

const sanitize = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** responsewriters.forbiddenMessage */
function forbiddenMessage(a: RequestAttributes): string {
  const user = JSON.stringify(a.user?.name ?? '');
  if (!a.resourceRequest) return `User ${user} cannot ${a.verb} path ${JSON.stringify(a.path ?? '')}`;
  const resource = a.subresource ? `${a.resource ?? ''}/${a.subresource}` : (a.resource ?? '');
  const where = a.namespace ? `in the namespace ${JSON.stringify(a.namespace)}` : 'at the cluster scope';
  return `User ${user} cannot ${a.verb} resource ${JSON.stringify(resource)} in API group ${JSON.stringify(a.group ?? '')} ${where}`;
}

/**
 * 403 Forbidden as responsewriters.Forbidden builds it (X-3), e.g. `pods "web-0" is forbidden: User "bob"
 * cannot get resource "pods/log" in API group "" in the namespace "default"`; a non-empty authorizer
 * reason is appended after `: `.
 */
export function forbidden(a: RequestAttributes, reason = ''): StatusError {
  const msg = sanitize(forbiddenMessage(a));
  const text = reason ? `${msg}: ${reason}` : msg;
  if (a.resourceRequest && (a.resource || a.group)) {
    return newForbidden({ group: a.group ?? '', resource: a.resource ?? '' }, a.name ?? '', text);
  }
  const status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `forbidden: ${text}`, reason: 'Forbidden', details: {}, code: 403 } as Status;
  return new StatusError(status);
}

/**
 * RequestInfoFactory's verb for a resource request: GET/HEAD on a collection is list (watch with
 * ?watch=true), DELETE on a collection is deletecollection.
 */
export function requestVerb(method: string, opts: { collection: boolean; watch: boolean; subresource?: string }): string {
  switch (method.toUpperCase()) {
    case 'POST':
      return 'create';
    case 'GET':
    case 'HEAD':
      return opts.collection ? (opts.watch ? 'watch' : 'list') : 'get';
    case 'PUT':
      return 'update';
    case 'PATCH':
      return 'patch';
    case 'DELETE':
      return opts.collection ? 'deletecollection' : 'delete';
    default:
      return '';
  }
}

/** Non-resource requests use the lower-cased HTTP method as verb (HEAD counts as get). */
export function nonResourceVerb(method: string): string {
  const m = method.toLowerCase();
  return m === 'head' ? 'get' : m;
}

/**
 * For list/watch, upstream authorizes against the object name when the field selector pins
 * `metadata.name=<n>` (kubectl get pod x -w, informers on one object), so name-restricted rules apply.
 */
export function nameFromFieldSelector(fieldSelector: string | undefined): string | undefined {
  if (!fieldSelector) return undefined;
  for (const term of fieldSelector.split(',')) {
    const m = /^metadata\.name(==|=)(.*)$/.exec(term);
    if (m && m[2] !== '' && m[2] !== '.' && m[2] !== '..' && !/[/%]/.test(m[2])) return m[2];
  }
  return undefined;
}
