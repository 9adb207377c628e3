// The namespace last used is remembered in browser storage (console-spec.md §0.4).
const KEY = 'ordinal.namespace';
export const ALL_NAMESPACES = '_all';

export function lastNamespace(): string {
  return globalThis.localStorage?.getItem(KEY) || 'default';
}

export function rememberNamespace(ns: string): void {
  globalThis.localStorage?.setItem(KEY, ns);
}
