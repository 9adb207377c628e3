// `npm start`: rebuild when dist/ is missing or older than any source file, then run the CLI.
// Staleness is decided by mtimes so a second start is instant.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const SOURCES = ['bin', 'server', 'cluster', 'src', 'bench', 'public', 'index.html', 'vite.config.ts', 'package.json'];

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

function stampTime(name) {
  const p = join(root, 'dist', name);
  return existsSync(p) ? statSync(p).mtimeMs : 0;
}

const newestSource = Math.max(...SOURCES.map((s) => newestMtime(join(root, s))));
if (newestSource > Math.min(stampTime('.server-stamp'), stampTime('.spa-stamp'))) {
  process.stdout.write('ordinal: building (sources changed since the last build)…\n');
  const r = spawnSync(process.execPath, [join(root, 'scripts/build.mjs')], { stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
const r = spawnSync(process.execPath, [join(root, 'bin/ordinal.mjs'), ...process.argv.slice(2)], { stdio: 'inherit' });
process.exit(r.status ?? 1);
