// DIR/kubeconfig for kubectl (D-2, architecture.md §2): CA embedded, bearer tokens, contexts
// ordinal-admin (current) and ordinal-viewer, written atomically.
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { stringify } from 'yaml';
import { writeFileAtomic } from './pki';

export interface ClusterTokens {
  admin: string;
  viewer: string;
}

/** Tokens are generated once and kept in DIR/tokens.json (mode 0600). */
export function ensureTokens(dataDir: string): ClusterTokens {
  const path = join(dataDir, 'tokens.json');
  if (existsSync(path)) {
    const t = JSON.parse(readFileSync(path, 'utf8')) as Partial<ClusterTokens>;
    if (t.admin && t.viewer) return { admin: t.admin, viewer: t.viewer };
  }
  const token = () => randomBytes(32).toString('base64url');
  const tokens = { admin: token(), viewer: token() };
  writeFileAtomic(path, JSON.stringify(tokens, null, 2) + '\n', 0o600);
  return tokens;
}

function kubeconfigYaml(server: string, caCertPem: string, tokens: ClusterTokens): string {
  const ca = Buffer.from(caCertPem).toString('base64');
  return stringify({
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name: 'ordinal', cluster: { server, 'certificate-authority-data': ca } }],
    users: [
      { name: 'admin', user: { token: tokens.admin } },
      { name: 'viewer', user: { token: tokens.viewer } },
    ],
    contexts: [
      { name: 'ordinal-admin', context: { cluster: 'ordinal', user: 'admin', namespace: 'default' } },
      { name: 'ordinal-viewer', context: { cluster: 'ordinal', user: 'viewer', namespace: 'default' } },
    ],
    'current-context': 'ordinal-admin',
    preferences: {},
  });
}

export function writeKubeconfig(path: string, server: string, caCertPem: string, tokens: ClusterTokens): void {
  writeFileAtomic(path, kubeconfigYaml(server, caCertPem, tokens), 0o600);
}
