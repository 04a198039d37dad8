/**
 * The mail that tells a citizen of every security change to the account (issue 7): password changed or reset,
 * TOTP on or off, recovery codes made, the hint question changed, a card linked or unlinked, the account locked,
 * the e-mail address changed (told to the old address too), personal data corrected, the account deleted.
 */
import { formatRocDateTime, t, type Lang } from '@menhu/protocol';
import type { Clock } from './clock';
import type { Mailer } from './mailer';

export const SECURITY_CHANGES = [
  'password_changed',
  'password_reset',
  'totp_on',
  'totp_off',
  'recovery_codes',
  'hint_changed',
  'locked',
  'email_changed',
  'profile_changed',
  'account_deleted',
] as const;

export type SecurityChange = (typeof SECURITY_CHANGES)[number];

export interface SecurityMailTarget {
  readonly email: string;
  readonly displayName: string;
  readonly accountName: string;
}

export interface SecurityMail {
  /** Mails `to` (the account's address, or for an e-mail change also the old one) that `change` happened now. */
  notify(to: SecurityMailTarget, change: SecurityChange, lang: Lang): Promise<void>;
}

export function createSecurityMail(mailer: Mailer, clock: Clock): SecurityMail {
  return {
    async notify(to, change, lang) {
      const what = t(lang, `security.change.${change}`);
      const when = formatRocDateTime(new Date(clock.now()), lang);
      await mailer.send({
        to: to.email,
        subject: t(lang, 'mail.security.subject', { what }),
        text: t(lang, 'mail.security.body', { name: to.displayName, account: to.accountName, what, when }),
      });
    },
  };
}
