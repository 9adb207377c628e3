// Service strategy (pkg/registry/core/service, core validation). Cluster IPs and node ports need
// cluster-wide state, so allocation goes through a ServiceAllocator the store provides
// (`newServiceAllocator(() => listAllServices())`); see kinds/base.ts.
import { fieldErrors, newInvalid, type FieldError } from '../../api/errors';
import type { KubeObject } from '../../types';
import type { ResourceDescriptor } from '../resources';
import { asArray, asObject, asString } from '../defaults/json';
import { goStringSlice, goValue } from '../validation/gofmt';
import { isDNS1123Label, isValidPortName, isValidPortNum, nameIsDNS1035Label } from '../validation/names';
import { validateLabels } from '../validation/objectMeta';
import { makeStrategy, specOf, type ServiceAllocator, type Strategy, type StrategyDeps } from './base';

const SERVICE_CIDR_BASE = (10 << 24) | (96 << 16); // 10.96.0.0/12
const SERVICE_CIDR_SIZE = 1 << 20;
const NODE_PORT_MIN = 30000;
const NODE_PORT_MAX = 32767;
const TYPES = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];

function ipToInt(ip: string): number | undefined {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(ip);
  if (!m) return undefined;
  const parts = m.slice(1).map(Number);
  if (parts.some((p) => p > 255)) return undefined;
  return ((parts[0] << 24) >>> 0) + (parts[1] << 16) + (parts[2] << 8) + parts[3];
}

function intToIp(n: number): string {
  return [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

function hash(s: string): number {
  let h = 2166136261;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0;
  return h;
}

function invalidService(svc: KubeObject, errs: FieldError[]): never {
  throw newInvalid('Service', '', svc.metadata.name ?? '', errs);
}

/**
 * An allocator over the Services `list()` returns (the store's view). Free IPs are probed from
 * a per-name hash so addresses look random yet stay deterministic for tests.
 */
export function newServiceAllocator(list: () => KubeObject[]): ServiceAllocator {
  const handedOut = new Set<string>();
  const handedPorts = new Set<number>();
  const usedIPs = (): Set<string> => {
    const used = new Set(handedOut);
    for (const s of list()) for (const ip of asArray(asObject(s.spec)?.clusterIPs)) used.add(String(ip));
    return used;
  };
  const usedPorts = (svc: KubeObject): Set<number> => {
    const used = new Set(handedPorts);
    for (const s of [...list(), svc]) {
      for (const p of asArray(asObject(s.spec)?.ports)) {
        const np = asObject(p)?.nodePort;
        if (typeof np === 'number') used.add(np);
      }
    }
    return used;
  };
  return {
    allocateClusterIP(svc, requested) {
      const used = usedIPs();
      if (requested) {
        const n = ipToInt(requested);
        const errAt = (detail: string): never =>
          invalidService(svc, [fieldErrors.invalid('spec.clusterIPs', goValue(goStringSlice([requested])), `failed to allocate IP ${requested}: ${detail}`)]);
        if (n === undefined || n < SERVICE_CIDR_BASE || n >= SERVICE_CIDR_BASE + SERVICE_CIDR_SIZE) {
          errAt('provided IP is not in the valid range. The range of valid IPs is 10.96.0.0/12');
        }
        if (used.has(requested)) errAt('provided IP is already allocated');
        handedOut.add(requested);
        return requested;
      }
      // Skip the network address and 10.96.0.1 (the `kubernetes` Service) and the top of the range.
      const span = SERVICE_CIDR_SIZE - 3;
      const start = hash(`${svc.metadata.namespace ?? ''}/${svc.metadata.name ?? ''}`) % span;
      for (let i = 0; i < span; i++) {
        const ip = intToIp(SERVICE_CIDR_BASE + 2 + ((start + i) % span));
        if (!used.has(ip)) {
          handedOut.add(ip);
          return ip;
        }
      }
      return invalidService(svc, [fieldErrors.invalid('spec.clusterIPs', goValue('[]string{}'), 'failed to allocate IP: range is full')]);
    },
    allocateNodePort(svc, requested) {
      const used = usedPorts(svc);
      if (requested !== undefined) {
        if (requested < NODE_PORT_MIN || requested > NODE_PORT_MAX) {
          invalidService(svc, [
            fieldErrors.invalid('spec.ports[0].nodePort', requested, `provided port is not in the valid range. The range of valid ports is ${NODE_PORT_MIN}-${NODE_PORT_MAX}`),
          ]);
        }
        handedPorts.add(requested);
        return requested;
      }
      const span = NODE_PORT_MAX - NODE_PORT_MIN + 1;
      const start = hash(`${svc.metadata.namespace ?? ''}/${svc.metadata.name ?? ''}`) % span;
      for (let i = 0; i < span; i++) {
        const port = NODE_PORT_MIN + ((start + i) % span);
        if (!used.has(port)) {
          handedPorts.add(port);
          return port;
        }
      }
      return invalidService(svc, [fieldErrors.invalid('spec.ports[0].nodePort', 0, 'range is full')]);
    },
  };
}

const usesNodePorts = (type: string): boolean => type === 'NodePort' || type === 'LoadBalancer';

/** SetDefaults_Service. */
function defaultService(obj: KubeObject): void {
  const spec = specOf(obj);
  if (!spec.sessionAffinity) spec.sessionAffinity = 'None';
  if (spec.sessionAffinity === 'None') delete spec.sessionAffinityConfig;
  if (spec.sessionAffinity === 'ClientIP') {
    const cfg = asObject(spec.sessionAffinityConfig) ?? {};
    const clientIP = asObject(cfg.clientIP) ?? {};
    if (clientIP.timeoutSeconds === undefined) clientIP.timeoutSeconds = 10800;
    cfg.clientIP = clientIP;
    spec.sessionAffinityConfig = cfg;
  }
  if (!spec.type) spec.type = 'ClusterIP';
  for (const p of asArray(spec.ports)) {
    const port = asObject(p);
    if (!port) continue;
    if (!port.protocol) port.protocol = 'TCP';
    if (port.targetPort === undefined || port.targetPort === null || port.targetPort === 0 || port.targetPort === '') port.targetPort = port.port;
  }
  const type = asString(spec.type);
  if (usesNodePorts(type) && !spec.externalTrafficPolicy) spec.externalTrafficPolicy = 'Cluster';
  if (type !== 'ExternalName' && !spec.internalTrafficPolicy) spec.internalTrafficPolicy = 'Cluster';
  if (type === 'LoadBalancer' && spec.allocateLoadBalancerNodePorts === undefined) spec.allocateLoadBalancerNodePorts = true;
}

/** Cluster IP, IP families and node ports (the registry's allocation step on create). */
function allocate(obj: KubeObject, allocator: ServiceAllocator): void {
  const spec = specOf(obj);
  const type = asString(spec.type);
  if (type === 'ExternalName') return;
  const requested = asString(spec.clusterIP) || asString(asArray(spec.clusterIPs)[0]);
  if (requested === 'None') {
    spec.clusterIP = 'None';
    spec.clusterIPs = ['None'];
    spec.ipFamilyPolicy = spec.ipFamilyPolicy ?? (spec.selector ? 'SingleStack' : 'RequireDualStack');
  } else {
    const ip = allocator.allocateClusterIP(obj, requested || undefined);
    spec.clusterIP = ip;
    spec.clusterIPs = [ip];
    spec.ipFamilyPolicy = spec.ipFamilyPolicy ?? 'SingleStack';
  }
  spec.ipFamilies = spec.ipFamilies ?? ['IPv4'];
  if (usesNodePorts(type) && spec.allocateLoadBalancerNodePorts !== false) {
    for (const p of asArray(spec.ports)) {
      const port = asObject(p);
      if (!port) continue;
      port.nodePort = allocator.allocateNodePort(obj, typeof port.nodePort === 'number' && port.nodePort !== 0 ? port.nodePort : undefined);
    }
  }
}

/** PrepareForUpdate: an update that omits allocated values keeps them (patchAllocatedValues). */
function keepAllocated(obj: KubeObject, old: KubeObject): void {
  const spec = specOf(obj);
  const prev = asObject(old.spec) ?? {};
  if (spec.type !== 'ExternalName' && prev.type !== 'ExternalName') {
    if (!spec.clusterIP && prev.clusterIP) spec.clusterIP = prev.clusterIP;
    if (asArray(spec.clusterIPs).length === 0 && prev.clusterIPs) spec.clusterIPs = prev.clusterIPs;
    if (!spec.ipFamilies && prev.ipFamilies) spec.ipFamilies = prev.ipFamilies;
    if (!spec.ipFamilyPolicy && prev.ipFamilyPolicy) spec.ipFamilyPolicy = prev.ipFamilyPolicy;
  }
  if (usesNodePorts(asString(spec.type))) {
    for (const p of asArray(spec.ports)) {
      const port = asObject(p);
      if (!port || port.nodePort) continue;
      const same = asArray(prev.ports).map(asObject).find((o) => o && o.port === port.port && o.protocol === port.protocol);
      if (same?.nodePort) port.nodePort = same.nodePort;
    }
  }
}

function validateService(obj: KubeObject): FieldError[] {
  const spec = asObject(obj.spec) ?? {};
  const errs: FieldError[] = [];
  const type = asString(spec.type);
  const headless = spec.clusterIP === 'None';
  const ports = asArray(spec.ports).map((p) => asObject(p) ?? {});
  if (type !== 'ExternalName' && !headless && ports.length === 0) errs.push(fieldErrors.required('spec.ports'));
  if (type === 'ExternalName' && !asString(spec.externalName)) errs.push(fieldErrors.required('spec.externalName'));
  const names = new Set<string>();
  ports.forEach((port, i) => {
    const p = `spec.ports[${i}]`;
    const name = asString(port.name);
    if (ports.length > 1 && !name) errs.push(fieldErrors.required(`${p}.name`));
    else if (name) {
      // Service port names are DNS labels (container ports use the stricter IANA_SVC_NAME rule).
      const msgs = isDNS1123Label(name);
      for (const m of msgs) errs.push(fieldErrors.invalid(`${p}.name`, name, m));
      if (names.has(name)) errs.push(fieldErrors.duplicate(`${p}.name`, name));
      names.add(name);
    }
    const num = typeof port.port === 'number' ? port.port : 0;
    for (const m of isValidPortNum(num)) errs.push(fieldErrors.invalid(`${p}.port`, num, m));
    const protocol = asString(port.protocol);
    if (!['SCTP', 'TCP', 'UDP'].includes(protocol)) errs.push(fieldErrors.notSupported(`${p}.protocol`, protocol, ['SCTP', 'TCP', 'UDP']));
    const tp = port.targetPort;
    if (typeof tp === 'number') for (const m of isValidPortNum(tp)) errs.push(fieldErrors.invalid(`${p}.targetPort`, tp, m));
    else if (typeof tp === 'string') for (const m of isValidPortName(tp)) errs.push(fieldErrors.invalid(`${p}.targetPort`, tp, m));
    if (port.nodePort && !usesNodePorts(type)) {
      errs.push(fieldErrors.forbidden(`${p}.nodePort`, `may not be used when \`type\` is '${type}'`));
    }
  });
  if (!TYPES.includes(type)) errs.push(fieldErrors.notSupported('spec.type', type, TYPES));
  const affinity = asString(spec.sessionAffinity);
  if (!['ClientIP', 'None'].includes(affinity)) errs.push(fieldErrors.notSupported('spec.sessionAffinity', affinity, ['ClientIP', 'None']));
  errs.push(...validateLabels(asObject(spec.selector) as Record<string, string> | undefined, 'spec.selector'));
  return errs;
}

function validateServiceUpdate(obj: KubeObject, old: KubeObject): FieldError[] {
  const spec = asObject(obj.spec) ?? {};
  const prev = asObject(old.spec) ?? {};
  if (spec.type === 'ExternalName' || prev.type === 'ExternalName') return [];
  if (spec.clusterIP === 'None' && prev.clusterIP === 'None') return [];
  const next = asArray(spec.clusterIPs).map(String);
  const errs: FieldError[] = [];
  asArray(prev.clusterIPs).forEach((ip, i) => {
    if (next[i] !== ip) errs.push(fieldErrors.invalid(`spec.clusterIPs[${i}]`, goValue(goStringSlice(next)), 'may not change once set'));
  });
  return errs;
}

export function serviceStrategy(d: ResourceDescriptor, deps: StrategyDeps = {}): Strategy {
  const allocator = deps.serviceAllocator ?? newServiceAllocator(() => []);
  return makeStrategy(d, {
    nameValidator: nameIsDNS1035Label,
    emptyStatus: () => ({ loadBalancer: {} }),
    defaults: defaultService,
    prepareCreate: (obj) => allocate(obj, allocator),
    prepareUpdate: keepAllocated,
    validate: validateService,
    validateUpdate: validateServiceUpdate,
  });
}

