// Renders values the way Go's fmt `%#v` prints them inside field errors (V-0): upstream bad values
// for maps and structs show up in messages as `map[string]string{"app":"web"}` or
// `v1.LabelSelector{MatchLabels:…}`, and clients (kubectl, our tests) see exactly that text.
import { rawValue } from '../../api/errors';

/** Go %q for the strings that appear in Kubernetes objects. */
export function goQuote(s: string): string {
  let out = '"';
  for (const ch of s) {
    const c = ch.codePointAt(0) ?? 0;
    if (ch === '"') out += '\\"';
    else if (ch === '\\') out += '\\\\';
    else if (ch === '\n') out += '\\n';
    else if (ch === '\t') out += '\\t';
    else if (ch === '\r') out += '\\r';
    else if (c < 0x20 || c === 0x7f) out += `\\x${c.toString(16).padStart(2, '0')}`;
    else out += ch;
  }
  return `${out}"`;
}

/** `map[string]string{"a":"1", "b":"2"}` with sorted keys; nil maps print as `map[string]string(nil)`. */
export function goStringMap(m: Record<string, string> | undefined | null): string {
  if (m === undefined || m === null) return 'map[string]string(nil)';
  const keys = Object.keys(m).sort();
  return `map[string]string{${keys.map((k) => `${goQuote(k)}:${goQuote(String(m[k]))}`).join(', ')}}`;
}

/** `[]string{"a", "b"}`; nil slices print as `[]string(nil)`. */
export function goStringSlice(a: readonly string[] | undefined | null): string {
  if (a === undefined || a === null) return '[]string(nil)';
  return `[]string{${a.map((s) => goQuote(String(s))).join(', ')}}`;
}

/** A stable, Go-looking heap address for non-nil pointers inside %#v output. */
export function goPointer(type: string, present: boolean): string {
  return present ? `(*${type})(0xc000a1c0f0)` : `(*${type})(nil)`;
}

interface SelectorLike {
  matchLabels?: Record<string, string> | null;
  matchExpressions?: { key?: string; operator?: string; values?: string[] | null }[] | null;
}

/** metav1.LabelSelector printed with %#v (after the pointer has been dereferenced). */
export function goLabelSelector(sel: SelectorLike): string {
  const exprs = sel.matchExpressions;
  const exprText =
    exprs === undefined || exprs === null
      ? '[]v1.LabelSelectorRequirement(nil)'
      : `[]v1.LabelSelectorRequirement{${exprs
          .map(
            (e) =>
              `v1.LabelSelectorRequirement{Key:${goQuote(e.key ?? '')}, Operator:${goQuote(e.operator ?? '')}, Values:${goStringSlice(e.values ?? undefined)}}`,
          )
          .join(', ')}}`;
  return `v1.LabelSelector{MatchLabels:${goStringMap(sel.matchLabels ?? undefined)}, MatchExpressions:${exprText}}`;
}

/** Wraps Go-rendered text so fieldErrors.invalid prints it verbatim. */
export const goValue = (text: string): { raw: string } => rawValue(text);
