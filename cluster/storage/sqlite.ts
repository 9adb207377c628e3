// Opens the cluster's SQLite file and creates the schema (architecture.md §4, contract L-5, W-3).
import Database from 'libsql';

export type Db = InstanceType<typeof Database>;

const SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS objects (
  kind_key TEXT NOT NULL, namespace TEXT NOT NULL, name TEXT NOT NULL,
  rv INTEGER NOT NULL, json TEXT NOT NULL,
  PRIMARY KEY (kind_key, namespace, name)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS events (
  rv INTEGER PRIMARY KEY, type TEXT NOT NULL, kind_key TEXT NOT NULL,
  namespace TEXT NOT NULL, name TEXT NOT NULL, json TEXT NOT NULL,
  prev_json TEXT, ts INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS events_by_kind ON events (kind_key, rv);
CREATE TABLE IF NOT EXISTS tokens (
  hash TEXT PRIMARY KEY, namespace TEXT NOT NULL, name TEXT NOT NULL, uid TEXT NOT NULL, expires INTEGER NOT NULL
) WITHOUT ROWID;
DROP INDEX IF EXISTS events_by_key;
`;

export function openDatabase(path: string): Db {
  const db = new Database(path);
  db.pragma('journal_mode = WAL');
  // WAL + synchronous=NORMAL: a commit has written the WAL frames with write(2) before it
  // returns, so an acknowledged write survives kill -9 of this process (the OS keeps the
  // pages). Only an OS crash or power loss could drop the newest commits; FULL would add an
  // fsync per write, which costs throughput without helping the kill -9 guarantee.
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);
  return db;
}
