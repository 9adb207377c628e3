import { accessSync, constants, existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

// Directories are created one level at a time: Node 20's `mkdirSync(…, { recursive: true })`
// spins forever on some paths (e.g. below /proc) instead of failing.
function makeDirs(abs: string): void {
  const missing: string[] = [];
  let p = abs;
  while (!existsSync(p)) {
    missing.unshift(p);
    const parent = dirname(p);
    if (parent === p) break;
    p = parent;
  }
  for (const dir of missing) mkdirSync(dir, { mode: 0o700 });
}

/** Creates the data directory (0700) and proves it is writable; throws one readable line otherwise. */
export function prepareDataDir(dir: string): string {
  const abs = resolve(dir);
  try {
    makeDirs(abs);
    if (!statSync(abs).isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
    accessSync(abs, constants.W_OK);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code ?? 'error';
    throw new Error(`data directory ${abs} is not writable (${code})`, { cause: err });
  }
  return abs;
}

/** prepareDataDir for a command: prints its one line and returns undefined when it fails (exit 1). */
export function dataDirOrReport(dir: string): string | undefined {
  try {
    return prepareDataDir(dir);
  } catch (err) {
    process.stderr.write(`ordinal: ${(err as Error).message}\n`);
    return undefined;
  }
}
