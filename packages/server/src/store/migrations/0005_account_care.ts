/**
 * What issue 7 keeps: the password-hint question, the last passwords (none of the last three may come back),
 * TOTP secrets and their single-use recovery codes, the counters of the second-factor and hint routes, a log
 * of mails sent per address (for the per-address limit), and a `data` field on e-mail links (the new address of
 * an e-mail change).
 */
import type { Kysely } from 'kysely';

export function accountCare() {
  return {
    async up(db: Kysely<any>): Promise<void> {
      // The question: `preset:<n>` for one of the list, or the citizen's own words. The answer: argon2id of its
      // normalised form (NFKC, trimmed, case-folded).
      await db.schema.alterTable('accounts').addColumn('hint_question', 'text').execute();
      await db.schema.alterTable('accounts').addColumn('hint_answer_hash', 'text').execute();
      // 0/1: the citizen asked for the TOTP code at every sign-in.
      await db.schema.alterTable('accounts').addColumn('totp_every_sign_in', 'integer', (c) => c.notNull().defaultTo(0)).execute();
      await db.schema.alterTable('email_tokens').addColumn('data', 'text').execute();

      await db.schema
        .createTable('password_history')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
        .addColumn('password_hash', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('password_history_account').on('password_history').columns(['account_id', 'created_at']).execute();

      await db.schema
        .createTable('totp_secrets')
        .addColumn('account_id', 'text', (c) => c.primaryKey().references('accounts.id').onDelete('cascade'))
        // AES-256-GCM under the data key, like the ID number.
        .addColumn('secret_enc', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        // Null while enrolment waits for its first code: the secret is not in use until confirmed.
        .addColumn('confirmed_at', 'bigint')
        // The last time step accepted: a step is never accepted twice.
        .addColumn('last_step', 'bigint')
        .execute();

      await db.schema
        .createTable('recovery_codes')
        .addColumn('id', 'text', (c) => c.primaryKey())
        .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
        .addColumn('code_hash', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('used_at', 'bigint')
        .execute();
      await db.schema.createIndex('recovery_codes_account').on('recovery_codes').column('account_id').execute();

      // One row per route and account (`totp:<id>`, `hint:<id>`): failures in the current window, a pause, and
      // the day's failures for the daily cap.
      await db.schema
        .createTable('attempt_counters')
        .addColumn('key', 'text', (c) => c.primaryKey())
        .addColumn('failures', 'integer', (c) => c.notNull())
        .addColumn('window_start', 'bigint', (c) => c.notNull())
        .addColumn('paused_until', 'bigint')
        .addColumn('day_start', 'bigint', (c) => c.notNull())
        .addColumn('day_failures', 'integer', (c) => c.notNull())
        .execute();

      // Keyed hash of the address, never the address: enough to count mails per address.
      await db.schema
        .createTable('mail_log')
        .addColumn('address_hash', 'text', (c) => c.notNull())
        .addColumn('purpose', 'text', (c) => c.notNull())
        .addColumn('sent_at', 'bigint', (c) => c.notNull())
        .execute();
      await db.schema.createIndex('mail_log_address').on('mail_log').columns(['address_hash', 'purpose', 'sent_at']).execute();
    },
  };
}
