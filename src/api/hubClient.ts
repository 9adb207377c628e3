// One WebSocket per tab to the console server's watch hub (`/ws`, protocol in watchProtocol.ts).
// Many subscriptions share it; after a dropped socket it reconnects with back-off (1, 2, 4 …
// 30 s, console-spec.md §0.4) and resubscribes each subscription from the last
// resourceVersion it saw, so the hub can replay instead of resending everything.
import {
  CLOSE_CODES,
  WATCH_HUB_PATH,
  type ClientMessage,
  type KubeObjectLike,
  type ServerMessage,
  type WatchEvent,
  type WatchTarget,
} from './watchProtocol';

export interface SubscriptionHandlers {
  events(events: WatchEvent[]): void;
  sync(items: KubeObjectLike[], resourceVersion: string): void;
  relist(): void;
  error(status: { code: number; reason?: string; message: string }): void;
  /** The hub (or our socket) is reconnecting; events resume on their own. */
  reconnecting(): void;
}

interface Subscription {
  target: WatchTarget;
  resourceVersion?: string;
  handlers: SubscriptionHandlers;
}

const BACKOFF_MS = [1000, 2000, 4000, 8000, 16000, 30000];

export class HubClient {
  private socket?: WebSocket;
  private open = false;
  private readonly subs = new Map<string, Subscription>();
  private nextId = 1;
  private attempt = 0;
  private retryTimer?: ReturnType<typeof setTimeout>;
  onUnauthenticated?: () => void;

  constructor(private readonly url: () => string = defaultUrl) {}

  subscribe(target: WatchTarget, resourceVersion: string | undefined, handlers: SubscriptionHandlers): () => void {
    const id = `s${this.nextId++}`;
    this.subs.set(id, { target, resourceVersion, handlers });
    this.ensureSocket();
    if (this.open) this.send({ type: 'subscribe', id, ...target, resourceVersion });
    return () => {
      if (!this.subs.delete(id)) return;
      if (this.open) this.send({ type: 'unsubscribe', id });
      if (this.subs.size === 0) this.closeSoon();
    };
  }

  private idleTimer?: ReturnType<typeof setTimeout>;
  private closeSoon(): void {
    // Navigating between pages releases and re-acquires watches; keep the socket for a moment.
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => {
      if (this.subs.size === 0 && this.socket) {
        const s = this.socket;
        this.socket = undefined;
        this.open = false;
        s.close(1000);
      }
    }, 10_000);
  }

  private ensureSocket(): void {
    clearTimeout(this.idleTimer);
    if (this.socket || this.retryTimer) return;
    const ws = new WebSocket(this.url());
    this.socket = ws;
    ws.onopen = () => {
      this.open = true;
      this.attempt = 0;
      for (const [id, s] of this.subs) this.send({ type: 'subscribe', id, ...s.target, resourceVersion: s.resourceVersion });
    };
    ws.onmessage = (ev: MessageEvent) => {
      if (typeof ev.data !== 'string') return;
      let msg: ServerMessage;
      try {
        msg = JSON.parse(ev.data) as ServerMessage;
      } catch {
        return;
      }
      this.dispatch(msg);
    };
    ws.onclose = (ev: CloseEvent) => {
      if (this.socket !== ws) return;
      this.socket = undefined;
      this.open = false;
      if (ev.code === CLOSE_CODES.unauthenticated) {
        this.onUnauthenticated?.();
        return;
      }
      if (this.subs.size === 0) return;
      for (const s of this.subs.values()) s.handlers.reconnecting();
      const delay = BACKOFF_MS[Math.min(this.attempt, BACKOFF_MS.length - 1)];
      this.attempt++;
      this.retryTimer = setTimeout(() => {
        this.retryTimer = undefined;
        if (this.subs.size > 0) this.ensureSocket();
      }, delay);
    };
  }

  private dispatch(msg: ServerMessage): void {
    if (msg.type === 'error' && !msg.id) return;
    const sub = msg.id ? this.subs.get(msg.id) : undefined;
    if (!sub) return;
    switch (msg.type) {
      case 'events': {
        for (const e of msg.events) {
          const rv = e.object?.metadata?.resourceVersion;
          if (rv) sub.resourceVersion = rv;
        }
        sub.handlers.events(msg.events);
        break;
      }
      case 'sync':
        sub.resourceVersion = msg.resourceVersion;
        sub.handlers.sync(msg.items, msg.resourceVersion);
        break;
      case 'relist':
        this.subs.delete(msg.id);
        sub.handlers.relist();
        break;
      case 'error':
        this.subs.delete(msg.id!);
        sub.handlers.error(msg.status);
        break;
      case 'reconnecting':
        sub.handlers.reconnecting();
        break;
    }
  }

  private send(msg: ClientMessage): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(JSON.stringify(msg));
  }
}

function defaultUrl(): string {
  const { protocol, host } = window.location;
  return `${protocol === 'https:' ? 'wss:' : 'ws:'}//${host}${WATCH_HUB_PATH}`;
}

let shared: HubClient | undefined;
/** The tab's single hub connection. */
export function hubClient(): HubClient {
  shared ??= new HubClient();
  return shared;
}
