// The Kubernetes error vocabulary (apimachinery pkg/api/errors + pkg/util/validation/field),
// built once so that no handler formats a Kubernetes message inline.
// kube-api-contract.md §7, statefulset-semantics.md §2.1.

interface StatusCause {
  reason: string;
  message: string;
  field?: string;
}

interface StatusDetails {
  name?: string;
  group?: string;
  kind?: string;
  uid?: string;
  causes?: StatusCause[];
  retryAfterSeconds?: number;
}

export interface Status {
  kind: 'Status';
  apiVersion: 'v1';
  metadata: { continue?: string };
  status: 'Failure' | 'Success';
  message?: string;
  reason?: string;
  details?: StatusDetails;
  code: number;
}

/** A resource as errors name it: plural + group ("statefulsets", "apps"). */
export interface GroupResource {
  group: string;
  resource: string;
}

function qualifiedResource(gr: GroupResource): string {
  return gr.group ? `${gr.resource}.${gr.group}` : gr.resource;
}

/** An error that carries a Kubernetes Status; handlers turn it into the HTTP answer. */
export class StatusError extends Error {
  readonly status: Status;
  readonly headers: Record<string, string>;
  constructor(status: Status, headers: Record<string, string> = {}) {
    super(status.message ?? status.reason ?? 'error');
    this.status = status;
    this.headers = headers;
  }
  get code(): number {
    return this.status.code;
  }
}

export function isStatusError(e: unknown): e is StatusError {
  return e instanceof StatusError;
}

function failure(code: number, reason: string, message: string, details?: StatusDetails): StatusError {
  // Key order follows the Go struct (kind, apiVersion, metadata, status, message, reason, details, code).
  const status = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason } as Status;
  if (details) status.details = JSON.parse(JSON.stringify(details)) as StatusDetails;
  status.code = code;
  return new StatusError(status);
}

export function newNotFound(gr: GroupResource, name: string): StatusError {
  return failure(404, 'NotFound', `${qualifiedResource(gr)} "${name}" not found`, {
    name,
    group: gr.group || undefined,
    kind: gr.resource,
  });
}

/** Unknown path: 404 with empty details. */
export function newPathNotFound(): StatusError {
  return failure(404, 'NotFound', 'the server could not find the requested resource', {});
}

export function newAlreadyExists(gr: GroupResource, name: string): StatusError {
  return failure(409, 'AlreadyExists', `${qualifiedResource(gr)} "${name}" already exists`, {
    name,
    group: gr.group || undefined,
    kind: gr.resource,
  });
}

export function newConflict(gr: GroupResource, name: string, reason: string): StatusError {
  return failure(409, 'Conflict', `Operation cannot be fulfilled on ${qualifiedResource(gr)} "${name}": ${reason}`, {
    name,
    group: gr.group || undefined,
    kind: gr.resource,
  });
}

export const OPTIMISTIC_LOCK_MESSAGE = 'the object has been modified; please apply your changes to the latest version and try again';

export function newBadRequest(message: string): StatusError {
  return failure(400, 'BadRequest', message);
}

export function newUnauthorized(message = 'Unauthorized'): StatusError {
  return failure(401, 'Unauthorized', message);
}

/** `<qualified>[ "<name>"] is forbidden: <reason>`. */
export function newForbidden(gr: GroupResource, name: string, reason: string): StatusError {
  const subject = name ? `${qualifiedResource(gr)} "${name}"` : qualifiedResource(gr);
  return failure(403, 'Forbidden', `${subject} is forbidden: ${reason}`, {
    name: name || undefined,
    group: gr.group || undefined,
    kind: gr.resource,
  });
}

export function newMethodNotSupported(): StatusError {
  return failure(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource', {});
}

export function newNotAcceptable(accepted: string[]): StatusError {
  return failure(406, 'NotAcceptable', `only the following media types are accepted: ${accepted.join(', ')}`);
}

export function newUnsupportedMediaType(supported: string[]): StatusError {
  return failure(
    415,
    'UnsupportedMediaType',
    `the body of the request was in an unknown format - accepted media types include: ${supported.join(', ')}`,
  );
}

export function newRequestEntityTooLarge(limitBytes: number): StatusError {
  return failure(413, 'RequestEntityTooLarge', `Request entity too large: limit is ${limitBytes}`);
}


/** 410 Expired (too old resourceVersion / continue token). */
export function newResourceExpired(message: string): StatusError {
  return failure(410, 'Expired', message);
}

export function newTimeout(message = 'the server was unable to return a response in the time allotted, but may still be processing the request'): StatusError {
  return failure(504, 'Timeout', message);
}

export function newTooManyRequests(retryAfterSeconds = 1): StatusError {
  const e = failure(429, 'TooManyRequests', 'Too many requests, please try again later.', { retryAfterSeconds });
  e.headers['Retry-After'] = String(retryAfterSeconds);
  return e;
}

export function newInternalError(detail: string): StatusError {
  return failure(500, 'InternalError', `Internal error occurred: ${detail}`, {
    causes: [{ reason: '', message: detail }],
  });
}


// ---- field errors -------------------------------------------------------------------------

type FieldErrorType =
  | 'FieldValueRequired'
  | 'FieldValueInvalid'
  | 'FieldValueNotSupported'
  | 'FieldValueForbidden'
  | 'FieldValueDuplicate'
  | 'FieldValueNotFound'
  | 'FieldValueTooLong'
  | 'FieldValueTooMany'
  | 'FieldValueTypeInvalid'
  | 'InternalError';

export interface FieldError {
  type: FieldErrorType;
  field: string;
  /** Already rendered the way Go's field package prints the bad value (see renderValue). */
  value?: string;
  detail?: string;
}

/**
 * Renders a bad value like field.Error does: numbers and bools bare, strings quoted (Go %q),
 * null as <nil>. Callers with Go struct syntax (e.g. `v1.LabelSelector{…}`) pass a raw string
 * through `rawValue`.
 */
function renderValue(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  return JSON.stringify(v);
}

/** Marks a value as already rendered (Go %#v text written by the caller). */
export function rawValue(text: string): { raw: string } {
  return { raw: text };
}

function valueText(v: unknown): string {
  if (v && typeof v === 'object' && 'raw' in v && typeof (v as { raw: unknown }).raw === 'string') {
    return (v as { raw: string }).raw;
  }
  return renderValue(v);
}

export const fieldErrors = {
  required: (field: string, detail = ''): FieldError => ({ type: 'FieldValueRequired', field, detail }),
  invalid: (field: string, value: unknown, detail: string): FieldError => ({
    type: 'FieldValueInvalid',
    field,
    value: valueText(value),
    detail,
  }),
  notSupported: (field: string, value: unknown, supported: string[]): FieldError => ({
    type: 'FieldValueNotSupported',
    field,
    value: valueText(value),
    detail: supported.length ? `supported values: ${supported.map((s) => JSON.stringify(s)).join(', ')}` : '',
  }),
  forbidden: (field: string, detail: string): FieldError => ({ type: 'FieldValueForbidden', field, detail }),
  duplicate: (field: string, value: unknown): FieldError => ({ type: 'FieldValueDuplicate', field, value: valueText(value) }),
  notFound: (field: string, value: unknown): FieldError => ({ type: 'FieldValueNotFound', field, value: valueText(value) }),
  tooLong: (field: string, maxLength: number): FieldError => ({
    type: 'FieldValueTooLong',
    field,
    detail: `may not be more than ${maxLength} bytes`,
  }),
  tooMany: (field: string, actual: number, max: number): FieldError => ({
    type: 'FieldValueTooMany',
    field,
    value: String(actual),
    detail: `must have at most ${max} items`,
  }),
  typeInvalid: (field: string, value: unknown, detail: string): FieldError => ({
    type: 'FieldValueTypeInvalid',
    field,
    value: valueText(value),
    detail,
  }),
};

const TYPE_TEXT: Record<FieldErrorType, string> = {
  FieldValueRequired: 'Required value',
  FieldValueInvalid: 'Invalid value',
  FieldValueNotSupported: 'Unsupported value',
  FieldValueForbidden: 'Forbidden',
  FieldValueDuplicate: 'Duplicate value',
  FieldValueNotFound: 'Not found',
  FieldValueTooLong: 'Too long',
  FieldValueTooMany: 'Too many',
  FieldValueTypeInvalid: 'Invalid value',
  InternalError: 'Internal error',
};

/** field.Error.ErrorBody(): the message without the field path. */
function fieldErrorBody(e: FieldError): string {
  let s = TYPE_TEXT[e.type];
  const omitsValue =
    e.type === 'FieldValueRequired' || e.type === 'FieldValueForbidden' || e.type === 'FieldValueTooLong' || e.type === 'InternalError';
  if (!omitsValue && e.value !== undefined) s += `: ${e.value}`;
  if (e.detail) s += `: ${e.detail}`;
  return s;
}

export function fieldErrorText(e: FieldError): string {
  return `${e.field}: ${fieldErrorBody(e)}`;
}

/** 422 Invalid: message `<Kind>[.<group>] "<name>" is invalid: <errors>`. */
export function newInvalid(kind: string, group: string, name: string, errs: FieldError[]): StatusError {
  const texts: string[] = [];
  for (const e of errs) {
    const t = fieldErrorText(e);
    if (!texts.includes(t)) texts.push(t);
  }
  const qualifiedKind = group ? `${kind}.${group}` : kind;
  const joined = texts.length === 1 ? texts[0] : `[${texts.join(', ')}]`;
  return failure(422, 'Invalid', `${qualifiedKind} "${name}" is invalid: ${joined}`, {
    name,
    group: group || undefined,
    kind,
    causes: errs.map((e) => ({ reason: e.type, message: fieldErrorBody(e), field: e.field })),
  });
}

