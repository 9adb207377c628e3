import { describe, expect, it } from 'vitest';
import { parseRequestInfo } from './requestInfo';

describe('parseRequestInfo', () => {
  it('parses namespaced object paths with subresources', () => {
    const i = parseRequestInfo('/apis/apps/v1/namespaces/default/statefulsets/web/scale');
    expect([i.group, i.version, i.namespace, i.resource, i.name, i.subresource]).toEqual(['apps', 'v1', 'default', 'statefulsets', 'web', 'scale']);
    expect(i.descriptor?.kind).toBe('StatefulSet');
  });
  it('treats namespaces/<n>/status as the namespace object', () => {
    const i = parseRequestInfo('/api/v1/namespaces/team-a/finalize');
    expect([i.namespace, i.resource, i.name, i.subresource]).toEqual([undefined, 'namespaces', 'team-a', 'finalize']);
    const j = parseRequestInfo('/api/v1/namespaces/team-a');
    expect([j.namespace, j.resource, j.name]).toEqual([undefined, 'namespaces', 'team-a']);
  });
  it('parses collections, cluster paths and non-resource paths', () => {
    expect(parseRequestInfo('/api/v1/pods').resource).toBe('pods');
    expect(parseRequestInfo('/api/v1/namespaces/x/pods').namespace).toBe('x');
    expect(parseRequestInfo('/api/v1').isResourceRequest).toBe(false);
    expect(parseRequestInfo('/version').isResourceRequest).toBe(false);
    const p = parseRequestInfo('/api/v1/nodes/node-1/proxy/stats/summary');
    expect([p.name, p.subresource, p.rest]).toEqual(['node-1', 'proxy', ['stats', 'summary']]);
  });
});
