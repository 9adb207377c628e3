import { describe, expect, it } from 'vitest';
import { ApiError, isApiError, networkError, toApiError } from './errors';

describe('API error mapping', () => {
  it('keeps the Kubernetes Status message, reason and field causes', () => {
    const body = JSON.stringify({
      kind: 'Status',
      apiVersion: 'v1',
      status: 'Failure',
      message: 'StatefulSet.apps "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0',
      reason: 'Invalid',
      details: {
        name: 'web',
        group: 'apps',
        kind: 'StatefulSet',
        causes: [{ reason: 'FieldValueInvalid', message: 'Invalid value: -1: must be greater than or equal to 0', field: 'spec.replicas' }],
      },
      code: 422,
    });
    const err = toApiError(422, 'Unprocessable Entity', body);
    expect(err).toBeInstanceOf(ApiError);
    expect(err.kind).toBe('invalid');
    expect(err.reason).toBe('Invalid');
    expect(err.message).toContain('spec.replicas: Invalid value: -1');
    expect(err.causes[0].field).toBe('spec.replicas');
    expect(err.details).toEqual({ name: 'web', group: 'apps', kind: 'StatefulSet' });
  });

  it('forbidden keeps the upstream sentence', () => {
    const msg = 'statefulsets.apps "web" is forbidden: User "viewer" cannot patch resource "statefulsets/scale" in API group "apps" in the namespace "demo"';
    const err = toApiError(403, 'Forbidden', JSON.stringify({ kind: 'Status', status: 'Failure', message: msg, reason: 'Forbidden', code: 403 }));
    expect(err.kind).toBe('forbidden');
    expect(err.message).toBe(msg);
  });

  it('410 is recognised for relisting even when the body is not a Status', () => {
    const err = toApiError(410, 'Gone', 'too old resource version');
    expect(err.kind).toBe('gone');
    expect(err.reason).toBe('Expired');
    expect(err.message).toBe('too old resource version');
  });

  it('console-server JSON errors and empty bodies get readable messages', () => {
    expect(toApiError(401, 'Unauthorized', '{"message":"Log in to continue."}').message).toBe('Log in to continue.');
    expect(toApiError(502, 'Bad Gateway', '').message).toBe('502 Bad Gateway');
    expect(toApiError(502, 'Bad Gateway', '').kind).toBe('server');
  });

  it('network failures say the cluster could not be reached', () => {
    const err = networkError(new TypeError('Failed to fetch'));
    expect(err.kind).toBe('network');
    expect(err.message).toMatch(/^The cluster could not be reached\./);
    expect(isApiError(err, 'network')).toBe(true);
    expect(isApiError(err, 'forbidden')).toBe(false);
  });
});
