// The essentials of ValidatePodSpec (pkg/apis/core/validation/validation.go) with upstream
// paths and messages: containers, images, ports, env, volumes and mounts, resources, probes,
// restart/DNS policies, tolerations. Used for Pods and for Deployment/ReplicaSet templates.
import { fieldErrors, type FieldError } from '../../api/errors';
import { asArray, asObject, asString, type JsonObject } from '../defaults/json';
import { VOLUME_SOURCE_NAMES } from '../defaults/podSpec';
import { validateLabels } from './objectMeta';
import { inclusiveRangeError, isDNS1123Label, isDNS1123Subdomain, isQualifiedName, isValidPortName, isValidPortNum, regexError } from './names';
import { compareQuantities, formatQuantity, parseQuantityValue, sign, type Quantity } from './quantity';

const ENV_VAR_NAME_FMT = '[-._a-zA-Z][-._a-zA-Z0-9]*';
const ENV_VAR_NAME_MSG = "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit";
const STANDARD_CONTAINER_RESOURCES = new Set(['cpu', 'memory', 'ephemeral-storage']);

function validateEnv(env: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  asArray(env).forEach((e, i) => {
    const ev = asObject(e) ?? {};
    const p = `${path}[${i}]`;
    const name = asString(ev.name);
    if (!name) errs.push(fieldErrors.required(`${p}.name`));
    else if (!new RegExp(`^${ENV_VAR_NAME_FMT}$`).test(name)) {
      errs.push(fieldErrors.invalid(`${p}.name`, name, regexError(ENV_VAR_NAME_MSG, ENV_VAR_NAME_FMT, 'my.env-name', 'MY_ENV.NAME', 'MyEnvName1')));
    }
    const from = asObject(ev.valueFrom);
    if (from) {
      const sources = ['fieldRef', 'resourceFieldRef', 'configMapKeyRef', 'secretKeyRef'].filter((k) => from[k] !== undefined && from[k] !== null);
      if (sources.length === 0) {
        errs.push(fieldErrors.invalid(`${p}.valueFrom`, '', 'must specify one of: `fieldRef`, `resourceFieldRef`, `configMapKeyRef` or `secretKeyRef`'));
      } else if (sources.length > 1) {
        errs.push(fieldErrors.invalid(`${p}.valueFrom`, '', 'may not have more than one field specified at a time'));
      }
      if (ev.value) errs.push(fieldErrors.invalid(`${p}.valueFrom`, '', 'may not be specified when `value` is not empty'));
    }
  });
  return errs;
}

function validatePorts(ports: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  asArray(ports).forEach((raw, i) => {
    const port = asObject(raw) ?? {};
    const p = `${path}[${i}]`;
    const name = asString(port.name);
    if (name) {
      const msgs = isValidPortName(name);
      if (msgs.length) for (const m of msgs) errs.push(fieldErrors.invalid(`${p}.name`, name, m));
      else if (names.has(name)) errs.push(fieldErrors.duplicate(`${p}.name`, name));
      else names.add(name);
    }
    const containerPort = typeof port.containerPort === 'number' ? port.containerPort : 0;
    if (containerPort === 0) errs.push(fieldErrors.required(`${p}.containerPort`));
    else for (const m of isValidPortNum(containerPort)) errs.push(fieldErrors.invalid(`${p}.containerPort`, containerPort, m));
    if (typeof port.hostPort === 'number' && port.hostPort !== 0) {
      for (const m of isValidPortNum(port.hostPort)) errs.push(fieldErrors.invalid(`${p}.hostPort`, port.hostPort, m));
    }
    const protocol = asString(port.protocol);
    if (!protocol) errs.push(fieldErrors.required(`${p}.protocol`));
    else if (!['SCTP', 'TCP', 'UDP'].includes(protocol)) errs.push(fieldErrors.notSupported(`${p}.protocol`, protocol, ['SCTP', 'TCP', 'UDP']));
  });
  return errs;
}

function quantityOf(v: unknown): Quantity | undefined {
  try {
    return parseQuantityValue(v);
  } catch {
    return undefined;
  }
}

/** ValidateContainerResourceRequirements: names, non-negative values, request ≤ limit. */
function validateResourceRequirements(resources: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const r = asObject(resources) ?? {};
  const limits = asObject(r.limits) ?? {};
  const requests = asObject(r.requests) ?? {};
  const checkName = (name: string, p: string): void => {
    if (STANDARD_CONTAINER_RESOURCES.has(name) || name.startsWith('hugepages-')) return;
    if (name.includes('/') && isQualifiedName(name).length === 0 && !name.startsWith('kubernetes.io/')) return;
    errs.push(fieldErrors.invalid(p, name, 'must be a standard resource for containers'));
  };
  for (const name of Object.keys(limits).sort()) {
    const p = `${path}.limits[${name}]`;
    checkName(name, p);
    const q = quantityOf(limits[name]);
    if (q && sign(q) < 0) errs.push(fieldErrors.invalid(p, formatQuantity(q), 'must be greater than or equal to 0'));
  }
  for (const name of Object.keys(requests).sort()) {
    const p = `${path}.requests[${name}]`;
    checkName(name, p);
    const q = quantityOf(requests[name]);
    if (!q) continue;
    if (sign(q) < 0) errs.push(fieldErrors.invalid(p, formatQuantity(q), 'must be greater than or equal to 0'));
    const lim = limits[name] !== undefined ? quantityOf(limits[name]) : undefined;
    const overcommittable = !name.startsWith('hugepages-') && (STANDARD_CONTAINER_RESOURCES.has(name) || !name.includes('/'));
    if (lim) {
      if (!overcommittable && compareQuantities(q, lim) !== 0) {
        errs.push(fieldErrors.invalid(`${path}.requests`, formatQuantity(q), `must be equal to ${name} limit of ${formatQuantity(lim)}`));
      } else if (compareQuantities(q, lim) > 0) {
        // Upstream reports these on the list path (`…resources.requests`), not the keyed one.
        errs.push(fieldErrors.invalid(`${path}.requests`, formatQuantity(q), `must be less than or equal to ${name} limit of ${formatQuantity(lim)}`));
      }
    } else if (!overcommittable) {
      errs.push(fieldErrors.required(`${path}.limits`, 'Limit must be set for non overcommitable resources'));
    }
  }
  return errs;
}

const HANDLERS = ['exec', 'httpGet', 'tcpSocket', 'grpc'];

function validateProbe(probe: unknown, path: string, mustSucceedOnce: boolean): FieldError[] {
  const pr = asObject(probe);
  if (!pr) return [];
  const errs: FieldError[] = [];
  const present = HANDLERS.filter((h) => pr[h] !== undefined && pr[h] !== null);
  if (present.length === 0) errs.push(fieldErrors.required(path, 'must specify a handler type'));
  for (const extra of present.slice(1)) errs.push(fieldErrors.forbidden(`${path}.${extra}`, 'may not specify more than 1 handler type'));
  for (const k of ['initialDelaySeconds', 'timeoutSeconds', 'periodSeconds', 'successThreshold', 'failureThreshold']) {
    const v = pr[k];
    if (typeof v === 'number' && v < 0) errs.push(fieldErrors.invalid(`${path}.${k}`, v, 'must be greater than or equal to 0'));
  }
  if (mustSucceedOnce && typeof pr.successThreshold === 'number' && pr.successThreshold !== 1) {
    errs.push(fieldErrors.invalid(`${path}.successThreshold`, pr.successThreshold, 'must be 1'));
  }
  const port = asObject(pr.httpGet)?.port ?? asObject(pr.tcpSocket)?.port;
  if (typeof port === 'number') {
    const where = pr.httpGet ? 'httpGet' : 'tcpSocket';
    for (const m of isValidPortNum(port)) errs.push(fieldErrors.invalid(`${path}.${where}.port`, port, m));
  }
  return errs;
}

function validateVolumeMounts(mounts: unknown, volumes: Set<string>, path: string): FieldError[] {
  const errs: FieldError[] = [];
  const mountPoints = new Set<string>();
  asArray(mounts).forEach((raw, i) => {
    const m = asObject(raw) ?? {};
    const p = `${path}[${i}]`;
    const name = asString(m.name);
    if (!name) errs.push(fieldErrors.required(`${p}.name`));
    if (!volumes.has(name)) errs.push(fieldErrors.notFound(`${p}.name`, name));
    const mountPath = asString(m.mountPath);
    if (!mountPath) errs.push(fieldErrors.required(`${p}.mountPath`));
    if (mountPoints.has(mountPath)) errs.push(fieldErrors.invalid(`${p}.mountPath`, mountPath, 'must be unique'));
    mountPoints.add(mountPath);
  });
  return errs;
}

function validateContainer(c: JsonObject, volumes: Set<string>, path: string, regular: boolean): FieldError[] {
  const errs: FieldError[] = [];
  const name = asString(c.name);
  if (!name) errs.push(fieldErrors.required(`${path}.name`));
  else for (const m of isDNS1123Label(name)) errs.push(fieldErrors.invalid(`${path}.name`, name, m));
  if (!asString(c.image)) errs.push(fieldErrors.required(`${path}.image`));
  const tmp = asString(c.terminationMessagePolicy);
  if (!tmp) errs.push(fieldErrors.required(`${path}.terminationMessagePolicy`, "must be 'File' or 'FallbackToLogsOnError'"));
  else if (tmp !== 'File' && tmp !== 'FallbackToLogsOnError') {
    errs.push(fieldErrors.notSupported(`${path}.terminationMessagePolicy`, tmp, ['File', 'FallbackToLogsOnError']));
  }
  errs.push(...validatePorts(c.ports, `${path}.ports`));
  errs.push(...validateEnv(c.env, `${path}.env`));
  errs.push(...validateVolumeMounts(c.volumeMounts, volumes, `${path}.volumeMounts`));
  const pull = asString(c.imagePullPolicy);
  if (!pull) errs.push(fieldErrors.required(`${path}.imagePullPolicy`));
  else if (!['Always', 'IfNotPresent', 'Never'].includes(pull)) {
    errs.push(fieldErrors.notSupported(`${path}.imagePullPolicy`, pull, ['Always', 'IfNotPresent', 'Never']));
  }
  errs.push(...validateResourceRequirements(c.resources, `${path}.resources`));
  if (regular) {
    errs.push(...validateProbe(c.livenessProbe, `${path}.livenessProbe`, true));
    errs.push(...validateProbe(c.readinessProbe, `${path}.readinessProbe`, false));
    errs.push(...validateProbe(c.startupProbe, `${path}.startupProbe`, true));
    if (c.restartPolicy !== undefined && c.restartPolicy !== null) {
      errs.push(fieldErrors.forbidden(`${path}.restartPolicy`, 'may not be set for non init containers'));
    }
  }
  return errs;
}

/** ValidateVolumes: returns the errors and the names that mounts may reference. */
function validateVolumes(volumes: unknown, path: string): { errs: FieldError[]; names: Set<string> } {
  const errs: FieldError[] = [];
  const names = new Set<string>();
  asArray(volumes).forEach((raw, i) => {
    const v = asObject(raw) ?? {};
    const p = `${path}[${i}]`;
    const el: FieldError[] = [];
    const sources = VOLUME_SOURCE_NAMES.filter((s) => v[s] !== undefined && v[s] !== null);
    if (sources.length === 0) el.push(fieldErrors.required(p, 'must specify a volume type'));
    for (const extra of sources.slice(1)) el.push(fieldErrors.forbidden(`${p}.${extra}`, 'may not specify more than 1 volume type'));
    const pvc = asObject(v.persistentVolumeClaim);
    if (pvc && !asString(pvc.claimName)) el.push(fieldErrors.required(`${p}.persistentVolumeClaim.claimName`));
    const secret = asObject(v.secret);
    if (secret && !asString(secret.secretName)) el.push(fieldErrors.required(`${p}.secret.secretName`));
    const configMap = asObject(v.configMap);
    if (configMap && !asString(configMap.name)) el.push(fieldErrors.required(`${p}.configMap.name`));
    const name = asString(v.name);
    if (!name) el.push(fieldErrors.required(`${p}.name`));
    else for (const m of isDNS1123Label(name)) el.push(fieldErrors.invalid(`${p}.name`, name, m));
    if (names.has(name)) el.push(fieldErrors.duplicate(`${p}.name`, name));
    if (el.length === 0) names.add(name);
    else errs.push(...el);
  });
  return { errs, names };
}

function validateTolerations(tolerations: unknown, path: string): FieldError[] {
  const errs: FieldError[] = [];
  asArray(tolerations).forEach((raw, i) => {
    const t = asObject(raw) ?? {};
    const p = `${path}[${i}]`;
    const key = asString(t.key);
    if (key) for (const m of isQualifiedName(key)) errs.push(fieldErrors.invalid(`${p}.key`, key, m));
    const op = asString(t.operator) || 'Equal';
    if (!key && op !== 'Exists') errs.push(fieldErrors.invalid(`${p}.operator`, op, 'operator must be Exists when `key` is empty, which means "match all values and all keys"'));
    if (op !== 'Equal' && op !== 'Exists') errs.push(fieldErrors.notSupported(`${p}.operator`, op, ['Equal', 'Exists']));
    if (op === 'Exists' && asString(t.value)) errs.push(fieldErrors.invalid(`${p}.operator`, t.value, 'value must be empty when `operator` is \'Exists\''));
    const effect = asString(t.effect);
    if (effect && !['NoSchedule', 'PreferNoSchedule', 'NoExecute'].includes(effect)) {
      errs.push(fieldErrors.notSupported(`${p}.effect`, effect, ['NoSchedule', 'PreferNoSchedule', 'NoExecute']));
    }
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null && effect !== 'NoExecute') {
      errs.push(fieldErrors.invalid(`${p}.effect`, effect, "effect must be 'NoExecute' when `tolerationSeconds` is set"));
    }
  });
  return errs;
}

/** ValidatePodSpec (the parts Ordinal's simulation exercises). `path` is e.g. "spec" or "spec.template.spec". */
export function validatePodSpec(spec: JsonObject | undefined, path: string): FieldError[] {
  const s = spec ?? {};
  const errs: FieldError[] = [];
  const { errs: volErrs, names: volumes } = validateVolumes(s.volumes, `${path}.volumes`);
  errs.push(...volErrs);
  const containers = asArray(s.containers);
  if (containers.length === 0) errs.push(fieldErrors.required(`${path}.containers`));
  const allNames = new Set<string>();
  containers.forEach((raw, i) => {
    const c = asObject(raw) ?? {};
    const p = `${path}.containers[${i}]`;
    errs.push(...validateContainer(c, volumes, p, true));
    const name = asString(c.name);
    if (allNames.has(name)) errs.push(fieldErrors.duplicate(`${p}.name`, name));
    else allNames.add(name);
  });
  asArray(s.initContainers).forEach((raw, i) => {
    const c = asObject(raw) ?? {};
    const p = `${path}.initContainers[${i}]`;
    errs.push(...validateContainer(c, volumes, p, false));
    const name = asString(c.name);
    if (allNames.has(name)) errs.push(fieldErrors.duplicate(`${p}.name`, name));
    else allNames.add(name);
  });
  const restart = asString(s.restartPolicy);
  if (!restart) errs.push(fieldErrors.required(`${path}.restartPolicy`));
  else if (!['Always', 'OnFailure', 'Never'].includes(restart)) {
    errs.push(fieldErrors.notSupported(`${path}.restartPolicy`, restart, ['Always', 'OnFailure', 'Never']));
  }
  const dns = asString(s.dnsPolicy);
  if (!dns) errs.push(fieldErrors.required(`${path}.dnsPolicy`));
  else if (!['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None'].includes(dns)) {
    errs.push(fieldErrors.notSupported(`${path}.dnsPolicy`, dns, ['ClusterFirstWithHostNet', 'ClusterFirst', 'Default', 'None']));
  }
  const nodeSelector = asObject(s.nodeSelector) as Record<string, string> | undefined;
  errs.push(...validateLabels(nodeSelector, `${path}.nodeSelector`));
  const sa = asString(s.serviceAccountName);
  if (sa) for (const m of isDNS1123Subdomain(sa)) errs.push(fieldErrors.invalid(`${path}.serviceAccountName`, sa, m));
  const nodeName = asString(s.nodeName);
  if (nodeName) for (const m of isDNS1123Subdomain(nodeName)) errs.push(fieldErrors.invalid(`${path}.nodeName`, nodeName, m));
  if (typeof s.activeDeadlineSeconds === 'number' && (s.activeDeadlineSeconds < 1 || s.activeDeadlineSeconds > 2147483647)) {
    errs.push(fieldErrors.invalid(`${path}.activeDeadlineSeconds`, s.activeDeadlineSeconds, inclusiveRangeError(1, 2147483647)));
  }
  for (const key of ['hostname', 'subdomain']) {
    const v = asString(s[key]);
    if (v) for (const m of isDNS1123Label(v)) errs.push(fieldErrors.invalid(`${path}.${key}`, v, m));
  }
  errs.push(...validateTolerations(s.tolerations, `${path}.tolerations`));
  return errs;
}
