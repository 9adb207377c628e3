// Maps client-node model class names (V1StatefulSetSpec, CoreV1Event) to upstream OpenAPI
// schema names (io.k8s.api.apps.v1.StatefulSetSpec, io.k8s.api.core.v1.Event) (D-15).
// client-node does not record a model's group, so it is inferred: every model reachable from a
// served kind belongs to that kind's group, walking core first (as upstream, where PodSpec and
// friends live in core), plus a small override table for the shared meta and core types.
import { RESOURCES, GROUP_ORDER, type ResourceDescriptor } from '../../registry/resources';
import { arrayItemType, mapValueType, readModel } from './models';

const META = 'io.k8s.apimachinery.pkg.apis.meta.v1';

/** Shared apimachinery types, named as upstream names them. */
const META_MODELS: Record<string, string> = {
  V1ObjectMeta: `${META}.ObjectMeta`,
  V1ListMeta: `${META}.ListMeta`,
  V1LabelSelector: `${META}.LabelSelector`,
  V1LabelSelectorRequirement: `${META}.LabelSelectorRequirement`,
  V1FieldSelectorRequirement: `${META}.FieldSelectorRequirement`,
  V1OwnerReference: `${META}.OwnerReference`,
  V1ManagedFieldsEntry: `${META}.ManagedFieldsEntry`,
  V1Status: `${META}.Status`,
  V1StatusDetails: `${META}.StatusDetails`,
  V1StatusCause: `${META}.StatusCause`,
  V1DeleteOptions: `${META}.DeleteOptions`,
  V1Preconditions: `${META}.Preconditions`,
  V1Condition: `${META}.Condition`,
  V1WatchEvent: `${META}.WatchEvent`,
};

/** Core types that no served core kind reaches (so the walk would misfile them). */
const CORE_ONLY_VIA_OTHER_GROUPS = ['V1TopologySelectorTerm', 'V1TopologySelectorLabelRequirement'];

/** Go package segment of each API group. */
function groupPackage(group: string): string {
  if (group === '') return 'core';
  return group.replace(/\.k8s\.io$/, '').replace(/\.authorization$/, '').split('.')[0];
}

const PREFIXES: Record<string, string> = {
  Core: 'core',
  Events: 'events',
  Discovery: 'discovery',
  Rbac: 'rbac',
  Authentication: 'authentication',
  Storage: 'storage',
  Resource: 'resource',
  Flowcontrol: 'flowcontrol',
  Admissionregistration: 'admissionregistration',
  Apiextensions: 'apiextensions',
  Apiregistration: 'apiregistration',
};

function versionPrefix(version: string): string {
  return version.charAt(0).toUpperCase() + version.slice(1);
}

/** The client-node class of a served kind (core Event is CoreV1Event, TokenRequest AuthenticationV1TokenRequest). */
export function modelForKind(group: string, version: string, kind: string): string | undefined {
  const plain = `${versionPrefix(version)}${kind}`;
  const pkg = groupPackage(group);
  const prefixed = `${pkg.charAt(0).toUpperCase()}${pkg.slice(1)}${plain}`;
  if (readModel(prefixed)) return prefixed;
  return readModel(plain) ? plain : undefined;
}

/** Model class names referenced by one attribute type (element/value types unwrapped). */
export function referencedModel(type: string): string | undefined {
  const inner = arrayItemType(type) ?? mapValueType(type) ?? type;
  if (arrayItemType(inner) || mapValueType(inner)) return referencedModel(inner);
  return /^[A-Z][A-Za-z0-9]*$/.test(inner) && inner !== 'Date' && inner !== 'IntOrString' ? inner : undefined;
}

let names: Map<string, string> | undefined;

function splitModel(model: string): { prefix?: string; version: string; rest: string } | undefined {
  const m = /^([A-Z][a-z]+)?(V\d+(?:alpha\d+|beta\d+)?)([A-Z]\w*)$/.exec(model);
  if (!m) return undefined;
  return { prefix: m[1], version: m[2].toLowerCase(), rest: m[3] };
}

function walk(model: string, pkg: string, out: Map<string, string>): void {
  const stack = [model];
  while (stack.length > 0) {
    const name = stack.pop() as string;
    if (out.has(name)) continue;
    const m = readModel(name);
    const parts = splitModel(name);
    if (!m || !parts) continue;
    const ownPkg = parts.prefix ? PREFIXES[parts.prefix] ?? pkg : pkg;
    out.set(name, META_MODELS[name] ?? `io.k8s.api.${ownPkg}.${parts.version}.${parts.rest}`);
    for (const a of m.attributes) {
      const ref = referencedModel(a.type);
      if (ref && !out.has(ref)) stack.push(ref);
    }
  }
}

function rootsOf(d: ResourceDescriptor): string[] {
  const out: string[] = [];
  const kind = modelForKind(d.group, d.version, d.kind);
  if (kind) out.push(kind);
  const list = modelForKind(d.group, d.version, d.listKind);
  if (list) out.push(list);
  return out;
}

function buildNames(): Map<string, string> {
  const out = new Map<string, string>();
  for (const [model, name] of Object.entries(META_MODELS)) {
    out.set(model, name);
  }
  // Meta types are named already; walk their fields (OwnerReference, ManagedFieldsEntry, ...).
  for (const model of Object.keys(META_MODELS)) {
    for (const a of readModel(model)?.attributes ?? []) {
      const ref = referencedModel(a.type);
      if (ref) walk(ref, 'core', out);
    }
  }
  for (const model of CORE_ONLY_VIA_OTHER_GROUPS) walk(model, 'core', out);
  // PodTemplate is not served but owns PodTemplateSpec, which apps kinds embed.
  walk('V1PodTemplate', 'core', out);
  const order = ['', ...GROUP_ORDER];
  const sorted = [...RESOURCES].sort((a, b) => order.indexOf(a.group) - order.indexOf(b.group));
  for (const d of sorted) {
    for (const root of rootsOf(d)) walk(root, groupPackage(d.group), out);
    for (const s of d.subresources) {
      const model = modelForKind(s.group ?? d.group, s.version ?? d.version, s.kind);
      if (model) walk(model, groupPackage(s.group ?? d.group), out);
    }
  }
  return out;
}

/** Upstream schema name for a client-node model class, once the model is reachable. */
export function schemaName(model: string): string | undefined {
  names ??= buildNames();
  return names.get(model);
}

