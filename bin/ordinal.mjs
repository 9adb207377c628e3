#!/usr/bin/env node
// CLI shim: the TypeScript CLI is bundled by `npm run build` into dist/cli.mjs.
import { existsSync } from 'node:fs';
import { fileURLToPath, pathToFileURL } from 'node:url';

const bundle = fileURLToPath(new URL('../dist/cli.mjs', import.meta.url));
if (!existsSync(bundle)) {
  process.stderr.write('ordinal: dist/cli.mjs is missing; run `npm run build` (or `npm start`) first\n');
  process.exit(1);
}
const { main } = await import(pathToFileURL(bundle).href);
process.exitCode = await main(process.argv.slice(2));
