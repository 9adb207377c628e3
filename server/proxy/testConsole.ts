// Test fixture: the real embedded cluster (HTTPS, its own kubeconfig) behind a console server
// assembled exactly as server/index.ts does (security headers, then the console API).
import Fastify, { type FastifyInstance } from 'fastify';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { startCluster, type RunningCluster } from '../../cluster/main';
import { registerSecurityHeaders } from '../http/security';
import { createConsoleLogger } from '../logging';
import { registerConsoleApi, type ConsoleApi, type ConsoleApiOptions } from './consoleApi';

export interface TestConsole {
  url: string;
  port: number;
  dataDir: string;
  cluster: RunningCluster;
  api: ConsoleApi;
  app: FastifyInstance;
  /** Every log line the console wrote, parsed. */
  logLines: Record<string, unknown>[];
  /** Signs in (password for admin/viewer, else the login link) and returns cookie + CSRF token. */
  login(user?: 'admin' | 'viewer' | 'link'): Promise<{ cookie: string; csrf: string }>;
  close(): Promise<void>;
}

export async function startTestConsole(
  opts: { cluster?: RunningCluster; extra?: Partial<ConsoleApiOptions>; embedded?: boolean } = {},
): Promise<TestConsole> {
  const dataDir = mkdtempSync(join(tmpdir(), 'ordinal-console-test-'));
  const cluster = opts.cluster ?? (await startCluster({ dataDir: join(dataDir, 'cluster'), port: 0, seed: 'none', speed: 20 }));
  const logLines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString('utf8').split('\n')) if (line) logLines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  const app = Fastify({ logger: false, bodyLimit: 3 * 1024 * 1024 });
  let port = 0;
  registerSecurityHeaders(app, '127.0.0.1', () => port);
  const api = registerConsoleApi(app, {
    dataDir,
    bindHost: '127.0.0.1',
    port: () => port,
    kubeconfig: cluster.kubeconfigPath,
    embeddedName: opts.embedded === false ? undefined : 'ordinal',
    log: createConsoleLogger({ destination: sink, level: 'info' }),
    ...opts.extra,
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const a = app.server.address();
  port = typeof a === 'object' && a ? a.port : 0;
  const url = `http://127.0.0.1:${port}`;
  const ownsCluster = !opts.cluster;
  return {
    url,
    port,
    dataDir,
    cluster,
    api,
    app,
    logLines,
    async login(user = 'admin') {
      const body =
        user === 'link'
          ? { method: 'link', token: readFileSync(join(dataDir, 'login-token'), 'utf8').trim() }
          : { method: 'password', username: user, password: (JSON.parse(readFileSync(join(dataDir, 'console-users.json'), 'utf8')) as Record<string, string>)[user] };
      const res = await fetch(`${url}/api/login`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
      if (res.status !== 200) throw new Error(`login failed: ${res.status} ${await res.text()}`);
      const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
      const { csrfToken } = (await res.json()) as { csrfToken: string };
      return { cookie, csrf: csrfToken };
    },
    async close() {
      await app.close();
      if (ownsCluster) await cluster.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
