// Field selectors (L-8): fields.ParseSelector, the per-kind field label conversion functions the
// scheme registers (pkg/apis/*/v1/conversion.go), and the selectable field sets (ToSelectableFields).
import type { ResourceDescriptor } from '../../registry/resources';
import type { KubeObject } from '../../types';
import { newBadRequest } from '../errors';

interface FieldTerm {
  field: string;
  op: '=' | '!=';
  value: string;
}

export interface FieldSelector {
  terms: FieldTerm[];
  /** `group/resource` of the kind the labels were converted for */
  kindKey: string;
}

type Extract = (o: Record<string, unknown>) => string;

/** Reads a dotted path; absent or null values read as "" like a missing fields.Set key. */
function at(o: unknown, path: string): unknown {
  let cur = o;
  for (const p of path.split('.')) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string, unknown>)[p];
  }
  return cur;
}
const str = (v: unknown): string => (v === undefined || v === null ? '' : typeof v === 'object' ? '' : String(v));
const path =
  (...paths: string[]): Extract =>
  (o) => {
    for (const p of paths) {
      const v = at(o, p);
      if (v !== undefined && v !== null && v !== '') return str(v);
    }
    return '';
  };

const META: Record<string, Extract> = { 'metadata.name': path('metadata.name'), 'metadata.namespace': path('metadata.namespace') };

interface KindFields {
  /** label -> value in the object; labels accepted by the conversion but not selectable read as "" */
  fields: Record<string, Extract>;
  /** aliases the conversion function rewrites (pods: spec.host -> spec.nodeName) */
  aliases?: Record<string, string>;
  unsupported: (label: string) => string;
}

const notSupported = (label: string) => `field label not supported: ${label}`;
const empty: Extract = () => '';

const INVOLVED = ['kind', 'namespace', 'name', 'uid', 'apiVersion', 'resourceVersion', 'fieldPath'];

function eventFields(prefix: 'involvedObject' | 'regarding'): Record<string, Extract> {
  const out: Record<string, Extract> = { ...META };
  // Stored events may be core-shaped (involvedObject) or events.k8s.io-shaped (regarding).
  for (const f of INVOLVED) out[`${prefix}.${f}`] = path(`involvedObject.${f}`, `regarding.${f}`);
  out.reason = path('reason');
  out.type = path('type');
  out.source = path('source.component', 'deprecatedSource.component', 'reportingComponent', 'reportingController');
  out[prefix === 'involvedObject' ? 'reportingComponent' : 'reportingController'] = path('reportingComponent', 'reportingController');
  return out;
}

const KINDS: Record<string, KindFields> = {
  '/pods': {
    fields: {
      ...META,
      'spec.nodeName': path('spec.nodeName'),
      'spec.restartPolicy': path('spec.restartPolicy'),
      'spec.schedulerName': path('spec.schedulerName'),
      'spec.serviceAccountName': path('spec.serviceAccountName'),
      'spec.hostNetwork': (o) => (at(o, 'spec.hostNetwork') === true ? 'true' : 'false'),
      'status.phase': path('status.phase'),
      'status.podIP': path('status.podIPs.0.ip', 'status.podIP'),
      'status.podIPs': empty,
      'status.nominatedNodeName': path('status.nominatedNodeName'),
    },
    aliases: { 'spec.host': 'spec.nodeName' },
    unsupported: notSupported,
  },
  '/nodes': {
    fields: { 'metadata.name': META['metadata.name'], 'spec.unschedulable': (o) => (at(o, 'spec.unschedulable') === true ? 'true' : 'false') },
    unsupported: notSupported,
  },
  '/replicationcontrollers': { fields: { ...META, 'status.replicas': (o) => str(at(o, 'status.replicas') ?? 0) }, unsupported: notSupported },
  '/namespaces': { fields: { 'metadata.name': META['metadata.name'], 'status.phase': path('status.phase') }, unsupported: notSupported },
  '/secrets': { fields: { ...META, type: path('type') }, unsupported: notSupported },
  '/services': { fields: { ...META, 'spec.clusterIP': path('spec.clusterIP'), 'spec.type': path('spec.type') }, unsupported: notSupported },
  '/events': { fields: eventFields('involvedObject'), unsupported: notSupported },
  'events.k8s.io/events': { fields: eventFields('regarding'), unsupported: notSupported },
  'batch/jobs': {
    fields: { ...META, 'status.successful': (o) => str(at(o, 'status.succeeded') ?? 0) },
    unsupported: (label) => `field label ${JSON.stringify(label)} not supported for batchv1.Job`,
  },
};

/** runtime.DefaultMetaV1FieldSelectorConversion, for kinds that register no conversion function. */
const DEFAULT_KIND: KindFields = {
  fields: META,
  unsupported: (label) => `${JSON.stringify(label)} is not a known field selector: only "metadata.name", "metadata.namespace"`,
};

const kindKeyOf = (d: Pick<ResourceDescriptor, 'group' | 'resource'>) => `${d.group}/${d.resource}`;

/** fields.splitTerms: split on commas not escaped with a backslash. */
function splitTerms(s: string): string[] {
  if (s.length === 0) return [];
  const terms: string[] = [];
  let start = 0;
  let inSlash = false;
  for (let i = 0; i < s.length; i++) {
    const c = s[i];
    if (inSlash) inSlash = false;
    else if (c === '\\') inSlash = true;
    else if (c === ',') {
      terms.push(s.slice(start, i));
      start = i + 1;
    }
  }
  terms.push(s.slice(start));
  return terms;
}

/** fields.UnescapeValue */
function unescapeValue(s: string): string {
  if (!/[\\,=]/.test(s)) return s;
  let out = '';
  let inSlash = false;
  for (const c of s) {
    if (inSlash) {
      if (c === '\\' || c === ',' || c === '=') out += c;
      else throw newBadRequest(`invalid field selector: invalid escape sequence: \\${c}`);
      inSlash = false;
      continue;
    }
    if (c === '\\') inSlash = true;
    else if (c === ',' || c === '=') throw newBadRequest(`invalid field selector: unescaped character in value: ${c}`);
    else out += c;
  }
  if (inSlash) throw newBadRequest('invalid field selector: invalid escape sequence: \\');
  return out;
}

/**
 * fields.ParseSelector followed by the kind's field label conversion (what the list/watch handler does);
 * errors are 400 BadRequest with upstream's text, e.g. `field label not supported: spec.foo`.
 */
export function parseFieldSelector(s: string, d: Pick<ResourceDescriptor, 'group' | 'resource'>): FieldSelector {
  const kindKey = kindKeyOf(d);
  const kind = KINDS[kindKey] ?? DEFAULT_KIND;
  const parts = splitTerms(s).sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const terms: FieldTerm[] = [];
  for (const part of parts) {
    if (part === '') continue;
    // splitTerm: the first `!=`, `==` or `=` from the left
    let idx = -1;
    let op = '';
    for (let i = 0; i < part.length && idx < 0; i++) {
      for (const candidate of ['!=', '==', '=']) {
        if (part.startsWith(candidate, i)) {
          idx = i;
          op = candidate;
          break;
        }
      }
    }
    if (idx < 0) throw newBadRequest(`invalid selector: '${s}'; can't understand '${part}'`);
    const value = unescapeValue(part.slice(idx + op.length));
    terms.push({ field: part.slice(0, idx), op: op === '!=' ? '!=' : '=', value });
  }
  for (const t of terms) {
    const label = kind.aliases?.[t.field] ?? t.field;
    if (!(label in kind.fields)) throw newBadRequest(kind.unsupported(t.field));
    t.field = label;
  }
  return { terms, kindKey };
}

export function matchesFields(sel: FieldSelector, obj: KubeObject): boolean {
  const kind = KINDS[sel.kindKey] ?? DEFAULT_KIND;
  const o = obj as unknown as Record<string, unknown>;
  return sel.terms.every((t) => {
    const v = (kind.fields[t.field] ?? empty)(o);
    return t.op === '=' ? v === t.value : v !== t.value;
  });
}
