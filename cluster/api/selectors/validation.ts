// Go formatting helpers for selector errors (L-7). Label key/value validation is the registry's
// (cluster/registry/validation/names.ts, apimachinery pkg/util/validation wording).

/** Go's %q for the strings selectors print (close enough: JSON escaping of ASCII). */
export const goQuote = (s: string): string => JSON.stringify(s);

/** Go's %#v of a []string. */
export function goStringSlice(v: string[] | undefined): string {
  if (v === undefined) return '[]string(nil)';
  return `[]string{${v.map(goQuote).join(', ')}}`;
}

/** errors.NewAggregate(...).Error(): one message bare, several de-duplicated inside brackets. */
export function aggregate(msgs: string[]): string {
  const seen: string[] = [];
  for (const m of msgs) if (!seen.includes(m)) seen.push(m);
  return seen.length === 1 ? seen[0] : `[${seen.join(', ')}]`;
}
