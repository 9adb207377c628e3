// `npm run build`: bundles the Node side (bin/, server/, cluster/, bench/) with esbuild into dist/
// and the SPA with vite into dist/public. `--server` builds only the Node side (fast; used by
// the cluster acceptance tests). esbuild keeps npm packages external, so dist/ needs node_modules.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const serverOnly = process.argv.includes('--server');

const started = Date.now();
// Chunk names carry content hashes: clear the old ones so dist/ does not grow per build.
rmSync(`${root}/dist/chunks`, { recursive: true, force: true });
await build({
  absWorkingDir: root,
  entryPoints: { cli: 'bin/cli.ts', bench: 'bench/run.ts' },
  outdir: 'dist',
  outExtension: { '.js': '.mjs' },
  bundle: true,
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  platform: 'node',
  format: 'esm',
  target: 'node20',
  packages: 'external',
  sourcemap: 'linked',
  logLevel: 'warning',
  define: { 'process.env.ORDINAL_BUILD_TIME': JSON.stringify(new Date().toISOString()) },
});
mkdirSync(`${root}/dist`, { recursive: true });
writeFileSync(`${root}/dist/.server-stamp`, String(Date.now()));
process.stdout.write(`built dist/cli.mjs in ${Date.now() - started} ms\n`);

if (!serverOnly) {
  execFileSync(process.execPath, [`${root}/node_modules/vite/bin/vite.js`, 'build', '--logLevel', 'warn'], {
    cwd: root,
    stdio: 'inherit',
  });
  writeFileSync(`${root}/dist/.spa-stamp`, String(Date.now()));
}
