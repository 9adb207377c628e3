// What the signed-in user may do, asked from the API server through the proxy (A-13,
// console-spec.md §0.4): SelfSubjectRulesReview per namespace, SelfSubjectAccessReview for the
// all-namespaces view (rules reviews need a namespace). RBAC is still enforced by the API
// server; this only decides which buttons are enabled.
import { useMemo } from 'react';
import { useQuery } from '@tanstack/react-query';
import { proxyPath, SelfSubjectAccessReviewKind, SelfSubjectRulesReviewKind } from '../k8s/kinds';
import { requestJson } from './http';
import { useCluster } from './hooks';

export interface ResourceRule {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
}

/** A check: verb on `resource` (optionally `resource/subresource`) in API group `group`. */
export interface AccessCheck {
  verb: string;
  group: string;
  resource: string;
}

/** RBAC rule matching (rbac/v1 helpers: `*` wildcards, `resource/*` for subresources). */
export function ruleAllows(rule: ResourceRule, check: AccessCheck, name?: string): boolean {
  const verbs = rule.verbs ?? [];
  if (!verbs.includes('*') && !verbs.includes(check.verb)) return false;
  const groups = rule.apiGroups ?? [];
  if (!groups.includes('*') && !groups.includes(check.group)) return false;
  const resources = rule.resources ?? [];
  const [base, sub] = check.resource.split('/');
  const resourceOk = resources.some(
    (r) => r === '*' || r === check.resource || (sub !== undefined && r === `${base}/*`),
  );
  if (!resourceOk) return false;
  const names = rule.resourceNames ?? [];
  return names.length === 0 || (name !== undefined && names.includes(name));
}

export function rulesAllow(rules: readonly ResourceRule[], check: AccessCheck): boolean {
  return rules.some((r) => ruleAllows(r, check));
}

/** The checks the first slice's buttons need. */
export const CHECKS = {
  listStatefulSets: { verb: 'list', group: 'apps', resource: 'statefulsets' },
  scale: { verb: 'patch', group: 'apps', resource: 'statefulsets/scale' },
  patchStatefulSet: { verb: 'patch', group: 'apps', resource: 'statefulsets' },
  createStatefulSet: { verb: 'create', group: 'apps', resource: 'statefulsets' },
  deleteStatefulSet: { verb: 'delete', group: 'apps', resource: 'statefulsets' },
  deletePod: { verb: 'delete', group: '', resource: 'pods' },
  podLogs: { verb: 'get', group: '', resource: 'pods/log' },
} as const satisfies Record<string, AccessCheck>;
type CheckName = keyof typeof CHECKS;

interface RulesReview {
  status?: { resourceRules?: ResourceRule[]; incomplete?: boolean; evaluationError?: string };
}
interface AccessReview {
  status?: { allowed?: boolean };
}

async function fetchAccess(cluster: string, ns: string | undefined): Promise<Record<CheckName, boolean>> {
  const names = Object.keys(CHECKS) as CheckName[];
  if (ns) {
    const review = await requestJson<RulesReview>(proxyPath(cluster, SelfSubjectRulesReviewKind), {
      method: 'POST',
      body: { apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectRulesReview', spec: { namespace: ns } },
    });
    const rules = review.status?.resourceRules ?? [];
    return Object.fromEntries(names.map((n) => [n, rulesAllow(rules, CHECKS[n])])) as Record<CheckName, boolean>;
  }
  const answers = await Promise.all(
    names.map((n) => {
      const { verb, group, resource } = CHECKS[n];
      const [res, sub] = resource.split('/');
      return requestJson<AccessReview>(proxyPath(cluster, SelfSubjectAccessReviewKind), {
        method: 'POST',
        body: {
          apiVersion: 'authorization.k8s.io/v1',
          kind: 'SelfSubjectAccessReview',
          spec: { resourceAttributes: { verb, group, resource: res, subresource: sub ?? '', namespace: '' } },
        },
      }).then((r) => [n, r.status?.allowed === true] as const);
    }),
  );
  return Object.fromEntries(answers) as Record<CheckName, boolean>;
}

export interface Access {
  /** undefined while the answer is loading. */
  allowed(check: CheckName): boolean | undefined;
  /** "You do not have permission to <verb> <resource> in <ns>." or undefined when allowed. */
  deniedText(check: CheckName): string | undefined;
}

/**
 * Permissions in one namespace (undefined = all namespaces). `denied` is the translated hover
 * text builder so the API layer stays free of i18n.
 */
export function useAccess(ns: string | undefined, denied: (verb: string, resource: string, ns: string) => string, allLabel: string): Access {
  const cluster = useCluster();
  const q = useQuery({
    queryKey: ['access', cluster, ns ?? ''],
    queryFn: () => fetchAccess(cluster, ns),
    enabled: cluster !== '',
    staleTime: 60_000,
  });
  // One object per answer (not per render): tables memoize their rows on it.
  const data = q.data;
  const failed = q.isError;
  return useMemo<Access>(
    () => ({
      allowed: (c) => (data ? data[c] : failed ? true : undefined),
      deniedText: (c) => {
        if (!data || data[c]) return undefined;
        const { verb, resource } = CHECKS[c];
        return denied(verb, resource, ns ?? allLabel);
      },
    }),
    // `denied` is rebuilt by callers each render; its output depends only on the language.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [data, failed, ns, allLabel],
  );
}
