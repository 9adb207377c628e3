/** One readable line for a failed listen (port busy, no permission) instead of a stack trace. */
export function listenErrorMessage(err: unknown, host: string, port: number): string {
  const code = (err as NodeJS.ErrnoException).code;
  if (code === 'EADDRINUSE') return `port ${port} on ${host} is already in use (choose another with --port)`;
  if (code === 'EACCES') return `no permission to listen on ${host}:${port} (choose a port above 1023 with --port)`;
  if (code === 'EADDRNOTAVAIL') return `cannot listen on ${host}: the address is not available on this machine`;
  return (err as Error).message ?? String(err);
}
