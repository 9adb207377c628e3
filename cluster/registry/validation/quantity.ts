// Kubernetes resource quantities (apimachinery pkg/api/resource), exact: values are kept as
// `unscaled × 10^scale` with bigint so `1Gi`, `500m` and `1e3` never lose precision.
// Parsing, canonical printing (`0.5` → `500m`, `1024Mi` → `1Gi`), comparison and arithmetic are
// shared by the registry (D-21 defaulting, request ≤ limit checks), LimitRanger and the scheduler.

export type QuantityFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent';

export interface Quantity {
  /** value = unscaled × 10^scale */
  unscaled: bigint;
  scale: number;
  format: QuantityFormat;
}

/** Thrown for strings that are not quantities; messages are upstream's ErrFormatWrong / ErrSuffix / ErrNumeric. */
export class QuantityParseError extends Error {}

export const QUANTITY_FORMAT_ERROR =
  "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
export const QUANTITY_SUFFIX_ERROR = "unable to parse quantity's suffix";
const QUANTITY_NUMERIC_ERROR = "unable to parse numeric part of quantity";

const DECIMAL_SUFFIXES: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIXES: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const DECIMAL_BY_EXPONENT = new Map(Object.entries(DECIMAL_SUFFIXES).map(([k, v]) => [v, k]));
const BINARY_BY_EXPONENT = new Map(Object.entries(BINARY_SUFFIXES).map(([k, v]) => [v, k]));

const NANO = -9;
const DIGITS = /^[0-9]*$/;

function pow10(n: number): bigint {
  return 10n ** BigInt(n);
}

/** Splits like upstream parseQuantityString: sign, numerator, denominator, suffix. */
function split(str: string): { positive: boolean; num: string; denom: string; suffix: string } {
  let pos = 0;
  let positive = true;
  if (str[0] === '-') {
    positive = false;
    pos++;
  } else if (str[0] === '+') {
    pos++;
  }
  while (pos < str.length && str[pos] === '0') pos++;
  let start = pos;
  while (pos < str.length && str[pos] >= '0' && str[pos] <= '9') pos++;
  let num = str.slice(start, pos);
  if (num === '') num = '0';
  let denom = '';
  if (pos < str.length && str[pos] === '.') {
    pos++;
    start = pos;
    while (pos < str.length && str[pos] >= '0' && str[pos] <= '9') pos++;
    denom = str.slice(start, pos);
  }
  const suffixStart = pos;
  while (pos < str.length && 'eEinumkKMGTP'.includes(str[pos])) pos++;
  if (pos < str.length && (str[pos] === '-' || str[pos] === '+')) pos++;
  while (pos < str.length && str[pos] >= '0' && str[pos] <= '9') pos++;
  if (pos < str.length) throw new QuantityParseError(QUANTITY_FORMAT_ERROR);
  return { positive, num, denom, suffix: str.slice(suffixStart) };
}

function interpretSuffix(suffix: string): { base: 2 | 10; exponent: number; format: QuantityFormat } {
  if (suffix in DECIMAL_SUFFIXES) return { base: 10, exponent: DECIMAL_SUFFIXES[suffix], format: 'DecimalSI' };
  if (suffix in BINARY_SUFFIXES) return { base: 2, exponent: BINARY_SUFFIXES[suffix], format: 'BinarySI' };
  if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E')) {
    const rest = suffix.slice(1);
    if (/^[+-]?[0-9]+$/.test(rest)) {
      return { base: 10, exponent: Number.parseInt(rest, 10), format: 'DecimalExponent' };
    }
  }
  throw new QuantityParseError(QUANTITY_SUFFIX_ERROR);
}

/** Divides toward +∞ in magnitude (inf.RoundUp rounds away from zero). */
function roundAwayFromZero(unscaled: bigint, scale: number, targetScale: number): { unscaled: bigint; scale: number } {
  if (scale >= targetScale) return { unscaled, scale };
  const divisor = pow10(targetScale - scale);
  const neg = unscaled < 0n;
  const mag = neg ? -unscaled : unscaled;
  let q = mag / divisor;
  if (q * divisor !== mag) q += 1n;
  return { unscaled: neg ? -q : q, scale: targetScale };
}

/** ParseQuantity: throws QuantityParseError with upstream's message. */
export function parseQuantity(input: string): Quantity {
  const str = input;
  if (str.length === 0) throw new QuantityParseError(QUANTITY_FORMAT_ERROR);
  if (str === '0') return { unscaled: 0n, scale: 0, format: 'DecimalSI' };
  const { positive, num, denom, suffix } = split(str);
  if (!DIGITS.test(num) || !DIGITS.test(denom)) throw new QuantityParseError(QUANTITY_NUMERIC_ERROR);
  const { base, exponent, format: parsedFormat } = interpretSuffix(suffix);
  let format = parsedFormat;
  let unscaled = BigInt(num + denom);
  let scale = -denom.length;
  if (base === 10) scale += exponent;
  else unscaled *= 2n ** BigInt(exponent);
  if (!positive) unscaled = -unscaled;
  // Non-zero values below 1n round up to 1n: "if you want some resources you should get some".
  if (unscaled !== 0n) ({ unscaled, scale } = roundAwayFromZero(unscaled, scale, NANO));
  const mag = unscaled < 0n ? -unscaled : unscaled;
  if (format === 'BinarySI' && mag !== 0n && compareRaw(mag, scale, 1n, 0) < 0) format = 'DecimalSI';
  return normalize({ unscaled, scale, format });
}

/** Removes trailing zeros from the unscaled value so equal quantities share one representation. */
function normalize(q: Quantity): Quantity {
  let { unscaled, scale } = q;
  if (unscaled === 0n) return { unscaled: 0n, scale: 0, format: q.format };
  while (unscaled % 10n === 0n) {
    unscaled /= 10n;
    scale += 1;
  }
  return { unscaled, scale, format: q.format };
}

function compareRaw(a: bigint, as: number, b: bigint, bs: number): number {
  const s = Math.min(as, bs);
  const av = a * pow10(as - s);
  const bv = b * pow10(bs - s);
  return av < bv ? -1 : av > bv ? 1 : 0;
}

/** Cmp: -1, 0 or 1. */
export function compareQuantities(a: Quantity, b: Quantity): -1 | 0 | 1 {
  return compareRaw(a.unscaled, a.scale, b.unscaled, b.scale) as -1 | 0 | 1;
}

export function sign(q: Quantity): -1 | 0 | 1 {
  return q.unscaled < 0n ? -1 : q.unscaled > 0n ? 1 : 0;
}

/** Add keeps the format of the left operand (upstream Quantity.Add). */
export function addQuantities(a: Quantity, b: Quantity): Quantity {
  const s = Math.min(a.scale, b.scale);
  const format = a.unscaled === 0n && a.format === 'DecimalSI' ? b.format : a.format;
  return normalize({ unscaled: a.unscaled * pow10(a.scale - s) + b.unscaled * pow10(b.scale - s), scale: s, format });
}

export function subtractQuantities(a: Quantity, b: Quantity): Quantity {
  return addQuantities(a, { ...b, unscaled: -b.unscaled });
}

/** ScaledValue(scale): ceil(q / 10^scale) as a number (Value() is scale 0, MilliValue() is -3). */
function scaledValue(q: Quantity, target: number): number {
  const r = roundCeil(q.unscaled, q.scale, target);
  return Number(r);
}

function roundCeil(unscaled: bigint, scale: number, target: number): bigint {
  if (scale >= target) return unscaled * pow10(scale - target);
  const d = pow10(target - scale);
  let quotient = unscaled / d;
  if (quotient * d !== unscaled && unscaled > 0n) quotient += 1n;
  return quotient;
}

/** Value(): the value rounded up to an integer. */
export function quantityValue(q: Quantity): number {
  return scaledValue(q, 0);
}

/** MilliValue(): value × 1000, rounded up. */
export function quantityMilliValue(q: Quantity): number {
  return scaledValue(q, -3);
}

/** RoundUp(scale): SetDefaults_ResourceList rounds every resource list entry up to milli precision (D-21). */
export function roundUpQuantity(q: Quantity, scale: number): Quantity {
  if (q.unscaled === 0n) return q;
  return normalize({ ...roundAwayFromZero(q.unscaled, q.scale, scale), format: q.format });
}

export function newMilliQuantity(milli: number | bigint, format: QuantityFormat = 'DecimalSI'): Quantity {
  return normalize({ unscaled: BigInt(milli), scale: -3, format });
}

export function newQuantity(value: number | bigint, format: QuantityFormat = 'DecimalSI'): Quantity {
  return normalize({ unscaled: BigInt(value), scale: 0, format });
}

/** Quantity.String(): the canonical form (CanonicalizeBytes). */
export function formatQuantity(q: Quantity): string {
  if (q.unscaled === 0n) return '0';
  let format = q.format;
  if (format === 'BinarySI') {
    const small = compareRaw(q.unscaled, q.scale, -1024n, 0) > 0 && compareRaw(q.unscaled, q.scale, 1024n, 0) < 0;
    if (small || q.scale < 0) format = 'DecimalSI'; // fractional binary values would lose precision
  }
  if (format === 'BinarySI') {
    let amount = q.unscaled * pow10(q.scale);
    let exponent = 0;
    while (amount % 1024n === 0n && exponent < 60) {
      amount /= 1024n;
      exponent += 10;
    }
    const suffix = BINARY_BY_EXPONENT.get(exponent) ?? '';
    return `${amount}${suffix}`;
  }
  // AsCanonicalBytes: strip factors of ten, then lower the exponent to a multiple of three.
  let amount = q.unscaled;
  let exponent = q.scale;
  while (amount % 10n === 0n) {
    amount /= 10n;
    exponent += 1;
  }
  const rem = ((exponent % 3) + 3) % 3;
  if (rem === 1) {
    amount *= 10n;
    exponent -= 1;
  } else if (rem === 2) {
    amount *= 100n;
    exponent -= 2;
  }
  if (format === 'DecimalExponent') return exponent === 0 ? `${amount}` : `${amount}e${exponent}`;
  const suffix = DECIMAL_BY_EXPONENT.get(exponent);
  return suffix === undefined ? `${amount}e${exponent}` : `${amount}${suffix}`;
}

/** Parses and re-prints; throws QuantityParseError. */
export function canonicalQuantity(s: string): string {
  return formatQuantity(parseQuantity(s));
}

/** JSON quantities may arrive as numbers (`cpu: 1`); upstream accepts both. */
export function parseQuantityValue(v: unknown): Quantity {
  if (typeof v === 'number') return parseQuantity(String(v));
  if (typeof v === 'string') return parseQuantity(v);
  throw new QuantityParseError(QUANTITY_FORMAT_ERROR);
}
