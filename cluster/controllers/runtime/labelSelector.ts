// metav1.LabelSelector matching for controllers (LabelSelectorAsSelector). Controllers only
// evaluate selectors that already passed API validation, so this is lenient by design:
// an unknown operator makes the selector invalid (the caller stops the sync, C-4).

interface LabelSelectorRequirement {
  key: string;
  operator: string;
  values?: string[];
}

export interface LabelSelectorObject {
  matchLabels?: Record<string, string>;
  matchExpressions?: LabelSelectorRequirement[];
}

export type LabelMatcher = (labels: Record<string, string> | undefined) => boolean;

/** Returns a matcher, or undefined when the selector is not convertible. A null selector matches nothing. */
export function selectorMatcher(sel: LabelSelectorObject | undefined | null): LabelMatcher | undefined {
  if (!sel) return () => false;
  const exprs: LabelSelectorRequirement[] = [
    ...Object.entries(sel.matchLabels ?? {}).map(([key, v]) => ({ key, operator: 'In', values: [v] })),
    ...(sel.matchExpressions ?? []),
  ];
  for (const e of exprs) {
    if (!['In', 'NotIn', 'Exists', 'DoesNotExist'].includes(e.operator)) return undefined;
  }
  return (labels) => {
    const l = labels ?? {};
    return exprs.every((e) => {
      const has = Object.prototype.hasOwnProperty.call(l, e.key);
      switch (e.operator) {
        case 'In':
          return has && (e.values ?? []).includes(l[e.key]);
        case 'NotIn':
          return !has || !(e.values ?? []).includes(l[e.key]);
        case 'Exists':
          return has;
        default:
          return !has;
      }
    });
  };
}
