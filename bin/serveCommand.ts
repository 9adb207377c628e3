// `ordinal serve`: the console server (and, without --kubeconfig, the embedded cluster).
import { createConsoleServer } from '../server/index';
import { listenErrorMessage } from '../server/http/listen';
import { prepareDataDir } from './dataDir';
import type { ServeArgs } from './args';

export async function runServe(args: ServeArgs, staticDir: string): Promise<number> {
  let dataDir: string;
  try {
    dataDir = prepareDataDir(args.dataDir);
  } catch (err) {
    process.stderr.write(`ordinal: ${(err as Error).message}\n`);
    return 1;
  }
  let app;
  try {
    app = await createConsoleServer({
      staticDir,
      dataDir,
      host: args.host,
      port: args.port,
      kubeconfig: args.kubeconfig,
      contexts: args.contexts,
    });
  } catch (err) {
    process.stderr.write(`ordinal: ${(err as Error).message}\n`);
    return 1;
  }
  try {
    await app.listen({ host: args.host, port: args.port });
  } catch (err) {
    process.stderr.write(`ordinal: ${listenErrorMessage(err, args.host, args.port)}\n`);
    await app.close();
    return 1;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : args.port;
  process.stdout.write(`Ordinal console listening on http://${args.host}:${port}\n`);
  return await new Promise<number>((done) => {
    const stop = (): void => {
      void app.close().then(() => done(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
}
