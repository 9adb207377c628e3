// Label selector text as Kubernetes writes it (`k=v`, `k==v`, `k!=v`, `k`, `!k`,
// `k in (a,b)`, `k notin (a,b)`), parsed into requirements that are ANDed. Used by the list
// page's label filter (console-spec.md §2.4) and serialised back for `labelSelector=`.

type Operator = 'Equals' | 'NotEquals' | 'Exists' | 'DoesNotExist' | 'In' | 'NotIn';

export interface Requirement {
  key: string;
  op: Operator;
  values: string[];
}

// Qualified name with optional DNS prefix (apimachinery validation.IsQualifiedName), and label
// values (≤ 63 chars, alphanumerics with -_. inside).
const KEY = /^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*\/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;
const VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?$/;

class SelectorSyntaxError extends Error {}

/** Splits on commas that are not inside parentheses. */
function splitTop(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let cur = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth--;
    if (depth < 0) throw new SelectorSyntaxError('unbalanced parentheses');
    if (ch === ',' && depth === 0) {
      parts.push(cur);
      cur = '';
    } else cur += ch;
  }
  if (depth !== 0) throw new SelectorSyntaxError('unbalanced parentheses');
  parts.push(cur);
  return parts;
}

function checkKey(key: string): string {
  if (!KEY.test(key) || key.length > 317) throw new SelectorSyntaxError(`invalid key ${key}`);
  return key;
}

function checkValue(value: string): string {
  if (value.length > 63 || !VALUE.test(value)) throw new SelectorSyntaxError(`invalid value ${value}`);
  return value;
}

function parseOne(raw: string): Requirement {
  const s = raw.trim();
  if (!s) throw new SelectorSyntaxError('empty requirement');
  const set = /^(\S+)\s+(in|notin)\s*\((.*)\)$/.exec(s);
  if (set) {
    const values = set[3].split(',').map((v) => checkValue(v.trim()));
    if (values.length === 1 && values[0] === '' && set[3].trim() === '') throw new SelectorSyntaxError('empty set');
    return { key: checkKey(set[1]), op: set[2] === 'in' ? 'In' : 'NotIn', values };
  }
  const cmp = /^([^=!\s]+)\s*(==|=|!=)\s*(\S*)$/.exec(s);
  if (cmp) {
    return { key: checkKey(cmp[1]), op: cmp[2] === '!=' ? 'NotEquals' : 'Equals', values: [checkValue(cmp[3])] };
  }
  if (s.startsWith('!')) return { key: checkKey(s.slice(1).trim()), op: 'DoesNotExist', values: [] };
  return { key: checkKey(s), op: 'Exists', values: [] };
}

/** Parses selector text; an empty text selects everything. Throws SelectorSyntaxError. */
export function parseSelector(text: string): Requirement[] {
  if (!text.trim()) return [];
  return splitTop(text).map(parseOne);
}

/** Like parseSelector but returns undefined on invalid input. */
export function tryParseSelector(text: string): Requirement[] | undefined {
  try {
    return parseSelector(text);
  } catch (err) {
    if (err instanceof SelectorSyntaxError) return undefined;
    throw err;
  }
}

export function matchesSelector(reqs: readonly Requirement[], labels: Record<string, string> | undefined): boolean {
  const l = labels ?? {};
  return reqs.every((r) => {
    const has = Object.prototype.hasOwnProperty.call(l, r.key);
    const v = l[r.key];
    switch (r.op) {
      case 'Equals':
        return has && v === r.values[0];
      case 'NotEquals':
        return !has || v !== r.values[0];
      case 'Exists':
        return has;
      case 'DoesNotExist':
        return !has;
      case 'In':
        return has && r.values.includes(v);
      case 'NotIn':
        return !has || !r.values.includes(v);
    }
    return false;
  });
}

export function formatRequirement(r: Requirement): string {
  switch (r.op) {
    case 'Equals':
      return `${r.key}=${r.values[0]}`;
    case 'NotEquals':
      return `${r.key}!=${r.values[0]}`;
    case 'Exists':
      return r.key;
    case 'DoesNotExist':
      return `!${r.key}`;
    case 'In':
      return `${r.key} in (${r.values.join(',')})`;
    case 'NotIn':
      return `${r.key} notin (${r.values.join(',')})`;
  }
  return r.key;
}

/** `spec.selector.matchLabels` as a selector string (`app=web,tier=db`). */
export function matchLabelsToString(labels: Record<string, string> | undefined): string {
  return Object.entries(labels ?? {})
    .map(([k, v]) => `${k}=${v}`)
    .join(',');
}
