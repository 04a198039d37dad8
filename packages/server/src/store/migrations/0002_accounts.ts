/** Member accounts, e-mail tokens (activation now, recovery later) and the password-failure counters. */
import type { Kysely } from 'kysely';

export function accounts() {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('accounts')
        .addColumn('id', 'text', (c) => c.primaryKey())
        // NFKC, lower case: one name whatever the width or case it is typed in.
        .addColumn('account_name', 'text', (c) => c.notNull().unique())
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('display_name', 'text', (c) => c.notNull())
        // The ID number: AES-256-GCM ciphertext, keyed hash for look-up, last four digits for card matching.
        .addColumn('id_number_enc', 'text', (c) => c.notNull())
        .addColumn('id_number_hash', 'text', (c) => c.notNull())
        .addColumn('id_number_last4', 'text', (c) => c.notNull())
        .addColumn('id_verified', 'integer', (c) => c.notNull().defaultTo(0))
        .addColumn('email', 'text', (c) => c.notNull())
        .addColumn('email_norm', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('activated_at', 'bigint')
        .execute();
      // Several accounts may claim one ID number until a card proves it: not unique.
      await db.schema.createIndex('accounts_id_number_hash').on('accounts').column('id_number_hash').execute();
      await db.schema.createIndex('accounts_email_norm').on('accounts').column('email_norm').execute();

      await db.schema
        .createTable('email_tokens')
        .addColumn('token_hash', 'text', (c) => c.primaryKey())
        .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
        .addColumn('purpose', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addColumn('used_at', 'bigint')
        .execute();
      await db.schema.createIndex('email_tokens_account').on('email_tokens').columns(['account_id', 'purpose']).execute();

      // One row per normalised account name that has failed recently, known or not (DESIGN.md "Abuse limits").
      await db.schema
        .createTable('login_failures')
        .addColumn('account_name', 'text', (c) => c.primaryKey())
        .addColumn('failures', 'integer', (c) => c.notNull())
        .addColumn('last_failure_at', 'bigint', (c) => c.notNull())
        .addColumn('locked_until', 'bigint')
        .addColumn('lock_count', 'integer', (c) => c.notNull().defaultTo(0))
        .execute();
    },
  };
}
