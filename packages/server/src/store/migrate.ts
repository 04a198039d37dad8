/** Brings the schema up to date. The same migrations serve SQLite and PostgreSQL. */
import { Migrator, type Migration, type MigrationResult } from 'kysely';
import type { Store } from './db';
import { foundation } from './migrations/0001_foundation';
import { accounts } from './migrations/0002_accounts';
import { cards } from './migrations/0003_cards';
import { cardMail } from './migrations/0004_card_mail';
import { accountCare } from './migrations/0005_account_care';
import { oidc } from './migrations/0006_oidc';

function migrations(store: Store): Record<string, Migration> {
  return {
    '0001_foundation': foundation(store.dialect),
    '0002_accounts': accounts(),
    '0003_cards': cards(),
    '0004_card_mail': cardMail(),
    '0005_account_care': accountCare(),
    '0006_oidc': oidc(),
  };
}

export async function migrateToLatest(store: Store): Promise<MigrationResult[]> {
  const migrator = new Migrator({
    db: store.db,
    provider: { getMigrations: async () => migrations(store) },
    migrationTableName: 'menhu_migrations',
    migrationLockTableName: 'menhu_migrations_lock',
    // Without it Kysely looks for its tables in every schema it can see, and a second schema in one database
    // would find the first one's.
    ...(store.schema ? { migrationTableSchema: store.schema } : {}),
  });
  const { error, results = [] } = await migrator.migrateToLatest();
  if (error) {
    const failed = results.find((r) => r.status === 'Error');
    throw new Error(`migration ${failed?.migrationName ?? '?'} failed: ${String((error as Error).message ?? error)}`, { cause: error });
  }
  return results;
}
