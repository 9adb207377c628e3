// Pod spec defaulting (pkg/apis/core/v1/defaults.go), applied to Pods and, identically, to pod
// templates (semantics §1.2, D-10..D-22). Pod-only defaults (D-24) live in `pod.ts` / admission.
import { canonicalQuantityForList, type JsonObject, asObject, asArray } from './json';

// Docker reference grammar (distribution/reference), enough to find the tag the way
// parsers.ParseImageName does for D-22.
const ALNUM = '[a-z0-9]+';
const SEP = '(?:[._]|__|[-]+)';
const PATH_COMPONENT = `${ALNUM}(?:${SEP}${ALNUM})*`;
const DOMAIN_COMPONENT = '(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])';
const DOMAIN = `(?:${DOMAIN_COMPONENT}(?:\\.${DOMAIN_COMPONENT})*|\\[[a-fA-F0-9:]+\\])(?::[0-9]+)?`;
const TAG = '[\\w][\\w.-]{0,127}';
const DIGEST = '[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,}';
const REFERENCE = new RegExp(`^(?:${DOMAIN}/)?${PATH_COMPONENT}(?:/${PATH_COMPONENT})*(?::(${TAG}))?(?:@(${DIGEST}))?$`);

/** The tag a registry client would pull: `latest` when neither tag nor digest, '' when unparseable or digest-only. */
function imageTag(image: string): string {
  const m = REFERENCE.exec(image);
  if (!m || image.length > 255 + 200) return '';
  if (m[1]) return m[1];
  if (m[2]) return '';
  return 'latest';
}

/** D-22: `latest` → Always, anything else → IfNotPresent. */
function defaultImagePullPolicy(image: string): 'Always' | 'IfNotPresent' {
  return imageTag(image) === 'latest' ? 'Always' : 'IfNotPresent';
}

function defaultHTTPGet(handler: JsonObject | undefined): void {
  const get = asObject(handler?.httpGet);
  if (!get) return;
  if (get.path === undefined || get.path === '') get.path = '/';
  if (get.scheme === undefined || get.scheme === '') get.scheme = 'HTTP';
}

/** D-17/D-18 */
function defaultProbe(probe: JsonObject | undefined): void {
  if (!probe) return;
  if (!probe.timeoutSeconds) probe.timeoutSeconds = 1;
  if (!probe.periodSeconds) probe.periodSeconds = 10;
  if (!probe.successThreshold) probe.successThreshold = 1;
  if (!probe.failureThreshold) probe.failureThreshold = 3;
  defaultHTTPGet(probe);
  const grpc = asObject(probe.grpc);
  if (grpc && grpc.service === undefined) grpc.service = '';
}

/** D-19: env fieldRef apiVersion; resourceFieldRef divisor serializes as "0" (zero Quantity). */
function defaultEnv(env: unknown): void {
  for (const e of asArray(env)) {
    const from = asObject(asObject(e)?.valueFrom);
    const fieldRef = asObject(from?.fieldRef);
    if (fieldRef && !fieldRef.apiVersion) fieldRef.apiVersion = 'v1';
    const resRef = asObject(from?.resourceFieldRef);
    if (resRef) resRef.divisor = resRef.divisor === undefined ? '0' : canonicalQuantityForList(resRef.divisor, false);
  }
}

function defaultResourceRequirements(resources: JsonObject): void {
  for (const key of ['limits', 'requests']) {
    const list = asObject(resources[key]);
    if (!list) continue;
    for (const name of Object.keys(list)) list[name] = canonicalQuantityForList(list[name], true);
  }
}

/** D-15, D-16, D-17, D-21, D-22 for one container (regular, init or ephemeral). */
function defaultContainer(c: JsonObject): void {
  if (!c.imagePullPolicy) c.imagePullPolicy = defaultImagePullPolicy(typeof c.image === 'string' ? c.image : '');
  if (!c.terminationMessagePath) c.terminationMessagePath = '/dev/termination-log';
  if (!c.terminationMessagePolicy) c.terminationMessagePolicy = 'File';
  for (const p of asArray(c.ports)) {
    const port = asObject(p);
    if (port && !port.protocol) port.protocol = 'TCP';
  }
  // ResourceRequirements is a struct without a pointer: Go always serializes `resources: {}`.
  if (!asObject(c.resources)) c.resources = {};
  defaultResourceRequirements(c.resources as JsonObject);
  defaultProbe(asObject(c.livenessProbe));
  defaultProbe(asObject(c.readinessProbe));
  defaultProbe(asObject(c.startupProbe));
  const lifecycle = asObject(c.lifecycle);
  if (lifecycle) {
    defaultHTTPGet(asObject(lifecycle.postStart));
    defaultHTTPGet(asObject(lifecycle.preStop));
  }
  defaultEnv(c.env);
}

const VOLUME_SOURCES = [
  'hostPath', 'emptyDir', 'gcePersistentDisk', 'awsElasticBlockStore', 'gitRepo', 'secret', 'nfs', 'iscsi',
  'glusterfs', 'persistentVolumeClaim', 'rbd', 'flexVolume', 'cinder', 'cephfs', 'flocker', 'downwardAPI', 'fc',
  'azureFile', 'configMap', 'vsphereVolume', 'quobyte', 'azureDisk', 'photonPersistentDisk', 'projected',
  'portworxVolume', 'scaleIO', 'storageos', 'csi', 'ephemeral', 'image',
];
export const VOLUME_SOURCE_NAMES: readonly string[] = VOLUME_SOURCES;

function defaultDownwardItems(items: unknown): void {
  for (const it of asArray(items)) {
    const item = asObject(it);
    const fieldRef = asObject(item?.fieldRef);
    if (fieldRef && !fieldRef.apiVersion) fieldRef.apiVersion = 'v1';
    const resRef = asObject(item?.resourceFieldRef);
    if (resRef) resRef.divisor = resRef.divisor === undefined ? '0' : canonicalQuantityForList(resRef.divisor, false);
  }
}

/** D-20 */
function defaultVolume(v: JsonObject): void {
  if (!VOLUME_SOURCES.some((s) => v[s] !== undefined && v[s] !== null)) v.emptyDir = {};
  for (const key of ['configMap', 'secret', 'downwardAPI', 'projected']) {
    const src = asObject(v[key]);
    if (src && src.defaultMode === undefined) src.defaultMode = 420;
  }
  const hostPath = asObject(v.hostPath);
  if (hostPath && hostPath.type === undefined) hostPath.type = '';
  const emptyDir = asObject(v.emptyDir);
  if (emptyDir && emptyDir.sizeLimit !== undefined) emptyDir.sizeLimit = canonicalQuantityForList(emptyDir.sizeLimit, false);
  defaultDownwardItems(asObject(v.downwardAPI)?.items);
  for (const s of asArray(asObject(v.projected)?.sources)) {
    const src = asObject(s);
    const token = asObject(src?.serviceAccountToken);
    if (token && token.expirationSeconds === undefined) token.expirationSeconds = 3600;
    defaultDownwardItems(asObject(src?.downwardAPI)?.items);
  }
}

/** D-10..D-22 on a PodSpec (template or pod). */
export function defaultPodSpec(spec: JsonObject): void {
  if (!spec.dnsPolicy) spec.dnsPolicy = 'ClusterFirst';
  if (!spec.restartPolicy) spec.restartPolicy = 'Always';
  if (!asObject(spec.securityContext)) spec.securityContext = {};
  if (spec.terminationGracePeriodSeconds === undefined || spec.terminationGracePeriodSeconds === null) {
    spec.terminationGracePeriodSeconds = 30;
  }
  if (!spec.schedulerName) spec.schedulerName = 'default-scheduler';
  for (const key of ['containers', 'initContainers', 'ephemeralContainers']) {
    for (const c of asArray(spec[key])) {
      const container = asObject(c);
      if (container) defaultContainer(container);
    }
  }
  for (const v of asArray(spec.volumes)) {
    const vol = asObject(v);
    if (vol) defaultVolume(vol);
  }
  const overhead = asObject(spec.overhead);
  if (overhead) for (const k of Object.keys(overhead)) overhead[k] = canonicalQuantityForList(overhead[k], true);
}

/** SetDefaults_Pod: the parts that exist on Pods but not on templates (D-24, non-admission half). */
export function defaultPodOnlySpec(spec: JsonObject): void {
  for (const key of ['containers', 'initContainers']) {
    for (const c of asArray(spec[key])) {
      const container = asObject(c);
      const resources = asObject(container?.resources);
      const limits = asObject(resources?.limits);
      if (!resources || !limits) continue;
      const requests = asObject(resources.requests) ?? {};
      for (const [name, q] of Object.entries(limits)) if (requests[name] === undefined) requests[name] = q;
      resources.requests = requests;
    }
  }
  if (spec.enableServiceLinks === undefined || spec.enableServiceLinks === null) spec.enableServiceLinks = true;
  if (spec.hostNetwork === true) {
    for (const key of ['containers', 'initContainers']) {
      for (const c of asArray(spec[key])) {
        for (const p of asArray(asObject(c)?.ports)) {
          const port = asObject(p);
          if (port && !port.hostPort) port.hostPort = port.containerPort;
        }
      }
    }
  }
}

/** Ensures a (template) metadata object exists; templates always carry one. */
export function ensureObject(parent: JsonObject, key: string): JsonObject {
  const existing = asObject(parent[key]);
  if (existing) return existing;
  const created: JsonObject = {};
  parent[key] = created;
  return created;
}
