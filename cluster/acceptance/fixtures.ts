// Manifests used by the acceptance suite (contract §10 "Fixtures").
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export const STS_YAML = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: web
  replicas: 3
  selector:
    matchLabels:
      app: web
  template:
    metadata:
      labels:
        app: web
    spec:
      containers:
      - name: nginx
        image: nginx:1.25
        ports:
        - containerPort: 80
          name: http
  volumeClaimTemplates:
  - metadata:
      name: data
    spec:
      accessModes: ["ReadWriteOnce"]
      resources:
        requests:
          storage: 1Gi
`;

export const BAD_CM_YAML = `apiVersion: v1
kind: ConfigMap
metadata:
  name: bad
data:
  a: b
bogus: x
`;

export const GENERATE_POD_YAML = `apiVersion: v1
kind: Pod
metadata:
  generateName: gen-
spec:
  containers:
  - name: c
    image: busybox
`;

export function pod(name: string, labels: Record<string, string>, extra: Record<string, unknown> = {}): string {
  return JSON.stringify({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, labels },
    spec: { containers: [{ name: 'c', image: 'nginx:1.25' }], ...extra },
  });
}

let fixtureDir: string | undefined;
let counter = 0;

/** Writes `content` to a temp file named `name` (in a per-process directory removed at exit). */
export function fixtureFile(name: string, content: string): string {
  if (!fixtureDir) {
    const dir = mkdtempSync(join(tmpdir(), 'ordinal-fx-'));
    fixtureDir = dir;
  }
  const sub = join(fixtureDir, String(counter++));
  mkdirSync(sub);
  const p = join(sub, name);
  writeFileSync(p, content);
  return p;
}

/** Removes the files written by fixtureFile (call from afterAll). */
export function cleanupFixtures(): void {
  if (fixtureDir) rmSync(fixtureDir, { recursive: true, force: true });
  fixtureDir = undefined;
}
