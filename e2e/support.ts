// Shared e2e steps: sign in with the embedded cluster's built-in users (passwords generated into
// the data dir by `ordinal serve`), and drive the same cluster with the real kubectl.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, type Page } from '@playwright/test';

const dataDir = (): string => {
  const d = process.env.ORDINAL_E2E_DATA_DIR;
  if (!d) throw new Error('ORDINAL_E2E_DATA_DIR is not set (playwright.config.ts sets it)');
  return d;
};

function password(user: 'admin' | 'viewer'): string {
  const users = JSON.parse(readFileSync(join(dataDir(), 'console-users.json'), 'utf8')) as Record<string, string>;
  return users[user];
}

/** Opens `path`, signs in on the login page and waits until the app shell shows. */
export async function signIn(page: Page, path = '/', user: 'admin' | 'viewer' = 'admin'): Promise<void> {
  await page.goto(path);
  await page.getByTestId('login-username').fill(user);
  await page.getByTestId('login-password').fill(password(user));
  await page.getByTestId('login-submit').click();
  await expect(page.getByTestId('user-menu')).toContainText(user);
}

/** The real kubectl against the embedded cluster; returns stdout. */
export function kubectl(args: string[], input?: string): string {
  return execFileSync('kubectl', ['--kubeconfig', join(dataDir(), 'cluster', 'kubeconfig'), ...args], {
    input,
    encoding: 'utf8',
    timeout: 30_000,
  });
}

let fixturesApplied = false;
/** console-spec.md §0.5 fixture manifest (idempotent). */
export function applyFixtures(): void {
  if (fixturesApplied) return;
  kubectl(['apply', '-f', join(import.meta.dirname, 'fixtures', 'base.yaml')]);
  fixturesApplied = true;
}

export interface StsOptions {
  replicas?: number;
  image?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  volume?: boolean;
}

/** A StatefulSet with its headless Service, like the console's create wizard makes. */
export function statefulSetYaml(ns: string, name: string, o: StsOptions = {}): string {
  const labels = { app: name, ...o.labels };
  const ann = o.annotations ?? {};
  const indent = (obj: Record<string, string>, pad: string) =>
    Object.entries(obj)
      .map(([k, v]) => `${pad}${k}: ${JSON.stringify(v)}`)
      .join('\n');
  return `apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: ${ns}
spec:
  clusterIP: None
  selector:
    app: ${name}
  ports:
    - name: http-80
      port: 80
---
apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: ${name}
  namespace: ${ns}
  labels:
${indent(labels, '    ')}
${Object.keys(ann).length ? `  annotations:\n${indent(ann, '    ')}` : ''}
spec:
  serviceName: ${name}
  replicas: ${o.replicas ?? 1}
  selector:
    matchLabels:
      app: ${name}
  template:
    metadata:
      labels:
        app: ${name}
    spec:
      containers:
        - name: main
          image: ${o.image ?? 'nginx'}
          ports:
            - name: http-80
              containerPort: 80
${
  o.volume
    ? `          volumeMounts:
            - name: data
              mountPath: /usr/share/nginx/html
  volumeClaimTemplates:
    - metadata:
        name: data
      spec:
        accessModes: [ReadWriteOnce]
        resources:
          requests:
            storage: 1Gi`
    : ''
}
`;
}

export function createStatefulSet(ns: string, name: string, o: StsOptions = {}): void {
  kubectl(['apply', '-f', '-'], statefulSetYaml(ns, name, o));
}

/** Creates the StatefulSet unless one of that name exists (specs share `web` in `demo`). */
function ensureStatefulSet(ns: string, name: string, o: StsOptions = {}): void {
  const found = kubectl(['get', 'statefulsets', '-n', ns, '--field-selector', `metadata.name=${name}`, '-o', 'name']);
  if (!found.trim()) createStatefulSet(ns, name, o);
}

/** The list row of one StatefulSet (rows carry `data-row-key="<ns>/<name>"`). */
export function row(page: Page, ns: string, name: string) {
  return page.locator(`[role="row"][data-row-key="${ns}/${name}"]`);
}

/**
 * The `web` StatefulSet of console-spec.md §7 (nginx, 3 replicas, port http-80, volume template
 * `data` 1Gi, label app=web), with the annotations the console writes when it creates one.
 */
export function ensureWeb(): void {
  ensureStatefulSet('demo', 'web', {
    replicas: 3,
    volume: true,
    labels: { tier: 'frontend' },
    annotations: { 'ordinal.dev/display-name': 'Web tier', 'ordinal.dev/creator': 'admin' },
  });
}
