// The virtualized table body's chunk (TanStack Virtual, ~10 kB gzip) in a module of its own, so
// the shell can start fetching it as soon as a long list is on its way without pulling
// ResourceTable into the first-route bundle.
export const loadVirtualBody = () => import('./ResourceTableVirtualBody');

/** Rows above which ResourceTable virtualizes (and so needs the chunk). */
export const VIRTUAL_THRESHOLD = 200;

/** Fetches the chunk ahead of the render that needs it; lazy() retries and reports failures. */
export function preloadVirtualBody(): void {
  void loadVirtualBody().catch(() => undefined);
}
