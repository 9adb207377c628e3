// Cluster registry: which Kubernetes API servers this console can reach. The registry itself
// (embedded cluster, --kubeconfig contexts, --in-cluster; reachability and version for
// GET /api/clusters) lives in clusterRegistry.ts and is wired by proxy/consoleApi.ts.

/** The name under which the embedded cluster is listed and proxied (/clusters/ordinal/...). */
export const EMBEDDED_CLUSTER_NAME = 'ordinal';
