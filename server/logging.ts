// Structured logs of the console server (pino): one line per request with who, where, what,
// the outcome and how long it took. Credentials never reach a log line: only user names.
import { pino, type DestinationStream, type Logger } from 'pino';

export function createConsoleLogger(opts: { level?: string; destination?: DestinationStream } = {}): Logger {
  const level = opts.level ?? process.env.ORDINAL_LOG_LEVEL ?? 'info';
  return opts.destination ? pino({ level, base: { component: 'console' } }, opts.destination) : pino({ level, base: { component: 'console' } });
}

export interface RequestLogFields {
  user?: string;
  cluster?: string;
  method: string;
  /** The Kubernetes verb (get, list, watch, create, ...) for proxied requests. */
  verb?: string;
  /** `pods`, `statefulsets/scale`, or the console path for non-Kubernetes routes. */
  resource?: string;
  namespace?: string;
  status: number;
  latencyMs: number;
}

export function logRequest(log: Logger, fields: RequestLogFields): void {
  const line = { ...fields, latencyMs: Math.round(fields.latencyMs * 10) / 10 };
  if (fields.status >= 500) log.error(line, 'request');
  else log.info(line, 'request');
}
