import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { BuiltinPasswords, LoginToken, loginInstructions } from './secrets';

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'ordinal-secrets-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('console secrets in the data dir', () => {
  it('the login token is single-use, rotated into a 0600 file', () => {
    const dir = tmp();
    const t = new LoginToken(dir);
    const first = t.current();
    expect(readFileSync(join(dir, 'login-token'), 'utf8').trim()).toBe(first);
    expect(statSync(join(dir, 'login-token')).mode & 0o777).toBe(0o600);
    expect(t.consume('wrong')).toBe(false);
    expect(t.consume(first)).toBe(true);
    expect(t.consume(first)).toBe(false);
    expect(readFileSync(join(dir, 'login-token'), 'utf8').trim()).toBe(t.current());
    expect(t.current()).not.toBe(first);
  });

  it('built-in passwords are generated once and kept across restarts', () => {
    const dir = tmp();
    const a = new BuiltinPasswords(dir);
    const saved = JSON.parse(readFileSync(a.path, 'utf8')) as { admin: string; viewer: string };
    expect(saved.admin).toMatch(/^[\w-]{16}$/);
    expect(saved.viewer).not.toBe(saved.admin);
    const b = new BuiltinPasswords(dir);
    expect(b.check('admin', saved.admin)).toBe('admin');
    expect(b.check('viewer', saved.viewer)).toBe('viewer');
    expect(b.check('viewer', saved.admin)).toBeUndefined();
    expect(b.check('root', saved.admin)).toBeUndefined();
    expect(b.check('admin', undefined)).toBeUndefined();
  });

  it('tells the user how to sign in', () => {
    const dir = tmp();
    const t = new LoginToken(dir);
    const p = new BuiltinPasswords(dir);
    expect(loginInstructions({ loginPath: () => `/login?token=${t.current()}`, passwordsFile: p.path }, 'http://127.0.0.1:8080')).toEqual([
      `Log in: http://127.0.0.1:8080/login?token=${t.current()}  (one-time link; later ones: <data dir>/login-token)`,
      `Or sign in as admin or viewer with the passwords in ${join(dir, 'console-users.json')}`,
    ]);
    expect(loginInstructions({ loginPath: () => undefined }, 'http://h')).toEqual(['Sign in at http://h/ with your Kubernetes bearer token']);
  });
});
