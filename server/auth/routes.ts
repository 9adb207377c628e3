// Login, logout and the session endpoint, plus the hook that applies guard.ts to every request.
//   local mode (default): a one-time login link (token printed on start and kept in the data dir);
//     the session then acts with each cluster's kubeconfig credentials.
//   token mode: each user signs in with their own Kubernetes bearer token (kept server-side only).
//   embedded cluster: `admin` / `viewer` with generated passwords, acting as the matching cluster user.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { IncomingMessage } from 'node:http';
import { upstreamJSON, type ClusterRegistry } from '../clusterRegistry';
import { guardRequest, sessionIdOf, statusBody } from './guard';
import { publicUser, type AuthMode, type ConsoleUser } from './identity';
import { FailureLimiter } from './rateLimit';
import { BuiltinPasswords, LoginToken } from './secrets';
import { SessionStore, sessionCookie, type Session, type SessionLimits } from './sessions';

export interface AuthOptions {
  mode: AuthMode;
  dataDir: string;
  clusters: ClusterRegistry;
  /** Offer `admin` / `viewer` password logins (only when an embedded cluster is registered). */
  builtinUsers: boolean;
  limits?: SessionLimits;
  /** Mark the cookie Secure (console served over HTTPS). */
  secureCookies?: boolean;
  limiter?: FailureLimiter;
}

export interface ConsoleAuth {
  mode: AuthMode;
  sessions: SessionStore;
  /** The session a request was admitted with (set by the guard hook). */
  sessionOf(req: IncomingMessage): Session | undefined;
  /** Local mode: the path of the current one-time login link (`/login?token=...`). */
  loginPath(): string | undefined;
  /** Where the built-in users' passwords are kept, when they exist. */
  passwordsFile?: string;
  loginMethods: LoginMethod[];
}

type LoginMethod = 'link' | 'password' | 'token';

const admitted = new WeakMap<IncomingMessage, Session>();

function clientKey(req: FastifyRequest): string {
  return req.socket.remoteAddress ?? 'unknown';
}

export function registerAuth(app: FastifyInstance, opts: AuthOptions): ConsoleAuth {
  const sessions = new SessionStore(opts.limits);
  const limiter = opts.limiter ?? new FailureLimiter();
  if (opts.mode !== 'local') LoginToken.discard(opts.dataDir);
  const loginToken = opts.mode === 'local' ? new LoginToken(opts.dataDir) : undefined;
  const passwords = opts.builtinUsers ? new BuiltinPasswords(opts.dataDir) : undefined;
  const methods: LoginMethod[] = [];
  if (loginToken) methods.push('link');
  if (passwords) methods.push('password');
  if (opts.mode === 'token') methods.push('token');
  const sweep = setInterval(() => sessions.sweep(), 60_000);
  sweep.unref();
  app.addHook('onClose', async () => clearInterval(sweep));

  app.addHook('onRequest', async (req, reply) => {
    if (reply.sent) return; // the Host check already answered
    const q = req.url.indexOf('?');
    const pathname = q < 0 ? req.url : req.url.slice(0, q);
    const r = guardRequest(req.raw, pathname, sessions);
    if (!r.ok) {
      return reply.code(r.refusal.code).type('application/json').header('Cache-Control', 'no-store').send(statusBody(r.refusal.code, r.refusal.reason, r.refusal.message));
    }
    if (r.session) admitted.set(req.raw, r.session);
  });

  const startSession = (reply: FastifyReply, user: ConsoleUser): Session => {
    const s = sessions.create(user);
    reply.header('Set-Cookie', sessionCookie(s.id, { secure: !!opts.secureCookies }));
    reply.header('Cache-Control', 'no-store');
    return s;
  };

  const sessionJSON = (s: Session) => ({
    user: publicUser(s.user),
    mode: opts.mode,
    csrfToken: s.csrfToken,
    expiresAt: new Date(sessions.expiresAt(s)).toISOString(),
  });

  const tooMany = (req: FastifyRequest, reply: FastifyReply): boolean => {
    const wait = limiter.retryAfterMs(clientKey(req));
    if (wait <= 0) return false;
    void reply
      .code(429)
      .header('Retry-After', String(Math.ceil(wait / 1000)))
      .type('application/json')
      .send(statusBody(429, 'TooManyRequests', 'too many failed login attempts; try again later'));
    return true;
  };

  const refuseLogin = (req: FastifyRequest, reply: FastifyReply, message: string) => {
    limiter.fail(clientKey(req));
    return reply.code(401).type('application/json').send(statusBody(401, 'Unauthorized', message));
  };

  // The one-time link printed on start: a top-level navigation, so it answers with a redirect.
  app.get('/login', async (req, reply) => {
    if (tooMany(req, reply)) return reply;
    const token = (req.query as Record<string, unknown>).token;
    if (!loginToken || !loginToken.consume(typeof token === 'string' ? token : undefined)) {
      limiter.fail(clientKey(req));
      return reply.code(401).type('text/plain').send('This login link is invalid or was already used. Open the console to sign in.\n');
    }
    startSession(reply, { kind: 'local', name: 'local' });
    return reply.redirect('/', 303);
  });

  app.post('/api/login', async (req, reply) => {
    if (!String(req.headers['content-type'] ?? '').startsWith('application/json')) {
      // A cross-site form cannot send JSON without a CORS preflight (login CSRF).
      return reply.code(415).type('application/json').send(statusBody(415, 'UnsupportedMediaType', 'send the login as application/json'));
    }
    if (tooMany(req, reply)) return reply;
    const body = (req.body ?? {}) as Record<string, unknown>;
    let user: ConsoleUser | undefined;
    if (body.method === 'link' && loginToken) {
      if (loginToken.consume(typeof body.token === 'string' ? body.token : undefined)) user = { kind: 'local', name: 'local' };
    } else if (body.method === 'password' && passwords) {
      const name = passwords.check(body.username, body.password);
      if (name) user = { kind: 'builtin', name };
    } else if (body.method === 'token' && opts.mode === 'token' && typeof body.token === 'string' && body.token) {
      const checked = await checkToken(opts.clusters, body.token);
      if (checked.ok) user = { kind: 'token', name: checked.name, token: body.token };
      else if (checked.message) return refuseLogin(req, reply, checked.message);
    } else {
      return reply.code(400).type('application/json').send(statusBody(400, 'BadRequest', `login method must be one of: ${methods.join(', ')}`));
    }
    if (!user) return refuseLogin(req, reply, 'invalid credentials');
    const s = startSession(reply, user);
    return reply.type('application/json').send(sessionJSON(s));
  });

  app.post('/api/logout', async (req, reply) => {
    const s = admitted.get(req.raw);
    if (s) sessions.delete(s.id);
    reply.header('Set-Cookie', sessionCookie('', { secure: !!opts.secureCookies, maxAgeSeconds: 0 }));
    return reply.code(204).send();
  });

  app.get('/api/session', async (req, reply) => {
    const s = admitted.get(req.raw)!;
    return reply.header('Cache-Control', 'no-store').type('application/json').send(sessionJSON(s));
  });

  return {
    mode: opts.mode,
    sessions,
    sessionOf: (raw) => admitted.get(raw) ?? sessions.get(sessionIdOf(raw)),
    loginPath: () => (loginToken ? `/login?token=${loginToken.current()}` : undefined),
    passwordsFile: passwords?.path,
    loginMethods: methods,
  };
}

/** Token mode: ask the cluster who the token belongs to; only a 401 means "bad token". */
async function checkToken(clusters: ClusterRegistry, token: string): Promise<{ ok: true; name: string } | { ok: false; message?: string }> {
  const first = clusters.names()[0];
  if (!first) return { ok: false, message: 'no cluster to check the token against' };
  try {
    const up = await clusters.upstreamFor(first, { kind: 'token', name: '', token });
    const res = await upstreamJSON(up, 'POST', '/apis/authentication.k8s.io/v1/selfsubjectreviews', {
      kind: 'SelfSubjectReview',
      apiVersion: 'authentication.k8s.io/v1',
    });
    if (res.status === 401) return { ok: false };
    const info = (res.body.status as { userInfo?: { username?: string } } | undefined)?.userInfo;
    if (res.status < 300 && info?.username) return { ok: true, name: info.username };
    // Older servers without SelfSubjectReview: the token is accepted; RBAC still applies per request.
    return { ok: true, name: 'token user' };
  } catch (e) {
    return { ok: false, message: `cannot reach cluster "${first}" to check the token: ${(e as Error).message}` };
  }
}
