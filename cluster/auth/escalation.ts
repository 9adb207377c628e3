// RBAC escalation prevention, as pkg/registry/rbac/*/policybased and
// pkg/registry/rbac/validation (Covers, BreakdownRule, CompactRules, CompactString): writing a Role,
// ClusterRole or binding needs every permission it grants, or the `escalate` / `bind` verb.
import { newForbidden, newNotFound, type StatusError } from '../api/errors';
import type { KubeObject } from '../types';
import type { Authorizer } from './rbac';
import type { PolicyRule } from './rules';
import { SYSTEM_MASTERS, type UserInfo } from './types';

const RBAC_GROUP = 'rbac.authorization.k8s.io';

const has = (set: string[] | undefined, v: string) => (set ?? []).includes(v);
const hasAll = (set: string[] | undefined, vs: string[] | undefined) => (vs ?? []).every((v) => has(set, v));

function resourceCoversAll(set: string[] | undefined, covers: string[] | undefined): boolean {
  if (has(set, '*') || hasAll(set, covers)) return true;
  for (const path of covers ?? []) {
    if (has(set, path)) continue;
    const slash = path.indexOf('/');
    if (slash < 0 || !has(set, `*/${path.slice(slash + 1)}`)) return false;
  }
  return true;
}

function nonResourceURLCovers(owner: string, sub: string): boolean {
  return owner === sub || (owner.endsWith('*') && sub.startsWith(owner.replace(/\*+$/, '')));
}

function ruleCovers(owner: PolicyRule, sub: PolicyRule): boolean {
  const verbs = has(owner.verbs, '*') || hasAll(owner.verbs, sub.verbs);
  const groups = has(owner.apiGroups, '*') || hasAll(owner.apiGroups, sub.apiGroups);
  const resources = resourceCoversAll(owner.resources, sub.resources);
  const urls = (sub.nonResourceURLs ?? []).every((p) => (owner.nonResourceURLs ?? []).some((o) => nonResourceURLCovers(o, p)));
  const names = (sub.resourceNames ?? []).length === 0 ? (owner.resourceNames ?? []).length === 0 : (owner.resourceNames ?? []).length === 0 || hasAll(owner.resourceNames, sub.resourceNames);
  return verbs && groups && resources && names && urls;
}

/** BreakdownRule: one rule per group x resource x verb (x name), and per URL x verb. */
function breakdown(r: PolicyRule): PolicyRule[] {
  const out: PolicyRule[] = [];
  for (const g of r.apiGroups ?? []) {
    for (const res of r.resources ?? []) {
      for (const v of r.verbs ?? []) {
        if ((r.resourceNames ?? []).length) for (const n of r.resourceNames ?? []) out.push({ apiGroups: [g], resources: [res], verbs: [v], resourceNames: [n] });
        else out.push({ apiGroups: [g], resources: [res], verbs: [v] });
      }
    }
  }
  for (const u of r.nonResourceURLs ?? []) for (const v of r.verbs ?? []) out.push({ nonResourceURLs: [u], verbs: [v] });
  return out;
}

/** Covers: the sub-rules of `servant` that no owner rule covers. */
export function uncoveredRules(owner: PolicyRule[], servant: PolicyRule[]): PolicyRule[] {
  return servant.flatMap(breakdown).filter((sub) => !owner.some((o) => ruleCovers(o, sub)));
}

/** CompactRules: simple single-group/single-resource rules are merged across verbs. */
function compact(rules: PolicyRule[]): PolicyRule[] {
  const out: PolicyRule[] = [];
  const simple = new Map<string, PolicyRule>();
  for (const r of rules) {
    const isSimple = (r.resourceNames ?? []).length <= 1 && (r.nonResourceURLs ?? []).length === 0 && (r.apiGroups ?? []).length === 1 && (r.resources ?? []).length === 1;
    if (!isSimple) {
      out.push(r);
      continue;
    }
    const key = JSON.stringify([r.apiGroups, r.resources, r.resourceNames ?? []]);
    const existing = simple.get(key);
    if (existing) existing.verbs = [...existing.verbs, ...r.verbs];
    else simple.set(key, { ...r, verbs: [...r.verbs] });
  }
  return [...out, ...simple.values()];
}

const goQuoteList = (v: string[]) => `[${v.map((s) => JSON.stringify(s)).join(' ')}]`;

/** rbacv1helpers.CompactString, e.g. `{APIGroups:["apps"], Resources:["statefulsets"], Verbs:["create"]}`. */
export function compactString(r: PolicyRule): string {
  const parts: string[] = [];
  if (r.apiGroups?.length) parts.push(`APIGroups:${goQuoteList(r.apiGroups)}`);
  if (r.resources?.length) parts.push(`Resources:${goQuoteList(r.resources)}`);
  if (r.nonResourceURLs?.length) parts.push(`NonResourceURLs:${goQuoteList(r.nonResourceURLs)}`);
  if (r.resourceNames?.length) parts.push(`ResourceNames:${goQuoteList(r.resourceNames)}`);
  if (r.verbs?.length) parts.push(`Verbs:${goQuoteList(r.verbs)}`);
  return `{${parts.join(', ')}}`;
}

/** ConfirmNoEscalation: undefined when `user` holds every rule in `namespace`, else the error text. */
function escalationError(user: UserInfo, namespace: string, rules: PolicyRule[], authz: Authorizer): string | undefined {
  const owned = authz.rulesFor(user, namespace);
  const ownerRules: PolicyRule[] = [...owned.resourceRules.map((r) => ({ ...r })), ...owned.nonResourceRules.map((r) => ({ ...r }))];
  const missing = uncoveredRules(ownerRules, rules);
  if (missing.length === 0) return undefined;
  const descriptions = [...new Set(compact(missing).map(compactString))].sort();
  let msg = `user ${JSON.stringify(user.name)} (groups=${goQuoteList(user.groups)}) is attempting to grant RBAC permissions not currently held:\n${descriptions.join('\n')}`;
  if (owned.evaluationError) msg += `; resolution errors: [${owned.evaluationError}]`;
  return msg;
}

const PLURAL: Record<string, string> = { Role: 'roles', ClusterRole: 'clusterroles', RoleBinding: 'rolebindings', ClusterRoleBinding: 'clusterrolebindings' };

const FULL_AUTHORITY: PolicyRule[] = [
  { verbs: ['*'], apiGroups: ['*'], resources: ['*'] },
  { verbs: ['*'], nonResourceURLs: ['*'] },
];

/** Only metadata.ownerReferences / finalizers changed (IsOnlyMutatingGCFields): no check needed. */
function onlyGCFieldsChanged(obj: KubeObject, old: KubeObject | undefined): boolean {
  if (!old) return false;
  const strip = (o: KubeObject) => JSON.stringify({ ...o, metadata: { ...o.metadata, ownerReferences: undefined, finalizers: undefined, resourceVersion: undefined, managedFields: undefined } });
  return strip(obj) === strip(old);
}

/**
 * The escalation check on create/update of a Role, ClusterRole, RoleBinding or ClusterRoleBinding.
 * Returns nothing when allowed; throws 403, e.g. `roles.rbac.authorization.k8s.io "r" is forbidden: user
 * "bob" (groups=["system:authenticated"]) is attempting to grant RBAC permissions not currently held:\n...`.
 */
export function authorizeRbacWrite(user: UserInfo, obj: KubeObject, old: KubeObject | undefined, authz: Authorizer): void {
  const kind = obj.kind ?? '';
  const resource = PLURAL[kind];
  if (!resource || user.groups.includes(SYSTEM_MASTERS) || onlyGCFieldsChanged(obj, old)) return;
  const name = obj.metadata.name ?? '';
  const namespace = kind === 'Role' || kind === 'RoleBinding' ? (obj.metadata.namespace ?? '') : '';
  const deny = (text: string): StatusError => newForbidden({ group: RBAC_GROUP, resource }, name, text);
  const allowedVerb = (verb: string, res: string, resName: string) =>
    authz.authorize({ user, verb, resourceRequest: true, group: RBAC_GROUP, version: '*', resource: res, name: resName, namespace }).allowed;

  if (kind === 'Role' || kind === 'ClusterRole') {
    if (allowedVerb('escalate', resource, name)) return;
    const err = escalationError(user, namespace, (obj.rules as PolicyRule[] | undefined) ?? [], authz);
    if (err) throw deny(err);
    const agg = obj.aggregationRule as { clusterRoleSelectors?: unknown[] } | undefined;
    if (kind === 'ClusterRole' && (agg?.clusterRoleSelectors ?? []).length > 0 && escalationError(user, '', FULL_AUTHORITY, authz)) {
      throw deny('must have cluster-admin privileges to use the aggregationRule');
    }
    return;
  }
  const ref = (obj.roleRef ?? {}) as { kind?: string; name?: string };
  const refResource = ref.kind === 'Role' ? 'roles' : ref.kind === 'ClusterRole' ? 'clusterroles' : '';
  if (refResource && allowedVerb('bind', refResource, ref.name ?? '')) return;
  let rules: PolicyRule[];
  try {
    rules = authz.roleReferenceRules({ kind: ref.kind ?? '', name: ref.name ?? '' }, namespace);
  } catch {
    // The registry-backed rule resolver of the binding storage answers NotFound for a missing role.
    throw newNotFound({ group: RBAC_GROUP, resource: ref.kind === 'Role' ? 'roles' : 'clusterroles' }, ref.name ?? '');
  }
  const err = escalationError(user, namespace, rules, authz);
  if (err) throw deny(err);
}
