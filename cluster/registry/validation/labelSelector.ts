// metav1.LabelSelector: validation (V-16), conversion to a matcher (LabelSelectorAsSelector) and
// its String() form, used by selector/template checks (V-17) and the Scale status (S-2).
import { fieldErrors, type FieldError } from '../../api/errors';
import { validateLabelName, validateLabels } from './objectMeta';
import { isQualifiedName, isValidLabelValue } from './names';

interface LabelSelectorRequirementObject {
  key?: string;
  operator?: string;
  values?: string[] | null;
}

export interface LabelSelectorObject {
  matchLabels?: Record<string, string> | null;
  matchExpressions?: LabelSelectorRequirementObject[] | null;
}

export function validateLabelSelector(
  sel: LabelSelectorObject | undefined | null,
  path: string,
  opts: { allowInvalidLabelValueInSelector?: boolean } = {},
): FieldError[] {
  const errs: FieldError[] = [];
  if (!sel) return errs;
  errs.push(...validateLabels(sel.matchLabels ?? undefined, `${path}.matchLabels`));
  (sel.matchExpressions ?? []).forEach((expr, i) => {
    const p = `${path}.matchExpressions[${i}]`;
    const values = expr.values ?? [];
    switch (expr.operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0) errs.push(fieldErrors.required(`${p}.values`, "must be specified when `operator` is 'In' or 'NotIn'"));
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0) errs.push(fieldErrors.forbidden(`${p}.values`, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"));
        break;
      default:
        errs.push(fieldErrors.invalid(`${p}.operator`, expr.operator ?? '', 'not a valid selector operator'));
    }
    errs.push(...validateLabelName(expr.key ?? '', `${p}.key`));
    if (!opts.allowInvalidLabelValueInSelector) {
      values.forEach((v, j) => {
        for (const m of isValidLabelValue(v)) errs.push(fieldErrors.invalid(`${p}.values[${j}]`, v, m));
      });
    }
  });
  return errs;
}

interface Requirement {
  key: string;
  op: '=' | 'in' | 'notin' | 'exists' | '!';
  values: string[];
}

export interface CompiledSelector {
  /** labels.Everything(): an empty selector matches all objects. */
  empty: boolean;
  matches(labels: Record<string, string> | undefined): boolean;
  /** labels.Selector String(): requirements sorted by key, values sorted. */
  toString(): string;
}

/** LabelSelectorAsSelector: undefined on the errors upstream's NewRequirement raises. */
export function compileLabelSelector(sel: LabelSelectorObject | undefined | null): CompiledSelector | undefined {
  if (!sel) return { empty: false, matches: () => false, toString: () => '' }; // labels.Nothing()
  const reqs: Requirement[] = [];
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) {
    if (isQualifiedName(k).length || isValidLabelValue(String(v)).length) return undefined;
    reqs.push({ key: k, op: '=', values: [String(v)] });
  }
  for (const e of sel.matchExpressions ?? []) {
    const key = e.key ?? '';
    const values = e.values ?? [];
    if (isQualifiedName(key).length) return undefined;
    switch (e.operator) {
      case 'In':
      case 'NotIn':
        if (values.length === 0) return undefined;
        if (values.some((v) => isValidLabelValue(v).length)) return undefined;
        reqs.push({ key, op: e.operator === 'In' ? 'in' : 'notin', values });
        break;
      case 'Exists':
      case 'DoesNotExist':
        if (values.length > 0) return undefined;
        reqs.push({ key, op: e.operator === 'Exists' ? 'exists' : '!', values: [] });
        break;
      default:
        return undefined;
    }
  }
  reqs.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  return {
    empty: reqs.length === 0,
    matches(labels) {
      const l = labels ?? {};
      return reqs.every((r) => {
        const has = Object.prototype.hasOwnProperty.call(l, r.key);
        switch (r.op) {
          case '=':
          case 'in':
            return has && r.values.includes(l[r.key]);
          case 'notin':
            return !has || !r.values.includes(l[r.key]);
          case 'exists':
            return has;
          case '!':
            return !has;
        }
        return false;
      });
    },
    toString() {
      return reqs
        .map((r) => {
          const vals = [...r.values].sort();
          switch (r.op) {
            case '=':
              return `${r.key}=${r.values[0]}`;
            case 'in':
              return `${r.key} in (${vals.join(',')})`;
            case 'notin':
              return `${r.key} notin (${vals.join(',')})`;
            case 'exists':
              return r.key;
            case '!':
              return `!${r.key}`;
          }
          return '';
        })
        .join(',');
    },
  };
}
