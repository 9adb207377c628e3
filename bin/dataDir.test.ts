import { describe, expect, it } from 'vitest';
import { mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { prepareDataDir } from './dataDir';

describe('prepareDataDir', () => {
  it('creates nested directories with mode 0700', () => {
    const base = mkdtempSync(join(tmpdir(), 'ordinal-dd-'));
    const dir = prepareDataDir(join(base, 'a', 'b'));
    expect(statSync(dir).isDirectory()).toBe(true);
    expect(statSync(dir).mode & 0o777).toBe(0o700);
  });
  it('fails with one readable line for paths it cannot create', () => {
    expect(() => prepareDataDir('/proc/ordinal-nope/x')).toThrow(/^data directory \/proc\/ordinal-nope\/x is not writable \(E[A-Z]+\)$/);
  });
  it('refuses a file in place of the directory', () => {
    const base = mkdtempSync(join(tmpdir(), 'ordinal-dd-'));
    writeFileSync(join(base, 'file'), 'x');
    expect(() => prepareDataDir(join(base, 'file'))).toThrow(/is not writable \(ENOTDIR\)/);
  });
});
