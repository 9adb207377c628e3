// Turns client-node models into OpenAPI v3 component schemas (contract D-14 item 3/4, D-15):
// upstream schema names, `required`, descriptions, `allOf`-wrapped references, the
// x-kubernetes-* patch/list extensions from the server's own merge-key table (5.4), and
// x-kubernetes-group-version-kind on every served kind. Fields newer than Kubernetes 1.32 are
// dropped so that strict decoding (P-5) rejects them as upstream 1.32 would.
import { RESOURCES, type ResourceDescriptor } from '../../registry/resources';
import { openAPIFieldExtensions, openAPITypeExtensions } from '../patch/mergeKeys';
import { arrayItemType, mapValueType, readModel, type ModelAttribute } from './models';
import { modelForKind, referencedModel, schemaName } from './naming';

export type Schema = Record<string, unknown>;

const INT_OR_STRING = 'io.k8s.apimachinery.pkg.util.intstr.IntOrString';
const QUANTITY = 'io.k8s.apimachinery.pkg.api.resource.Quantity';
const PATCH = 'io.k8s.apimachinery.pkg.apis.meta.v1.Patch';

/**
 * client-node 1.4 describes Kubernetes 1.34. These properties were added after 1.32 and are
 * not implemented by the server, so they must not be accepted (D-15).
 */
const DROPPED_FIELDS: Record<string, string[]> = {
  V1PodSpec: ['hostnameOverride'],
  V1Container: ['restartPolicyRules'],
  V1EphemeralContainer: ['restartPolicyRules'],
  V1ContainerStatus: ['stopSignal'],
  V1Lifecycle: ['stopSignal'],
  V1PodStatus: ['extendedResourceClaimStatus', 'observedGeneration'],
  V1PodCondition: ['observedGeneration'],
  V1DeploymentStatus: ['terminatingReplicas'],
  V1ReplicaSetStatus: ['terminatingReplicas'],
  V1EnvVarSource: ['fileKeyRef'],
  V1VolumeProjection: ['podCertificate'],
  V1EndpointHints: ['forNodes'],
  V2HPAScalingRules: ['tolerance'],
};

/** Quantity-valued properties: client-node types them as plain strings (maps of strings). */
const QUANTITY_FIELDS: Record<string, string[]> = {
  V1ResourceRequirements: ['limits', 'requests'],
  V1VolumeResourceRequirements: ['limits', 'requests'],
  V1PersistentVolumeClaimStatus: ['capacity', 'allocatedResources'],
  V1PersistentVolumeSpec: ['capacity'],
  V1NodeStatus: ['capacity', 'allocatable'],
  V1ResourceQuotaSpec: ['hard'],
  V1ResourceQuotaStatus: ['hard', 'used'],
  V1LimitRangeItem: ['max', 'min', 'default', 'defaultRequest', 'maxLimitRequestRatio'],
  V1ContainerStatus: ['allocatedResources'],
  V1PodSpec: ['overhead'],
  V1EmptyDirVolumeSource: ['sizeLimit'],
  V1ResourceFieldSelector: ['divisor'],
  V2MetricTarget: ['averageValue', 'value'],
  V2MetricValueStatus: ['averageValue', 'value'],
};

function ref(name: string): Schema {
  return { $ref: `#/components/schemas/${name}` };
}

/** Schema for one attribute type; `deps` collects referenced component names. */
/** Referenced component names, each with its client-node model (undefined for built-in schemas). */
export type Deps = Map<string, string | undefined>;

function typeSchema(type: string, format: string, quantity: boolean, deps: Deps): Schema {
  const item = arrayItemType(type);
  if (item !== undefined) return { type: 'array', items: typeSchema(item, format, quantity, deps) };
  const value = mapValueType(type);
  if (value !== undefined) return { type: 'object', additionalProperties: typeSchema(value, format, quantity, deps) };
  if (quantity && type === 'string') {
    deps.set(QUANTITY, undefined);
    return ref(QUANTITY);
  }
  switch (type) {
    case 'string':
      return format === 'byte' ? { type: 'string', format: 'byte' } : { type: 'string' };
    case 'number':
      if (format === 'int32' || format === 'int64') return { type: 'integer', format };
      return format ? { type: 'number', format } : { type: 'number' };
    case 'boolean':
      return { type: 'boolean' };
    case 'Date':
      return { type: 'string', format: 'date-time' };
    case 'any':
      return { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
    case 'IntOrString':
      deps.set(INT_OR_STRING, undefined);
      return ref(INT_OR_STRING);
    default: {
      const target = schemaName(type);
      if (!target) return { type: 'object', 'x-kubernetes-preserve-unknown-fields': true };
      deps.set(target, type);
      return ref(target);
    }
  }
}

/** Upstream's uniform field docs for `metadata`, which client-node leaves undocumented. */
const STANDARD_METADATA: Record<string, string> = {
  V1ObjectMeta: "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata",
  V1ListMeta: 'Standard list metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds',
};

/** OpenAPI 3.0 ignores siblings of $ref, so references are wrapped in allOf (D-14 item 4). */
function wrapRefs(s: Schema): Schema {
  if (s.$ref) return { allOf: [s] };
  const out = { ...s };
  if (out.items) out.items = wrapRefs(out.items as Schema);
  if (out.additionalProperties && typeof out.additionalProperties === 'object') {
    out.additionalProperties = wrapRefs(out.additionalProperties as Schema);
  }
  return out;
}

function propertySchema(model: string, a: ModelAttribute, ownName: string, deps: Deps): Schema {
  const quantity = QUANTITY_FIELDS[model]?.includes(a.name) ?? false;
  const out = wrapRefs(typeSchema(a.type, a.format, quantity, deps));
  // client-node documents struct-typed fields only on their type; use that text so that
  // `kubectl explain` field listings are not blank (the FIELD header then repeats it once).
  const target = referencedModel(a.type);
  const description = a.description ?? STANDARD_METADATA[a.type] ?? (target && a.type === target ? readModel(target)?.description : undefined);
  if (description) out.description = description;
  return { ...out, ...openAPIFieldExtensions(ownName, a.name) };
}

/** The component schema of one model under its upstream name, plus the names it references. */
export function modelSchema(model: string): { name: string; schema: Schema; deps: Deps } | undefined {
  const m = readModel(model);
  const name = schemaName(model);
  if (!m || !name) return undefined;
  const deps: Deps = new Map();
  const dropped = new Set(DROPPED_FIELDS[model] ?? []);
  const properties: Record<string, Schema> = {};
  const required: string[] = [];
  for (const a of m.attributes) {
    if (dropped.has(a.name)) continue;
    properties[a.name] = propertySchema(model, a, name, deps);
    if (a.required) required.push(a.name);
  }
  const schema: Schema = {};
  if (m.description) schema.description = m.description;
  schema.properties = properties;
  if (required.length) schema.required = required.sort();
  schema.type = 'object';
  Object.assign(schema, openAPITypeExtensions(name));
  return { name, schema, deps };
}

/** Primitive helper schemas that have no client-node model. */
export const BUILTIN_SCHEMAS: Record<string, Schema> = {
  [INT_OR_STRING]: {
    description:
      'IntOrString is a type that can hold an int32 or a string.  When used in JSON or YAML marshalling and unmarshalling, it produces or consumes the inner type.  This allows you to have, for example, a JSON field that can accept a name or number.',
    format: 'int-or-string',
    // OpenAPI v3 form of intstr.IntOrString (OpenAPIV3OneOfTypes); kubectl explain then shows <IntOrString>.
    oneOf: [{ type: 'integer' }, { type: 'string' }],
  },
  [QUANTITY]: {
    description:
      'Quantity is a fixed-point representation of a number. It provides convenient marshaling/unmarshaling in JSON and YAML, in addition to String() and AsInt64() accessors.',
    // resource.Quantity.OpenAPIV3OneOfTypes: quantities may be written as strings or numbers.
    oneOf: [{ type: 'string' }, { type: 'number' }],
  },
  [PATCH]: {
    description: 'Patch is provided to give a concrete name and type to the Kubernetes PATCH request body.',
    type: 'object',
  },
};

export const PATCH_SCHEMA = PATCH;

/** x-kubernetes-group-version-kind values keyed by schema name, from the resource table. */
export function gvkExtensions(): Map<string, { group: string; kind: string; version: string }[]> {
  const out = new Map<string, { group: string; kind: string; version: string }[]>();
  const add = (group: string, version: string, kind: string) => {
    const model = modelForKind(group, version, kind);
    const name = model ? schemaName(model) : undefined;
    if (!name) return;
    const list = out.get(name) ?? [];
    if (!list.some((g) => g.group === group && g.version === version && g.kind === kind)) list.push({ group, kind, version });
    out.set(name, list);
  };
  for (const d of RESOURCES as readonly ResourceDescriptor[]) {
    add(d.group, d.version, d.kind);
    add(d.group, d.version, d.listKind);
    for (const s of d.subresources) add(s.group ?? d.group, s.version ?? d.version, s.kind);
  }
  // DeleteOptions and Status are served by every group-version; upstream lists them per GV.
  return out;
}
