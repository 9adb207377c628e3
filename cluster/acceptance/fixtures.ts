// Manifests used by the acceptance suite (contract §10 "Fixtures").
import { mkdtempSync, writeFileSync } from 'node:fs';
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

/** Writes `content` to a fresh temp file named `name` and returns its path. */
export function fixtureFile(name: string, content: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'ordinal-fx-'));
  const p = join(dir, name);
  writeFileSync(p, content);
  return p;
}
