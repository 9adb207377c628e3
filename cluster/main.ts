// startCluster: the embedded Kubernetes API server as one unit (architecture.md §2, §4):
// data directory, PKI, tokens, SQLite store, built-in objects, HTTPS API and kubeconfig.
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pino } from 'pino';
import { TokenAuthenticator } from './auth/authenticator';
import { Authorizer } from './auth/rbac';
import { authorizeRbacWrite } from './auth/escalation';
import { StoreRbacSource } from './api/rbacSource';
import { expireEvents } from './api/rest/eventTtl';
import { kindKey, parse } from './api/rest/objects';
import { Registry } from './api/rest/registry';
import { newServiceAllocator } from './registry/kinds/service';
import { findResource } from './registry/resources';
import { createApiServer } from './api/server';
import { ServiceAccountTokens } from './api/serviceAccountTokens';
import type { UserInfo } from './auth/types';
import type { ClusterClient } from './client/types';
import { InProcessClient } from './client/inProcess';
import { startControllers } from './controllers/index';
import { seedDemo } from './controllers/demo/seedDemo';
import { ensureTokens, writeKubeconfig } from './kubeconfig';
import { ensurePki } from './pki';
import { seedBuiltin } from './seed/builtin';
import { Store } from './storage/store';

export interface ClusterOptions {
  dataDir: string;
  port: number;
  host?: string;
  speed?: number;
  seed?: 'demo' | 'none';
}

export interface RunningCluster {
  url: string;
  kubeconfigPath: string;
  client: ClusterClient;
  watchCount(): number;
  stop(): Promise<void>;
}

function envNumber(name: string, fallback: number): number {
  const v = Number(process.env[name]);
  return Number.isFinite(v) && v >= 0 && process.env[name] !== '' && process.env[name] !== undefined ? v : fallback;
}

export async function startCluster(opts: ClusterOptions): Promise<RunningCluster> {
  const host = opts.host ?? '127.0.0.1';
  mkdirSync(opts.dataDir, { recursive: true, mode: 0o700 });
  const pki = await ensurePki(opts.dataDir);
  const tokens = ensureTokens(opts.dataDir);
  // W-3 retention; the environment overrides exist so tests can outlive the window quickly.
  const store = new Store(join(opts.dataDir, 'cluster.db'), {
    minEvents: envNumber('ORDINAL_EVENT_LOG_MIN_EVENTS', 10_000),
    minAgeMs: envNumber('ORDINAL_EVENT_LOG_MIN_AGE_SECONDS', 15 * 60) * 1000,
  });
  const log = pino({ level: process.env.ORDINAL_LOG_LEVEL ?? 'warn', base: { component: 'cluster' } });
  const registry = new Registry(store);
  const services = findResource('', 'v1', 'services');
  registry.strategyDeps = {
    serviceAllocator: newServiceAllocator(() => (services ? store.list(kindKey(services)).map((r) => parse(r.json)) : [])),
  };
  let ready = false;
  try {
    if (!store.meta('seeded')) {
      seedBuiltin(registry, pki.caCertPem);
      store.setMeta('seeded', 1);
      store.commit();
    }
  } catch (e) {
    store.close();
    throw e;
  }
  const staticTokens = new Map<string, UserInfo>([
    [tokens.admin, { name: 'admin', uid: 'ordinal-admin', groups: ['system:masters', 'system:authenticated'] }],
    [tokens.viewer, { name: 'viewer', uid: 'ordinal-viewer', groups: ['system:authenticated'] }],
  ]);
  const saTokens = new ServiceAccountTokens(store);
  const authenticator = new TokenAuthenticator((t) => staticTokens.get(t) ?? saTokens.lookup(t));
  const authorizer = new Authorizer(new StoreRbacSource(store));
  registry.rbacWriteGuard = (user, obj, old) => authorizeRbacWrite(user, obj, old, authorizer);
  const api = createApiServer({ registry, authenticator, authorizer, tls: pki, log, ready: () => ready, saTokens });
  let port: number;
  try {
    port = await api.listen(opts.port, host);
  } catch (e) {
    store.close();
    throw e;
  }
  const url = `https://${host.includes(':') ? `[${host}]` : host}:${port}`;
  const kubeconfigPath = join(opts.dataDir, 'kubeconfig');
  writeKubeconfig(kubeconfigPath, url, pki.caCertPem, tokens);
  const eventTtlMs = envNumber('ORDINAL_EVENT_TTL_SECONDS', 3600) * 1000;
  const pruneTimer = setInterval(() => {
    expireEvents(registry, eventTtlMs);
    store.prune();
    saTokens.prune();
  }, envNumber('ORDINAL_EVENT_LOG_PRUNE_MS', 30_000));
  pruneTimer.unref();
  let stopped = false;
  const client = new InProcessClient(registry);
  const controllers = startControllers(client, {
    speed: opts.speed ?? 1,
    caPem: pki.caCertPem,
    log: (msg) => log.info({ component: 'controllers' }, msg),
  });
  // pods/log, metrics.k8s.io and nodes/<n>/proxy/stats/summary come from the kubelet simulation.
  api.ctx.podLogs = controllers.podLogs;
  api.ctx.metrics = controllers.metrics;
  api.ctx.nodeStats = controllers.nodeStats;
  // --seed demo: created once, through the API like a user would, after the controllers run.
  if (opts.seed === 'demo' && !store.meta('demo-seeded')) {
    void controllers.ready
      .then(() => seedDemo(client))
      .then(() => {
        store.setMeta('demo-seeded', 1);
        store.commit();
      })
      // A cluster stopped while seeding closes the store under the seed: not a failure to report.
      .catch((err: unknown) => {
        if (!stopped) log.warn({ err: String(err) }, 'demo seed failed');
      });
  }
  ready = true;
  return {
    url,
    kubeconfigPath,
    client,
    watchCount: () => api.ctx.watches.size,
    async stop() {
      if (stopped) return;
      stopped = true;
      ready = false;
      clearInterval(pruneTimer);
      controllers.stop();
      await api.close();
      store.close();
    },
  };
}
