// The mutating admission plugins every Pod passes in a default 1.32 cluster (D-24):
// ServiceAccount (serviceAccountName default + the kube-api-access projected volume),
// DefaultTolerationSeconds and Priority. They run on Pod create only, after defaulting.
import { newForbidden } from '../../api/errors';
import { asArray, asObject, type JsonObject } from '../defaults/json';

const SERVICE_ACCOUNT_MOUNT_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';
const SUFFIX_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789'; // utilrand.String's alphabet

function randomSuffix(n: number, random: () => number = Math.random): string {
  let out = '';
  for (let i = 0; i < n; i++) out += SUFFIX_ALPHABET[Math.floor(random() * SUFFIX_ALPHABET.length) % SUFFIX_ALPHABET.length];
  return out;
}

/** The projected volume the ServiceAccount plugin adds (token expiry 3607s: 1h plus 7s of jitter guard). */
function kubeApiAccessVolume(name: string): JsonObject {
  return {
    name,
    projected: {
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
        { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } },
        { downwardAPI: { items: [{ path: 'namespace', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } }] } },
      ],
      defaultMode: 420,
    },
  };
}

/** ServiceAccount admission (plugin/pkg/admission/serviceaccount). */
function admitServiceAccount(spec: JsonObject, random?: () => number): void {
  if (!spec.serviceAccountName) spec.serviceAccountName = typeof spec.serviceAccount === 'string' && spec.serviceAccount ? spec.serviceAccount : 'default';
  spec.serviceAccount = spec.serviceAccountName; // the deprecated alias is kept in sync
  if (spec.automountServiceAccountToken === false) return;
  const containers = ['initContainers', 'containers'].flatMap((k) => asArray(spec[k])).map(asObject).filter((c): c is JsonObject => !!c);
  const alreadyMounted = containers.some((c) => asArray(c.volumeMounts).some((m) => asObject(m)?.mountPath === SERVICE_ACCOUNT_MOUNT_PATH));
  if (alreadyMounted) return;
  const volumes = asArray(spec.volumes);
  const taken = new Set(volumes.map((v) => asObject(v)?.name));
  let name = `kube-api-access-${randomSuffix(5, random)}`;
  while (taken.has(name)) name = `kube-api-access-${randomSuffix(5, random)}`;
  spec.volumes = [...volumes, kubeApiAccessVolume(name)];
  for (const c of containers) {
    c.volumeMounts = [...asArray(c.volumeMounts), { name, readOnly: true, mountPath: SERVICE_ACCOUNT_MOUNT_PATH }];
  }
}

/** DefaultTolerationSeconds: not-ready and unreachable NoExecute for 300s unless already tolerated. */
function admitDefaultTolerations(spec: JsonObject): void {
  const tolerations = asArray(spec.tolerations).map((t) => asObject(t) ?? {});
  const tolerates = (key: string): boolean =>
    tolerations.some((t) => (t.operator === 'Exists' && !t.key) || (t.key === key && (!t.effect || t.effect === 'NoExecute')));
  const out = [...tolerations];
  for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
    if (!tolerates(key)) out.push({ key, operator: 'Exists', effect: 'NoExecute', tolerationSeconds: 300 });
  }
  spec.tolerations = out;
}

/** The two system PriorityClasses every cluster has (scheduling.k8s.io is not served here). */
const SYSTEM_PRIORITY_CLASSES: Record<string, number> = { 'system-node-critical': 2000001000, 'system-cluster-critical': 2000000000 };

/** Priority admission: priority from the class (0 without one), PreemptLowerPriority; unknown classes are refused. */
function admitPriority(spec: JsonObject, podName = ''): void {
  const className = typeof spec.priorityClassName === 'string' ? spec.priorityClassName : '';
  if (className) {
    const value = SYSTEM_PRIORITY_CLASSES[className];
    if (value === undefined) throw newForbidden({ group: '', resource: 'pods' }, podName, `no PriorityClass with name ${className} was found`);
    spec.priority = value;
  } else if (spec.priority === undefined || spec.priority === null) {
    spec.priority = 0;
  }
  if (!spec.preemptionPolicy) spec.preemptionPolicy = 'PreemptLowerPriority';
}

export function admitPodDefaults(spec: JsonObject, random?: () => number, podName = ''): void {
  admitServiceAccount(spec, random);
  admitDefaultTolerations(spec);
  admitPriority(spec, podName);
}
