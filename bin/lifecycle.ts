/** Resolves with exit code 0 once SIGINT or SIGTERM arrived and `stop` finished (once, however many signals). */
export function untilStopSignal(stop: () => Promise<unknown>): Promise<number> {
  return new Promise<number>((done) => {
    let stopping = false;
    const onSignal = (): void => {
      if (stopping) return;
      stopping = true;
      void stop().then(() => done(0));
    };
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  });
}
