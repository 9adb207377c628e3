// ServiceAccount tokens: `serviceaccounts/<name>/token` issues an opaque random token that is
// stored only as a SHA-256 hash; it authenticates as system:serviceaccount:<ns>:<name> while it
// has not expired and the ServiceAccount with the same uid still exists.
import { createHash, randomBytes } from 'node:crypto';
import { serviceAccountUser } from '../auth/authenticator';
import type { UserInfo } from '../auth/types';
import { findResource } from '../registry/resources';
import type { Store } from '../storage/store';
import type { KubeObject } from '../types';
import { fieldErrors, newInvalid } from './errors';
import { parse, rfc3339 } from './rest/objects';
import type { Registry } from './rest/registry';

interface TokenRow {
  namespace: string;
  name: string;
  uid: string;
  expires: number;
}

const hash = (token: string): string => createHash('sha256').update(token).digest('hex');

export class ServiceAccountTokens {
  constructor(private readonly store: Store) {}

  /** TokenRequest: `spec.expirationSeconds` (default 3600, at least 600) as upstream validates it. */
  issue(reg: Registry, namespace: string, name: string, body: KubeObject, dryRun: boolean): KubeObject {
    const sad = findResource('', 'v1', 'serviceaccounts')!;
    const sa = reg.get(sad, namespace, name);
    const spec = (body.spec ?? {}) as { expirationSeconds?: number; audiences?: string[] };
    const seconds = spec.expirationSeconds ?? 3600;
    if (!Number.isInteger(seconds) || seconds < 600) {
      throw newInvalid('TokenRequest', 'authentication.k8s.io', name, [fieldErrors.invalid('spec.expirationSeconds', seconds, 'may not specify a duration less than 10 minutes')]);
    }
    if (seconds > 2 ** 32) {
      throw newInvalid('TokenRequest', 'authentication.k8s.io', name, [fieldErrors.invalid('spec.expirationSeconds', seconds, 'may not specify a duration larger than 2^32 seconds')]);
    }
    const token = randomBytes(32).toString('base64url');
    const expires = Date.now() + seconds * 1000;
    if (!dryRun) {
      this.store.db
        .prepare('INSERT INTO tokens (hash, namespace, name, uid, expires) VALUES (?, ?, ?, ?, ?)')
        .run(hash(token), namespace, name, sa.metadata.uid ?? '', expires);
    }
    return {
      kind: 'TokenRequest',
      apiVersion: 'authentication.k8s.io/v1',
      metadata: { name, namespace, creationTimestamp: null as unknown as string },
      spec: { audiences: spec.audiences?.length ? spec.audiences : ['https://kubernetes.default.svc.cluster.local'], expirationSeconds: seconds, boundObjectRef: null },
      status: { token: dryRun ? '' : token, expirationTimestamp: rfc3339(new Date(expires)) },
    };
  }

  /** The identity of a ServiceAccount token, or undefined. */
  lookup(token: string): UserInfo | undefined {
    const row = this.store.db.prepare('SELECT namespace, name, uid, expires FROM tokens WHERE hash = ?').get(hash(token)) as TokenRow | undefined;
    if (!row || row.expires < Date.now()) return undefined;
    const sad = findResource('', 'v1', 'serviceaccounts')!;
    const sa = this.store.get(`${sad.group}/${sad.resource}`, row.namespace, row.name);
    if (!sa || parse(sa.json).metadata.uid !== row.uid) return undefined;
    return serviceAccountUser(row.namespace, row.name, row.uid);
  }

  /** Drops expired tokens (called with the event-log pruning). */
  prune(): void {
    this.store.db.prepare('DELETE FROM tokens WHERE expires < ?').run(Date.now());
  }
}
