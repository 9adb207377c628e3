// Image knowledge of the simulated container runtime: reference normalisation the way
// containerd reports it (P-6), deterministic image IDs and sizes, pull policy defaults and the
// simulation switches on images (`does-not-exist`, tag `crash`).
import { createHash } from 'node:crypto';

export interface ImageRef {
  /** docker.io/library/nginx */
  repository: string;
  /** nginx (last path element, no registry) */
  shortName: string;
  tag?: string;
  digest?: string;
}

export function parseImage(image: string): ImageRef {
  let rest = image;
  let digest: string | undefined;
  const at = rest.indexOf('@');
  if (at >= 0) {
    digest = rest.slice(at + 1);
    rest = rest.slice(0, at);
  }
  let tag: string | undefined;
  const colon = rest.lastIndexOf(':');
  if (colon > rest.lastIndexOf('/')) {
    tag = rest.slice(colon + 1);
    rest = rest.slice(0, colon);
  }
  const parts = rest.split('/');
  const hasRegistry = parts.length > 1 && (parts[0].includes('.') || parts[0].includes(':') || parts[0] === 'localhost');
  let repository: string;
  if (hasRegistry) repository = rest;
  else if (parts.length === 1) repository = `docker.io/library/${rest}`;
  else repository = `docker.io/${rest}`;
  return { repository, shortName: parts[parts.length - 1], tag, digest };
}

/** `nginx:1.27` → `docker.io/library/nginx:1.27`; no tag means `:latest`. */
export function normalizeImage(image: string): string {
  const r = parseImage(image);
  if (r.digest) return `${r.repository}@${r.digest}`;
  return `${r.repository}:${r.tag ?? 'latest'}`;
}

function sha256(s: string): string {
  return createHash('sha256').update(s).digest('hex');
}

export function imageID(image: string): string {
  const r = parseImage(image);
  return `${r.repository}@${r.digest ?? `sha256:${sha256(normalizeImage(image))}`}`;
}

const KNOWN_SIZES: Record<string, number> = {
  nginx: 72099501,
  redis: 45186754,
  busybox: 2155529,
  mysql: 174738944,
  postgres: 158384710,
  pause: 320368,
};

export function imageSize(image: string): number {
  const r = parseImage(image);
  return KNOWN_SIZES[r.shortName] ?? 20_000_000 + (parseInt(sha256(r.repository).slice(0, 6), 16) % 80_000_000);
}

/** Simulated pull time in ms: bigger images take longer, 0.6 s – 1.8 s. */
export function pullDurationMs(image: string): number {
  const size = imageSize(image);
  const jitter = parseInt(sha256(normalizeImage(image)).slice(0, 4), 16) % 300;
  return Math.min(1800, 600 + Math.round(size / 200_000) + jitter);
}

export function defaultPullPolicy(image: string): 'Always' | 'IfNotPresent' {
  const r = parseImage(image);
  if (r.digest) return 'IfNotPresent';
  return !r.tag || r.tag === 'latest' ? 'Always' : 'IfNotPresent';
}

export function pullFails(image: string): boolean {
  return image.includes('does-not-exist');
}

/** The containerd error text for an image that cannot be resolved (E-15). */
export function pullErrorMessage(image: string): string {
  const ref = normalizeImage(image);
  return `rpc error: code = NotFound desc = failed to pull and unpack image "${ref}": failed to resolve reference "${ref}": ${ref}: not found`;
}

export function isCrashImage(image: string): boolean {
  return parseImage(image).tag === 'crash';
}

/** Well-known images: the port they listen on and the flavour of their log. */
export type ImageKind = 'nginx' | 'redis' | 'mysql' | 'postgres' | 'busybox' | 'generic';

export function imageKind(image: string): ImageKind {
  const n = parseImage(image).shortName;
  if (n === 'nginx' || n.startsWith('nginx-')) return 'nginx';
  if (n === 'redis') return 'redis';
  if (n === 'mysql' || n === 'mariadb') return 'mysql';
  if (n === 'postgres') return 'postgres';
  if (n === 'busybox' || n === 'alpine') return 'busybox';
  return 'generic';
}

/** Go's time.Duration.String() for whole milliseconds (E-14, P-10): 523ms, 1.234s, 1m2.5s, 5m0s. */
export function goDuration(ms: number): string {
  if (ms === 0) return '0s';
  if (ms < 1000) return `${ms}ms`;
  const h = Math.floor(ms / 3_600_000);
  const m = Math.floor((ms % 3_600_000) / 60_000);
  const sMs = ms % 60_000;
  const secs = (sMs / 1000).toFixed(3).replace(/\.?0+$/, '');
  if (h) return `${h}h${m}m${secs}s`;
  if (m) return `${m}m${secs}s`;
  return `${secs}s`;
}

/** Container restart back-off (P-10, P-9): 10 s doubling, capped at 300 s. */
export function backoffMs(failuresSoFar: number): number {
  return Math.min(10_000 * 2 ** Math.max(0, failuresSoFar), 300_000);
}
