// Cluster registry: every Kubernetes API server this console reaches, and how to reach it as a
// given console user. Sources: the embedded cluster (through its own kubeconfig, like any
// cluster), each context of --kubeconfig, and --in-cluster. Kubeconfig handling (TLS, exec
// plugins, OIDC, token files) is @kubernetes/client-node's KubeConfig; nothing is parsed here.
import http from 'node:http';
import https from 'node:https';
import { KubeConfig, type Cluster, type User } from '@kubernetes/client-node';
import type { ConsoleUser } from './auth/identity';

export type ClusterSource = 'embedded' | 'kubeconfig' | 'in-cluster';

export interface ClusterStatus {
  name: string;
  server: string;
  source: ClusterSource;
  reachable: boolean;
  /** gitVersion from /version when reachable. */
  version?: string;
  error?: string;
}

/** How to send one request to one cluster as one identity. Never leaves the server. */
export interface Upstream {
  cluster: string;
  /** Server URL without a trailing slash (may carry a path prefix). */
  base: URL;
  agent: http.Agent;
  /** Headers carrying the credential (Authorization, kubeconfig `as` impersonation). */
  authHeaders(): Promise<Record<string, string>>;
}

export class NoCredentialError extends Error {}

export interface ClusterSpec {
  name: string;
  source: ClusterSource;
  kubeConfig: KubeConfig;
  /** The context acting for local-mode sessions (and the built-in `admin`). */
  context: string;
  /** Embedded cluster only: the context of each built-in console user. */
  builtinContexts?: Partial<Record<'admin' | 'viewer', string>>;
}

// Exec plugins and token files rotate credentials; re-ask client-node this often.
const AUTH_TTL_MS = 10_000;
const PROBE_TTL_MS = 5_000;
const PROBE_TIMEOUT_MS = 3_000;

class CredentialSource {
  private cached?: { at: number; headers: Record<string, string> };
  private pending?: Promise<Record<string, string>>;
  constructor(private readonly kc: KubeConfig) {}

  async headers(): Promise<Record<string, string>> {
    const c = this.cached;
    if (c && Date.now() - c.at < AUTH_TTL_MS) return c.headers;
    this.pending ??= this.load().finally(() => (this.pending = undefined));
    return this.pending;
  }

  private async load(): Promise<Record<string, string>> {
    const opts: https.RequestOptions = { headers: {} };
    await this.kc.applyToHTTPSOptions(opts);
    const out: Record<string, string> = {};
    for (const [k, v] of Object.entries(opts.headers ?? {})) if (typeof v === 'string') out[k] = v;
    if (opts.auth) out.Authorization = `Basic ${Buffer.from(opts.auth).toString('base64')}`;
    this.cached = { at: Date.now(), headers: out };
    return out;
  }
}

/** One keep-alive agent per (cluster, TLS identity): the proxy's latency depends on reusing sockets. */
async function agentFor(kc: KubeConfig, cluster: Cluster): Promise<http.Agent> {
  const opts: https.RequestOptions = { headers: {} };
  await kc.applyToHTTPSOptions(opts);
  if (cluster.proxyUrl) return opts.agent as http.Agent; // client-node's proxy agents
  const common = { keepAlive: true, keepAliveMsecs: 30_000, maxSockets: 128, maxFreeSockets: 32, scheduling: 'lifo' as const };
  if (cluster.server.startsWith('http:')) return new http.Agent(common);
  return new https.Agent({
    ...common,
    ca: opts.ca,
    cert: opts.cert,
    key: opts.key,
    rejectUnauthorized: opts.rejectUnauthorized,
    servername: (opts as { servername?: string }).servername,
  });
}

function single(cluster: Cluster, user: User): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromClusterAndUser(cluster, user);
  return kc;
}

class ClusterEntry {
  readonly server: string;
  private readonly agents = new Map<string, Promise<http.Agent>>();
  private readonly contexts = new Map<string, { agent: Promise<http.Agent>; auth: () => Promise<Record<string, string>> }>();
  private probeCache?: { at: number; status: Promise<ClusterStatus> };

  constructor(readonly spec: ClusterSpec) {
    this.server = this.clusterOf(spec.context).server.replace(/\/+$/, '');
  }

  private clusterOf(context: string): Cluster {
    const ctx = this.spec.kubeConfig.getContextObject(context);
    const cluster = ctx && this.spec.kubeConfig.getCluster(ctx.cluster);
    if (!cluster) throw new Error(`context "${context}" has no cluster`);
    return cluster;
  }

  private userOf(context: string): User {
    const ctx = this.spec.kubeConfig.getContextObject(context);
    const user = ctx && this.spec.kubeConfig.getUser(ctx.user);
    // A context without a user is anonymous (it still gets the cluster's TLS settings).
    return user ?? { name: 'anonymous' };
  }

  /** Agents are per TLS identity (client certificate or none); credentials are per request. */
  private agent(key: string, kc: KubeConfig, cluster: Cluster): Promise<http.Agent> {
    let p = this.agents.get(key);
    if (!p) {
      p = agentFor(kc, cluster);
      p.catch(() => this.agents.delete(key));
      this.agents.set(key, p);
    }
    return p;
  }

  private async upstream(agent: Promise<http.Agent>, authHeaders: () => Promise<Record<string, string>>): Promise<Upstream> {
    return { cluster: this.spec.name, base: new URL(this.server), agent: await agent, authHeaders };
  }

  private forContext(context: string): Promise<Upstream> {
    let c = this.contexts.get(context);
    if (!c) {
      const cluster = this.clusterOf(context);
      const kc = single(cluster, this.userOf(context));
      const creds = new CredentialSource(kc);
      c = { agent: this.agent(`ctx:${context}`, kc, cluster), auth: () => creds.headers() };
      this.contexts.set(context, c);
    }
    return this.upstream(c.agent, c.auth);
  }

  private tlsOnlyAgent(): Promise<http.Agent> {
    const cluster = this.clusterOf(this.spec.context);
    return this.agent('tls-only', single(cluster, { name: 'anonymous' }), cluster);
  }

  /** Token mode: the user's bearer token over the cluster's TLS, never with the console's client certificate. */
  private forToken(token: string): Promise<Upstream> {
    const header = { Authorization: `Bearer ${token}` };
    return this.upstream(this.tlsOnlyAgent(), async () => header);
  }

  /** Anonymous access (TLS settings only), for /version probes. */
  anonymous(): Promise<Upstream> {
    return this.upstream(this.tlsOnlyAgent(), async () => ({}));
  }

  upstreamFor(user: ConsoleUser): Promise<Upstream> {
    if (user.kind === 'token') return this.forToken(user.token);
    if (user.kind === 'builtin') {
      const ctx = this.spec.builtinContexts?.[user.name] ?? (user.name === 'admin' ? this.spec.context : undefined);
      if (!ctx) return Promise.reject(new NoCredentialError(`user "${user.name}" has no credentials for cluster "${this.spec.name}"`));
      return this.forContext(ctx);
    }
    return this.forContext(this.spec.context);
  }

  status(viaToken: boolean): Promise<ClusterStatus> {
    const c = this.probeCache;
    if (c && Date.now() - c.at < PROBE_TTL_MS) return c.status;
    const status = this.probe(viaToken);
    this.probeCache = { at: Date.now(), status };
    return status;
  }

  private async probe(viaToken: boolean): Promise<ClusterStatus> {
    const base = { name: this.spec.name, server: this.server, source: this.spec.source };
    try {
      // /version is readable anonymously (system:public-info-viewer); token mode has no console credential.
      const up = viaToken ? await this.anonymous() : await this.forContext(this.spec.context);
      const res = await upstreamJSON(up, 'GET', '/version');
      // A server that refuses anonymous /version (token mode probes anonymously) is still reachable.
      if (res.status === 401 || res.status === 403) return { ...base, reachable: true };
      if (res.status !== 200) throw new Error(`HTTP ${res.status} from /version`);
      const body = res.body;
      return { ...base, reachable: true, version: typeof body.gitVersion === 'string' ? body.gitVersion : undefined };
    } catch (e) {
      return { ...base, reachable: false, error: (e as Error).message };
    }
  }

  async close(): Promise<void> {
    for (const p of this.agents.values()) void p.then((a) => a.destroy(), () => undefined);
    this.agents.clear();
    this.contexts.clear();
  }
}

/** Builds the request options for a path on an upstream (path includes the query). */
export function requestOptions(up: Upstream, path: string): { protocol: string; hostname: string; port: string; path: string; agent: http.Agent } {
  return {
    protocol: up.base.protocol,
    hostname: up.base.hostname.replace(/^\[|\]$/g, ''),
    port: up.base.port,
    path: up.base.pathname.replace(/\/+$/, '') + path,
    agent: up.agent,
  };
}

/** A small JSON request to an upstream (probes, login checks), bounded in time; not for the proxy path. */
export function upstreamJSON(up: Upstream, method: string, path: string, body?: unknown, timeoutMs = PROBE_TIMEOUT_MS): Promise<{ status: number; body: Record<string, unknown> }> {
  return up.authHeaders().then(
    (auth) =>
      new Promise((resolve, reject) => {
        const mod = up.base.protocol === 'http:' ? http : https;
        const payload = body === undefined ? undefined : Buffer.from(JSON.stringify(body));
        const headers: Record<string, string> = { ...auth, Accept: 'application/json' };
        if (payload) headers['Content-Type'] = 'application/json';
        const req = mod.request({ ...requestOptions(up, path), method, headers, timeout: timeoutMs }, (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => {
            let parsed: Record<string, unknown> = {};
            try {
              parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
            } catch {
              // Non-JSON answers keep an empty body; the status says enough.
            }
            resolve({ status: res.statusCode ?? 0, body: parsed });
          });
          res.on('error', reject);
        });
        req.on('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
        req.on('error', reject);
        req.end(payload);
      }),
  );
}

export class ClusterRegistry {
  private readonly entries = new Map<string, ClusterEntry>();

  constructor(specs: ClusterSpec[], private readonly onClose: () => Promise<void> = async () => {}) {
    for (const s of specs) {
      if (this.entries.has(s.name)) throw new Error(`two clusters are named "${s.name}"`);
      this.entries.set(s.name, new ClusterEntry(s));
    }
  }

  names(): string[] {
    return [...this.entries.keys()];
  }

  has(name: string): boolean {
    return this.entries.has(name);
  }

  source(name: string): ClusterSource | undefined {
    return this.entries.get(name)?.spec.source;
  }

  /** Rejects with NoCredentialError when this user cannot act on that cluster. */
  upstreamFor(cluster: string, user: ConsoleUser): Promise<Upstream> {
    const e = this.entries.get(cluster);
    if (!e) return Promise.reject(new NoCredentialError(`cluster "${cluster}" is not known to this console`));
    return e.upstreamFor(user);
  }

  anonymous(cluster: string): Promise<Upstream> {
    const e = this.entries.get(cluster);
    if (!e) return Promise.reject(new NoCredentialError(`cluster "${cluster}" is not known to this console`));
    return e.anonymous();
  }

  /** GET /api/clusters: reachability and version, probed in parallel and cached a few seconds. */
  statuses(tokenMode: boolean): Promise<ClusterStatus[]> {
    return Promise.all([...this.entries.values()].map((e) => e.status(tokenMode)));
  }

  async close(): Promise<void> {
    await Promise.all([...this.entries.values()].map((e) => e.close()));
    await this.onClose();
  }
}

/** Every context of a kubeconfig file (or the chosen ones), named by context. */
export function kubeconfigSpecs(file: string, contexts: string[]): ClusterSpec[] {
  const kc = new KubeConfig();
  kc.loadFromFile(file);
  const wanted = contexts.length ? contexts : kc.getContexts().map((c) => c.name);
  if (!wanted.length) throw new Error(`${file} has no contexts`);
  return wanted.map((name) => {
    const ctx = kc.getContextObject(name);
    if (!ctx) throw new Error(`context "${name}" not found in ${file}`);
    if (!kc.getCluster(ctx.cluster)) throw new Error(`context "${name}" refers to unknown cluster "${ctx.cluster}"`);
    return { name, source: 'kubeconfig' as const, kubeConfig: kc, context: name };
  });
}

/** The ServiceAccount of the pod this console runs in. */
export function inClusterSpec(pathPrefix = ''): ClusterSpec {
  const kc = new KubeConfig();
  // pathPrefix exists for tests: the ServiceAccount files normally sit under /var/run/secrets.
  kc.loadFromCluster(pathPrefix);
  return { name: 'in-cluster', source: 'in-cluster', kubeConfig: kc, context: kc.getCurrentContext() };
}

/** The embedded cluster, reached through the kubeconfig it wrote (contexts ordinal-admin / ordinal-viewer). */
export function embeddedSpec(name: string, kubeconfigPath: string): ClusterSpec {
  const kc = new KubeConfig();
  kc.loadFromFile(kubeconfigPath);
  return {
    name,
    source: 'embedded',
    kubeConfig: kc,
    context: 'ordinal-admin',
    builtinContexts: { admin: 'ordinal-admin', viewer: 'ordinal-viewer' },
  };
}
