/** Opens the database named by the configuration: embedded SQLite or PostgreSQL, behind one Kysely type. */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import type { Config } from '../config/schema';
import type { Database } from './schema';

export type Dialect = 'sqlite' | 'postgres';

export interface Store {
  readonly db: Kysely<Database>;
  readonly dialect: Dialect;
  /** PostgreSQL schema the store works in, when not the default search path. */
  readonly schema?: string | undefined;
  close(): Promise<void>;
}

// PostgreSQL's BIGINT (OID 20) arrives as a string by default; our BIGINTs are millisecond times and ids,
// far below 2^53, so a number is exact.
const pgTypes = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === 20) return (value: string) => Number(value);
    return pg.types.getTypeParser(oid, format as 'text');
  },
};

export function openStore(database: Config['database'], options: { searchPath?: string } = {}): Store {
  if (database.kind === 'sqlite') {
    if (database.file !== ':memory:') mkdirSync(path.dirname(database.file), { recursive: true });
    const sqlite = new SQLite(database.file);
    // WAL lets page reads go on while a write commits; busy_timeout waits for the CLI's writes instead of failing.
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('busy_timeout = 5000');
    // In WAL mode NORMAL stays consistent after a crash and only a power loss can drop the newest commits;
    // FULL would fsync on every anonymous visitor's session. Deployments that need more run PostgreSQL.
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    const db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
    return { db, dialect: 'sqlite', close: () => db.destroy() };
  }
  const pool = new pg.Pool({
    connectionString: database.url,
    types: pgTypes,
    max: 10,
    ...(options.searchPath ? { options: `-c search_path=${options.searchPath}` } : {}),
  });
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', schema: options.searchPath, close: () => db.destroy() };
}
