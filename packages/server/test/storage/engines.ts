/**
 * The two database engines every storage test runs on. Each test gets a database of its own: SQLite in a file
 * of a fresh temporary folder, PostgreSQL in a fresh schema (reached through `openStore`'s search path).
 *
 * Call `storageEngines()` once at the top of a test file, then `useStore(engine)` inside each engine's describe:
 *
 *   const engines = await storageEngines();
 *   for (const engine of engines) {
 *     describe.skipIf(!engine.available)(`on ${engine.name}`, () => {
 *       const store = useStore(engine);
 *       it('…', async () => { await store().db.selectFrom('announcements')… });
 *     });
 *   }
 *
 * PostgreSQL is optional outside CI (the variant is skipped with a message from `postgresAvailable`); under
 * CI=true an unreachable server throws while the file is collected, so the run fails instead of going green.
 */
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import pg from 'pg';
import { sql } from 'kysely';
import { afterAll, afterEach, beforeEach } from 'vitest';
import { openStore, type Store } from '../../src/store/db';
import { migrateToLatest } from '../../src/store/migrate';
import { tempDir } from '../support/platform';
import { POSTGRES_URL, postgresAvailable } from '../support/services';

export type EngineName = 'SQLite' | 'PostgreSQL';

export interface Engine {
  readonly name: EngineName;
  /** False only outside CI, when the engine's server cannot be reached. */
  readonly available: boolean;
  /** A new, empty database, migrated unless `migrate: false`. */
  open(options?: { migrate?: boolean }): Promise<OpenedStore>;
}

export interface OpenedStore {
  readonly store: Store;
  /** Closes the store and deletes its database. */
  remove(): Promise<void>;
}

const randomName = (prefix: string) => `${prefix}${randomBytes(6).toString('hex')}`;

function sqliteEngine(): Engine {
  return {
    name: 'SQLite',
    available: true,
    async open({ migrate = true } = {}) {
      const tmp = tempDir('menhu-storage-');
      const store = openStore({ kind: 'sqlite', file: path.join(tmp.dir, 'menhu.sqlite') });
      const remove = async () => {
        await store.close();
        tmp.remove();
      };
      if (migrate) await migrateOrRemove(store, remove);
      return { store, remove };
    },
  };
}

/**
 * PostgreSQL: one database per test file (created on first use, dropped after the file), one schema per test.
 *
 * Why a database of our own rather than a schema in `test` beside other suites': Kysely's Migrator looks for
 * `menhu_migrations` in every schema the connection can see unless it is given `migrationTableSchema`, which
 * src/store/migrate.ts does not pass. A second schema migrated while another schema of the same database holds
 * the migration tables therefore fails ("relation menhu_migrations_lock does not exist"). Tests in one file run
 * one after another, so in a database of its own a file only ever has one schema at a time. Once migrate.ts
 * names the schema, the schemas can live in `test` directly.
 */
function postgresEngine(available: boolean): Engine {
  let database: Promise<string> | undefined;

  async function createDatabase(): Promise<string> {
    const name = randomName('menhu_storage_');
    const admin = new pg.Client({ connectionString: POSTGRES_URL });
    await admin.connect();
    try {
      await admin.query(`CREATE DATABASE ${name}`);
    } finally {
      await admin.end();
    }
    return name;
  }

  afterAll(async () => {
    if (!database) return;
    const name = await database;
    const admin = new pg.Client({ connectionString: POSTGRES_URL });
    await admin.connect();
    try {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    } finally {
      await admin.end();
    }
  });

  return {
    name: 'PostgreSQL',
    available,
    async open({ migrate = true } = {}) {
      database ??= createDatabase();
      const url = new URL(POSTGRES_URL);
      url.pathname = `/${await database}`;
      const schema = randomName('t_');
      const store = openStore({ kind: 'postgres', url: url.href }, { searchPath: schema });
      const remove = async () => {
        try {
          await sql`DROP SCHEMA IF EXISTS ${sql.id(schema)} CASCADE`.execute(store.db);
        } finally {
          await store.close();
        }
      };
      try {
        await sql`CREATE SCHEMA ${sql.id(schema)}`.execute(store.db);
      } catch (err) {
        await store.close();
        throw err;
      }
      if (migrate) await migrateOrRemove(store, remove);
      return { store, remove };
    },
  };
}

async function migrateOrRemove(store: Store, remove: () => Promise<void>): Promise<void> {
  try {
    await migrateToLatest(store);
  } catch (err) {
    await remove();
    throw err;
  }
}

/** SQLite always; PostgreSQL when reachable (and always under CI). Registers the file's clean-up. */
export async function storageEngines(): Promise<readonly Engine[]> {
  return [sqliteEngine(), postgresEngine(await postgresAvailable())];
}

/**
 * A fresh database for every test of the enclosing describe; the returned function gives the current one.
 * `migrate: false` leaves it empty (for the migration tests themselves).
 */
export function useStore(engine: Engine, options: { migrate?: boolean } = {}): () => Store {
  let current: OpenedStore | undefined;
  beforeEach(async () => {
    current = await engine.open(options);
  });
  afterEach(async () => {
    const opened = current;
    current = undefined;
    await opened?.remove();
  });
  return () => {
    if (!current) throw new Error('useStore: the store exists only while a test runs');
    return current.store;
  };
}
