// Who a console session acts as. The browser only ever holds a session cookie; everything in
// here stays on the server (issue: "the browser never sees a cluster credential").
import { createHash } from 'node:crypto';

export type ConsoleUser =
  /** Local mode: the kubeconfig (or embedded admin) credentials of each cluster. */
  | { kind: 'local'; name: string }
  /** Embedded cluster identities, signed in with a generated password. */
  | { kind: 'builtin'; name: 'admin' | 'viewer' }
  /** Token mode: the user's own Kubernetes bearer token, so RBAC applies per user. */
  | { kind: 'token'; name: string; token: string };

export type AuthMode = 'local' | 'token';

/** A stable, non-secret key for sharing upstream watches between sessions of one identity. */
export function identityKey(user: ConsoleUser): string {
  if (user.kind === 'token') return `token:${tokenFingerprint(user.token)}`;
  return `${user.kind}:${user.name}`;
}

/** A one-way fingerprint: a token must never end up in a map key, a log line or a message. */
function tokenFingerprint(token: string): string {
  return createHash('sha256').update(token).digest('base64url').slice(0, 22);
}

/** What a session reveals to its own browser. */
export function publicUser(user: ConsoleUser): { kind: ConsoleUser['kind']; name: string } {
  return { kind: user.kind, name: user.name };
}
