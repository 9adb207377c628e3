// Every failed API call becomes one typed error (architecture.md §3.2): the HTTP code, the
// Kubernetes Status reason, its message (shown to the user verbatim) and field causes that
// forms map onto `data-field` controls.

export interface FieldCause {
  /** Kubernetes' `field`, e.g. `spec.replicas`. */
  field?: string;
  reason?: string;
  message: string;
}

export type ErrorKind =
  | 'network' // no answer at all: "The cluster could not be reached."
  | 'unauthorized' // 401: the console session ended
  | 'forbidden' // 403
  | 'notFound' // 404
  | 'conflict' // 409
  | 'gone' // 410: watch window expired → relist
  | 'invalid' // 422
  | 'tooManyRequests'
  | 'server'; // 5xx and anything else

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    /** HTTP status; 0 when no response arrived. */
    readonly code: number,
    readonly reason: string,
    message: string,
    readonly causes: FieldCause[] = [],
    /** Kubernetes Status `details` (name, kind, group). */
    readonly details: { name?: string; kind?: string; group?: string } = {},
  ) {
    super(message);
  }

  get kind(): ErrorKind {
    return errorKind(this.code);
  }
}

function errorKind(code: number): ErrorKind {
  if (code === 0) return 'network';
  if (code === 401) return 'unauthorized';
  if (code === 403) return 'forbidden';
  if (code === 404) return 'notFound';
  if (code === 409) return 'conflict';
  if (code === 410) return 'gone';
  if (code === 422) return 'invalid';
  if (code === 429) return 'tooManyRequests';
  return 'server';
}

interface StatusBody {
  kind?: string;
  status?: string;
  message?: string;
  reason?: string;
  code?: number;
  details?: { name?: string; kind?: string; group?: string; causes?: FieldCause[] };
}

function isStatusBody(v: unknown): v is StatusBody {
  return typeof v === 'object' && v !== null && (v as StatusBody).kind === 'Status';
}

const DEFAULT_REASON: Record<number, string> = {
  400: 'BadRequest',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'NotFound',
  405: 'MethodNotAllowed',
  409: 'Conflict',
  410: 'Expired',
  413: 'RequestEntityTooLarge',
  415: 'UnsupportedMediaType',
  422: 'Invalid',
  429: 'TooManyRequests',
  500: 'InternalError',
  503: 'ServiceUnavailable',
  504: 'Timeout',
};

/**
 * Maps a non-2xx answer to ApiError. `body` is the response text: a Kubernetes Status, a
 * console-server JSON error `{message}`, or plain text (proxies, gateways).
 */
export function toApiError(httpStatus: number, statusText: string, body: string): ApiError {
  let parsed: unknown;
  try {
    parsed = body ? JSON.parse(body) : undefined;
  } catch {
    parsed = undefined;
  }
  if (isStatusBody(parsed)) {
    const code = parsed.code || httpStatus;
    return new ApiError(
      code,
      parsed.reason || DEFAULT_REASON[code] || 'Unknown',
      parsed.message || `${httpStatus} ${statusText}`.trim(),
      parsed.details?.causes ?? [],
      { name: parsed.details?.name, kind: parsed.details?.kind, group: parsed.details?.group },
    );
  }
  const reason = DEFAULT_REASON[httpStatus] ?? 'Unknown';
  const jsonMessage =
    typeof parsed === 'object' && parsed !== null && typeof (parsed as { message?: unknown }).message === 'string'
      ? (parsed as { message: string }).message
      : undefined;
  const text = jsonMessage ?? (body.trim().slice(0, 500) || `${httpStatus} ${statusText}`.trim());
  return new ApiError(httpStatus, reason, text);
}

/** A fetch that never got an answer (DNS, refused connection, server down). */
export function networkError(cause: unknown): ApiError {
  const detail = cause instanceof Error ? cause.message : String(cause);
  return new ApiError(0, 'NetworkError', `The cluster could not be reached. (${detail})`);
}

/** The text a toast or banner shows for any thrown value. */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message;
  return String(err);
}

export function isApiError(err: unknown, kind?: ErrorKind): err is ApiError {
  return err instanceof ApiError && (kind === undefined || err.kind === kind);
}
