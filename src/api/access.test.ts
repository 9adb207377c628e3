import { describe, expect, it } from 'vitest';
import { CHECKS, ruleAllows, rulesAllow, type ResourceRule } from './access';

// The `view` ClusterRole's apps rule and the cluster-admin wildcard, as SSRR returns them.
const viewApps: ResourceRule = { verbs: ['get', 'list', 'watch'], apiGroups: ['apps'], resources: ['statefulsets', 'statefulsets/scale'] };
const admin: ResourceRule = { verbs: ['*'], apiGroups: ['*'], resources: ['*'] };

describe('RBAC rule matching for the UI', () => {
  it('cluster-admin may do everything', () => {
    for (const c of Object.values(CHECKS)) expect(rulesAllow([admin], c)).toBe(true);
  });

  it('a viewer may list but not scale, patch or delete', () => {
    const rules = [viewApps, { verbs: ['get', 'list', 'watch'], apiGroups: [''], resources: ['pods', 'pods/log'] }];
    expect(rulesAllow(rules, CHECKS.listStatefulSets)).toBe(true);
    expect(rulesAllow(rules, CHECKS.podLogs)).toBe(true);
    expect(rulesAllow(rules, CHECKS.scale)).toBe(false);
    expect(rulesAllow(rules, CHECKS.deleteStatefulSet)).toBe(false);
    expect(rulesAllow(rules, CHECKS.deletePod)).toBe(false);
  });

  it('a rule on the resource does not cover its subresources, `resource/*` does', () => {
    const onlySts: ResourceRule = { verbs: ['patch'], apiGroups: ['apps'], resources: ['statefulsets'] };
    expect(ruleAllows(onlySts, CHECKS.scale)).toBe(false);
    expect(ruleAllows({ ...onlySts, resources: ['statefulsets/*'] }, CHECKS.scale)).toBe(true);
  });

  it('the API group must match (core "" vs apps)', () => {
    expect(ruleAllows({ verbs: ['delete'], apiGroups: ['apps'], resources: ['pods'] }, CHECKS.deletePod)).toBe(false);
    expect(ruleAllows({ verbs: ['delete'], apiGroups: [''], resources: ['pods'] }, CHECKS.deletePod)).toBe(true);
  });

  it('rules limited to resourceNames do not enable collection-wide buttons', () => {
    const named: ResourceRule = { verbs: ['delete'], apiGroups: ['apps'], resources: ['statefulsets'], resourceNames: ['web'] };
    expect(ruleAllows(named, CHECKS.deleteStatefulSet)).toBe(false);
    expect(ruleAllows(named, CHECKS.deleteStatefulSet, 'web')).toBe(true);
  });
});
