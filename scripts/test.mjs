// `npm test`: lint, typecheck, build, vitest (unit + cluster acceptance), Playwright e2e —
// then one closing line `tests: N passed, N failed` counted from the runners' JSON reports.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const reports = join(root, 'test-results');
mkdirSync(reports, { recursive: true });

function step(name, cmd, args, env = {}) {
  process.stdout.write(`\n── ${name} ──\n`);
  const started = Date.now();
  const r = spawnSync(cmd, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  process.stdout.write(`── ${name}: ${r.status === 0 ? 'ok' : `failed (exit ${r.status ?? r.signal})`} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
  return r.status === 0;
}

function readJson(path) {
  return existsSync(path) ? JSON.parse(readFileSync(path, 'utf8')) : undefined;
}

const npx = (bin) => join(root, 'node_modules', '.bin', bin);
let ok =
  step('lint', 'npm', ['run', '--silent', 'lint']) &&
  step('typecheck', 'npm', ['run', '--silent', 'typecheck']) &&
  step('build', process.execPath, [join(root, 'scripts/build.mjs')]);

let passed = 0;
let failed = 0;
if (ok) {
  const vitestJson = join(reports, 'vitest.json');
  ok = step('unit + acceptance (vitest)', npx('vitest'), ['run', '--reporter=default', '--reporter=json', `--outputFile.json=${vitestJson}`]) && ok;
  const v = readJson(vitestJson);
  if (v) {
    passed += v.numPassedTests;
    failed += v.numFailedTests;
  }
  const ensure = step('chromium', 'bash', [join(root, 'scripts/ensure-chromium.sh')]);
  const pwJson = join(reports, 'playwright.json');
  ok = ensure && step('e2e (Playwright + Chromium)', npx('playwright'), ['test', '--reporter=list,json'], { PLAYWRIGHT_JSON_OUTPUT_NAME: pwJson }) && ok;
  const p = readJson(pwJson);
  if (p) {
    passed += p.stats.expected;
    failed += p.stats.unexpected + p.stats.flaky;
  }
}
if (!ok && failed === 0) failed = 1; // a failed lint/typecheck/build step counts as a failure
process.stdout.write(`\ntests: ${passed} passed, ${failed} failed\n`);
process.exit(ok ? 0 : 1);
