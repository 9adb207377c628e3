// The watch hub's WebSocket protocol (`/ws`), shared by the console server and the SPA.
// One WebSocket per browser tab carries many subscriptions; every message is one JSON text frame.
// resourceVersions are opaque strings: compare them only for equality (W-10, style.md).

/** The path the hub listens on (same origin as the SPA; the session cookie authenticates it). */
export const WATCH_HUB_PATH = '/ws';

/** What one subscription watches. Subscriptions with equal keys share one upstream watch. */
export interface WatchTarget {
  cluster: string;
  /** '' for the core group. */
  group: string;
  version: string;
  /** Plural resource name, e.g. 'statefulsets'. */
  resource: string;
  /** Omit (or '') for cluster-scoped kinds and all-namespaces watches. */
  namespace?: string;
  labelSelector?: string;
  fieldSelector?: string;
}

export interface SubscribeMessage extends WatchTarget {
  type: 'subscribe';
  /** Chosen by the client, unique within its socket. */
  id: string;
  /**
   * The resourceVersion the client's state is at (usually its list's). When the hub can replay
   * from it the client gets only the events after it; otherwise it gets one `sync`.
   */
  resourceVersion?: string;
}

interface UnsubscribeMessage {
  type: 'unsubscribe';
  id: string;
}

export type ClientMessage = SubscribeMessage | UnsubscribeMessage;

/** A Kubernetes watch event as the API server sent it (W-2, W-4, W-5). */
export interface WatchEvent<T = KubeObjectLike> {
  type: 'ADDED' | 'MODIFIED' | 'DELETED' | 'BOOKMARK';
  object: T;
}

export interface KubeObjectLike {
  kind?: string;
  apiVersion?: string;
  metadata: { name?: string; namespace?: string; uid?: string; resourceVersion?: string; [k: string]: unknown };
  [k: string]: unknown;
}

/** Events in upstream order, including bookmarks (update your resourceVersion on each). */
interface EventsMessage {
  type: 'events';
  id: string;
  events: WatchEvent[];
}

/**
 * The complete current state of the subscription, replacing whatever the client holds. Sent
 * when the hub cannot replay from the client's resourceVersion (unknown, absent or too old).
 */
interface SyncMessage {
  type: 'sync';
  id: string;
  resourceVersion: string;
  items: KubeObjectLike[];
}

/**
 * Upstream answered 410 Gone / Expired: the subscription has ended; LIST again and
 * subscribe with the new list's resourceVersion.
 */
interface RelistMessage {
  type: 'relist';
  id: string;
}

/** Upstream refused the watch (e.g. 403 Forbidden, 404): the subscription has ended. */
interface ErrorMessage {
  type: 'error';
  /** Absent for errors about a message that could not be parsed. */
  id?: string;
  /** The Kubernetes Status (or a Status-shaped description of a local error). */
  status: { code: number; reason?: string; message: string };
}

/**
 * The upstream watch dropped and is being restarted with back-off; events resume on their own,
 * starting with a BOOKMARK at the last resourceVersion once the watch is live again.
 */
interface ReconnectingMessage {
  type: 'reconnecting';
  id: string;
  /** Milliseconds until the next attempt. */
  retryInMs: number;
}

export type ServerMessage = EventsMessage | SyncMessage | RelistMessage | ErrorMessage | ReconnectingMessage;

/** WebSocket close codes the hub uses (4000-4999 are application codes). */
export const CLOSE_CODES = {
  /** No valid session cookie on the upgrade or the session ended: log in again. */
  unauthenticated: 4401,
  /** The client did not read fast enough; its buffer passed the hub's bound. Reconnect and resubscribe. */
  slowConsumer: 4008,
  /** The client sent something that is not a ClientMessage. */
  protocolError: 4400,
  /** The console server is shutting down. */
  goingAway: 1001,
} as const;
