/**
 * 變更電子郵件 (issue 7): a new address is proved by a single-use link mailed to it, and the old address is told
 * at once that a change was asked for. When the link is used the address changes, counts as proved, and both
 * addresses get the security notice. Nothing on screen says whether another account uses the new address:
 * only the person holding that mailbox, who uses the link, is told.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { formatRocDateTime, t, type Lang } from '@menhu/protocol';
import type { Database } from '../store/schema';
import { emailUsedByAnother, selectAccountById, updateEmailAddress } from '../store/accounts';
import { consumeEmailTokenWithData, insertEmailToken, newestEmailTokenAt, selectEmailToken } from '../store/email-tokens';
import { emailLooksValid, normaliseEmail, tokenHash, type Account, type FieldProblem, type Requester } from './accounts';
import type { Audit } from './audit';
import type { Clock } from './clock';
import type { Mailer } from './mailer';
import type { SecurityMail } from './security-mail';

/** The link to the new address works this long (the same as every mailed link of the platform). */
export const EMAIL_CHANGE_LIFETIME_MS = 24 * 3600_000;
/** At most one change mail a minute per account (each one mails two addresses). */
export const EMAIL_CHANGE_INTERVAL_MS = 60_000;

const PURPOSE = 'change_email';

export interface EmailChangeDeps {
  readonly db: Kysely<Database>;
  readonly clock: Clock;
  readonly mailer: Mailer;
  readonly audit: Audit;
  readonly securityMail: SecurityMail;
  readonly publicUrl: URL;
}

export type EmailChangeRequest =
  | { readonly outcome: 'sent'; readonly email: string }
  | { readonly outcome: 'too_soon' }
  | { readonly outcome: 'invalid'; readonly problem: FieldProblem };

export type EmailChangeConfirmation =
  | { readonly outcome: 'changed'; readonly email: string }
  | { readonly outcome: 'link_invalid' }
  | { readonly outcome: 'in_use' };

export function createEmailChange(deps: EmailChangeDeps) {
  const { db, clock, mailer, audit } = deps;

  return {
    /** Mails the link to the new address and tells the old one; the account keeps its address until the link is used. */
    async request(account: Account, input: string, lang: Lang, from: Requester): Promise<EmailChangeRequest> {
      const email = normaliseEmail(input);
      if (!emailLooksValid(email)) return { outcome: 'invalid', problem: { code: 'ERR_EMAIL_INVALID' } };
      if (email.toLowerCase() === account.email.toLowerCase()) return { outcome: 'invalid', problem: { code: 'ERR_EMAIL_SAME' } };
      const now = clock.now();
      const last = await newestEmailTokenAt(db, account.id, PURPOSE);
      if (last !== undefined && now - last < EMAIL_CHANGE_INTERVAL_MS) return { outcome: 'too_soon' };

      const token = randomBytes(32).toString('base64url');
      await insertEmailToken(db, {
        token_hash: tokenHash(token),
        account_id: account.id,
        purpose: PURPOSE,
        created_at: now,
        expires_at: now + EMAIL_CHANGE_LIFETIME_MS,
        used_at: null,
        data: email,
      });
      const link = new URL(`/account/email/confirm?token=${token}`, deps.publicUrl).href;
      const names = { name: account.displayName, account: account.accountName };
      await mailer.send({ to: email, subject: t(lang, 'mail.emailChange.subject'), text: t(lang, 'mail.emailChange.body', { ...names, link }) });
      await mailer.send({
        to: account.email,
        subject: t(lang, 'mail.emailChangeAsked.subject'),
        text: t(lang, 'mail.emailChangeAsked.body', { ...names, email, when: formatRocDateTime(new Date(now), lang) }),
      });
      // The addresses are personal data: the trail says that a change was asked for, not to what.
      await audit.record({ event: 'account.email_change', outcome: 'info', accountId: account.id, ...from, detail: { step: 'link_sent' } });
      return { outcome: 'sent', email };
    },

    /**
     * Uses the link: only the newest link of the account works, once, within its lifetime. The old and the new
     * address are both told.
     */
    async confirm(token: string, lang: Lang, from: Requester): Promise<EmailChangeConfirmation> {
      const refuse = async (reason: string, accountId: string | null = null) => {
        await audit.record({ event: 'account.email_change', outcome: 'refused', accountId, ...from, detail: { reason } });
      };
      const hash = /^[A-Za-z0-9_-]{43}$/.test(token) ? tokenHash(token) : undefined;
      const row = hash ? await selectEmailToken(db, hash) : undefined;
      if (!hash || !row || row.purpose !== PURPOSE) {
        await refuse('link_invalid');
        return { outcome: 'link_invalid' };
      }
      // A later request replaces this one: its link no longer works.
      const newest = await newestEmailTokenAt(db, row.account_id, PURPOSE);
      const used = newest === row.created_at ? await consumeEmailTokenWithData(db, hash, PURPOSE, clock.now()) : undefined;
      const account = used?.data ? await selectAccountById(db, used.accountId) : undefined;
      if (!used?.data || !account || account.status === 'disabled') {
        await refuse(newest === row.created_at ? 'link_invalid' : 'superseded', row.account_id);
        return { outcome: 'link_invalid' };
      }
      const email = used.data;
      const emailNorm = email.toLowerCase();
      if (await emailUsedByAnother(db, emailNorm, account.id)) {
        await refuse('in_use', account.id);
        return { outcome: 'in_use' };
      }
      await updateEmailAddress(db, account.id, email, emailNorm, clock.now());
      await audit.record({ event: 'account.email_change', outcome: 'success', accountId: account.id, ...from });
      const names = { displayName: account.display_name, accountName: account.account_name };
      await deps.securityMail.notify({ ...names, email: account.email }, 'email_changed', lang);
      await deps.securityMail.notify({ ...names, email }, 'email_changed', lang);
      return { outcome: 'changed', email };
    },
  };
}

export type EmailChange = ReturnType<typeof createEmailChange>;
