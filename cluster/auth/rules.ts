// RBAC rule evaluation shared by the authorizer and the bootstrap policy: PolicyRule matching exactly
// like pkg/apis/rbac/v1/evaluation_helpers.go, and ClusterRole aggregation.
import { labelSelectorFromObject, matchesLabels } from '../api/selectors';
import type { KubeObject } from '../types';
import type { RequestAttributes } from './types';

export interface PolicyRule {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

// ---- rule matching (pkg/apis/rbac/v1/evaluation_helpers.go) ----------------------------------

const has = (list: string[] | undefined, v: string) => (list ?? []).includes(v);

function verbMatches(rule: PolicyRule, verb: string): boolean {
  return has(rule.verbs, '*') || has(rule.verbs, verb);
}

function apiGroupMatches(rule: PolicyRule, group: string): boolean {
  return has(rule.apiGroups, '*') || has(rule.apiGroups, group);
}

/** Matches `*`, the combined `resource/subresource`, or `*\/subresource`. */
function resourceMatches(rule: PolicyRule, combined: string, subresource: string): boolean {
  for (const r of rule.resources ?? []) {
    if (r === '*' || r === combined) return true;
    if (!subresource) continue;
    if (r.length === subresource.length + 2 && r.startsWith('*/') && r.endsWith(subresource)) return true;
  }
  return false;
}

function resourceNameMatches(rule: PolicyRule, name: string): boolean {
  return (rule.resourceNames ?? []).length === 0 || has(rule.resourceNames, name);
}

function nonResourceURLMatches(rule: PolicyRule, path: string): boolean {
  for (const u of rule.nonResourceURLs ?? []) {
    if (u === '*' || u === path) return true;
    if (u.endsWith('*') && path.startsWith(u.replace(/\*+$/, ''))) return true;
  }
  return false;
}

export function ruleAllows(a: RequestAttributes, rule: PolicyRule): boolean {
  if (a.resourceRequest) {
    const sub = a.subresource ?? '';
    const combined = sub ? `${a.resource ?? ''}/${sub}` : (a.resource ?? '');
    return verbMatches(rule, a.verb) && apiGroupMatches(rule, a.group ?? '') && resourceMatches(rule, combined, sub) && resourceNameMatches(rule, a.name ?? '');
  }
  return verbMatches(rule, a.verb) && nonResourceURLMatches(rule, a.path ?? '');
}

export const byName = (a: KubeObject, b: KubeObject) => ((a.metadata.name ?? '') < (b.metadata.name ?? '') ? -1 : (a.metadata.name ?? '') > (b.metadata.name ?? '') ? 1 : 0);

export const rulesOf = (o: KubeObject | undefined): PolicyRule[] => (Array.isArray(o?.rules) ? (o.rules as PolicyRule[]) : []);

const sameRule = (a: PolicyRule, b: PolicyRule) => JSON.stringify(normalizeRule(a)) === JSON.stringify(normalizeRule(b));
const normalizeRule = (r: PolicyRule) => [r.verbs ?? [], r.apiGroups ?? [], r.resources ?? [], r.resourceNames ?? [], r.nonResourceURLs ?? []];

/**
 * The rules the ClusterRole aggregation controller writes into an aggregated role: the union of the
 * rules of every other ClusterRole its clusterRoleSelectors match, in name order, without duplicates.
 * Aggregated roles that feed other aggregated roles (view -> edit -> admin) are resolved recursively.
 */
export function aggregatedRules(role: KubeObject, all: KubeObject[], seen: Set<string> = new Set()): PolicyRule[] {
  const agg = role.aggregationRule as { clusterRoleSelectors?: unknown[] } | undefined;
  if (!agg) return rulesOf(role);
  seen.add(role.metadata.name ?? '');
  const selectors = (agg.clusterRoleSelectors ?? []).flatMap((s) => {
    try {
      return [labelSelectorFromObject(s as Parameters<typeof labelSelectorFromObject>[0])];
    } catch {
      return []; // an invalid selector selects nothing, as the controller's List would fail for it
    }
  });
  const out: PolicyRule[] = [];
  for (const other of [...all].sort(byName)) {
    const name = other.metadata.name ?? '';
    if (name === role.metadata.name || !selectors.some((s) => matchesLabels(s, other.metadata.labels))) continue;
    const rules = other.aggregationRule && !seen.has(name) ? aggregatedRules(other, all, new Set(seen)) : rulesOf(other);
    for (const r of rules) if (!out.some((x) => sameRule(x, r))) out.push(r);
  }
  return out;
}

