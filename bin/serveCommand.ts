// `ordinal serve`: the console server (and, without --kubeconfig, the embedded cluster).
import { join } from 'node:path';
import { createConsoleServer } from '../server/index';
import { listenErrorMessage } from '../server/http/listen';
import { dataDirOrReport } from './dataDir';
import { untilStopSignal } from './lifecycle';
import type { ServeArgs } from './args';

export async function runServe(args: ServeArgs, staticDir: string): Promise<number> {
  const dataDir = dataDirOrReport(args.dataDir);
  if (!dataDir) return 1;
  // Without --kubeconfig / --in-cluster the console runs on the embedded cluster, started
  // in-process on its own loopback HTTPS port and reached through its kubeconfig like any other.
  let embedded;
  try {
    embedded =
      args.kubeconfig || args.inCluster
        ? undefined
        : await (await import('../cluster/main')).startCluster({
            dataDir: join(dataDir, 'cluster'),
            port: 0,
            speed: args.speed,
            seed: args.seed,
          });
  } catch (err) {
    process.stderr.write(`ordinal: the embedded cluster could not start: ${(err as Error).message}\n`);
    return 1;
  }
  let app;
  try {
    app = await createConsoleServer({
      staticDir,
      dataDir,
      host: args.host,
      port: args.port,
      kubeconfig: embedded?.kubeconfigPath ?? args.kubeconfig,
      contexts: embedded ? ['ordinal-admin'] : args.contexts,
      embedded: Boolean(embedded),
      inCluster: args.inCluster,
      authMode: args.auth,
    });
  } catch (err) {
    process.stderr.write(`ordinal: ${(err as Error).message}\n`);
    await embedded?.stop();
    return 1;
  }
  try {
    await app.listen({ host: args.host, port: args.port });
  } catch (err) {
    process.stderr.write(`ordinal: ${listenErrorMessage(err, args.host, args.port)}\n`);
    await app.close();
    await embedded?.stop();
    return 1;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : args.port;
  process.stdout.write(`Ordinal console listening on http://${args.host}:${port}\n`);
  for (const line of app.loginInstructions(`http://${args.host}:${port}`)) process.stdout.write(`${line}\n`);
  if (embedded) {
    process.stdout.write(`Embedded cluster: kubectl --kubeconfig ${embedded.kubeconfigPath} get pods -A\n`);
  }
  return await untilStopSignal(async () => {
    await app.close();
    await embedded?.stop();
  });
}
