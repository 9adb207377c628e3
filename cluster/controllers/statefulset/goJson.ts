// Byte-exact Go encoding/json output for the pod template kept in ControllerRevision data
// (semantics R-1/R-2). The hash of these bytes names the revision (R-3), and kubectl's
// `rollout undo` compares its own Go encoding of the live template with them (K-11, R-14),
// so "close" is not enough: keys sorted, no whitespace, Go's HTML-safe escaping, and Go's
// omitempty rules (zero scalars/empty lists/empty maps dropped unless the Go field is a
// pointer or has no omitempty; non-pointer structs always present).

/** Pointer (or non-omitempty) fields that keep `false`. */
const KEEP_FALSE = new Set([
  'privileged', 'runAsNonRoot', 'readOnlyRootFilesystem', 'allowPrivilegeEscalation', 'automountServiceAccountToken',
  'enableServiceLinks', 'shareProcessNamespace', 'optional', 'setHostnameAsFQDN', 'hostUsers', 'hostProcess',
]);
/** Pointer (or non-omitempty) integer fields that keep `0`. */
const KEEP_ZERO = new Set([
  'terminationGracePeriodSeconds', 'activeDeadlineSeconds', 'defaultMode', 'mode', 'runAsUser', 'runAsGroup', 'fsGroup',
  'priority', 'expirationSeconds', 'containerPort', 'port', 'weight', 'maxSkew', 'minDomains', 'tolerationSeconds',
]);
/** Pointer string fields that keep `""` (grpc.service, hostPath.type, …). */
const KEEP_EMPTY_STRING = new Set(['service', 'type']);
/** Go maps (omitted when empty); every other object is a struct and is always printed. */
const MAP_FIELDS = new Set([
  'labels', 'annotations', 'nodeSelector', 'limits', 'requests', 'matchLabels', 'overhead', 'volumeAttributes', 'capacity',
]);

/** Go's json string escaping with SetEscapeHTML(true) (the default of json.Marshal). */
export function goString(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) as number;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\r') out += '\\r';
    else if (ch === '\t') out += '\\t';
    else if (c < 0x20 || ch === '<' || ch === '>' || ch === '&' || c === 0x2028 || c === 0x2029) {
      out += '\\u' + c.toString(16).padStart(4, '0');
    } else out += ch;
  }
  return out + '"';
}

/** Compact, key-sorted (bytewise), Go-escaped JSON of already-normalized data. */
export function goEncode(v: unknown): string {
  if (v === null || v === undefined) return 'null';
  if (typeof v === 'string') return goString(v);
  if (typeof v === 'number') return Number.isInteger(v) ? BigInt(v).toString() : String(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (Array.isArray(v)) return `[${v.map(goEncode).join(',')}]`;
  const o = v as Record<string, unknown>;
  const keys = Object.keys(o)
    .filter((k) => o[k] !== undefined)
    .sort(compareBytes);
  return `{${keys.map((k) => `${goString(k)}:${goEncode(o[k])}`).join(',')}}`;
}

function compareBytes(a: string, b: string): number {
  const ba = Buffer.from(a, 'utf8');
  const bb = Buffer.from(b, 'utf8');
  return Buffer.compare(ba, bb);
}

/** Drops what Go's omitempty would drop, recursively (decided by the field name). */
function omitEmpty(v: unknown): unknown {
  if (Array.isArray(v)) return v.map((x) => omitEmpty(x));
  if (v === null || typeof v !== 'object') return v;
  const out: Record<string, unknown> = {};
  for (const [k, raw] of Object.entries(v as Record<string, unknown>)) {
    // Go map entries are never omitted (a label may have an empty value); only the map itself.
    const x = MAP_FIELDS.has(k) && raw && typeof raw === 'object' ? raw : omitEmpty(raw);
    if (x === null || x === undefined) continue;
    if (x === '' && !KEEP_EMPTY_STRING.has(k)) continue;
    if (x === false && !KEEP_FALSE.has(k)) continue;
    if (x === 0 && !KEEP_ZERO.has(k)) continue;
    if (Array.isArray(x) && x.length === 0) continue;
    if (typeof x === 'object' && !Array.isArray(x) && Object.keys(x).length === 0 && MAP_FIELDS.has(k)) continue;
    out[k] = x;
  }
  return out;
}

/** Containers always carry `resources` (a non-pointer struct). */
function withContainerDefaults(spec: Record<string, unknown>): void {
  for (const list of ['containers', 'initContainers', 'ephemeralContainers']) {
    const cs = spec[list];
    if (!Array.isArray(cs)) continue;
    for (const c of cs as Record<string, unknown>[]) {
      if (c && typeof c === 'object' && (c.resources === undefined || c.resources === null)) c.resources = {};
    }
  }
}

/**
 * The template as Go would serialize a v1.PodTemplateSpec: metadata with
 * `creationTimestamp: null`, `spec.containers` present (null when absent), containers with
 * `resources`, omitempty applied.
 */
export function normalizeTemplate(template: unknown): Record<string, unknown> {
  const t = structuredClone((template ?? {}) as Record<string, unknown>);
  const metadata = (omitEmpty(t.metadata ?? {}) ?? {}) as Record<string, unknown>;
  delete metadata.creationTimestamp;
  const spec = (omitEmpty(t.spec ?? {}) ?? {}) as Record<string, unknown>;
  withContainerDefaults(spec);
  const out: Record<string, unknown> = { metadata: { ...metadata, creationTimestamp: null }, spec };
  if (!('containers' in spec)) spec.containers = null;
  return out;
}
