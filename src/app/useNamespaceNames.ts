// Namespace names for the header selector, watched like any list (a new namespace appears).
import { useMemo } from 'react';
import { useList } from '../api/hooks';
import { NamespaceKind } from '../k8s/kinds';

export function useNamespaceNames(): string[] {
  const { items } = useList(NamespaceKind, undefined);
  return useMemo(() => items.map((n) => n.metadata.name).sort(), [items]);
}
