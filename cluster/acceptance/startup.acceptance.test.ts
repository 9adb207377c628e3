// Startup cost (architecture: the console starts the embedded cluster in-process and must answer
// within 3 s): a restart on an existing data directory loads no certificate tooling, and a fresh
// start answers kubectl quickly.
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { cleanupFixtures, fixtureFile } from './fixtures';
import { TestCluster } from './harness';

// A module resolve hook that records every bare specifier the CLI process imports.
const HOOKS = `import { appendFileSync } from 'node:fs';
export async function resolve(spec, ctx, next) {
  if (!spec.startsWith('.') && !spec.startsWith('node:') && !spec.startsWith('file:')) appendFileSync(process.env.ORDINAL_TEST_IMPORT_LOG, spec + '\\n');
  return next(spec, ctx);
}
`;
const hooks = fixtureFile('hooks.mjs', HOOKS);
const register = fixtureFile('register.mjs', `import { register } from 'node:module';\nregister(${JSON.stringify(pathToFileURL(hooks).href)});\n`);
const log = fixtureFile('imports.log', '');
const c = new TestCluster(undefined, { NODE_OPTIONS: `--import=${pathToFileURL(register).href}`, ORDINAL_TEST_IMPORT_LOG: log });

afterAll(async () => {
  await c.stop();
  c.cleanup();
  cleanupFixtures();
});

describe('startup', () => {
  it('a fresh start generates the PKI and answers at once', async () => {
    const started = Date.now();
    await c.start();
    const r = await c.kubectl(['get', 'ns', 'default', '-o', 'name']);
    expect(r.stdout.trim()).toBe('namespace/default');
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(readFileSync(log, 'utf8').split('\n')).toContain('@peculiar/x509');
    await c.stop();
  }, 60_000);

  it('a restart reuses the PKI without loading @peculiar/x509', async () => {
    writeFileSync(log, '');
    await c.start();
    expect((await c.kubectl(['get', 'ns', 'default', '-o', 'name'])).stdout.trim()).toBe('namespace/default');
    const imported = readFileSync(log, 'utf8').split('\n');
    expect(imported).toContain('libsql');
    expect(imported).not.toContain('@peculiar/x509');
    expect(imported).not.toContain('reflect-metadata');
  }, 60_000);
});
