import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isStatusError } from '../errors';
import { applyPatch } from './index';
import type { KubeObject } from '../../types';

interface OracleCase {
  name: string;
  fixture: string;
  patch: unknown;
  expect?: unknown;
  error?: string;
}
const oracle = JSON.parse(readFileSync(new URL('./testdata/smp-oracle.json', import.meta.url), 'utf8')) as {
  fixtures: Record<string, KubeObject>;
  cases: OracleCase[];
};

const targets: Record<string, { group: string; version: string; kind: string }> = {
  sts: { group: 'apps', version: 'v1', kind: 'StatefulSet' },
  stsstatus: { group: 'apps', version: 'v1', kind: 'StatefulSet' },
  deploy: { group: 'apps', version: 'v1', kind: 'Deployment' },
  pod: { group: '', version: 'v1', kind: 'Pod' },
  svc: { group: '', version: 'v1', kind: 'Service' },
  node: { group: '', version: 'v1', kind: 'Node' },
  pdb: { group: 'policy', version: 'v1', kind: 'PodDisruptionBudget' },
  big: { group: '', version: 'v1', kind: 'Pod' },
};

function smp(fixture: string, patch: unknown): KubeObject {
  return applyPatch('application/strategic-merge-patch+json', oracle.fixtures[fixture], JSON.stringify(patch), targets[fixture]);
}

describe('strategic merge patch matches kubectl 1.32 (checklist 38)', () => {
  for (const c of oracle.cases.filter((x) => x.expect)) {
    it(c.name, () => {
      expect(smp(c.fixture, c.patch)).toStrictEqual(c.expect);
    });
  }
  for (const c of oracle.cases.filter((x) => x.error)) {
    it(`${c.name} -> 400 with the library message`, () => {
      let err: unknown;
      try {
        smp(c.fixture, c.patch);
      } catch (e) {
        err = e;
      }
      expect(isStatusError(err)).toBe(true);
      if (!isStatusError(err)) return;
      expect(err.status.code).toBe(400);
      expect(err.status.reason).toBe('BadRequest');
      // kubectl trims the trailing newline of the setElementOrder message when printing it
      expect(err.status.message?.trimEnd()).toBe(c.error);
    });
  }
});

describe('strategic merge patch inputs', () => {
  it('does not modify the stored object', () => {
    const before = JSON.stringify(oracle.fixtures.sts);
    smp('sts', { spec: { replicas: 9, template: { spec: { containers: [{ name: 'app', image: 'z' }] } } } });
    expect(JSON.stringify(oracle.fixtures.sts)).toBe(before);
  });

  it.each([
    ['{"spec":', 'unexpected end of JSON input'],
    ['{"spec": x}', "invalid character 'x' looking for beginning of value"],
    ["{'a':1}", "invalid character '\\'' looking for beginning of object key string"],
    ['{"a" 1}', "invalid character '1' after object key"],
    ['{"a":1 "b":2}', `invalid character '"' after object key:value pair`],
    ['[1,2]', 'json: cannot unmarshal array into Go value of type map[string]interface {}'],
    ['"x"', 'json: cannot unmarshal string into Go value of type map[string]interface {}'],
  ])('body %s -> 400 %s', (body, message) => {
    expect(() => applyPatch('application/strategic-merge-patch+json', oracle.fixtures.sts, body, targets.sts)).toThrow(
      expect.objectContaining({ status: expect.objectContaining({ code: 400, reason: 'BadRequest', message }) }),
    );
  });

  it('lists of lists -> 422 with the generic message', () => {
    const obj = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, x: { l: [[1]] } } as KubeObject;
    let err: unknown;
    try {
      applyPatch(
        'application/strategic-merge-patch+json',
        { ...obj, metadata: { name: 'c', finalizers: [['a']] as unknown as string[] } },
        '{"metadata":{"finalizers":[["b"]]}}',
        { group: '', version: 'v1', kind: 'ConfigMap' },
      );
    } catch (e) {
      err = e;
    }
    expect(isStatusError(err) && err.status).toMatchObject({ code: 422, reason: 'Invalid', message: 'the server rejected our request due to an error in our request' });
  });

  it('unknown content type -> 415', () => {
    expect(() => applyPatch('application/json', oracle.fixtures.sts, '{}', targets.sts)).toThrow(
      expect.objectContaining({ status: expect.objectContaining({ code: 415, reason: 'UnsupportedMediaType' }) }),
    );
  });
});
