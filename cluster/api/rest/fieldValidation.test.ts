// P-5 unknown-field handling: request bodies are decoded against the OpenAPI schema; in-process
// writes (seed, controllers) are not, so startup builds no OpenAPI document.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { findResource } from '../../registry/resources';
import { seedBuiltin } from '../../seed/builtin';
import { Store } from '../../storage/store';
import type { StatusError } from '../errors';
import { loadedSchemaDocuments } from './fieldValidation';
import { Registry } from './registry';
import { writeContext } from './types';

const CM = findResource('', 'v1', 'configmaps')!;
const bob = { name: 'bob', groups: ['system:authenticated'] };

describe('unknown fields', () => {
  it('seeding a fresh store builds no OpenAPI document', () => {
    const reg = new Registry(new Store(join(mkdtempSync(join(tmpdir(), 'fv-')), 'db.sqlite')));
    seedBuiltin(reg, '-----BEGIN CERTIFICATE-----\nMA==\n-----END CERTIFICATE-----\n');
    reg.store.commit();
    expect(reg.store.resourceVersion).toBeGreaterThan(10);
    expect(loadedSchemaDocuments()).toEqual([]);
    reg.store.close();
  });

  it('request bodies are still checked: Strict refuses, Warn warns, Ignore drops', () => {
    const reg = new Registry(new Store(join(mkdtempSync(join(tmpdir(), 'fv-')), 'db.sqlite')));
    seedBuiltin(reg, '-----BEGIN CERTIFICATE-----\nMA==\n-----END CERTIFICATE-----\n');
    const body = () => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c' }, data: { a: 'b' }, bogus: 1 });
    try {
      reg.create(CM, 'default', body(), writeContext({ user: bob, fieldValidation: 'Strict' }));
      expect.unreachable();
    } catch (e) {
      expect((e as StatusError).status.message).toBe('ConfigMap in version "v1" cannot be handled as a ConfigMap: strict decoding error: unknown field "bogus"');
    }
    const warn = writeContext({ user: bob, fieldValidation: 'Warn' });
    expect(reg.create(CM, 'default', body(), warn).object).not.toHaveProperty('bogus');
    expect(warn.warnings).toEqual(['unknown field "bogus"']);
    expect(loadedSchemaDocuments()).toEqual(['api/v1']);
    reg.store.close();
  });
});
