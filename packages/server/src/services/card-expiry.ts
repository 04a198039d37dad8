/**
 * The month-ahead warning that a bound certificate expires (issue 6). Needs no verifier: it reads the bound
 * cards and mails their holders, so `npx menhu cards warn-expiring` can run it from cron as well as the server.
 */
import type { Kysely } from 'kysely';
import { formatRocDate, t, type Lang } from '@menhu/protocol';
import type { Database } from '../store/schema';
import { claimExpiryWarning, releaseExpiryWarning, selectCardsExpiringBefore, selectCardsOfAccount } from '../store/cards';
import type { Accounts } from './accounts';
import type { Audit } from './audit';
import type { Clock } from './clock';
import type { Mailer } from './mailer';

/** How long before a certificate expires its holder is mailed: a month. */
export const EXPIRY_WARNING_MS = 30 * 24 * 3600_000;

export interface CardExpiryDeps {
  readonly db: Kysely<Database>;
  readonly clock: Clock;
  readonly accounts: Accounts;
  readonly audit: Audit;
  readonly mailer: Mailer;
}

export function createCardExpiry(deps: CardExpiryDeps) {
  const { db, clock, accounts, audit } = deps;

  /** Mails the account's holder in both languages: batch mail has no request to take a language from. */
  function bilingual(key: 'mail.cardExpiring', params: (lang: Lang) => Record<string, string>) {
    return {
      subject: `${t('zh-TW', `${key}.subject`)} / ${t('en', `${key}.subject`)}`,
      text: `${t('zh-TW', `${key}.body`, params('zh-TW'))}\n\n----\n\n${t('en', `${key}.body`, params('en'))}`,
    };
  }

  return {
    /**
     * Mails the holder of every bound card that expires within a month, once per card; a holder who has
     * already bound a card that outlives that month (the renewed one) is not troubled. Returns the mails sent.
     */
    async warnExpiring(): Promise<number> {
      const now = clock.now();
      let sent = 0;
      for (const card of await selectCardsExpiringBefore(db, now, now + EXPIRY_WARNING_MS)) {
        if (!(await claimExpiryWarning(db, card.id, now))) continue;
        const account = await accounts.byId(card.account_id);
        const others = account ? await selectCardsOfAccount(db, account.id) : [];
        const renewed = others.some((c) => c.not_after > now + EXPIRY_WARNING_MS);
        if (!account || account.status !== 'active' || renewed) continue;
        const params = (lang: Lang) => ({ name: account.displayName, account: account.accountName, date: formatRocDate(new Date(card.not_after), lang) });
        try {
          await deps.mailer.send({ to: account.email, ...bilingual('mail.cardExpiring', params) });
        } catch (err) {
          await releaseExpiryWarning(db, card.id);
          throw err;
        }
        await audit.record({ event: 'card.expiry_warning', outcome: 'info', accountId: account.id, detail: { serial: card.serial, notAfter: card.not_after } });
        sent += 1;
      }
      return sent;
    },
  };
}

export type CardExpiry = ReturnType<typeof createCardExpiry>;
