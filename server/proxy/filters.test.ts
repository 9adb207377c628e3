import { describe, expect, it } from 'vitest';
import { checkProxyRequest, isRefusal, requestInfo } from './filters';

describe('requestInfo (the API server’s RequestInfoFactory rules)', () => {
  const q = new URLSearchParams();
  it('names verbs, resources and subresources', () => {
    expect(requestInfo('GET', '/api/v1/namespaces/default/pods', q)).toMatchObject({ verb: 'list', group: '', version: 'v1', namespace: 'default', resource: 'pods' });
    expect(requestInfo('GET', '/api/v1/namespaces/default/pods/web-0/log', q)).toMatchObject({ verb: 'get', resource: 'pods', name: 'web-0', subresource: 'log' });
    expect(requestInfo('GET', '/apis/apps/v1/statefulsets', new URLSearchParams('watch=true'))).toMatchObject({ verb: 'watch', group: 'apps', resource: 'statefulsets' });
    expect(requestInfo('PATCH', '/apis/apps/v1/namespaces/x/statefulsets/web/scale', q)).toMatchObject({ verb: 'patch', subresource: 'scale' });
    expect(requestInfo('DELETE', '/api/v1/namespaces/x/pods', q).verb).toBe('deletecollection');
    expect(requestInfo('DELETE', '/api/v1/namespaces/x/pods/p', q).verb).toBe('delete');
    expect(requestInfo('PUT', '/api/v1/namespaces/x', q)).toMatchObject({ verb: 'update', resource: 'namespaces', name: 'x' });
  });
});

describe('checkProxyRequest', () => {
  const ok = (method: string, url: string, headers = {}) => {
    const r = checkProxyRequest(method, url, headers);
    if (isRefusal(r)) throw new Error(`refused: ${r.message}`);
    return r;
  };
  const refused = (method: string, url: string, headers = {}) => {
    const r = checkProxyRequest(method, url, headers);
    if (!isRefusal(r)) throw new Error(`not refused: ${url}`);
    return r;
  };

  it('passes API paths and queries through verbatim', () => {
    expect(ok('GET', '/clusters/ordinal/apis/apps/v1/namespaces/default/statefulsets?labelSelector=app%3Dweb&limit=500')).toMatchObject({
      cluster: 'ordinal',
      upstreamPath: '/apis/apps/v1/namespaces/default/statefulsets?labelSelector=app%3Dweb&limit=500',
    });
    expect(ok('GET', '/clusters/my%20ctx/api').cluster).toBe('my ctx');
    expect(ok('GET', '/clusters/c/api/v1/namespaces/d/pods/p/log?follow=true&container=app&previous=true&tailLines=10&timestamps=true').info.subresource).toBe('log');
  });

  it('refuses exec, attach, portforward and proxy in every spelling', () => {
    for (const p of [
      '/clusters/c/api/v1/namespaces/d/pods/p/exec',
      '/clusters/c/api/v1/namespaces/d/pods/p/exec/',
      '/clusters/c/api/v1/namespaces/d/pods/p/attach?stdin=true',
      '/clusters/c/api/v1/namespaces/d/pods/p/portforward',
      '/clusters/c/api/v1/namespaces/d/services/s:80/proxy/x',
      '/clusters/c/api/v1/nodes/n/proxy/metrics',
      '/clusters/c/api/v1/proxy/namespaces/d/pods/p',
    ]) {
      expect(refused('GET', p)).toMatchObject({ code: 403, reason: 'Forbidden' });
    }
    for (const p of ['/clusters/c/api/v1/namespaces/d/pods/p/./exec', '/clusters/c/api/v1/namespaces/d/pods/x/../p/exec', '/clusters/c/api/v1/namespaces/d/pods/p%2Fexec', '/clusters/c/api//v1/pods', '/clusters/c/api/v1/pods/%2e%2e']) {
      expect(refused('GET', p).code).toBe(400);
    }
  });

  it('refuses Impersonate-* headers, other methods and non-API paths', () => {
    expect(refused('GET', '/clusters/c/api/v1/pods', { 'impersonate-user': 'admin' }).code).toBe(403);
    expect(refused('GET', '/clusters/c/api/v1/pods', { 'impersonate-extra-scopes': 'x' }).code).toBe(403);
    expect(refused('OPTIONS', '/clusters/c/api/v1/pods').code).toBe(405);
    expect(refused('GET', '/clusters/c/healthz').code).toBe(404);
    expect(refused('GET', '/clusters/c/apisx/v1').code).toBe(404);
  });
});
