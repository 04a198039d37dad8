/**
 * 忘記密碼 and 忘記帳號 by e-mail (issue 7).
 *
 * 忘記密碼 asks for the account name and the address together. Addresses are not unique here (registering
 * with the card may reuse one), so the name says which account the link is for; and someone who knows only an
 * address cannot have reset links mailed for every account on it. When both match an account, a single-use
 * link valid for 30 minutes is mailed; it is stored as a hash only, and only the POST of its form uses it up
 * (mail scanners open links).
 *
 * 忘記帳號 asks for the address alone and mails it the account names that use it.
 *
 * Either way the page says the same whether or not anything matched, and each address gets at most a few such
 * mails an hour (services/mail-limits.ts). Every outcome is audited; the address only as its keyed hash.
 */
import { randomBytes } from 'node:crypto';
import type { Kysely } from 'kysely';
import { normaliseAccountName, t, type Lang } from '@menhu/protocol';
import type { Database } from '../store/schema';
import { selectAccountByName, setEmailVerifiedAt } from '../store/accounts';
import { consumeEmailToken, insertEmailToken, selectEmailToken } from '../store/email-tokens';
import { emailLooksValid, normaliseEmail, tokenHash, type Account, type Accounts, type FieldProblem, type Requester } from './accounts';
import type { Audit } from './audit';
import type { Clock } from './clock';
import type { Mailer } from './mailer';
import type { MailLimits } from './mail-limits';
import type { PasswordChange } from './password-change';

export const RESET_LINK_MS = 30 * 60_000;
export const RESET_LINK_PATH = '/recover/email/reset';
const TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

const LINK_EVENT = 'account.password_reset_link';
const NAMES_EVENT = 'account.recover_name';

export interface EmailRecoveryDeps {
  readonly db: Kysely<Database>;
  readonly clock: Clock;
  readonly accounts: Accounts;
  readonly mailer: Mailer;
  readonly audit: Audit;
  readonly mailLimits: MailLimits;
  readonly passwordChange: PasswordChange;
  /** PUBLIC_URL: links in mail are built from it, never from the request's Host header. */
  readonly publicUrl: URL;
}

export type LinkReset =
  | { readonly outcome: 'done' }
  | { readonly outcome: 'problem'; readonly problem: FieldProblem }
  | { readonly outcome: 'invalid' };

/** The plain check registration makes (one @, a dot in the domain, no spaces), so a typo is pointed out. */
export function looksLikeEmail(address: string): boolean {
  return emailLooksValid(normaliseEmail(address));
}

export function createEmailRecovery(deps: EmailRecoveryDeps) {
  const { db, clock, audit, mailLimits } = deps;
  const emailNorm = (address: string) => normaliseEmail(address).toLowerCase();

  /** The account of an unused, unexpired reset link; nothing is used up. */
  async function linkAccount(token: string): Promise<Account | undefined> {
    if (!TOKEN_PATTERN.test(token)) return undefined;
    const row = await selectEmailToken(db, tokenHash(token));
    if (!row || row.purpose !== 'reset_password' || row.used_at !== null || row.expires_at <= clock.now()) return undefined;
    const account = await deps.accounts.byId(row.account_id);
    return account && account.status !== 'disabled' ? account : undefined;
  }

  return {
    linkAccount,

    /** 忘記密碼: mails a reset link when the name and the address belong to one account; silent otherwise. */
    async requestPasswordReset(accountName: string, address: string, lang: Lang, from: Requester): Promise<void> {
      const ref = mailLimits.addressRef(address);
      const row = await selectAccountByName(db, normaliseAccountName(accountName));
      if (!row || row.email_norm !== emailNorm(address) || row.status === 'disabled') {
        const reason = !row ? 'no_account' : row.status === 'disabled' ? 'disabled' : 'address_differs';
        await audit.record({ event: LINK_EVENT, outcome: 'refused', accountId: row?.id ?? null, ...from, detail: { via: 'email', reason, address: ref } });
        return;
      }
      if (!(await mailLimits.take(address, 'reset_password'))) {
        await audit.record({ event: LINK_EVENT, outcome: 'refused', accountId: row.id, ...from, detail: { via: 'email', reason: 'mail_limit', address: ref } });
        return;
      }
      const token = randomBytes(32).toString('base64url');
      const now = clock.now();
      await insertEmailToken(db, { token_hash: tokenHash(token), account_id: row.id, purpose: 'reset_password', created_at: now, expires_at: now + RESET_LINK_MS, used_at: null });
      const link = new URL(`${RESET_LINK_PATH}?token=${token}`, deps.publicUrl).href;
      await deps.mailer.send({
        to: row.email,
        subject: t(lang, 'mail.resetPassword.subject'),
        text: t(lang, 'mail.resetPassword.body', { name: row.display_name, account: row.account_name, link, minutes: RESET_LINK_MS / 60_000 }),
      });
      await audit.record({ event: LINK_EVENT, outcome: 'success', accountId: row.id, ...from, detail: { via: 'email', address: ref } });
    },

    /**
     * The link's form: the new password is checked first, so a refused password leaves the link usable; then
     * the link is used up (exactly one request wins) and the password set through the one password-change
     * service (via 'email'), which ends every session. Other reset links of the account stop working.
     */
    async resetPassword(token: string, password: string, confirm: string, lang: Lang, from: Requester): Promise<LinkReset> {
      const account = await linkAccount(token);
      if (!account) {
        await audit.record({ event: 'account.password_reset', outcome: 'refused', ...from, detail: { via: 'email', reason: 'link_invalid' } });
        return { outcome: 'invalid' };
      }
      const problem = await deps.passwordChange.check(account, password, confirm);
      if (problem) return { outcome: 'problem', problem };
      if (!(await consumeEmailToken(db, tokenHash(token), 'reset_password', clock.now()))) {
        await audit.record({ event: 'account.password_reset', outcome: 'refused', accountId: account.id, ...from, detail: { via: 'email', reason: 'link_invalid' } });
        return { outcome: 'invalid' };
      }
      const late = await deps.passwordChange.change(account, password, confirm, { via: 'email', lang, from });
      if (late) return { outcome: 'problem', problem: late };
      await db
        .updateTable('email_tokens')
        .set({ used_at: clock.now() })
        .where('account_id', '=', account.id)
        .where('purpose', '=', 'reset_password')
        .where('used_at', 'is', null)
        .execute();
      // Following a link mailed to the address proved it, as an activation link does.
      if (!account.emailVerified) await setEmailVerifiedAt(db, account.id, clock.now());
      return { outcome: 'done' };
    },

    /** 忘記帳號: mails the address the account names that use it (none disabled); silent when there are none. */
    async sendAccountNames(address: string, lang: Lang, from: Requester): Promise<void> {
      const ref = mailLimits.addressRef(address);
      const rows = await db
        .selectFrom('accounts')
        .select(['id', 'account_name', 'email'])
        .where('email_norm', '=', emailNorm(address))
        .where('status', '!=', 'disabled')
        .orderBy('account_name')
        .execute();
      const first = rows[0];
      if (!first) {
        await audit.record({ event: NAMES_EVENT, outcome: 'refused', ...from, detail: { via: 'email', reason: 'no_account', address: ref } });
        return;
      }
      if (!(await mailLimits.take(address, 'account_names'))) {
        await audit.record({ event: NAMES_EVENT, outcome: 'refused', ...from, detail: { via: 'email', reason: 'mail_limit', address: ref } });
        return;
      }
      await deps.mailer.send({
        to: first.email,
        subject: t(lang, 'mail.accountNames.subject'),
        text: t(lang, 'mail.accountNames.body', { names: rows.map((r) => `・${r.account_name}`).join('\n') }),
      });
      // One row per account, so each account's own trail tells that its name was mailed.
      for (const row of rows) {
        await audit.record({ event: NAMES_EVENT, outcome: 'success', accountId: row.id, ...from, detail: { via: 'email', count: rows.length, address: ref } });
      }
    },
  };
}

export type EmailRecovery = ReturnType<typeof createEmailRecovery>;
