// Cell formatting helpers mirroring apimachinery (duration.HumanDuration, Quantity.String,
// labels.FormatLabels, metav1.FormatLabelSelector) so Table cells read exactly as upstream's.

/** apimachinery util/duration.HumanDuration (T-6): ~2-3 significant figures. */
export function humanDuration(ms: number): string {
  // Go converts with truncation toward zero; deviations under 2s count as "now".
  const seconds = Math.trunc(ms / 1000);
  if (seconds < -1) return '<invalid>';
  if (seconds < 0) return '0s';
  if (seconds < 60 * 2) return `${seconds}s`;
  const minutes = Math.trunc(ms / 60_000);
  if (minutes < 10) {
    const s = seconds % 60;
    return s === 0 ? `${minutes}m` : `${minutes}m${s}s`;
  }
  if (minutes < 60 * 3) return `${minutes}m`;
  const hours = Math.trunc(ms / 3_600_000);
  if (hours < 8) {
    const m = minutes % 60;
    return m === 0 ? `${hours}h` : `${hours}h${m}m`;
  }
  if (hours < 48) return `${hours}h`;
  if (hours < 24 * 8) {
    const h = hours % 24;
    return h === 0 ? `${Math.trunc(hours / 24)}d` : `${Math.trunc(hours / 24)}d${h}h`;
  }
  if (hours < 24 * 365 * 2) return `${Math.trunc(hours / 24)}d`;
  if (hours < 24 * 365 * 8) {
    const dy = Math.trunc(hours / 24) % 365;
    const y = Math.trunc(hours / 24 / 365);
    return dy === 0 ? `${y}y` : `${y}y${dy}d`;
  }
  return `${Math.trunc(hours / 24 / 365)}y`;
}

/** printers.translateTimestampSince: `<unknown>` for a missing (zero) timestamp. */
export function since(timestamp: unknown, now: Date): string {
  if (typeof timestamp !== 'string' || timestamp === '') return '<unknown>';
  const t = Date.parse(timestamp);
  if (Number.isNaN(t)) return '<unknown>';
  return humanDuration(now.getTime() - t);
}

// ---- Quantity.String() ------------------------------------------------------------------------

const DECIMAL_SUFFIXES: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BINARY_SUFFIXES = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
const NANO = 10n ** 9n;

/**
 * Canonical form of a quantity as resource.Quantity.String() prints it ("1024Mi" -> "1Gi",
 * "0.5" -> "500m", "1.5Gi" -> "1536Mi"). Unparseable input is returned unchanged.
 */
export function canonicalQuantity(input: unknown): string {
  if (typeof input === 'number') input = String(input);
  if (typeof input !== 'string') return '';
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:([eE][+-]?\d+)|(Ki|Mi|Gi|Ti|Pi|Ei)|([numkMGTPE]))?$/.exec(input.trim());
  if (!m || (m[2] === '' && (m[3] ?? '') === '')) return String(input);
  const [, sign, whole, frac = '', exp, bin, dec] = m;
  let nano = BigInt((whole || '0') + frac) * NANO; // value * 1e9 * 10^frac.length
  let scale = -frac.length;
  if (exp) scale += Number(exp.slice(1));
  if (dec !== undefined) scale += DECIMAL_SUFFIXES[dec];
  if (bin) nano *= 1024n ** BigInt(BINARY_SUFFIXES.indexOf(bin));
  if (scale >= 0) nano *= 10n ** BigInt(scale);
  else {
    const div = 10n ** BigInt(-scale);
    nano = (nano + div - 1n) / div; // below nano precision rounds up, like Quantity
  }
  if (sign === '-') nano = -nano;
  const format = bin ? 'binary' : exp ? 'exponent' : 'decimal';
  const abs = nano < 0n ? -nano : nano;
  if (format === 'binary' && abs % NANO === 0n && abs >= 1024n * NANO) {
    let v = nano / NANO;
    let i = 0;
    while (i < BINARY_SUFFIXES.length - 1 && v % 1024n === 0n) {
      v /= 1024n;
      i++;
    }
    return `${v}${BINARY_SUFFIXES[i]}`;
  }
  if (nano === 0n) return '0';
  // Largest power of 1000 (from nano up to exa) that keeps the mantissa an integer.
  let exp10 = -9;
  let v = nano;
  while (exp10 < 18 && v % 1000n === 0n) {
    v /= 1000n;
    exp10 += 3;
  }
  if (format === 'exponent') return exp10 === 0 ? `${v}` : `${v}e${exp10}`;
  const suffix = Object.entries(DECIMAL_SUFFIXES).find(([, e]) => e === exp10)?.[0] ?? '';
  return `${v}${suffix}`;
}

// ---- labels -----------------------------------------------------------------------------------

/** labels.FormatLabels: `k=v` sorted by key, `<none>` when empty. */
export function formatLabels(labels: unknown): string {
  if (!labels || typeof labels !== 'object') return '<none>';
  const keys = Object.keys(labels).sort();
  if (keys.length === 0) return '<none>';
  return keys.map((k) => `${k}=${String((labels as Record<string, unknown>)[k])}`).join(',');
}

interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

/** metav1.LabelSelectorAsSelector(sel).String(); "" for a nil or empty selector. */
export function labelSelectorString(sel: unknown): string {
  if (!sel || typeof sel !== 'object') return '';
  const s = sel as LabelSelector;
  const reqs: { key: string; text: string }[] = [];
  for (const [k, v] of Object.entries(s.matchLabels ?? {})) reqs.push({ key: k, text: `${k}=${v}` });
  for (const e of s.matchExpressions ?? []) {
    const values = [...(e.values ?? [])].sort().join(',');
    const text =
      e.operator === 'In'
        ? `${e.key} in (${values})`
        : e.operator === 'NotIn'
          ? `${e.key} notin (${values})`
          : e.operator === 'Exists'
            ? e.key
            : e.operator === 'DoesNotExist'
              ? `!${e.key}`
              : null;
    if (text === null) return '<error>';
    reqs.push({ key: e.key, text });
  }
  return reqs
    .sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0))
    .map((r) => r.text)
    .join(',');
}

/** metav1.FormatLabelSelector: like labelSelectorString but `<none>` when empty. */
export function formatLabelSelector(sel: unknown): string {
  const s = labelSelectorString(sel);
  return s === '' ? '<none>' : s;
}

/** intstr.IntOrString.String(). */
export function intOrString(v: unknown): string {
  return typeof v === 'number' ? String(Math.trunc(v)) : String(v ?? '');
}

/** helper.GetAccessModesAsString: RWO, ROX, RWX, RWOP in that fixed order. */
export function accessModes(modes: unknown): string {
  const list = Array.isArray(modes) ? (modes as string[]) : [];
  const out: string[] = [];
  if (list.includes('ReadWriteOnce')) out.push('RWO');
  if (list.includes('ReadOnlyMany')) out.push('ROX');
  if (list.includes('ReadWriteMany')) out.push('RWX');
  if (list.includes('ReadWriteOncePod')) out.push('RWOP');
  return out.join(',');
}
