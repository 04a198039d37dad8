/**
 * When an account's e-mail address was last proved (a link from it was followed), and when a bound card's
 * owner was warned that it expires. Binding a card clears the first (DESIGN.md step 5: a fresh e-mail check).
 */
import { sql, type Kysely } from 'kysely';

export function cardMail() {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema.alterTable('accounts').addColumn('email_verified_at', 'bigint').execute();
      // An active account followed its activation link, which proved the address then.
      await db
        .updateTable('accounts')
        .set({ email_verified_at: sql`activated_at` })
        .where('status', '!=', 'pending')
        .execute();
      await db.schema.alterTable('cards').addColumn('expiry_warned_at', 'bigint').execute();
      await db.schema.createIndex('cards_not_after').on('cards').column('not_after').execute();
    },
  };
}
