/**
 * 軟體式動態密碼 (TOTP, RFC 6238) and its single-use recovery codes: enrolment (a secret that is off until a
 * first code confirms it), checking a code at sign-in or at a step-up, turning it off, new recovery codes.
 * Codes are authenticator-app compatible: HMAC-SHA-1, 30-second steps, 6 digits (RFC 6238 §4 and §5.2, the
 * defaults every app assumes). One step either side is accepted for clock drift and typing time (§5.2 allows
 * "at most one time step"), and a step is never accepted twice for an account (§5.2: "the verifier MUST NOT
 * accept the second attempt of the OTP after the successful validation has been issued").
 * Failures have their own counter (`totp:<accountId>`), apart from the password lock (DESIGN.md "Abuse limits").
 */
import { createHash, randomBytes, randomUUID, timingSafeEqual } from 'node:crypto';
import type { Kysely } from 'kysely';
import { HOTP, Secret, TOTP } from 'otpauth';
import type { Lang } from '@menhu/protocol';
import type { Database } from '../store/schema';
import {
  claimTotpStep,
  countUnusedRecoveryCodes,
  deleteTotp,
  insertPendingTotpSecret,
  replaceRecoveryCodes,
  selectTotpEverySignIn,
  selectTotpSecret,
  updateTotpEverySignIn,
  useRecoveryCodeHash,
} from '../store/totp';
import type { Requester } from './accounts';
import type { AttemptLimits, AttemptPolicy } from './attempt-limits';
import type { Audit } from './audit';
import type { Clock } from './clock';
import { decryptField, encryptField } from './crypto';
import type { SecurityMail, SecurityMailTarget } from './security-mail';

/** RFC 6238 §4 / RFC 4226 §5.3: the parameters authenticator apps assume when the URI names none. */
export const TOTP_PERIOD_SECONDS = 30;
export const TOTP_DIGITS = 6;
const ALGORITHM = 'SHA1';
/** Steps either side of now that are still accepted (RFC 6238 §5.2). */
const WINDOW = 1;
/** RFC 4226 §4 R6 recommends 160 bits, the length of the HMAC-SHA-1 key. */
const SECRET_BYTES = 20;
/** Bound as additional data of the sealed secret, so a value cannot be moved to another column. */
const SECRET_CONTEXT = 'totp_secrets.secret';
/** A secret waiting this long for its first code is replaced by a new one on the next visit. */
export const ENROLMENT_LIFETIME_MS = 60 * 60_000;

/** DESIGN.md "Abuse limits": five failures pause TOTP for 15 minutes; at most 20 failures a day. */
export const TOTP_ATTEMPT_POLICY: AttemptPolicy = { maxFailures: 5, pauseMs: 15 * 60_000, dailyCap: 20 };

export const RECOVERY_CODE_COUNT = 10;
/** 32 letters and digits without 0/O and 1/I, so a code read off paper is typed right; 5 bits each. */
const RECOVERY_ALPHABET = 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789';
/** 16 symbols = 80 bits: far beyond guessing under the attempt limits, and typed in four groups of four. */
const RECOVERY_CODE_LENGTH = 16;

export type TotpStatus =
  | { readonly state: 'off' }
  | { readonly state: 'on'; readonly since: number; readonly everySignIn: boolean; readonly recoveryCodesLeft: number };

export interface TotpEnrolment {
  /** The key in base32 (RFC 4648 §6), as typed into an app. */
  readonly secret: string;
  /** The otpauth:// URI that the QR code carries (Google Authenticator "Key Uri Format"). */
  readonly uri: string;
}

/** Why a code was not accepted. */
export type TotpRefusal =
  | { readonly verified: false; readonly reason: 'wrong' }
  /** Too many failures: nothing is checked until `until` (ms). */
  | { readonly verified: false; readonly reason: 'paused'; readonly until: number }
  /** TOTP is not on (or, when confirming, no enrolment is waiting or it took too long). */
  | { readonly verified: false; readonly reason: 'off' };

export type TotpCheck =
  | { readonly verified: true; readonly method: 'totp' }
  | { readonly verified: true; readonly method: 'recovery'; readonly remaining: number }
  | TotpRefusal;

/**
 * Who checks a code and why, for the audit trail. A check at sign-in is recorded as `login.totp` (beside
 * `login.password` in the sign-in history); any other as `totp.verify`, or `totp.recovery_code_used`.
 */
export interface TotpCheckContext {
  readonly from?: Requester | undefined;
  readonly purpose?: 'sign_in' | 'step_up' | 'settings';
}

export interface TotpActionOptions {
  readonly lang: Lang;
  readonly from: Requester;
}

/** The account a change is made to and mailed to. */
export type TotpAccount = SecurityMailTarget & { readonly id: string };

export interface TotpService {
  status(accountId: string): Promise<TotpStatus>;
  /** Whether a password sign-in must be followed by a code (TOTP on, and the citizen asked for it every time). */
  requiredAtSignIn(accountId: string): Promise<boolean>;
  /**
   * Starts (or resumes, within ENROLMENT_LIFETIME_MS) an enrolment: a secret that is not used until `confirm`.
   * Undefined when TOTP is already on. `issuer` is the name the app shows (the site name in the citizen's language).
   */
  begin(account: { id: string; accountName: string }, issuer: string): Promise<TotpEnrolment | undefined>;
  /** The first code turns the waiting secret on; gives the recovery codes, shown once. Audited and mailed. */
  confirm(
    account: TotpAccount,
    code: string,
    options: TotpActionOptions & { everySignIn: boolean },
  ): Promise<{ readonly verified: true; readonly recoveryCodes: readonly string[] } | TotpRefusal>;
  /**
   * A 6-digit code, or else a recovery code (which is then used up), for an account with TOTP on: sign-in and
   * step-up. Failures count towards the pause.
   */
  verify(accountId: string, code: string, context?: TotpCheckContext): Promise<TotpCheck>;
  /** A recovery code only. */
  useRecoveryCode(accountId: string, code: string, context?: TotpCheckContext): Promise<TotpCheck>;
  /** Turns TOTP off after a current code or a recovery code; the secret and the recovery codes are deleted. */
  disable(account: TotpAccount, code: string, options: TotpActionOptions): Promise<{ readonly verified: true } | TotpRefusal>;
  /** New recovery codes after a current code or a recovery code; every earlier code stops working. */
  newRecoveryCodes(
    account: TotpAccount,
    code: string,
    options: TotpActionOptions,
  ): Promise<{ readonly verified: true; readonly recoveryCodes: readonly string[] } | TotpRefusal>;
  /** Whether a password sign-in also asks for the code. False when TOTP is off (nothing changed then). */
  setEverySignIn(accountId: string, on: boolean, from: Requester): Promise<boolean>;
}

export interface TotpDeps {
  readonly db: Kysely<Database>;
  readonly clock: Clock;
  readonly dataEncryptionKey: Buffer;
  readonly attempts: AttemptLimits;
  readonly audit: Audit;
  readonly securityMail: SecurityMail;
}

/** What a person may type for a code: full-width digits and spaces are forgiven (NFKC). */
function normaliseCode(input: string): string {
  return input.normalize('NFKC').replace(/[\s-]/g, '').toUpperCase().slice(0, 64);
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function hashRecoveryCode(input: string): string {
  return createHash('sha256').update(normaliseCode(input)).digest('hex');
}

function newRecoveryCode(): string {
  // 256 is a multiple of 32, so `byte & 31` picks each symbol with equal chance.
  const symbols = Array.from(randomBytes(RECOVERY_CODE_LENGTH), (b) => RECOVERY_ALPHABET[b & 31]).join('');
  return symbols.match(/.{4}/g)!.join('-');
}

/** The base32 key in groups of four, for reading aloud or typing. */
export function groupKey(base32: string): string {
  return base32.match(/.{1,4}/g)?.join(' ') ?? base32;
}

export function createTotp(deps: TotpDeps): TotpService {
  const { db, clock, attempts, audit } = deps;
  const counterKey = (accountId: string) => `totp:${accountId}`;
  const seal = (base32: string) => encryptField(deps.dataEncryptionKey, base32, SECRET_CONTEXT);
  const unseal = (sealed: string) => decryptField(deps.dataEncryptionKey, sealed, SECRET_CONTEXT);

  /** The steps within the window around now whose code is `code` (almost always none or one). */
  function matchingSteps(base32: string, code: string): number[] {
    if (!/^\d{6}$/.test(code)) return [];
    const secret = Secret.fromBase32(base32);
    const now = TOTP.counter({ period: TOTP_PERIOD_SECONDS, timestamp: clock.now() });
    const steps: number[] = [];
    for (let delta = -WINDOW; delta <= WINDOW; delta++) {
      const expected = HOTP.generate({ secret, algorithm: ALGORITHM, digits: TOTP_DIGITS, counter: now + delta });
      if (sameText(expected, code)) steps.push(now + delta);
    }
    return steps;
  }

  const checkEvent = (context: TotpCheckContext) => (context.purpose === 'sign_in' ? 'login.totp' : 'totp.verify');

  /** Counts a failure; the refusal to give (paused when this one reached the limit). */
  async function fail(accountId: string, context: TotpCheckContext, detail: Record<string, unknown>): Promise<TotpRefusal> {
    const { from, purpose } = context;
    await audit.record({ event: checkEvent(context), outcome: 'failure', accountId, ...from, detail: { ...detail, purpose } });
    const after = await attempts.settle(counterKey(accountId), TOTP_ATTEMPT_POLICY, false);
    if (after.paused) {
      await audit.record({ event: 'totp.pause', outcome: 'info', accountId, ...from, detail: { until: after.until } });
      return { verified: false, reason: 'paused', until: after.until };
    }
    return { verified: false, reason: 'wrong' };
  }

  /**
   * Counts the attempt before the code is checked (attempt-limits `begin`), so a burst of guesses cannot get
   * past the limits. While paused nothing is checked; the refusal is audited.
   */
  async function paused(accountId: string, context: TotpCheckContext): Promise<TotpRefusal | undefined> {
    const state = await attempts.begin(counterKey(accountId), TOTP_ATTEMPT_POLICY);
    if (!state.paused) return undefined;
    const { from, purpose } = context;
    await audit.record({ event: checkEvent(context), outcome: 'refused', accountId, ...from, detail: { reason: 'paused', until: state.until, purpose } });
    return { verified: false, reason: 'paused', until: state.until };
  }

  async function checkTotp(accountId: string, code: string, context: TotpCheckContext): Promise<TotpCheck> {
    const row = await selectTotpSecret(db, accountId);
    if (!row || row.confirmed_at === null) return { verified: false, reason: 'off' };
    const refusal = await paused(accountId, context);
    if (refusal) return refusal;
    for (const step of matchingSteps(unseal(row.secret_enc), code)) {
      // The conditional update decides: a replayed or older step changes no row.
      if (await claimTotpStep(db, accountId, step, { confirming: false })) {
        await attempts.settle(counterKey(accountId), TOTP_ATTEMPT_POLICY, true);
        await audit.record({ event: checkEvent(context), outcome: 'success', accountId, ...context.from, detail: { method: 'totp', purpose: context.purpose } });
        return { verified: true, method: 'totp' };
      }
    }
    return fail(accountId, context, { method: 'totp' });
  }

  async function checkRecoveryCode(accountId: string, code: string, context: TotpCheckContext): Promise<TotpCheck> {
    const row = await selectTotpSecret(db, accountId);
    if (!row || row.confirmed_at === null) return { verified: false, reason: 'off' };
    const refusal = await paused(accountId, context);
    if (refusal) return refusal;
    if (code.length > 0 && (await useRecoveryCodeHash(db, accountId, hashRecoveryCode(code), clock.now()))) {
      await attempts.settle(counterKey(accountId), TOTP_ATTEMPT_POLICY, true);
      const remaining = await countUnusedRecoveryCodes(db, accountId);
      const event = context.purpose === 'sign_in' ? 'login.totp' : 'totp.recovery_code_used';
      await audit.record({ event, outcome: 'success', accountId, ...context.from, detail: { method: 'recovery_code', remaining, purpose: context.purpose } });
      return { verified: true, method: 'recovery', remaining };
    }
    return fail(accountId, context, { method: 'recovery_code' });
  }

  async function issueRecoveryCodes(accountId: string): Promise<string[]> {
    const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
    await replaceRecoveryCodes(db, accountId, codes.map((c) => ({ id: randomUUID(), codeHash: hashRecoveryCode(c) })), clock.now());
    return codes;
  }

  async function verify(accountId: string, input: string, context: TotpCheckContext = {}): Promise<TotpCheck> {
    const code = normaliseCode(input);
    return /^\d{6}$/.test(code) ? checkTotp(accountId, code, context) : checkRecoveryCode(accountId, code, context);
  }

  return {
    async status(accountId) {
      const row = await selectTotpSecret(db, accountId);
      if (!row || row.confirmed_at === null) return { state: 'off' };
      return {
        state: 'on',
        since: row.confirmed_at,
        everySignIn: await selectTotpEverySignIn(db, accountId),
        recoveryCodesLeft: await countUnusedRecoveryCodes(db, accountId),
      };
    },

    async requiredAtSignIn(accountId) {
      const row = await selectTotpSecret(db, accountId);
      return row !== undefined && row.confirmed_at !== null && (await selectTotpEverySignIn(db, accountId));
    },

    async begin(account, issuer) {
      const row = await selectTotpSecret(db, account.id);
      if (row && row.confirmed_at !== null) return undefined;
      let base32: string;
      if (row && clock.now() - row.created_at < ENROLMENT_LIFETIME_MS) {
        base32 = unseal(row.secret_enc);
      } else {
        base32 = new Secret({ buffer: new Uint8Array(randomBytes(SECRET_BYTES)).buffer }).base32;
        // Loses only to a confirmation that happened meanwhile (then TOTP is on and there is nothing to show).
        if (!(await insertPendingTotpSecret(db, { accountId: account.id, secretEnc: seal(base32), at: clock.now() }))) return undefined;
      }
      const uri = new TOTP({
        issuer,
        label: account.accountName,
        secret: Secret.fromBase32(base32),
        algorithm: ALGORITHM,
        digits: TOTP_DIGITS,
        period: TOTP_PERIOD_SECONDS,
      }).toString();
      return { secret: base32, uri };
    },

    async confirm(account, input, options) {
      const row = await selectTotpSecret(db, account.id);
      if (!row || row.confirmed_at !== null || clock.now() - row.created_at >= ENROLMENT_LIFETIME_MS) return { verified: false, reason: 'off' };
      const context: TotpCheckContext = { from: options.from, purpose: 'settings' };
      const refusal = await paused(account.id, context);
      if (refusal) return refusal;
      const now = clock.now();
      let confirmed = false;
      for (const step of matchingSteps(unseal(row.secret_enc), normaliseCode(input))) {
        if (await claimTotpStep(db, account.id, step, { confirming: true, at: now })) {
          confirmed = true;
          break;
        }
      }
      if (!confirmed) return fail(account.id, context, { method: 'totp', enrolment: true });
      await attempts.settle(counterKey(account.id), TOTP_ATTEMPT_POLICY, true);
      await updateTotpEverySignIn(db, account.id, options.everySignIn);
      const recoveryCodes = await issueRecoveryCodes(account.id);
      await audit.record({ event: 'totp.enable', outcome: 'success', accountId: account.id, ...options.from, detail: { everySignIn: options.everySignIn } });
      await deps.securityMail.notify(account, 'totp_on', options.lang);
      return { verified: true, recoveryCodes };
    },

    verify,

    useRecoveryCode(accountId, input, context = {}) {
      return checkRecoveryCode(accountId, normaliseCode(input), context);
    },

    async disable(account, input, options) {
      const proof = await verify(account.id, input, { from: options.from, purpose: 'settings' });
      if (!proof.verified) return proof;
      await deleteTotp(db, account.id);
      await audit.record({ event: 'totp.disable', outcome: 'success', accountId: account.id, ...options.from, detail: { proof: proof.method } });
      await deps.securityMail.notify(account, 'totp_off', options.lang);
      return { verified: true };
    },

    async newRecoveryCodes(account, input, options) {
      const proof = await verify(account.id, input, { from: options.from, purpose: 'settings' });
      if (!proof.verified) return proof;
      const recoveryCodes = await issueRecoveryCodes(account.id);
      await audit.record({ event: 'totp.recovery_codes', outcome: 'success', accountId: account.id, ...options.from, detail: { proof: proof.method } });
      await deps.securityMail.notify(account, 'recovery_codes', options.lang);
      return { verified: true, recoveryCodes };
    },

    async setEverySignIn(accountId, on, from) {
      const row = await selectTotpSecret(db, accountId);
      if (!row || row.confirmed_at === null) return false;
      await updateTotpEverySignIn(db, accountId, on);
      await audit.record({ event: 'totp.every_sign_in', outcome: 'success', accountId, ...from, detail: { on } });
      return true;
    },
  };
}
