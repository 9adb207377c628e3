import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../types';
import { applyPatch, type PatchContentType } from './index';

interface Case {
  name: string;
  type: 'json' | 'merge';
  fixture: string;
  patch: unknown;
  expect: unknown;
}
const fixtures = (
  JSON.parse(readFileSync(new URL('./testdata/smp-oracle.json', import.meta.url), 'utf8')) as { fixtures: Record<string, KubeObject> }
).fixtures;
const oracle = JSON.parse(readFileSync(new URL('./testdata/json-merge-oracle.json', import.meta.url), 'utf8')) as { cases: Case[] };

const sts = { group: 'apps', version: 'v1', kind: 'StatefulSet' };
const targets: Record<string, { group: string; version: string; kind: string }> = {
  sts,
  svc: { group: '', version: 'v1', kind: 'Service' },
  pod: { group: '', version: 'v1', kind: 'Pod' },
};
const TYPES: Record<string, PatchContentType> = { json: 'application/json-patch+json', merge: 'application/merge-patch+json' };

function statusOf(f: () => unknown): { code: number; reason?: string; message?: string; details?: unknown } {
  try {
    f();
  } catch (e) {
    return (e as { status: { code: number; reason?: string; message?: string; details?: unknown } }).status;
  }
  throw new Error('expected an error');
}

describe('JSON and merge patch match kubectl 1.32 (P-8, P-9)', () => {
  for (const c of oracle.cases) {
    it(`${c.type}: ${c.name}`, () => {
      expect(applyPatch(TYPES[c.type], fixtures[c.fixture], JSON.stringify(c.patch), targets[c.fixture])).toStrictEqual(c.expect);
    });
  }
});

describe('JSON patch failures', () => {
  const generic = { code: 422, reason: 'Invalid', message: 'the server rejected our request due to an error in our request', details: {} };
  it.each([
    ['remove of a missing key (kubectl patch --type=json remove)', [{ op: 'remove', path: '/metadata/labels/nope' }]],
    ['failing test op', [{ op: 'test', path: '/spec/replicas', value: 1 }]],
    ['add below a missing parent', [{ op: 'add', path: '/spec/nope/x', value: 1 }]],
    ['index out of range', [{ op: 'replace', path: '/spec/template/spec/containers/7/image', value: 'x' }]],
    ['unknown op', [{ op: 'frobnicate', path: '/spec' }]],
    ['move from missing', [{ op: 'move', from: '/spec/nope', path: '/spec/x' }]],
  ])('%s -> 422 Invalid with the generic message', (_name, ops) => {
    expect(statusOf(() => applyPatch('application/json-patch+json', fixtures.sts, JSON.stringify(ops), sts))).toStrictEqual({
      kind: 'Status',
      apiVersion: 'v1',
      metadata: {},
      status: 'Failure',
      ...generic,
    });
  });

  it('a failed op leaves nothing applied (all or nothing)', () => {
    const ops = [
      { op: 'replace', path: '/spec/replicas', value: 9 },
      { op: 'remove', path: '/nope' },
    ];
    expect(() => applyPatch('application/json-patch+json', fixtures.sts, JSON.stringify(ops), sts)).toThrow();
    expect((fixtures.sts.spec as { replicas: number }).replicas).toBe(3);
  });

  it.each([
    ['{"op":"remove"}', 'Warn', 'error decoding patch: json: cannot unmarshal object into Go value of type []handlers.jsonPatchOp'],
    ['{"op":"remove"}', 'Ignore', 'json: cannot unmarshal object into Go value of type jsonpatch.Patch'],
    ['[{"op":"add",]', 'Warn', "error decoding patch: invalid character ']' looking for beginning of object key string"],
    ['[{"op":"add"}', 'Ignore', 'unexpected end of JSON input'],
    ['["x"]', 'Strict', 'error decoding patch: json: cannot unmarshal string into Go value of type handlers.jsonPatchOp'],
    ['[{"op":1,"path":"/a"}]', 'Strict', 'error decoding patch: json: cannot unmarshal number into Go struct field jsonPatchOp.op of type string'],
  ] as const)('body %s (fieldValidation %s) -> 400 %s', (body, fv, message) => {
    expect(statusOf(() => applyPatch('application/json-patch+json', fixtures.sts, body, sts, { fieldValidation: fv }))).toMatchObject({
      code: 400,
      reason: 'BadRequest',
      message,
    });
  });

  it('replacing metadata with a scalar is rejected as an undecodable result (422)', () => {
    const s = statusOf(() =>
      applyPatch('application/json-patch+json', fixtures.sts, '[{"op":"replace","path":"/metadata","value":"x"}]', sts),
    );
    expect(s.code).toBe(422);
    expect(s.message).toMatch(/^ "" is invalid: patch: Invalid value: ".*": json: cannot unmarshal string into Go struct field StatefulSet.metadata of type v1.ObjectMeta$/);
  });
});

describe('merge patch failures', () => {
  it.each([
    ['{"metadata":', 'Warn', 'error decoding patch: unexpected end of JSON input'],
    ['[1]', 'Strict', 'error decoding patch: json: cannot unmarshal array into Go value of type map[string]interface {}'],
    ['{"metadata":', 'Ignore', 'Invalid JSON Patch'],
    ['null', 'Warn', 'Invalid JSON Patch'],
  ] as const)('body %s (fieldValidation %s) -> 400 %s', (body, fv, message) => {
    expect(statusOf(() => applyPatch('application/merge-patch+json', fixtures.sts, body, sts, { fieldValidation: fv }))).toMatchObject({
      code: 400,
      reason: 'BadRequest',
      message,
    });
  });

  it('kubectl label --overwrite / annotate send merge patches that touch only metadata', () => {
    const out = applyPatch('application/merge-patch+json', fixtures.sts, '{"metadata":{"labels":{"tier":"db"},"annotations":{"a":"b"}}}', sts);
    expect(out.metadata.labels).toStrictEqual({ app: 'web', tier: 'db' });
    expect(out.metadata.annotations).toStrictEqual({ a: 'b' });
    expect(out.spec).toStrictEqual(fixtures.sts.spec);
  });
});
