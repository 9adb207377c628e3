// Small helpers for walking decoded JSON objects without `any`.
import { formatQuantity, parseQuantityValue, roundUpQuantity, QuantityParseError } from '../validation/quantity';

export type JsonObject = Record<string, unknown>;

export function asObject(v: unknown): JsonObject | undefined {
  return v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as JsonObject) : undefined;
}

export function asArray(v: unknown): unknown[] {
  return Array.isArray(v) ? v : [];
}

export function asString(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

/**
 * A body that a Go server could not even decode (a malformed quantity, a wrong type). The
 * strategy turns it into upstream's 400: `<Kind> in version "v1" cannot be handled as a <Kind>: <msg>`.
 */
export class DecodeError extends Error {}

/**
 * Canonical string of a quantity field (D-21). Resource lists are additionally rounded up to
 * milli precision like SetDefaults_ResourceList.
 */
export function canonicalQuantityForList(v: unknown, roundToMilli: boolean): string {
  try {
    const q = parseQuantityValue(v);
    return formatQuantity(roundToMilli ? roundUpQuantity(q, -3) : q);
  } catch (e) {
    if (e instanceof QuantityParseError) throw new DecodeError(e.message);
    throw e;
  }
}

export function deepClone<T>(v: T): T {
  return v === undefined ? v : (JSON.parse(JSON.stringify(v)) as T);
}

function jsonKindWord(v: unknown): string {
  if (Array.isArray(v)) return 'array';
  if (v === null) return 'null';
  if (typeof v === 'object') return 'object';
  if (typeof v === 'number') return `number ${v}`;
  return typeof v;
}

/**
 * Go's decoder refuses non-integers for int32 fields before any defaulting runs:
 * `json: cannot unmarshal string into Go struct field StatefulSetSpec.spec.replicas of type int32`.
 */
export function expectInt32(value: unknown, struct: string, path: string): void {
  if (value === undefined || value === null) return;
  if (typeof value === 'number' && Number.isInteger(value) && value >= -2147483648 && value <= 2147483647) return;
  throw new DecodeError(`json: cannot unmarshal ${jsonKindWord(value)} into Go struct field ${struct}.${path} of type int32`);
}
