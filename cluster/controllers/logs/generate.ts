// Log lines of a simulated container, as a pure function of the container instance (image,
// command, probes, start/finish time) and a time window: the image's start-up banner, then
// periodic lines (kube-probe hits on HTTP probes, nginx access lines, redis/postgres background
// work, a shell loop's echo), then the shutdown lines of a finished instance. Nothing is stored
// or ticking: reading the log computes it, so idle pods cost nothing (timestamps are wall-clock;
// periods are simulated seconds divided by the speed factor).
import { createHash } from 'node:crypto';
import type { ContainerSpec } from '../scheduler/podResources';
import { imageKind, parseImage } from '../kubelet/images';

export interface LogLine {
  /** wall-clock epoch ms, with sub-ms nanoseconds in `nanos` (0..999999) */
  ts: number;
  nanos: number;
  text: string;
}

export interface ContainerInstance {
  podUid: string;
  podIP: string;
  container: ContainerSpec;
  restartCount: number;
  startedAt: number;
  /** set for a finished instance */
  finishedAt?: number;
  exitCode?: number;
  /** simulation speed factor (periods are simulated time) */
  speed: number;
}

function hash(...parts: (string | number)[]): number {
  return parseInt(createHash('sha1').update(parts.join('\u0000')).digest('hex').slice(0, 8), 16);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/** nginx access-log time: 23/Nov/2026:10:00:05 +0000 */
function clf(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())} +0000`;
}

/** nginx error-log time: 2026/11/23 10:00:05 */
function ngxTime(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}/${pad(d.getUTCMonth() + 1)}/${pad(d.getUTCDate())} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** redis time: 23 Nov 2026 10:00:05.123 */
function redisTime(ms: number): string {
  const d = new Date(ms);
  return `${pad(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}.${pad(d.getUTCMilliseconds(), 3)}`;
}

function isoTime(ms: number): string {
  return new Date(ms).toISOString();
}

function banner(inst: ContainerInstance): string[] {
  const c = inst.container;
  const t = inst.startedAt;
  const tag = parseImage(c.image ?? '').tag ?? 'latest';
  switch (imageKind(c.image ?? '')) {
    case 'nginx':
      return [
        '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration',
        '/docker-entrypoint.sh: Looking for shell scripts in /docker-entrypoint.d/',
        '/docker-entrypoint.sh: Launching /docker-entrypoint.d/10-listen-on-ipv6-by-default.sh',
        '10-listen-on-ipv6-by-default.sh: info: Getting the checksum of /etc/nginx/conf.d/default.conf',
        '10-listen-on-ipv6-by-default.sh: info: Enabled listen on IPv6 in /etc/nginx/conf.d/default.conf',
        '/docker-entrypoint.sh: Sourcing /docker-entrypoint.d/15-local-resolvers.envsh',
        '/docker-entrypoint.sh: Launching /docker-entrypoint.d/20-envsubst-on-templates.sh',
        '/docker-entrypoint.sh: Launching /docker-entrypoint.d/30-tune-worker-processes.sh',
        '/docker-entrypoint.sh: Configuration complete; ready for start up',
        `${ngxTime(t)} [notice] 1#1: using the "epoll" event method`,
        `${ngxTime(t)} [notice] 1#1: nginx/${/^\d/.test(tag) ? tag.replace(/-.*/, '') : '1.27.3'}`,
        `${ngxTime(t)} [notice] 1#1: built by gcc 12.2.0 (Debian 12.2.0-14)`,
        `${ngxTime(t)} [notice] 1#1: OS: Linux 6.1.0-ordinal`,
        `${ngxTime(t)} [notice] 1#1: getrlimit(RLIMIT_NOFILE): 1048576:1048576`,
        `${ngxTime(t)} [notice] 1#1: start worker processes`,
        `${ngxTime(t)} [notice] 1#1: start worker process 29`,
        `${ngxTime(t)} [notice] 1#1: start worker process 30`,
      ];
    case 'redis': {
      const v = /^\d/.test(tag) ? (tag.split('.').length === 1 ? `${tag}.0.15` : tag) : '7.4.1';
      return [
        `1:C ${redisTime(t)} * oO0OoO0OoO0Oo Redis is starting oO0OoO0OoO0Oo`,
        `1:C ${redisTime(t)} * Redis version=${v}, bits=64, commit=00000000, modified=0, pid=1, just started`,
        `1:C ${redisTime(t)} # Warning: no config file specified, using the default config. In order to specify a config file use redis-server /path/to/redis.conf`,
        `1:M ${redisTime(t)} * monotonic clock: POSIX clock_gettime`,
        `1:M ${redisTime(t)} * Running mode=standalone, port=6379.`,
        `1:M ${redisTime(t)} * Server initialized`,
        `1:M ${redisTime(t)} * Ready to accept connections tcp`,
      ];
    }
    case 'mysql':
      return [
        `${isoTime(t).replace('Z', '+00:00')} [Note] [Entrypoint]: Entrypoint script for MySQL Server ${/^\d/.test(tag) ? tag : '8.4.3'}-1.el9 started.`,
        `${isoTime(t).replace('Z', '+00:00')} [Note] [Entrypoint]: Switching to dedicated user 'mysql'`,
        `${isoTime(t)} 0 [System] [MY-015015] [Server] MySQL Server - start.`,
        `${isoTime(t)} 0 [System] [MY-010116] [Server] /usr/sbin/mysqld (mysqld ${/^\d/.test(tag) ? tag : '8.4.3'}) starting as process 1`,
        `${isoTime(t)} 1 [System] [MY-013576] [InnoDB] InnoDB initialization has started.`,
        `${isoTime(t)} 1 [System] [MY-013577] [InnoDB] InnoDB initialization has ended.`,
        `${isoTime(t)} 0 [System] [MY-011323] [Server] X Plugin ready for connections. Bind-address: '::' port: 33060, socket: /var/run/mysqld/mysqlx.sock`,
        `${isoTime(t)} 0 [System] [MY-010931] [Server] /usr/sbin/mysqld: ready for connections. Version: '${/^\d/.test(tag) ? tag : '8.4.3'}'  socket: '/var/run/mysqld/mysqld.sock'  port: 3306  MySQL Community Server - GPL.`,
      ];
    case 'postgres': {
      const ts = isoTime(t).replace('T', ' ').replace('Z', ' UTC');
      return [
        '',
        'PostgreSQL Database directory appears to contain a database; Skipping initialization',
        '',
        `${ts} [1] LOG:  starting PostgreSQL ${/^\d/.test(tag) ? tag : '17.2'} on x86_64-pc-linux-gnu, compiled by gcc (Debian 12.2.0-14) 12.2.0, 64-bit`,
        `${ts} [1] LOG:  listening on IPv4 address "0.0.0.0", port 5432`,
        `${ts} [1] LOG:  listening on IPv6 address "::", port 5432`,
        `${ts} [1] LOG:  listening on Unix socket "/var/run/postgresql/.s.PGSQL.5432"`,
        `${ts} [29] LOG:  database system was shut down at ${ts}`,
        `${ts} [1] LOG:  database system is ready to accept connections`,
      ];
    }
    default: {
      const text = [...(c.command ?? []), ...(c.args ?? [])].join(' ');
      if (text) {
        // One-shot echoes before any loop print once at start.
        const head = text.split(/\b(?:while|until|for)\b/)[0];
        return [...head.matchAll(/\becho\s+(?:"([^"]*)"|'([^']*)'|([^;&|]+))/g)].map((m) => (m[1] ?? m[2] ?? m[3] ?? '').trim());
      }
      if (imageKind(c.image ?? '') === 'busybox') return [];
      return [`time="${isoTime(t)}" level=info msg="starting ${parseImage(c.image ?? '').shortName}" version=${tag}`, `time="${isoTime(t)}" level=info msg="listening" addr=":8080"`];
    }
  }
}

interface Periodic {
  periodMs: number; // simulated
  line: (k: number, at: number) => string;
}

function periodics(inst: ContainerInstance): Periodic[] {
  const c = inst.container;
  const out: Periodic[] = [];
  const kind = imageKind(c.image ?? '');
  const gw = inst.podIP.replace(/\.\d+$/, '.1');
  const seed = `${inst.podUid}/${c.name}/${inst.restartCount}`;
  for (const p of [c.readinessProbe, c.livenessProbe, c.startupProbe]) {
    if (!p?.httpGet || kind !== 'nginx') continue;
    const path = p.httpGet.path ?? '/';
    const status = path === '/fail' ? 503 : path === '/' || path === '/index.html' ? 200 : 404;
    const bytes = status === 200 ? 615 : status === 404 ? 153 : 197;
    out.push({ periodMs: (p.periodSeconds || 10) * 1000, line: (_k, at) => `${gw} - - [${clf(at)}] "GET ${path} HTTP/1.1" ${status} ${bytes} "-" "kube-probe/1.32" "-"` });
  }
  if (kind === 'nginx') {
    const paths = ['/', '/index.html', '/favicon.ico', '/api/health', '/static/app.js', '/robots.txt'];
    out.push({
      periodMs: 37_000,
      line: (k, at) => {
        const h = hash(seed, 'req', k);
        const path = paths[h % paths.length];
        const status = path === '/favicon.ico' || path === '/robots.txt' ? 404 : h % 7 === 0 ? 304 : 200;
        const bytes = status === 200 ? 615 : status === 404 ? 153 : 0;
        return `10.244.${(h >>> 4) % 4}.${2 + ((h >>> 8) % 200)} - - [${clf(at)}] "GET ${path} HTTP/1.1" ${status} ${bytes} "-" "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Safari/537.36" "-"`;
      },
    });
  }
  if (kind === 'redis') {
    out.push({ periodMs: 300_000, line: (k, at) => `1:M ${redisTime(at)} * ${1 + (hash(seed, k) % 100)} changes in 300 seconds. Saving...` });
  }
  if (kind === 'postgres') {
    out.push({ periodMs: 300_000, line: (_k, at) => `${isoTime(at).replace('T', ' ').replace('Z', ' UTC')} [27] LOG:  checkpoint starting: time` });
  }
  const text = [...(c.command ?? []), ...(c.args ?? [])].join(' ');
  const loop = /\b(?:while|until|for)\b([\s\S]*)/.exec(text);
  if (loop) {
    const echo = /\becho\s+(?:"([^"]*)"|'([^']*)'|([^;&|]+))/.exec(loop[1]);
    const sleep = /\bsleep\s+([0-9.]+)/.exec(loop[1]);
    if (echo) out.push({ periodMs: Math.max(1, Number(sleep?.[1] ?? 1)) * 1000, line: () => (echo[1] ?? echo[2] ?? echo[3] ?? '').trim() });
  }
  return out;
}

function shutdown(inst: ContainerInstance): string[] {
  const at = inst.finishedAt ?? 0;
  if (inst.exitCode === 137) return [];
  switch (imageKind(inst.container.image ?? '')) {
    case 'nginx':
      return [`${ngxTime(at)} [notice] 1#1: signal 3 (SIGQUIT) received, shutting down`, `${ngxTime(at)} [notice] 29#29: gracefully shutting down`, `${ngxTime(at)} [notice] 1#1: exit`];
    case 'redis':
      return [`1:signal-handler (${Math.floor(at / 1000)}) Received SIGTERM scheduling shutdown...`, `1:M ${redisTime(at)} # User requested shutdown...`, `1:M ${redisTime(at)} # Redis is now ready to exit, bye bye...`];
    case 'postgres':
      return [`${isoTime(at).replace('T', ' ').replace('Z', ' UTC')} [1] LOG:  received fast shutdown request`, `${isoTime(at).replace('T', ' ').replace('Z', ' UTC')} [1] LOG:  database system is shut down`];
    default:
      if (parseImage(inst.container.image ?? '').tag === 'crash') {
        return ['panic: simulated crash (image tag "crash")', '', 'goroutine 1 [running]:', 'main.main()', '\t/app/main.go:12 +0x1d', `exit status ${inst.exitCode ?? 2}`];
      }
      return [];
  }
}

const MAX_PERIODIC_LINES = 5000;

/** Every line of the instance with a timestamp in [from, to] (wall-clock ms), oldest first. */
export function generateLines(inst: ContainerInstance, from: number, to: number): LogLine[] {
  const end = Math.min(to, inst.finishedAt ?? to);
  const lines: LogLine[] = [];
  const seed = `${inst.podUid}/${inst.container.name}/${inst.restartCount}`;
  const push = (ts: number, text: string, i: number) => {
    if (ts >= from && ts <= end) lines.push({ ts: Math.floor(ts), nanos: (hash(seed, 'ns', i, text.length) % 999_999) + 1, text });
  };
  banner(inst).forEach((text, i) => push(inst.startedAt + 5 + i, text, i));
  for (const [pi, p] of periodics(inst).entries()) {
    const stepWall = p.periodMs / inst.speed;
    const offset = (hash(seed, 'phase', pi) % 1000) / 1000;
    const first = Math.max(0, Math.ceil((Math.max(from, inst.startedAt) - inst.startedAt) / stepWall - offset));
    const last = Math.floor((end - inst.startedAt) / stepWall - offset);
    for (let k = Math.max(first, last - MAX_PERIODIC_LINES); k <= last; k++) {
      const at = inst.startedAt + (k + offset) * stepWall;
      push(at, p.line(k, at), 1000 + k);
    }
  }
  if (inst.finishedAt !== undefined && inst.finishedAt <= to) {
    // The last shutdown line is stamped at finishedAt itself, so every one falls inside the run.
    const lines = shutdown(inst);
    lines.forEach((text, i) => push(inst.finishedAt! - (lines.length - 1 - i), text, 900 + i));
  }
  return lines.sort((a, b) => a.ts - b.ts || a.nanos - b.nanos);
}

/** RFC 3339 with nanoseconds as Go's RFC3339Nano prints it (trailing zeros trimmed). */
export function formatTimestamp(l: LogLine): string {
  const base = new Date(l.ts).toISOString().slice(0, 19);
  const frac = `${pad(new Date(l.ts).getUTCMilliseconds(), 3)}${pad(l.nanos % 1_000_000, 6)}`.replace(/0+$/, '');
  return `${base}${frac ? `.${frac}` : ''}Z`;
}
