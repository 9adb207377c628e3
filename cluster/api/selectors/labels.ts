// Label selectors exactly like apimachinery's labels.Parse and metav1.LabelSelectorAsSelector (L-7):
// same grammar, same error texts (answered as 400 BadRequest), same matching and String() form.
import { newBadRequest } from '../errors';
import { isQualifiedName, isValidLabelValue } from '../../registry/validation/names';
import { aggregate, goQuote, goStringSlice } from './validation';

type Operator = 'in' | 'notin' | '=' | '==' | '!=' | 'gt' | 'lt' | 'exists' | '!';

interface Requirement {
  key: string;
  operator: Operator;
  values: string[];
}

export interface LabelSelector {
  requirements: Requirement[];
  /** labels.Nothing(): a nil metav1.LabelSelector selects nothing */
  nothing?: boolean;
}

const BINARY_OPERATORS = ['in', 'notin', '=', '==', '!=', 'gt', 'lt'];
const VALID_OPERATORS = [...BINARY_OPERATORS, 'exists', '!'];

class SelectorError extends Error {}

/** field.Error text for an invalid value at `path` ("<nil>" is how a nil field.Path prints). */
const invalid = (path: string, value: string, detail: string): string => `${path}: Invalid value: ${value}: ${detail}`;

/** labels.NewRequirement's checks; `path` is the field path prefix ("" for a nil path). */
function requirementErrors(key: string, op: Operator, vals: string[] | undefined, path: string): string[] {
  const errs: string[] = [];
  const child = (name: string) => (path ? `${path}.${name}` : name);
  const keyErrs = isQualifiedName(key);
  if (keyErrs.length) errs.push(invalid(child('key'), goQuote(key), keyErrs.join('; ')));
  const valuePath = child('values');
  const n = vals?.length ?? 0;
  switch (op) {
    case 'in':
    case 'notin':
      if (n === 0) errs.push(invalid(valuePath, goStringSlice(vals), "for 'in', 'notin' operators, values set can't be empty"));
      break;
    case '=':
    case '==':
    case '!=':
      if (n !== 1) errs.push(invalid(valuePath, goStringSlice(vals), 'exact-match compatibility requires one single value'));
      break;
    case 'exists':
    case '!':
      if (n !== 0) errs.push(invalid(valuePath, goStringSlice(vals), 'values set must be empty for exists and does not exist'));
      break;
    case 'gt':
    case 'lt':
      if (n !== 1) errs.push(invalid(valuePath, goStringSlice(vals), "for 'Gt', 'Lt' operators, exactly one value is required"));
      (vals ?? []).forEach((v, i) => {
        if (parseInt64(v) === undefined) errs.push(invalid(`${valuePath}[${i}]`, goQuote(v), "for 'Gt', 'Lt' operators, the value must be an integer"));
      });
      break;
    default:
      errs.push(`${child('operator')}: Unsupported value: ${goQuote(op)}: supported values: ${VALID_OPERATORS.map(goQuote).join(', ')}`);
  }
  (vals ?? []).forEach((v, i) => {
    const ve = isValidLabelValue(v);
    if (ve.length) errs.push(invalid(`${valuePath}[${i}][${key}]`, goQuote(v), ve.join('; ')));
  });
  return errs;
}

/** strconv.ParseInt(s, 10, 64) */
function parseInt64(s: string): bigint | undefined {
  if (!/^[+-]?\d+$/.test(s)) return undefined;
  const v = BigInt(s);
  if (v > 9223372036854775807n || v < -9223372036854775808n) return undefined;
  return v;
}

// ---- lexer (labels.Lexer) ------------------------------------------------------------------

type Tok = 'error' | 'eos' | ')' | ',' | '!' | '==' | '=' | '>' | 'id' | 'in' | '<' | '!=' | 'notin' | '(';
interface Item {
  tok: Tok;
  lit: string;
}
const STRING2TOKEN: Record<string, Tok> = { ')': ')', ',': ',', '!': '!', '==': '==', '=': '=', '>': '>', in: 'in', '<': '<', '!=': '!=', notin: 'notin', '(': '(' };
const isWhitespace = (c: string) => c === ' ' || c === '\t' || c === '\r' || c === '\n';
const isSpecial = (c: string) => '=!(),><'.includes(c) && c !== '';

function lex(s: string): Item[] {
  const items: Item[] = [];
  let pos = 0;
  const read = (): string => (pos < s.length ? s[pos++] : '');
  for (;;) {
    let ch = read();
    while (isWhitespace(ch)) ch = read();
    if (ch === '') {
      items.push({ tok: 'eos', lit: '' });
      return items;
    }
    pos--;
    if (isSpecial(ch)) {
      let buf = '';
      let last: Item | undefined;
      for (;;) {
        const c = read();
        if (c === '') break;
        if (isSpecial(c)) {
          buf += c;
          const t = STRING2TOKEN[buf];
          if (t) last = { tok: t, lit: buf };
          else if (last) {
            pos--;
            break;
          }
        } else {
          pos--;
          break;
        }
      }
      items.push(last ?? { tok: 'error', lit: `error expected: keyword found '${buf}'` });
    } else {
      let buf = '';
      for (;;) {
        const c = read();
        if (c === '') break;
        if (isSpecial(c) || isWhitespace(c)) {
          pos--;
          break;
        }
        buf += c;
      }
      const t = STRING2TOKEN[buf];
      items.push(t ? { tok: t, lit: buf } : { tok: 'id', lit: buf });
    }
  }
}

// ---- parser (labels.Parser) ----------------------------------------------------------------

class Parser {
  private position = 0;
  constructor(private readonly items: Item[]) {}

  /** In the Values context `in` and `notin` are plain identifiers. */
  private peek(values: boolean): Item {
    const it = this.items[this.position];
    return values && (it.tok === 'in' || it.tok === 'notin') ? { tok: 'id', lit: it.lit } : it;
  }

  private next(values: boolean): Item {
    const it = this.peek(values);
    this.position++;
    return it;
  }

  parse(): Requirement[] {
    const reqs: Requirement[] = [];
    for (;;) {
      const { tok, lit } = this.peek(true);
      if (tok === 'id' || tok === '!') {
        let r: Requirement;
        try {
          r = this.parseRequirement();
        } catch (e) {
          if (e instanceof SelectorError) throw new SelectorError(`unable to parse requirement: ${e.message}`);
          throw e;
        }
        reqs.push(r);
        const t = this.next(true);
        if (t.tok === 'eos') return reqs;
        if (t.tok === ',') {
          const t2 = this.peek(true);
          if (t2.tok !== 'id' && t2.tok !== '!') throw new SelectorError(`found '${t2.lit}', expected: identifier after ','`);
        } else {
          throw new SelectorError(`found '${t.lit}', expected: ',' or 'end of string'`);
        }
      } else if (tok === 'eos') {
        return reqs;
      } else {
        throw new SelectorError(`found '${lit}', expected: !, identifier, or 'end of string'`);
      }
    }
  }

  private parseRequirement(): Requirement {
    let operator: Operator | '' = '';
    let t = this.next(true);
    if (t.tok === '!') {
      operator = '!';
      t = this.next(true);
    }
    if (t.tok !== 'id') throw new SelectorError(`found '${t.lit}', expected: identifier`);
    const key = t.lit;
    const keyErrs = isQualifiedName(key);
    if (keyErrs.length) throw new SelectorError(invalid('<nil>', goQuote(key), keyErrs.join('; ')));
    const la = this.peek(true).tok;
    if ((la === 'eos' || la === ',') && operator !== '!') operator = 'exists';
    if (operator === 'exists' || operator === '!') return newRequirement(key, operator, []);
    const opTok = this.next(false);
    const op = ({ in: 'in', '=': '=', '==': '==', '>': 'gt', '<': 'lt', notin: 'notin', '!=': '!=' } as Record<string, Operator>)[opTok.tok];
    if (!op) throw new SelectorError(`found '${opTok.lit}', expected: ${BINARY_OPERATORS.join(', ')}`);
    const values = op === 'in' || op === 'notin' ? this.parseValues() : this.parseExactValue();
    return newRequirement(key, op, values);
  }

  private parseValues(): string[] {
    const open = this.next(true);
    if (open.tok !== '(') throw new SelectorError(`found '${open.lit}' expected: '('`);
    const { tok, lit } = this.peek(true);
    if (tok === 'id' || tok === ',') {
      const s = this.parseIdentifiersList();
      if (this.next(true).tok !== ')') throw new SelectorError(`found '${lit}', expected: ')'`);
      return s;
    }
    if (tok === ')') {
      this.next(true);
      return [''];
    }
    throw new SelectorError(`found '${lit}', expected: ',', ')' or identifier`);
  }

  private parseIdentifiersList(): string[] {
    const s = new Set<string>();
    for (;;) {
      const { tok, lit } = this.next(true);
      if (tok === 'id') {
        s.add(lit);
        const t2 = this.peek(true);
        if (t2.tok === ',') continue;
        if (t2.tok === ')') return sortedSet(s);
        throw new SelectorError(`found '${t2.lit}', expected: ',' or ')'`);
      } else if (tok === ',') {
        if (s.size === 0) s.add(''); // "(,"
        const t2 = this.peek(true).tok;
        if (t2 === ')') {
          s.add(''); // ",)"
          return sortedSet(s);
        }
        if (t2 === ',') s.add(''); // ",,"
      } else {
        throw new SelectorError(`found '${lit}', expected: ',', or identifier`);
      }
    }
  }

  private parseExactValue(): string[] {
    const la = this.peek(true).tok;
    if (la === 'eos' || la === ',') return [''];
    const { tok, lit } = this.next(true);
    if (tok === 'id') return [lit];
    throw new SelectorError(`found '${lit}', expected: identifier`);
  }
}

const sortedSet = (s: Set<string>): string[] => [...s].sort(cmp);
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function newRequirement(key: string, operator: Operator, values: string[]): Requirement {
  const errs = requirementErrors(key, operator, values, '');
  if (errs.length) throw new SelectorError(aggregate(errs));
  return { key, operator, values };
}

const byKey = (reqs: Requirement[]): Requirement[] => [...reqs].sort((a, b) => cmp(a.key, b.key));

/** labels.Parse; throws StatusError 400 with the parser's message. */
export function parseLabelSelector(s: string): LabelSelector {
  try {
    return { requirements: byKey(new Parser(lex(s)).parse()) };
  } catch (e) {
    if (e instanceof SelectorError) throw newBadRequest(e.message);
    throw e;
  }
}

interface LabelSelectorObject {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

const EXPR_OPERATORS: Record<string, Operator> = { In: 'in', NotIn: 'notin', Exists: 'exists', DoesNotExist: '!' };

/** metav1.LabelSelectorAsSelector: undefined selects nothing, {} everything; errors are 400. */
export function labelSelectorFromObject(sel: LabelSelectorObject | undefined | null): LabelSelector {
  if (sel === undefined || sel === null) return { requirements: [], nothing: true };
  const reqs: Requirement[] = [];
  const fail = (msg: string): never => {
    throw newBadRequest(msg);
  };
  for (const k of Object.keys(sel.matchLabels ?? {}).sort(cmp)) {
    const v = (sel.matchLabels ?? {})[k];
    const errs = requirementErrors(k, '=', [v], '');
    if (errs.length) fail(aggregate(errs));
    reqs.push({ key: k, operator: '=', values: [v] });
  }
  for (const expr of sel.matchExpressions ?? []) {
    const op = EXPR_OPERATORS[expr.operator];
    if (!op) fail(`${goQuote(expr.operator)} is not a valid label selector operator`);
    const values = expr.values ? [...expr.values] : undefined;
    const errs = requirementErrors(expr.key, op, values, '');
    if (errs.length) fail(aggregate(errs));
    reqs.push({ key: expr.key, operator: op, values: values ?? [] });
  }
  return { requirements: byKey(reqs) };
}

/** Requirement.Matches / internalSelector.Matches */
export function matchesLabels(sel: LabelSelector, labels: Record<string, string> | undefined): boolean {
  if (sel.nothing) return false;
  const ls = labels ?? {};
  const has = (k: string) => Object.prototype.hasOwnProperty.call(ls, k);
  return sel.requirements.every((r) => {
    switch (r.operator) {
      case 'in':
      case '=':
      case '==':
        return has(r.key) && r.values.includes(ls[r.key]);
      case 'notin':
      case '!=':
        return !has(r.key) || !r.values.includes(ls[r.key]);
      case 'exists':
        return has(r.key);
      case '!':
        return !has(r.key);
      case 'gt':
      case 'lt': {
        if (!has(r.key) || r.values.length !== 1) return false;
        const lv = parseInt64(ls[r.key]);
        const rv = parseInt64(r.values[0]);
        if (lv === undefined || rv === undefined) return false;
        return r.operator === 'gt' ? lv > rv : lv < rv;
      }
      default:
        return false;
    }
  });
}

const OP_TEXT: Partial<Record<Operator, string>> = { '=': '=', '==': '==', '!=': '!=', in: ' in ', notin: ' notin ', gt: '>', lt: '<' };

/** Selector.String(): e.g. `app=web,tier in (a,b),!legacy` (the Scale subresource's status.selector, S-4). */
export function labelSelectorString(sel: LabelSelector): string {
  if (sel.nothing) return '';
  return sel.requirements
    .map((r) => {
      if (r.operator === 'exists') return r.key;
      if (r.operator === '!') return `!${r.key}`;
      const vals = r.values.length === 1 ? r.values[0] : [...r.values].sort(cmp).join(',');
      const set = r.operator === 'in' || r.operator === 'notin';
      return `${r.key}${OP_TEXT[r.operator]}${set ? `(${vals})` : vals}`;
    })
    .join(',');
}
