// The `ordinal` command line (architecture.md §2). Exit 2 = usage error, exit 1 = runtime failure.
// Commands are imported on demand so each loads only its own side (console or cluster).
import { fileURLToPath } from 'node:url';
import { parseClusterArgs, parseServeArgs, USAGE, UsageError } from './args';

// The built SPA sits beside this bundle (dist/cli.mjs → dist/public); computed here because
// command modules are split into dist/chunks/.
const SPA_DIR = fileURLToPath(new URL('./public/', import.meta.url));

function usageFailure(message: string): number {
  process.stderr.write(`ordinal: ${message}\n\n${USAGE}`);
  return 2;
}

export async function main(argv: string[]): Promise<number> {
  const [first, ...rest] = argv;
  if (first === '--help' || first === '-h') {
    process.stdout.write(USAGE);
    return 0;
  }
  const command = first === undefined || first.startsWith('-') ? 'serve' : first;
  const args = command === first ? rest : argv;
  try {
    switch (command) {
      case 'serve':
        return await (await import('./serveCommand')).runServe(parseServeArgs(args), SPA_DIR);
      case 'cluster':
        return await (await import('./clusterCommand')).runCluster(parseClusterArgs(args));
      case 'help':
        process.stdout.write(USAGE);
        return 0;
      default:
        return usageFailure(`unknown command "${command}"`);
    }
  } catch (err) {
    // node:util parseArgs throws TypeErrors with codes like ERR_PARSE_ARGS_UNKNOWN_OPTION.
    const code = (err as { code?: string }).code ?? '';
    if (err instanceof UsageError || code.startsWith('ERR_PARSE_ARGS')) return usageFailure((err as Error).message);
    throw err;
  }
}
