// Request-body decoding for PATCH with the apiserver's error answers (handlers/patch.go):
// syntax errors carry Go's encoding/json text, wrong top-level types Go's UnmarshalTypeError text.
import { StatusError, newBadRequest, type Status } from '../errors';
import { goJsonSyntaxError, jsonKindWord } from './goFormat';

export type FieldValidation = 'Strict' | 'Warn' | 'Ignore';

/** Parses JSON text, or returns the Go error message for it. */
export function parseGoJson(text: string): { value: unknown } | { error: string } {
  const syntax = goJsonSyntaxError(text);
  if (syntax !== undefined) return { error: syntax };
  return { value: JSON.parse(text) as unknown };
}

/** `json: cannot unmarshal array into Go value of type map[string]interface {}` */
export function unmarshalTypeError(v: unknown, goType: string): string {
  return `json: cannot unmarshal ${jsonKindWord(v)} into Go value of type ${goType}`;
}

/**
 * Decodes a patch body that must be a JSON object (merge and strategic patches).
 * `prefix` is "error decoding patch: " where upstream wraps the decoder error.
 */
export function decodeObjectBody(body: string, prefix: string): Record<string, unknown> {
  const r = parseGoJson(body);
  if ('error' in r) throw newBadRequest(prefix + r.error);
  if (r.value === null) return {};
  if (typeof r.value !== 'object' || Array.isArray(r.value)) {
    throw newBadRequest(prefix + unmarshalTypeError(r.value, 'map[string]interface {}'));
  }
  return r.value as Record<string, unknown>;
}

/**
 * NewGenericServerResponse(422, ...): reason Invalid with the generic message; upstream drops the
 * JSON-patch library's own text (kubectl prints `The request is invalid: the server rejected our
 * request due to an error in our request`).
 */
export function genericInvalid(): StatusError {
  const status = {
    kind: 'Status',
    apiVersion: 'v1',
    metadata: {},
    status: 'Failure',
    message: 'the server rejected our request due to an error in our request',
    reason: 'Invalid',
    details: {},
    code: 422,
  } as Status;
  return new StatusError(status);
}
