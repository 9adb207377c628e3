import { describe, expect, it } from 'vitest';
import { namespacedResources, terminatingConditions } from './namespaceController';

describe('namespace termination conditions', () => {
  it('name what remains like upstream, then report it removed', () => {
    const now = '2026-11-23T10:00:00Z';
    const remaining = terminatingConditions(new Map([['statefulsets.apps', 1], ['pods', 2]]), now);
    expect(remaining.find((c) => c.type === 'NamespaceContentRemaining')).toEqual({
      type: 'NamespaceContentRemaining',
      status: 'True',
      lastTransitionTime: now,
      reason: 'SomeResourcesRemain',
      message: 'Some resources are remaining: pods has 2 resource instances, statefulsets.apps has 1 resource instances',
    });
    expect(terminatingConditions(new Map(), now).find((c) => c.type === 'NamespaceContentRemaining')).toMatchObject({ status: 'False', reason: 'ContentRemoved' });
    expect(remaining.map((c) => c.type)).toEqual([
      'NamespaceDeletionDiscoveryFailure',
      'NamespaceDeletionGroupVersionParsingFailure',
      'NamespaceDeletionContentFailure',
      'NamespaceContentRemaining',
      'NamespaceFinalizersRemaining',
    ]);
  });

  it('deletes namespaced stored kinds once each, never events (deleted separately) or cluster-scoped kinds', () => {
    const names = namespacedResources().map((d) => (d.group ? `${d.resource}.${d.group}` : d.resource));
    expect(names).toContain('pods');
    expect(names).toContain('statefulsets.apps');
    expect(names).toContain('persistentvolumeclaims');
    expect(names).not.toContain('events');
    expect(names).not.toContain('nodes');
    expect(new Set(names).size).toBe(names.length);
  });
});
