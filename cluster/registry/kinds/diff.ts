// A compact stand-in for the go-cmp diff that upstream appends to some Forbidden messages
// ("pod updates may not change fields other than …\n<diff>"). Upstream's exact text depends on
// go-cmp internals; ours keeps its shape: the type, then `-`/`+` lines for changed fields.
function goFieldName(key: string): string {
  return key.charAt(0).toUpperCase() + key.slice(1);
}

function render(v: unknown): string {
  if (v === undefined || v === null) return 'nil';
  if (typeof v === 'string') return JSON.stringify(v);
  return JSON.stringify(v);
}

export function describeDiff(typeName: string, oldValue: Record<string, unknown>, newValue: Record<string, unknown>): string {
  const keys = [...new Set([...Object.keys(oldValue), ...Object.keys(newValue)])].sort();
  const lines = [`  ${typeName}{`];
  let same = 0;
  for (const k of keys) {
    const a = render(oldValue[k]);
    const b = render(newValue[k]);
    if (a === b) {
      same++;
      continue;
    }
    if (oldValue[k] !== undefined) lines.push(`- \t${goFieldName(k)}: ${a},`);
    if (newValue[k] !== undefined) lines.push(`+ \t${goFieldName(k)}: ${b},`);
  }
  if (same > 0) lines.push(`  \t... // ${same} identical fields`);
  lines.push('  }');
  return lines.join('\n');
}
