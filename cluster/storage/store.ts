// The object store: current objects, one global resourceVersion counter, and an event log
// window that serves watch replay (W-3) and list snapshots (L-5). Every write is one
// synchronous SQLite transaction; watchers are notified after the commit.
import { openDatabase, type Db } from './sqlite';

export type StoreEventType = 'ADDED' | 'MODIFIED' | 'DELETED';

export interface StoredRow {
  rv: number;
  namespace: string;
  name: string;
  json: string;
}

export interface StoreEvent {
  rv: number;
  type: StoreEventType;
  kindKey: string;
  namespace: string;
  name: string;
  /** State after the change (for DELETED: the last state, carrying the delete's RV). */
  json: string;
  /** State before the change (absent for ADDED); lets watchers translate selector transitions (W-4). */
  prevJson?: string;
}

export type StoreListener = (ev: StoreEvent) => void;

export interface RetentionOptions {
  /** Keep at least this many events (W-3: 10 000). */
  minEvents: number;
  /** ... and at least this much history, whichever keeps more (W-3: 15 minutes). */
  minAgeMs: number;
}

/** Thrown when a requested revision is older than the event log window (L-4, W-3). */
export class RevisionCompactedError extends Error {
  constructor(
    readonly requested: number,
    readonly oldest: number,
  ) {
    super(`revision ${requested} compacted (oldest ${oldest})`);
  }
}

interface Stmt {
  run(...params: unknown[]): { changes: number | bigint };
  get(...params: unknown[]): unknown;
  all(...params: unknown[]): unknown[];
}

export class Store {
  readonly db: Db;
  private counter: number;
  private compacted: number;
  private readonly listeners = new Map<string, Set<StoreListener>>();
  private readonly retention: RetentionOptions;
  private readonly s: Record<string, Stmt>;
  private readonly writeRows: (ev: StoreEvent, ts: number) => void;
  /** The open group-commit transaction: writes of one event-loop turn share one COMMIT. */
  private batch: { events: StoreEvent[]; counterBefore: number; waiters: { resolve: () => void; reject: (e: unknown) => void }[] } | undefined;
  private readonly syncListeners = new Map<string, Set<() => void>>();
  private closed = false;
  private pending: StoreEvent[] = [];
  private delivering = false;

  constructor(path: string, retention: RetentionOptions = { minEvents: 10_000, minAgeMs: 15 * 60_000 }) {
    this.db = openDatabase(path);
    this.retention = { ...retention, minEvents: Math.max(1, retention.minEvents) };
    const db = this.db;
    const prep = (sql: string): Stmt => db.prepare(sql) as unknown as Stmt;
    this.s = {
      get: prep('SELECT rv, namespace, name, json FROM objects WHERE kind_key = ? AND namespace = ? AND name = ?'),
      listAll: prep('SELECT rv, namespace, name, json FROM objects WHERE kind_key = ? ORDER BY namespace, name'),
      listNs: prep('SELECT rv, namespace, name, json FROM objects WHERE kind_key = ? AND namespace = ? ORDER BY name'),
      count: prep('SELECT count(*) AS n FROM objects WHERE kind_key = ?'),
      insert: prep('INSERT INTO objects (kind_key, namespace, name, rv, json) VALUES (?, ?, ?, ?, ?)'),
      update: prep('UPDATE objects SET rv = ?, json = ? WHERE kind_key = ? AND namespace = ? AND name = ?'),
      remove: prep('DELETE FROM objects WHERE kind_key = ? AND namespace = ? AND name = ?'),
      event: prep(
        'INSERT INTO events (rv, type, kind_key, namespace, name, json, prev_json, ts) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
      ),
      setMeta: prep('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value'),
      getMeta: prep('SELECT value FROM meta WHERE key = ?'),
      eventsAfter: prep(
        'SELECT rv, type, kind_key AS kindKey, namespace, name, json, prev_json AS prevJson FROM events WHERE kind_key = ? AND rv > ? ORDER BY rv',
      ),
      eventsAfterNs: prep(
        'SELECT rv, type, kind_key AS kindKey, namespace, name, json, prev_json AS prevJson FROM events WHERE kind_key = ? AND rv > ? AND namespace = ? ORDER BY rv',
      ),
    };
    const metaRv = this.meta('rv');
    const maxObj = (db.prepare('SELECT max(rv) AS m FROM objects').get() as { m: number | null }).m ?? 0;
    const maxEv = (db.prepare('SELECT max(rv) AS m FROM events').get() as { m: number | null }).m ?? 0;
    this.counter = Math.max(metaRv, maxObj, maxEv);
    this.compacted = this.meta('compacted');
    this.s.begin = prep('BEGIN IMMEDIATE');
    this.s.commit = prep('COMMIT');
    this.s.rollback = prep('ROLLBACK');
    this.writeRows = (ev: StoreEvent, ts: number) => {
      if (ev.type === 'ADDED') this.s.insert.run(ev.kindKey, ev.namespace, ev.name, ev.rv, ev.json);
      else if (ev.type === 'MODIFIED') this.s.update.run(ev.rv, ev.json, ev.kindKey, ev.namespace, ev.name);
      else this.s.remove.run(ev.kindKey, ev.namespace, ev.name);
      // The newest event always stays in the log (prune keeps ≥ minEvents, and records the
      // counter in meta when it compacts), so max(events.rv) recovers the counter after a restart
      // without a meta write per commit (one page less per write).
      this.s.event.run(ev.rv, ev.type, ev.kindKey, ev.namespace, ev.name, ev.json, ev.prevJson ?? null, ts);
    };
  }

  /** Small integer settings kept beside the data (e.g. "seeded"); 0 when unset. */
  meta(key: string): number {
    const row = this.s.getMeta.get(key) as { value: number } | undefined;
    return row ? Number(row.value) : 0;
  }

  setMeta(key: string, value: number): void {
    this.s.setMeta.run(key, value);
  }

  /** The newest committed resourceVersion (O-2). */
  get resourceVersion(): number {
    return this.counter;
  }

  /** Every change after this revision is still in the log. */
  get oldestReplayable(): number {
    return this.compacted;
  }

  get(kindKey: string, namespace: string, name: string): StoredRow | undefined {
    return this.s.get.get(kindKey, namespace, name) as StoredRow | undefined;
  }

  /** Current objects of a kind, ordered by namespace then name (L-1). */
  list(kindKey: string, namespace?: string): StoredRow[] {
    return (namespace === undefined ? this.s.listAll.all(kindKey) : this.s.listNs.all(kindKey, namespace)) as StoredRow[];
  }

  count(kindKey: string): number {
    return (this.s.count.get(kindKey) as { n: number }).n;
  }

  /**
   * The objects of a kind as they were at revision `at` (L-5): a key changed after `at` had the
   * state recorded as the previous state of its first change after `at` (absent if that change
   * created it); keys not changed since are as stored now.
   */
  listAt(kindKey: string, namespace: string | undefined, at: number): StoredRow[] {
    if (at >= this.counter) return this.list(kindKey, namespace);
    if (at < this.compacted) throw new RevisionCompactedError(at, this.compacted);
    const changed = this.eventsAfter(kindKey, at, namespace);
    const touched = new Map<string, StoredRow | null>();
    for (const ev of changed) {
      const key = `${ev.namespace}/${ev.name}`;
      if (touched.has(key)) continue;
      touched.set(key, ev.type === 'ADDED' || !ev.prevJson ? null : rowOf(ev.namespace, ev.name, ev.prevJson));
    }
    const out: StoredRow[] = [];
    for (const row of this.list(kindKey, namespace)) {
      const key = `${row.namespace}/${row.name}`;
      if (!touched.has(key)) out.push(row);
    }
    for (const row of touched.values()) if (row) out.push(row);
    out.sort((a, b) => (a.namespace === b.namespace ? cmp(a.name, b.name) : cmp(a.namespace, b.namespace)));
    return out;
  }

  /** Changes of a kind with RV > after, in RV order (W-3). Throws when the log no longer covers them. */
  eventsAfter(kindKey: string, after: number, namespace?: string): StoreEvent[] {
    if (after < this.compacted) throw new RevisionCompactedError(after, this.compacted);
    const rows = (
      namespace === undefined ? this.s.eventsAfter.all(kindKey, after) : this.s.eventsAfterNs.all(kindKey, after, namespace)
    ) as (StoreEvent & { prevJson: string | null })[];
    for (const r of rows) if (r.prevJson === null) delete (r as { prevJson?: unknown }).prevJson;
    return rows;
  }

  /**
   * Records one change. `obj` gets the new resourceVersion written into its metadata before it
   * is serialised. The change is visible to every read at once; it becomes durable with the
   * group commit at the end of this event-loop turn (`flush()` waits for it), and listeners
   * receive it after that commit, in resourceVersion order.
   */
  write(
    kindKey: string,
    type: StoreEventType,
    obj: { metadata: { namespace?: string; name?: string; resourceVersion?: string } },
    prevJson?: string,
  ): StoreEvent {
    if (this.closed) throw new Error('store is closed');
    const rv = this.counter + 1;
    obj.metadata.resourceVersion = String(rv);
    const ev: StoreEvent = {
      rv,
      type,
      kindKey,
      namespace: obj.metadata.namespace ?? '',
      name: obj.metadata.name ?? '',
      json: JSON.stringify(obj),
    };
    if (prevJson !== undefined) ev.prevJson = prevJson;
    if (!this.batch) {
      this.s.begin.run();
      this.batch = { events: [], counterBefore: this.counter, waiters: [] };
      setImmediate(() => this.commit());
    }
    // A failing statement (constraint) rolls back only itself; the batch stays intact.
    this.writeRows(ev, Date.now());
    this.counter = rv;
    this.batch.events.push(ev);
    for (const fn of this.syncListeners.get(kindKey) ?? []) fn();
    return ev;
  }

  /** Commits the open batch now (no-op without one), then delivers its events. */
  commit(): void {
    const b = this.batch;
    if (!b) return;
    this.batch = undefined;
    try {
      this.s.commit.run();
    } catch (e) {
      try {
        this.s.rollback.run();
      } catch {
        // the transaction is already gone
      }
      this.counter = b.counterBefore;
      for (const w of b.waiters) w.reject(e);
      return;
    }
    for (const ev of b.events) this.notify(ev);
    for (const w of b.waiters) w.resolve();
  }

  /** Resolves once every write made so far is committed (acknowledge writes after this). */
  flush(): Promise<void> {
    const b = this.batch;
    if (!b) return Promise.resolve();
    return new Promise((resolve, reject) => b.waiters.push({ resolve, reject }));
  }

  /** Synchronous callback on every write of a kind, before commit (cache invalidation). */
  onWrite(kindKey: string, fn: () => void): void {
    let set = this.syncListeners.get(kindKey);
    if (!set) this.syncListeners.set(kindKey, (set = new Set()));
    set.add(fn);
  }

  /** Registers a listener for committed changes of one kind; returns the unsubscribe function. */
  subscribe(kindKey: string, fn: StoreListener): () => void {
    let set = this.listeners.get(kindKey);
    if (!set) this.listeners.set(kindKey, (set = new Set()));
    set.add(fn);
    return () => {
      set.delete(fn);
      if (set.size === 0 && this.listeners.get(kindKey) === set) this.listeners.delete(kindKey);
    };
  }

  listenerCount(): number {
    let n = 0;
    for (const s of this.listeners.values()) n += s.size;
    return n;
  }

  private notify(ev: StoreEvent): void {
    // A listener that writes would otherwise deliver its own change to later listeners before
    // they saw this one; queueing keeps every listener's events in resourceVersion order.
    this.pending.push(ev);
    if (this.delivering) return;
    this.delivering = true;
    try {
      for (let next = this.pending.shift(); next; next = this.pending.shift()) {
        const set = this.listeners.get(next.kindKey);
        if (!set) continue;
        for (const fn of [...set]) {
          try {
            fn(next);
          } catch {
            // A broken watcher must never fail a committed write; the watcher cleans itself up.
          }
        }
      }
    } finally {
      this.delivering = false;
    }
  }

  /** Drops log entries outside the retention window (W-3: ≥ minEvents and ≥ minAgeMs). */
  prune(now = Date.now()): number {
    this.commit();
    const byCount = this.counter - this.retention.minEvents;
    if (byCount <= this.compacted) return 0;
    const oldRow = (this.db.prepare('SELECT max(rv) AS m FROM events WHERE ts < ? AND rv <= ?') as unknown as Stmt).get(now - this.retention.minAgeMs, byCount) as {
      m: number | null;
    };
    const cutoff = oldRow.m ?? 0;
    if (cutoff <= this.compacted) return 0;
    const res = this.db.transaction(() => {
      const r = (this.db.prepare('DELETE FROM events WHERE rv <= ?') as unknown as Stmt).run(cutoff);
      this.s.setMeta.run('compacted', cutoff);
      this.s.setMeta.run('rv', this.counter);
      return r.changes;
    })();
    this.compacted = cutoff;
    return Number(res);
  }

  close(): void {
    if (this.closed) return;
    this.commit();
    this.closed = true;
    this.listeners.clear();
    try {
      this.db.pragma('wal_checkpoint(TRUNCATE)');
    } catch {
      // best effort: the WAL is replayed on the next open anyway
    }
    this.db.close();
  }
}

function rowOf(namespace: string, name: string, json: string): StoredRow {
  const m = /"resourceVersion":"(\d+)"/.exec(json);
  return { namespace, name, json, rv: m ? Number(m[1]) : 0 };
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
