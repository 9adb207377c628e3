// Streams `pods/log` through the console proxy (W-10: the proxy streams follow=true). A lost
// stream is resumed with `sinceTime` from the last line's timestamp; lines already shown are
// dropped (logLines.ts), so nothing is duplicated.
import { useCallback, useEffect, useRef, useState } from 'react';
import { request } from '../../api/http';
import { isApiError } from '../../api/errors';
import { proxyPath, PodKind } from '../../k8s/kinds';
import { appendCapped, dropAlreadySeen, parseLine, splitChunk, type LogLine } from './logLines';

export interface LogParams {
  cluster: string;
  ns: string;
  pod: string;
  container: string;
  follow: boolean;
  previous: boolean;
  /** undefined = all lines. */
  tailLines?: number;
}

export type LogStatus = 'loading' | 'streaming' | 'ended' | 'reconnecting' | 'error';

function logUrl(p: LogParams, sinceTime?: string): string {
  const q = new URLSearchParams({ container: p.container, timestamps: 'true' });
  if (p.follow && !p.previous) q.set('follow', 'true');
  if (p.previous) q.set('previous', 'true');
  if (sinceTime) q.set('sinceTime', sinceTime.replace(/\.\d+/, ''));
  else if (p.tailLines !== undefined) q.set('tailLines', String(p.tailLines));
  return `${proxyPath(p.cluster, PodKind, p.ns, p.pod, 'log')}?${q}`;
}

export function useLogStream(p: LogParams | undefined) {
  const [lines, setLines] = useState<LogLine[]>([]);
  const [status, setStatus] = useState<LogStatus>('loading');
  const [error, setError] = useState<string>();
  const linesRef = useRef<LogLine[]>([]);
  const key = p ? JSON.stringify(p) : '';
  const [shownKey, setShownKey] = useState(key);
  if (shownKey !== key) {
    // New pod/container/options: start from an empty view (state reset during render).
    setShownKey(key);
    setLines([]);
    setError(undefined);
    setStatus('loading');
  }

  useEffect(() => {
    if (!p) return;
    const ctl = new AbortController();
    let stopped = false;
    let pending: LogLine[] = [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    linesRef.current = [];
    // Lines are applied at most every 100 ms: a chatty container is one render per batch.
    const flush = () => {
      timer = undefined;
      if (!pending.length) return;
      linesRef.current = appendCapped(linesRef.current, pending);
      pending = [];
      setLines(linesRef.current);
    };
    const push = (batch: LogLine[]) => {
      pending.push(...batch);
      timer ??= setTimeout(flush, 100);
    };

    const run = async (attempt: number, resume: boolean): Promise<void> => {
      const last = linesRef.current.concat(pending).at(-1);
      const since = resume && last?.ts ? last.ts : undefined;
      try {
        const res = await request(logUrl(p, since), { signal: ctl.signal, headers: { Accept: 'text/plain, */*' } });
        setStatus(p.follow && !p.previous ? 'streaming' : 'loading');
        const reader = res.body?.getReader();
        const decoder = new TextDecoder();
        let carry = '';
        let first = resume;
        for (;;) {
          if (!reader) break;
          const { done, value } = await reader.read();
          if (done) break;
          const split = splitChunk(carry, decoder.decode(value, { stream: true }));
          carry = split.carry;
          let parsed = split.lines.map(parseLine);
          if (first && parsed.length) {
            parsed = dropAlreadySeen(linesRef.current.concat(pending), parsed);
            first = false;
          }
          push(parsed);
          attempt = 0;
        }
        if (carry) push([parseLine(carry)]);
        flush();
        if (stopped) return;
        if (!p.follow || p.previous) {
          setStatus('ended');
          return;
        }
        // A follow stream ended (container restarted, proxy timeout): resume from the last line.
        setStatus('reconnecting');
        await wait(1000, ctl.signal);
        return run(attempt + 1, true);
      } catch (err) {
        if (stopped || (err as Error).name === 'AbortError') return;
        flush();
        if (isApiError(err) && err.code >= 400 && err.code < 500) {
          setError(err.message);
          setStatus('error');
          return;
        }
        setStatus('reconnecting');
        await wait(Math.min(30_000, 1000 * 2 ** attempt), ctl.signal).catch(() => undefined);
        if (!stopped) return run(attempt + 1, true);
      }
    };
    void run(0, false);
    return () => {
      stopped = true;
      clearTimeout(timer);
      ctl.abort();
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps -- `key` is the serialised params
  }, [key]);

  const clear = useCallback(() => {
    linesRef.current = [];
    setLines([]);
  }, []);
  return { lines, status, error, clear };
}

function wait(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    const id = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(id);
      reject(new DOMException('aborted', 'AbortError'));
    });
  });
}
