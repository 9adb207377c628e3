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
