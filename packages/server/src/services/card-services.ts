/**
 * The account services the card offers on the login page (issue 6): 以自然人憑證啟用帳號 (activate, and lift a
 * password lock at once), 以自然人憑證重設密碼, and 以自然人憑證查詢帳號 (忘記帳號). Each needs a verified card whose
 * holder's name and last four ID digits match the account's; a name that matches no account gets the same
 * answer as a mismatch.
 */
import type { Kysely } from 'kysely';
import { checkTwId, normaliseAccountName, type Lang } from '@menhu/protocol';
import type { Database } from '../store/schema';
import { selectAccountById, selectAccountsByIdHash, updateAccountStatus, type AccountRow } from '../store/accounts';
import { selectCardByCert } from '../store/cards';
import { lookupHash } from './crypto';
import { ID_CONTEXT, type Accounts, type FieldProblem, type Requester } from './accounts';
import type { Audit } from './audit';
import type { Clock } from './clock';
import type { LoginLocks } from './login-locks';
import type { PasswordChange } from './password-change';
import { CardLoginError, type PendingCard } from './card-login';
import { holderMatches } from './card-holder';

export interface CardServicesDeps {
  readonly db: Kysely<Database>;
  readonly clock: Clock;
  readonly accounts: Accounts;
  readonly locks: LoginLocks;
  readonly audit: Audit;
  readonly passwordChange: PasswordChange;
  /** Secrets.lookupHashKey, for 以自然人憑證查詢帳號's look-up by the typed ID number. */
  readonly lookupHashKey: Buffer;
}

export function createCardServices(deps: CardServicesDeps) {
  const { db, accounts, audit } = deps;

  /** The account named, if the card's holder is its holder; else the one answer for every other case. */
  async function matching(card: PendingCard, accountName: string, event: string, from: Requester) {
    const found = await accounts.byName(normaliseAccountName(accountName));
    const account = found?.account;
    if (!account || !holderMatches(account, card)) {
      await audit.record({ event, outcome: 'refused', accountId: account?.id ?? null, ...from, detail: { reason: 'mismatch', via: 'card', serial: card.serial } });
      throw new CardLoginError('ERR_CARD_MISMATCH', 'name or ID digits differ, or no such account');
    }
    if (account.status === 'disabled') {
      await audit.record({ event, outcome: 'refused', accountId: account.id, ...from, detail: { reason: 'disabled', via: 'card' } });
      throw new CardLoginError('ERR_ACCOUNT_DISABLED', 'account disabled');
    }
    return account;
  }

  return {
    findAccountNames: createAccountNameFinder({ db, lookupHashKey: deps.lookupHashKey, audit }),

    async activate(card: PendingCard, accountName: string, from: Requester): Promise<void> {
      const account = await matching(card, accountName, 'account.activate', from);
      if (account.status === 'pending') await updateAccountStatus(db, account.id, 'active', { activatedAt: deps.clock.now() });
      const lifted = await deps.locks.unlock(account.accountName);
      await audit.record({ event: 'account.activate', outcome: 'success', accountId: account.id, ...from, detail: { via: 'card', serial: card.serial, lockLifted: lifted } });
    },

    /**
     * Sets a new password (the rules, none of the last three): every session of the account ends, a lock is
     * lifted, the citizen is mailed. Returns the field problem when the new password may not be used.
     */
    async resetPassword(card: PendingCard, accountName: string, password: string, confirm: string, lang: Lang, from: Requester): Promise<FieldProblem | undefined> {
      const account = await matching(card, accountName, 'account.password_reset', from);
      return deps.passwordChange.change(account, password, confirm, { via: 'card', lang, from });
    },
  };
}

export type CardServices = ReturnType<typeof createCardServices>;

const RECOVER_NAME_EVENT = 'account.recover_name';

/** One answer for a wrong ID, a card of another holder and no account at all: none of them may tell which. */
const NO_ACCOUNT: FieldProblem = { code: 'ERR_CARD_NO_ACCOUNT' };

export interface AccountNameFinderDeps {
  readonly db: Kysely<Database>;
  /** Secrets.lookupHashKey: the key accounts.ts hashes ID numbers with. */
  readonly lookupHashKey: Buffer;
  readonly audit: Audit;
}

export type AccountNamesResult =
  | { readonly found: true; readonly names: readonly string[] }
  | { readonly found: false; readonly problem: FieldProblem };

/**
 * 以自然人憑證查詢帳號 (忘記帳號). The typed ID number is only a claim (DESIGN.md "Card login" step 5): it counts
 * only with a verified card whose last four ID digits and holder's name it matches.
 */
export function createAccountNameFinder(deps: AccountNameFinderDeps) {
  const { db, audit } = deps;

  async function refuse(reason: string, card: PendingCard, from: Requester, problem = NO_ACCOUNT): Promise<AccountNamesResult> {
    await audit.record({ event: RECOVER_NAME_EVENT, outcome: 'refused', ...from, detail: { reason, via: 'card', serial: card.serial } });
    return { found: false, problem };
  }

  /** The account this very certificate is bound to: a card login would reach it anyway, so it is always shown. */
  async function boundAccount(card: PendingCard): Promise<AccountRow | undefined> {
    const bound = await selectCardByCert(db, card.certSha256);
    return bound ? selectAccountById(db, bound.account_id) : undefined;
  }

  /** Accounts that typed this ID and carry the card holder's name, plus the card's own; none disabled. */
  async function accountsOf(card: PendingCard, normalisedId: string): Promise<{ shown: AccountRow[]; disabled: number }> {
    const holder = card.name.normalize('NFC');
    const claimed = await selectAccountsByIdHash(db, lookupHash(deps.lookupHashKey, normalisedId, ID_CONTEXT));
    const candidates = claimed.filter((row) => row.display_name.normalize('NFC') === holder);
    const bound = await boundAccount(card);
    if (bound && !candidates.some((row) => row.id === bound.id)) candidates.push(bound);
    const shown = candidates.filter((row) => row.status !== 'disabled');
    return { shown, disabled: candidates.length - shown.length };
  }

  return async function findAccountNames(card: PendingCard, idNumber: string, from: Requester): Promise<AccountNamesResult> {
    const id = checkTwId(idNumber);
    // A malformed number reveals nothing about accounts: say what to fix, as registration does.
    if (!id.valid) return refuse(`id_${id.reason}`, card, from, { code: id.reason === 'format' ? 'ERR_ID_FORMAT' : 'ERR_ID_CHECKSUM' });
    if (card.idLast4 === null || id.normalised.slice(-4) !== card.idLast4) return refuse('id_digits', card, from);
    const { shown, disabled } = await accountsOf(card, id.normalised);
    if (shown.length === 0) return refuse(disabled > 0 ? 'disabled' : 'no_account', card, from);
    // One row per account shown, so each account's own trail tells that its name was disclosed.
    for (const row of shown) {
      await audit.record({ event: RECOVER_NAME_EVENT, outcome: 'success', accountId: row.id, ...from, detail: { via: 'card', serial: card.serial, count: shown.length } });
    }
    return { found: true, names: shown.map((row) => row.account_name) };
  };
}
