// `ordinal cluster`: the embedded Kubernetes API server on its own (architecture.md §2).
import { startCluster } from '../cluster/main';
import { listenErrorMessage } from '../server/http/listen';
import { dataDirOrReport } from './dataDir';
import { untilStopSignal } from './lifecycle';
import type { ClusterArgs } from './args';

export async function runCluster(args: ClusterArgs): Promise<number> {
  const dataDir = dataDirOrReport(args.dataDir);
  if (!dataDir) return 1;
  let cluster;
  try {
    cluster = await startCluster({ dataDir, port: args.port, speed: args.speed, seed: args.seed });
  } catch (err) {
    process.stderr.write(`ordinal: ${listenErrorMessage(err, '127.0.0.1', args.port)}\n`);
    return 1;
  }
  process.stdout.write(`cluster API listening on ${cluster.url}\n`);
  return await untilStopSignal(() => cluster.stop());
}
