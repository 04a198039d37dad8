/**
 * Setting a new password, whichever way the citizen came (我的帳戶 with the current password or the card, the
 * e-mail link, the hint question, the card on the login page): the registration rules, none of the last three
 * passwords again, the old hash remembered, every session ended (DESIGN.md "Abuse limits": a reset ends every
 * session; a change from 我的帳戶 keeps the session that made it), a lock lifted, audited, and mailed.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { checkPassword, normalisePassword, type Lang } from '@menhu/protocol';
import type { Database } from '../store/schema';
import { selectAccountById, updatePasswordHash } from '../store/accounts';
import { rememberPasswordHash, selectRecentPasswordHashes } from '../store/password-history';
import type { Account, FieldProblem, Requester } from './accounts';
import type { Audit } from './audit';
import type { Clock } from './clock';
import type { LoginLocks } from './login-locks';
import type { SecurityMail } from './security-mail';
import type { SessionManager } from './sessions/manager';
import { hashPassword, isCommonPassword, verifyPassword } from './passwords';

/** The current password and this many before it may not come back: "the last three". */
const EARLIER_PASSWORDS_CHECKED = 2;

export interface PasswordChangeDeps {
  readonly db: Kysely<Database>;
  readonly clock: Clock;
  readonly sessions: SessionManager;
  readonly locks: LoginLocks;
  readonly audit: Audit;
  readonly securityMail: SecurityMail;
  readonly passwordMinLength: number;
  /** After a reset: the account's tokens at the OIDC provider end too (refresh tokens included). */
  readonly revokeTokens?: (accountId: string) => Promise<void>;
}

export interface PasswordChangeOptions {
  /** How the citizen proved themselves: 'settings', 'card', 'email', 'hint', … (audited). */
  readonly via: string;
  readonly lang: Lang;
  readonly from: Requester;
  /** A change from 我的帳戶 keeps the session that made it; a reset (omit this) ends them all. */
  readonly keepSessionId?: string;
}

export function createPasswordChange(deps: PasswordChangeDeps) {
  const { db, clock, audit } = deps;

  /** The rules, the confirmation, and the last three passwords; undefined when the new one may be used. */
  async function check(account: Account, password: string, confirm: string): Promise<FieldProblem | undefined> {
    const problem = checkPassword(password, account.accountName, { minLength: deps.passwordMinLength, isCommon: isCommonPassword });
    if (problem) return { code: problem, params: { min: deps.passwordMinLength } };
    if (normalisePassword(password) !== normalisePassword(confirm)) return { code: 'ERR_PASSWORD_MISMATCH' };
    const row = await selectAccountById(db, account.id);
    if (!row) return { code: 'ERR_PASSWORD_REUSED' };
    const normalised = normalisePassword(password);
    for (const hash of [row.password_hash, ...(await selectRecentPasswordHashes(db, account.id, EARLIER_PASSWORDS_CHECKED))]) {
      if (await verifyPassword(hash, normalised)) return { code: 'ERR_PASSWORD_REUSED' };
    }
    return undefined;
  }

  return {
    check,

    /** Checks and sets the new password; the problem when it may not be used (nothing changed then). */
    async change(account: Account, password: string, confirm: string, options: PasswordChangeOptions): Promise<FieldProblem | undefined> {
      const problem = await check(account, password, confirm);
      if (problem) return problem;
      const row = await selectAccountById(db, account.id);
      if (!row) throw new TypeError('change: the account vanished');
      const now = clock.now();
      await rememberPasswordHash(db, { id: randomUUID(), accountId: account.id, hash: row.password_hash, at: now }, EARLIER_PASSWORDS_CHECKED);
      await updatePasswordHash(db, account.id, await hashPassword(normalisePassword(password)));
      const ended = await deps.sessions.endAllOf(account.id, options.keepSessionId);
      if (options.keepSessionId === undefined) await deps.revokeTokens?.(account.id);
      await deps.locks.unlock(account.accountName);
      const reset = options.keepSessionId === undefined;
      await audit.record({
        event: reset ? 'account.password_reset' : 'account.password_change',
        outcome: 'success',
        accountId: account.id,
        ...options.from,
        detail: { via: options.via, sessionsEnded: ended },
      });
      await deps.securityMail.notify(account, reset ? 'password_reset' : 'password_changed', options.lang);
      return undefined;
    },
  };
}

export type PasswordChange = ReturnType<typeof createPasswordChange>;
