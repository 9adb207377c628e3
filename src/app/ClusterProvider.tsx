// Which cluster the pages talk to: the one chosen in the header (kept in browser storage),
// else the first the console server lists. Pages read it with useCluster() (api/hooks.ts).
import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import { useClusters, type ClusterSummary } from '../api/clusters';
import { ClusterContext } from '../api/hooks';

const KEY = 'ordinal.cluster';

interface ClusterChoice {
  clusters: ClusterSummary[];
  current?: ClusterSummary;
  select(name: string): void;
  isLoading: boolean;
  error: Error | null;
  refetch(): void;
}

const ChoiceContext = createContext<ClusterChoice>({ clusters: [], select: () => {}, isLoading: false, error: null, refetch: () => {} });

export function useClusterChoice(): ClusterChoice {
  return useContext(ChoiceContext);
}

/** "Simulated cluster" for the embedded one (console-spec.md §3.2), else the context name. */
export function clusterLabel(c: ClusterSummary | undefined, simulated: string): string {
  if (!c) return '—';
  return c.source === 'embedded' ? simulated : c.name;
}

export function ClusterProvider({ children }: { children: ReactNode }) {
  const q = useClusters();
  const [chosen, setChosen] = useState(() => globalThis.localStorage?.getItem(KEY) ?? '');
  const clusters = useMemo(() => q.data ?? [], [q.data]);
  const current = clusters.find((c) => c.name === chosen) ?? clusters[0];
  const value = useMemo<ClusterChoice>(
    () => ({
      clusters,
      current,
      select: (name) => {
        globalThis.localStorage?.setItem(KEY, name);
        setChosen(name);
      },
      isLoading: q.isLoading,
      error: q.error,
      refetch: () => void q.refetch(),
    }),
    [clusters, current, q],
  );
  return (
    <ChoiceContext.Provider value={value}>
      <ClusterContext.Provider value={current?.name ?? ''}>{children}</ClusterContext.Provider>
    </ChoiceContext.Provider>
  );
}
