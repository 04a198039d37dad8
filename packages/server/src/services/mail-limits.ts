/**
 * How many recovery mails one address may receive (issue 7): at most three an hour for each purpose, so that
 * the forms cannot be used to flood a citizen's mailbox. The log keeps a keyed hash of the normalised address,
 * never the address (DESIGN.md "Storage and scale"); the same hash names the address in the audit trail.
 */
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema';
import type { Clock } from './clock';
import { lookupHash } from './crypto';
import { normaliseEmail } from './accounts';

export const MAIL_LIMIT_PER_HOUR = 3;
const HOUR = 3600_000;
const ADDRESS_CONTEXT = 'mail_log.address';

export type MailPurpose = 'reset_password' | 'account_names';

export interface MailLimits {
  /** The keyed hash an address is logged under (after NFKC, trimming and lower case). */
  addressRef(address: string): string;
  /**
   * Takes one mail of the address's allowance for `purpose`: true when it may be sent (and counts it), false
   * over the limit. Two requests at the very same moment may both pass; the limit is a brake, not a lock.
   */
  take(address: string, purpose: MailPurpose): Promise<boolean>;
}

export function createMailLimits(deps: { db: Kysely<Database>; clock: Clock; lookupHashKey: Buffer; perHour?: number }): MailLimits {
  const { db, clock } = deps;
  const perHour = deps.perHour ?? MAIL_LIMIT_PER_HOUR;
  const addressRef = (address: string) => lookupHash(deps.lookupHashKey, normaliseEmail(address).toLowerCase(), ADDRESS_CONTEXT);

  return {
    addressRef,

    async take(address, purpose) {
      const hash = addressRef(address);
      const now = clock.now();
      // Rows older than the window count for nothing: dropped as the address is seen again.
      await db.deleteFrom('mail_log').where('address_hash', '=', hash).where('sent_at', '<=', now - HOUR).execute();
      const { count } = await db
        .selectFrom('mail_log')
        .select((eb) => eb.fn.countAll<number | string>().as('count'))
        .where('address_hash', '=', hash)
        .where('purpose', '=', purpose)
        .where('sent_at', '>', now - HOUR)
        .executeTakeFirstOrThrow();
      if (Number(count) >= perHour) return false;
      await db.insertInto('mail_log').values({ address_hash: hash, purpose, sent_at: now }).execute();
      return true;
    },
  };
}
