// Flags of the `ordinal` command line (architecture.md §2 — a public contract relied on by
// tests and users). Parsing only; bin/cli.ts dispatches.
import { parseArgs, type ParseArgsConfig } from 'node:util';

export const USAGE = `Usage:
  ordinal serve   [--port 8080] [--host 127.0.0.1] [--data-dir ./.ordinal]
                  [--kubeconfig FILE] [--context NAME]... [--in-cluster] [--speed N] [--seed demo|none]
                  [--auth local|token]
  ordinal cluster --data-dir DIR [--port 6443] [--speed N] [--seed demo|none]
  ordinal help

'serve' is the default command. See README.md for details.
`;

const SERVE_OPTIONS = {
  port: { type: 'string', default: '8080' },
  host: { type: 'string', default: '127.0.0.1' },
  'data-dir': { type: 'string', default: './.ordinal' },
  kubeconfig: { type: 'string' },
  context: { type: 'string', multiple: true },
  'in-cluster': { type: 'boolean', default: false },
  speed: { type: 'string', default: '1' },
  seed: { type: 'string', default: 'demo' },
  auth: { type: 'string', default: 'local' },
} as const satisfies ParseArgsConfig['options'];

const CLUSTER_OPTIONS = {
  'data-dir': { type: 'string' },
  port: { type: 'string', default: '6443' },
  speed: { type: 'string', default: '1' },
  seed: { type: 'string', default: 'demo' },
} as const satisfies ParseArgsConfig['options'];

export class UsageError extends Error {}

function parsePort(value: string): number {
  const n = Number(value);
  if (!/^\d+$/.test(value) || n > 65535) throw new UsageError(`invalid --port "${value}": expected 0-65535`);
  return n;
}

function parseSpeed(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0 || n > 1000) throw new UsageError(`invalid --speed "${value}": expected a number in (0, 1000]`);
  return n;
}

function parseSeed(value: string): 'demo' | 'none' {
  if (value !== 'demo' && value !== 'none') throw new UsageError(`invalid --seed "${value}": expected demo or none`);
  return value;
}

function parseAuth(value: string): 'local' | 'token' {
  if (value !== 'local' && value !== 'token') throw new UsageError(`invalid --auth "${value}": expected local or token`);
  return value;
}

export interface ServeArgs {
  port: number;
  host: string;
  dataDir: string;
  kubeconfig?: string;
  contexts: string[];
  inCluster: boolean;
  speed: number;
  seed: 'demo' | 'none';
  /** local: one-time login link / built-in users; token: each user signs in with a Kubernetes token. */
  auth: 'local' | 'token';
}

export interface ClusterArgs {
  dataDir: string;
  port: number;
  speed: number;
  seed: 'demo' | 'none';
}

export function parseServeArgs(args: string[]): ServeArgs {
  const { values } = parseArgs({ args, options: SERVE_OPTIONS, strict: true, allowPositionals: false });
  if (values['in-cluster'] && values.kubeconfig) throw new UsageError('--in-cluster and --kubeconfig cannot be combined');
  if (values.context?.length && !values.kubeconfig) throw new UsageError('--context needs --kubeconfig');
  return {
    port: parsePort(values.port),
    host: values.host,
    dataDir: values['data-dir'],
    kubeconfig: values.kubeconfig,
    contexts: values.context ?? [],
    inCluster: values['in-cluster'],
    speed: parseSpeed(values.speed),
    seed: parseSeed(values.seed),
    auth: parseAuth(values.auth),
  };
}

export function parseClusterArgs(args: string[]): ClusterArgs {
  const { values } = parseArgs({ args, options: CLUSTER_OPTIONS, strict: true, allowPositionals: false });
  if (!values['data-dir']) throw new UsageError('ordinal cluster needs --data-dir DIR');
  return {
    dataDir: values['data-dir'],
    port: parsePort(values.port),
    speed: parseSpeed(values.speed),
    seed: parseSeed(values.seed),
  };
}

