/**
 * Member accounts: registration with e-mail activation, look-up, status changes. No HTTP here; the routes
 * turn results into pages. Personal data is sealed before it reaches the store (DESIGN.md "Storage and scale").
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import {
  checkAccountName,
  checkPassword,
  checkTwId,
  maskTwId,
  normaliseAccountName,
  normalisePassword,
  t,
  type Lang,
  type MessageKey,
} from '@menhu/protocol';
import type { Database, AccountStatus } from '../store/schema';
import {
  accountNameExists,
  insertAccount,
  selectAccountByEmail,
  selectAccountById,
  selectAccountByName,
  deleteAccount,
  setEmailVerifiedAt,
  updateAccountStatus,
  type AccountRow,
} from '../store/accounts';
import { consumeEmailToken, insertEmailToken, newestEmailTokenAt, type EmailTokenRow } from '../store/email-tokens';
import type { Secrets } from '../config/secrets';
import type { Clock } from './clock';
import type { Mailer } from './mailer';
import type { Audit } from './audit';
import { decryptField, encryptField, lookupHash } from './crypto';
import { hashPassword, isCommonPassword } from './passwords';

export const ACTIVATION_LIFETIME_MS = 24 * 3600_000;
/** A second activation mail within this time is not sent (the answer looks the same). */
export const RESEND_INTERVAL_MS = 60_000;
export const NAME_MAX = 50;
export const EMAIL_MAX = 254;

export interface Account {
  readonly id: string;
  readonly accountName: string;
  readonly displayName: string;
  readonly email: string;
  readonly status: AccountStatus;
  readonly idVerified: boolean;
  /** Letter and last four digits, e.g. A*****6789. */
  readonly maskedId: string;
  readonly idLast4: string;
  readonly createdAt: Date;
  readonly activatedAt: Date | null;
  /** False until a link mailed to the address is followed; binding a card asks for it again. */
  readonly emailVerified: boolean;
}

export interface RegistrationInput {
  readonly accountName: string;
  readonly password: string;
  readonly passwordConfirm: string;
  readonly displayName: string;
  readonly idNumber: string;
  readonly email: string;
  readonly consent: boolean;
}

export type RegistrationField = 'accountName' | 'password' | 'passwordConfirm' | 'displayName' | 'idNumber' | 'email' | 'consent';

export interface FieldProblem {
  readonly code: MessageKey;
  readonly params?: Readonly<Record<string, string | number>>;
}

export type RegistrationResult =
  | { readonly ok: true; readonly accountId: string | null; readonly email: string }
  | { readonly ok: false; readonly problems: Partial<Record<RegistrationField, FieldProblem>> };

export interface AccountServiceDeps {
  readonly db: Kysely<Database>;
  readonly clock: Clock;
  readonly secrets: Secrets;
  readonly mailer: Mailer;
  readonly audit: Audit;
  readonly publicUrl: URL;
  readonly passwordMinLength: number;
}

/** Where the request came from, for the audit trail. */
export interface Requester {
  readonly ip?: string | null;
  readonly userAgent?: string | null;
}

/** The context of the ID number's sealing and look-up hash; anything looking an ID up must use it too. */
export const ID_CONTEXT = 'accounts.id_number';

export function normaliseEmail(input: string): string {
  return input.normalize('NFKC').trim();
}

/**
 * A deliberately plain check of a normalised address (one @, a dot in the domain, no spaces): the mail sent to
 * it is the real test. Registration, 變更電子郵件 and e-mail recovery share it.
 */
export function emailLooksValid(email: string): boolean {
  return email.length <= EMAIL_MAX && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email);
}

/** What the store keeps of a mailed link's token: its SHA-256, never the token. */
export function tokenHash(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

export function createAccounts(deps: AccountServiceDeps) {
  const { db, clock, secrets, mailer, audit } = deps;

  function toAccount(row: AccountRow): Account {
    const id = decryptField(secrets.dataEncryptionKey, row.id_number_enc, ID_CONTEXT);
    return {
      id: row.id,
      accountName: row.account_name,
      displayName: row.display_name,
      email: row.email,
      status: row.status,
      idVerified: row.id_verified === 1,
      maskedId: maskTwId(id),
      idLast4: row.id_number_last4,
      createdAt: new Date(row.created_at),
      activatedAt: row.activated_at === null ? null : new Date(row.activated_at),
      emailVerified: row.email_verified_at !== null,
    };
  }

  function validate(input: RegistrationInput) {
    const problems: Partial<Record<RegistrationField, FieldProblem>> = {};
    const accountName = normaliseAccountName(input.accountName);
    const nameProblem = checkAccountName(accountName);
    if (nameProblem) problems.accountName = { code: nameProblem };

    const passwordProblem = checkPassword(input.password, accountName, {
      minLength: deps.passwordMinLength,
      isCommon: isCommonPassword,
    });
    if (passwordProblem) problems.password = { code: passwordProblem, params: { min: deps.passwordMinLength } };
    else if (normalisePassword(input.password) !== normalisePassword(input.passwordConfirm)) {
      problems.passwordConfirm = { code: 'ERR_PASSWORD_MISMATCH' };
    }

    // Names keep their exact characters (rare characters included); only canonical composition (NFC) is applied.
    const displayName = input.displayName.normalize('NFC').trim();
    if (displayName.length === 0 || [...displayName].length > NAME_MAX) problems.displayName = { code: 'ERR_NAME_INVALID' };

    const id = checkTwId(input.idNumber);
    if (!id.valid) problems.idNumber = { code: id.reason === 'format' ? 'ERR_ID_FORMAT' : 'ERR_ID_CHECKSUM' };

    const email = normaliseEmail(input.email);
    if (!emailLooksValid(email)) problems.email = { code: 'ERR_EMAIL_INVALID' };

    if (!input.consent) problems.consent = { code: 'ERR_CONSENT_REQUIRED' };
    return { problems, accountName, displayName, id, email };
  }

  /** Mails a single-use link (24 h): `activate` opens a new account, `verify_email` proves the address again. */
  async function sendLink(
    account: { id: string; accountName: string; displayName: string; email: string },
    purpose: EmailTokenRow['purpose'],
    lang: Lang,
    mail: 'mail.activate' | 'mail.verifyEmail' | 'mail.cardRegistered' = purpose === 'activate' ? 'mail.activate' : 'mail.verifyEmail',
  ): Promise<void> {
    const token = randomBytes(32).toString('base64url');
    const now = clock.now();
    await insertEmailToken(db, {
      token_hash: tokenHash(token),
      account_id: account.id,
      purpose,
      created_at: now,
      expires_at: now + ACTIVATION_LIFETIME_MS,
      used_at: null,
    });
    const page = purpose === 'activate' ? '/activate/email' : '/email/verify';
    const link = new URL(`${page}?token=${token}`, deps.publicUrl).href;
    await mailer.send({
      to: account.email,
      subject: t(lang, `${mail}.subject`),
      text: t(lang, `${mail}.body`, { name: account.displayName, account: account.accountName, link }),
    });
  }

  const sendActivation = (account: Parameters<typeof sendLink>[0], lang: Lang) => sendLink(account, 'activate', lang);

  /** A consumed link of this purpose names its account; undefined when the link is not valid. */
  async function consumeLink(token: string, purpose: EmailTokenRow['purpose']): Promise<string | undefined> {
    return /^[A-Za-z0-9_-]{43}$/.test(token) ? consumeEmailToken(db, tokenHash(token), purpose, clock.now()) : undefined;
  }

  async function insert(
    v: ReturnType<typeof validate>,
    emailNorm: string,
    passwordHash: string,
    status: AccountStatus,
    emailVerified = status === 'active',
  ): Promise<string | undefined> {
    if (!v.id.valid) throw new TypeError('insert: the ID number was not checked');
    const accountId = randomUUID();
    const now = clock.now();
    const inserted = await insertAccount(db, {
      id: accountId,
      account_name: v.accountName,
      password_hash: passwordHash,
      display_name: v.displayName,
      id_number_enc: encryptField(secrets.dataEncryptionKey, v.id.normalised, ID_CONTEXT),
      id_number_hash: lookupHash(secrets.lookupHashKey, v.id.normalised, ID_CONTEXT),
      id_number_last4: v.id.normalised.slice(-4),
      id_verified: 0,
      email: v.email,
      email_norm: emailNorm,
      status,
      created_at: now,
      activated_at: status === 'active' ? now : null,
      email_verified_at: emailVerified ? now : null,
    });
    return inserted ? accountId : undefined;
  }

  return {
    toAccount,

    /**
     * An active account without the e-mail round trip: the demo account, made on a new installation. The same
     * rules apply as for registration; throws with the problems when they fail.
     */
    async createActivated(input: Omit<RegistrationInput, 'passwordConfirm' | 'consent'>): Promise<string> {
      const v = validate({ ...input, passwordConfirm: input.password, consent: true });
      const problems = Object.values(v.problems).map((p) => p!.code);
      if (problems.length > 0) throw new TypeError(`createActivated: ${problems.join(', ')}`);
      const id = await insert(v, v.email.toLowerCase(), await hashPassword(normalisePassword(input.password)), 'active');
      if (!id) throw new TypeError(`createActivated: the account name ${v.accountName} is taken`);
      return id;
    },

    async register(input: RegistrationInput, lang: Lang, from: Requester): Promise<RegistrationResult> {
      const v = validate(input);
      if (!v.problems.accountName && (await accountNameExists(db, v.accountName))) {
        v.problems.accountName = { code: 'ERR_ACCOUNT_NAME_TAKEN' };
      }
      if (Object.keys(v.problems).length > 0 || !v.id.valid) {
        await audit.record({
          event: 'account.register',
          outcome: 'refused',
          ...from,
          detail: { reasons: Object.values(v.problems).map((p) => p!.code) },
        });
        return { ok: false, problems: v.problems };
      }

      // Hashed before the e-mail check so that both answers below take the same time.
      const passwordHash = await hashPassword(normalisePassword(input.password));
      // A taken e-mail address is not revealed on screen: its owner is told by mail, and no account is made.
      const emailNorm = v.email.toLowerCase();
      const owner = await selectAccountByEmail(db, emailNorm);
      if (owner) {
        await mailer.send({ to: owner.email, subject: t(lang, 'mail.emailTaken.subject'), text: t(lang, 'mail.emailTaken.body') });
        await audit.record({ event: 'account.register', outcome: 'refused', accountId: owner.id, ...from, detail: { reasons: ['email_taken'] } });
        return { ok: true, accountId: null, email: v.email };
      }

      const accountId = await insert(v, emailNorm, passwordHash, 'pending');
      if (!accountId) {
        // Someone took the name between the check and the insert.
        return { ok: false, problems: { accountName: { code: 'ERR_ACCOUNT_NAME_TAKEN' } } };
      }
      await audit.record({ event: 'account.register', outcome: 'success', accountId, ...from });
      await sendActivation({ id: accountId, accountName: v.accountName, displayName: v.displayName, email: v.email }, lang);
      return { ok: true, accountId, email: v.email };
    },

    /** Consumes an activation link; the account becomes active. Undefined when the link is not valid. */
    async activate(token: string, from: Requester): Promise<Account | undefined> {
      const accountId = await consumeLink(token, 'activate');
      if (!accountId) {
        await audit.record({ event: 'account.activate', outcome: 'failure', ...from, detail: { reason: 'link_invalid' } });
        return undefined;
      }
      const row = await selectAccountById(db, accountId);
      if (!row) return undefined;
      if (row.status === 'pending') await updateAccountStatus(db, accountId, 'active', { activatedAt: clock.now() });
      // Following the link proved the address too.
      await setEmailVerifiedAt(db, accountId, clock.now());
      await audit.record({ event: 'account.activate', outcome: 'success', accountId, ...from, detail: { via: 'email' } });
      return toAccount((await selectAccountById(db, accountId))!);
    },

    /** Sends a new activation link to a pending account (after its correct password), at most once a minute. */
    async resendActivation(accountId: string, lang: Lang, from: Requester): Promise<'sent' | 'too_soon' | 'not_pending'> {
      const row = await selectAccountById(db, accountId);
      if (!row || row.status !== 'pending') return 'not_pending';
      const last = await newestEmailTokenAt(db, accountId, 'activate');
      if (last !== undefined && clock.now() - last < RESEND_INTERVAL_MS) return 'too_soon';
      await sendActivation({ id: row.id, accountName: row.account_name, displayName: row.display_name, email: row.email }, lang);
      await audit.record({ event: 'account.activation_resent', outcome: 'success', accountId, ...from });
      return 'sent';
    },

    /**
     * Asks for the address to be proved again (DESIGN.md step 5, after a card is bound): it counts as unproved
     * until the mailed link is followed. At most one mail a minute; 'too_soon' when none was sent.
     */
    async requestEmailCheck(accountId: string, lang: Lang, from: Requester): Promise<'sent' | 'too_soon' | 'no_account'> {
      const row = await selectAccountById(db, accountId);
      if (!row || row.status === 'disabled') return 'no_account';
      await setEmailVerifiedAt(db, accountId, null);
      const last = await newestEmailTokenAt(db, accountId, 'verify_email');
      if (last !== undefined && clock.now() - last < RESEND_INTERVAL_MS) return 'too_soon';
      await sendLink({ id: row.id, accountName: row.account_name, displayName: row.display_name, email: row.email }, 'verify_email', lang);
      await audit.record({ event: 'account.email_check', outcome: 'info', accountId, ...from, detail: { reason: 'sent' } });
      return 'sent';
    },

    /** Consumes an address-check link: the address counts as proved. Undefined when the link is not valid. */
    async verifyEmail(token: string, from: Requester): Promise<Account | undefined> {
      const accountId = await consumeLink(token, 'verify_email');
      const row = accountId ? await selectAccountById(db, accountId) : undefined;
      if (!row) {
        await audit.record({ event: 'account.email_check', outcome: 'failure', ...from, detail: { reason: 'link_invalid' } });
        return undefined;
      }
      await setEmailVerifiedAt(db, row.id, clock.now());
      await audit.record({ event: 'account.email_check', outcome: 'success', accountId: row.id, ...from });
      return toAccount({ ...row, email_verified_at: clock.now() });
    },

    /**
     * Registration from a first card login (DESIGN.md step 5): the same rules as `register`, and the name must
     * be the certificate's and the typed ID number must end in its four digits. The account is active with
     * its ID verified at once — the card proved them — while the address waits for its mailed link.
     * `bindCard` is called with the new account's id before anything is mailed; when it throws, the account
     * is removed again so nothing is half made.
     */
    async registerWithCard(
      input: RegistrationInput,
      card: { readonly name: string; readonly idLast4: string | null },
      bindCard: (accountId: string) => Promise<void>,
      lang: Lang,
      from: Requester,
    ): Promise<RegistrationResult> {
      const v = validate(input);
      if (!v.problems.displayName && v.displayName !== card.name.normalize('NFC')) v.problems.displayName = { code: 'ERR_CARD_NAME_DIFFERS' };
      if (!v.problems.idNumber && v.id.valid && (card.idLast4 === null || !v.id.normalised.endsWith(card.idLast4))) {
        v.problems.idNumber = { code: 'ERR_CARD_ID_DIFFERS' };
      }
      if (!v.problems.accountName && (await accountNameExists(db, v.accountName))) v.problems.accountName = { code: 'ERR_ACCOUNT_NAME_TAKEN' };
      if (Object.keys(v.problems).length > 0 || !v.id.valid) {
        await audit.record({ event: 'account.register', outcome: 'refused', ...from, detail: { via: 'card', reasons: Object.values(v.problems).map((p) => p!.code) } });
        return { ok: false, problems: v.problems };
      }
      const passwordHash = await hashPassword(normalisePassword(input.password));
      // Another account may use the same address; the card proved this person, so the account is made, and
      // the address stays unproved until its owner follows the link. Nothing on screen tells which.
      const accountId = await insert(v, v.email.toLowerCase(), passwordHash, 'active', false);
      if (!accountId) return { ok: false, problems: { accountName: { code: 'ERR_ACCOUNT_NAME_TAKEN' } } };
      try {
        await bindCard(accountId);
      } catch (err) {
        await deleteAccount(db, accountId);
        throw err;
      }
      await audit.record({ event: 'account.register', outcome: 'success', accountId, ...from, detail: { via: 'card' } });
      // One mail: the account was made with the card (the binding's notice), and the link that proves the address.
      await sendLink({ id: accountId, accountName: v.accountName, displayName: v.displayName, email: v.email }, 'verify_email', lang, 'mail.cardRegistered');
      return { ok: true, accountId, email: v.email };
    },

    async byName(accountName: string): Promise<{ row: AccountRow; account: Account } | undefined> {
      const row = await selectAccountByName(db, normaliseAccountName(accountName));
      return row ? { row, account: toAccount(row) } : undefined;
    },

    /** The full ID number, for the one purpose that needs it: an agency allowed `tw_id`, at level high. */
    async fullIdNumber(id: string): Promise<string | undefined> {
      const row = await selectAccountById(db, id);
      return row ? decryptField(secrets.dataEncryptionKey, row.id_number_enc, ID_CONTEXT) : undefined;
    },

    async byId(id: string): Promise<Account | undefined> {
      const row = await selectAccountById(db, id);
      return row ? toAccount(row) : undefined;
    },

    async setStatus(id: string, status: AccountStatus): Promise<void> {
      await updateAccountStatus(db, id, status);
    },
  };
}

export type Accounts = ReturnType<typeof createAccounts>;
