/** Citizen certificate cards bound to accounts, and the single-use challenges of card login. */
import type { Kysely } from 'kysely';

export function cards() {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('cards')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
        // SHA-256 of the certificate's DER: one certificate, one binding (a renewed card is a new certificate).
        .addColumn('cert_sha256', 'text', (c) => c.notNull().unique())
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('serial', 'text', (c) => c.notNull())
        .addColumn('holder_name', 'text', (c) => c.notNull())
        .addColumn('id_last4', 'text')
        .addColumn('not_after', 'bigint', (c) => c.notNull())
        .addColumn('bound_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('cards_account').on('cards').column('account_id').execute();

      await db.schema
        .createTable('card_challenges')
        // SHA-256 of the nonce; the nonce itself is in the tbs the browser holds.
        .addColumn('nonce_hash', 'text', (c) => c.primaryKey())
        .addColumn('session_id', 'text', (c) => c.notNull())
        .addColumn('tbs', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('expires_at', 'bigint', (c) => c.notNull())
        .addColumn('used_at', 'bigint')
        .execute();
      await db.schema.createIndex('card_challenges_expires').on('card_challenges').column('expires_at').execute();
    },
  };
}
