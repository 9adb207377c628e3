// The `paths` of a group-version OpenAPI v3 document (D-14 items 1 and 2). kubectl reads them
// to decide that the server validates fields itself (a PATCH operation carrying the kind's
// x-kubernetes-group-version-kind and a `fieldValidation` query parameter) and that strategic
// merge patch is supported (the PATCH request body lists its content type).
import { apiVersionOf, type ResourceDescriptor, type SubresourceDescriptor } from '../../registry/resources';
import { PATCH_SCHEMA, type Schema } from './schemas';

type Param = Record<string, unknown>;

const stringSchema = { type: 'string', uniqueItems: true };

function query(name: string, description: string, schema: Schema = stringSchema): Param {
  return { name, in: 'query', description, schema };
}

const PRETTY = query('pretty', "If 'true', then the output is pretty printed. Defaults to 'false' unless the user-agent indicates a browser or command-line HTTP tool (curl and wget).");
const DRY_RUN = query(
  'dryRun',
  'When present, indicates that modifications should not be persisted. An invalid or unrecognized dryRun directive will result in an error response and no further processing of the request. Valid values are: - All: all dry run stages will be processed',
);
const FIELD_MANAGER = query(
  'fieldManager',
  'fieldManager is a name associated with the actor or entity that is making these changes. The value must be less than or 128 characters long, and only contain printable characters, as defined by https://golang.org/pkg/unicode/#IsPrint.',
);
const FIELD_VALIDATION = query(
  'fieldValidation',
  'fieldValidation instructs the server on how to handle objects in the request (POST/PUT/PATCH) containing unknown or duplicate fields. Valid values are: - Ignore: This will ignore any unknown fields that are silently dropped from the object, and will ignore all but the last duplicate field that the decoder encounters. This is the default behavior prior to v1.23. - Warn: This will send a warning via the standard warning response header for each unknown field that is dropped from the object, and for each duplicate field that is encountered. The request will still succeed if there are no other errors, and will only persist the last of any duplicate fields. This is the default in v1.23+ - Strict: This will fail the request with a BadRequest error if any unknown fields would be dropped from the object, or if any duplicate fields are present. The error returned from the server will contain all unknown and duplicate fields encountered.',
);
const FORCE = query(
  'force',
  'Force is going to "force" Apply requests. It means user will re-acquire conflicting fields owned by other people. Force flag must be unset for non-apply patch requests.',
  { type: 'boolean', uniqueItems: true },
);
const LIST_PARAMS: Param[] = [
  query('allowWatchBookmarks', 'allowWatchBookmarks requests watch events with type "BOOKMARK".', { type: 'boolean', uniqueItems: true }),
  query('continue', 'The continue option should be set when retrieving more results from the server.'),
  query('fieldSelector', 'A selector to restrict the list of returned objects by their fields. Defaults to everything.'),
  query('labelSelector', 'A selector to restrict the list of returned objects by their labels. Defaults to everything.'),
  query('limit', 'limit is a maximum number of responses to return for a list call.', { type: 'integer', uniqueItems: true }),
  query('resourceVersion', 'resourceVersion sets a constraint on what resource versions a request may be served from.'),
  query('resourceVersionMatch', 'resourceVersionMatch determines how resourceVersion is applied to list calls.'),
  query('sendInitialEvents', '`sendInitialEvents=true` may be set together with `watch=true`.', { type: 'boolean', uniqueItems: true }),
  query('timeoutSeconds', 'Timeout for the list/watch call.', { type: 'integer', uniqueItems: true }),
  query('watch', 'Watch for changes to the described resources and return them as a stream of add, update, and remove notifications.', {
    type: 'boolean',
    uniqueItems: true,
  }),
];

const PATCH_CONTENT_TYPES = [
  'application/apply-patch+yaml',
  'application/json-patch+json',
  'application/merge-patch+json',
  'application/strategic-merge-patch+json',
];

function ref(name: string): Schema {
  return { $ref: `#/components/schemas/${name}` };
}

function jsonContent(schemaName: string | undefined): Schema {
  const schema = schemaName ? ref(schemaName) : { type: 'object' };
  return { 'application/json': { schema }, 'application/yaml': { schema } };
}

function responses(codes: string[], schemaName: string | undefined): Schema {
  const text: Record<string, string> = { '200': 'OK', '201': 'Created', '202': 'Accepted' };
  const out: Schema = {};
  for (const c of codes) out[c] = { description: text[c], content: jsonContent(schemaName) };
  out['401'] = { description: 'Unauthorized' };
  return out;
}

/** Operation-id stem of a group-version: "CoreV1", "AppsV1", "RbacAuthorizationV1". */
function gvStem(group: string, version: string): string {
  const parts = (group === '' ? 'core' : group.replace(/\.k8s\.io$/, '')).split('.');
  const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);
  return parts.map(cap).join('') + cap(version);
}

function tag(group: string, version: string): string {
  const parts = (group === '' ? 'core' : group.replace(/\.k8s\.io$/, '')).split('.');
  return `${parts[0]}${parts.slice(1).map((p) => p.charAt(0).toUpperCase() + p.slice(1)).join('')}_${version}`;
}

interface Gvk {
  group: string;
  kind: string;
  version: string;
}

interface OpSpec {
  method: 'get' | 'put' | 'post' | 'patch' | 'delete';
  action: string;
  verb: string;
  description: string;
  params: Param[];
  body?: string | 'patch';
  codes: string[];
  response?: string;
}

function operation(op: OpSpec, gvk: Gvk, stem: string, tagName: string): Schema {
  const out: Schema = {
    tags: [tagName],
    description: op.description,
    operationId: `${op.verb}${stem}`,
  };
  if (op.params.length) out.parameters = op.params;
  if (op.body === 'patch') {
    const content: Schema = {};
    for (const t of PATCH_CONTENT_TYPES) content[t] = { schema: ref(PATCH_SCHEMA) };
    out.requestBody = { content, required: true };
  } else if (op.body) {
    out.requestBody = { content: { '*/*': { schema: ref(op.body) } }, required: true };
  }
  out.responses = responses(op.codes, op.response);
  out['x-kubernetes-action'] = op.action;
  out['x-kubernetes-group-version-kind'] = gvk;
  return out;
}

const verbToOps: Record<string, (kind: string, schema: string | undefined, collection: boolean) => OpSpec | undefined> = {
  get: (kind, schema, collection) =>
    collection
      ? { method: 'get', action: 'list', verb: 'list', description: `list or watch objects of kind ${kind}`, params: LIST_PARAMS, codes: ['200'], response: schema }
      : { method: 'get', action: 'get', verb: 'read', description: `read the specified ${kind}`, params: [], codes: ['200'], response: schema },
  create: (kind, schema, collection) =>
    collection
      ? { method: 'post', action: 'post', verb: 'create', description: `create a ${kind}`, params: [DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION], body: schema, codes: ['200', '201', '202'], response: schema }
      : undefined,
  update: (kind, schema, collection) =>
    collection
      ? undefined
      : { method: 'put', action: 'put', verb: 'replace', description: `replace the specified ${kind}`, params: [DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION], body: schema, codes: ['200', '201'], response: schema },
  patch: (kind, schema, collection) =>
    collection
      ? undefined
      : { method: 'patch', action: 'patch', verb: 'patch', description: `partially update the specified ${kind}`, params: [DRY_RUN, FIELD_MANAGER, FIELD_VALIDATION, FORCE], body: 'patch', codes: ['200', '201'], response: schema },
  delete: (kind, schema, collection) =>
    collection
      ? undefined
      : { method: 'delete', action: 'delete', verb: 'delete', description: `delete a ${kind}`, params: [DRY_RUN], codes: ['200', '202'], response: schema },
  deletecollection: (kind, _schema, collection) =>
    collection
      ? { method: 'delete', action: 'deletecollection', verb: 'deleteCollection', description: `delete collection of ${kind}`, params: [DRY_RUN, ...LIST_PARAMS], codes: ['200'], response: undefined }
      : undefined,
};

/** Sub-resources whose paths kubectl may consult; connect-style ones (exec, log, proxy) are left out. */
const DOCUMENTED_SUBRESOURCES = new Set(['status', 'scale', 'finalize', 'eviction', 'token', 'binding']);

function pathParams(namespaced: boolean, named: boolean, kind: string): Param[] {
  const out: Param[] = [];
  if (named) out.push({ name: 'name', in: 'path', description: `name of the ${kind}`, required: true, schema: stringSchema });
  if (namespaced) {
    out.push({ name: 'namespace', in: 'path', description: 'object name and auth scope, such as for teams and projects', required: true, schema: stringSchema });
  }
  out.push(PRETTY);
  return out;
}

/**
 * Paths of one resource. `schemaOf(group, version, kind)` gives the component schema name of a
 * kind (undefined when there is none, e.g. PodExecOptions).
 */
export function resourcePaths(d: ResourceDescriptor, schemaOf: (g: string, v: string, k: string) => string | undefined): Record<string, Schema> {
  const base = d.group ? `/apis/${apiVersionOf(d)}` : `/api/${d.version}`;
  const collection = d.namespaced ? `${base}/namespaces/{namespace}/${d.resource}` : `${base}/${d.resource}`;
  const item = `${collection}/{name}`;
  const gvk: Gvk = { group: d.group, kind: d.kind, version: d.version };
  const kindSchema = schemaOf(d.group, d.version, d.kind);
  const listSchema = schemaOf(d.group, d.version, d.listKind);
  const stem = gvStem(d.group, d.version);
  const tagName = tag(d.group, d.version);
  const ns = d.namespaced ? 'Namespaced' : '';
  const paths: Record<string, Schema> = {};

  const build = (path: string, collectionLevel: boolean, named: boolean, suffix: string, kindName: string, g: Gvk, schema: string | undefined, verbs: string[]) => {
    const pathItem: Schema = {};
    for (const verb of verbs) {
      const spec = verbToOps[verb]?.(kindName, collectionLevel && verb === 'get' ? listSchema : schema, collectionLevel);
      if (!spec) continue;
      pathItem[spec.method] = operation(spec, g, `${stem}${ns}${d.kind}${suffix}`, tagName);
    }
    if (Object.keys(pathItem).length === 0) return;
    pathItem.parameters = pathParams(d.namespaced, named, d.kind);
    paths[path] = pathItem;
  };

  build(collection, true, false, '', d.kind, gvk, kindSchema, d.verbs);
  build(item, false, true, '', d.kind, gvk, kindSchema, d.verbs);
  if (d.namespaced && d.verbs.includes('list')) {
    const all: Schema = {
      get: operation(
        { method: 'get', action: 'list', verb: 'list', description: `list or watch objects of kind ${d.kind}`, params: LIST_PARAMS, codes: ['200'], response: listSchema },
        gvk,
        `${stem}${d.kind}ForAllNamespaces`,
        tagName,
      ),
      parameters: [PRETTY],
    };
    paths[`${base}/${d.resource}`] = all;
  }
  for (const s of d.subresources as SubresourceDescriptor[]) {
    if (!DOCUMENTED_SUBRESOURCES.has(s.name)) continue;
    const g: Gvk = { group: s.group ?? d.group, kind: s.kind, version: s.version ?? d.version };
    const schema = schemaOf(g.group, g.version, g.kind);
    const suffix = s.name.charAt(0).toUpperCase() + s.name.slice(1);
    const path = `${item}/${s.name}`;
    const pathItem: Schema = {};
    for (const verb of s.verbs) {
      // create on a subresource is a POST to the named object's subresource path.
      const spec = verbToOps[verb]?.(s.kind, schema, verb === 'create');
      if (!spec) continue;
      pathItem[spec.method] = operation(spec, g, `${stem}${ns}${d.kind}${suffix}`, tagName);
    }
    if (Object.keys(pathItem).length === 0) continue;
    pathItem.parameters = pathParams(d.namespaced, true, s.kind);
    paths[path] = pathItem;
  }
  return paths;
}
