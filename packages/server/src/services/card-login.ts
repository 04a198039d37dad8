/**
 * Card login on the platform's side (DESIGN.md "Card login"): a challenge bound to the browser's session,
 * single use and 5 minutes long; the component's answer verified by packages/pki; then the account bound to
 * that certificate, or — on a first card login — binding the card to an account after its password.
 * The PIN never reaches this code: the page sends it only to the component.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { normaliseAccountName, t, type Lang } from '@menhu/protocol';
import type { CardLoginVerifier } from '@menhu/pki';
import type { Database } from '../store/schema';
import { consumeChallenge, insertCard, insertChallenge, selectCardByCert, selectCardsOfAccount, type CardRow } from '../store/cards';
import { markIdVerified, selectOtherClaimants } from '../store/accounts';
import type { Accounts, Requester } from './accounts';
import type { Audit } from './audit';
import type { Clock } from './clock';
import type { Mailer } from './mailer';
import type { PasswordMethod, PasswordResult } from '../methods/password';

export const CHALLENGE_LIFETIME_MS = 5 * 60_000;

/** Why a card login did not go through, beyond the verification errors (ERR_PKI_*). */
export class CardLoginError extends Error {
  readonly code: 'ERR_CARD_CHALLENGE' | 'ERR_CARD_WRONG_KIND' | 'ERR_CARD_MISMATCH' | 'ERR_CARD_BOUND_ELSEWHERE' | 'ERR_ACCOUNT_DISABLED';
  constructor(code: CardLoginError['code'], message: string) {
    super(message);
    this.name = 'CardLoginError';
    this.code = code;
  }
}

/** What the session keeps between a first card login and its binding (no PIN, no full ID number). */
export interface PendingCard {
  readonly certSha256: string;
  readonly kind: string;
  readonly serial: string;
  readonly name: string;
  readonly idLast4: string | null;
  readonly notAfter: number;
  readonly verifiedAt: number;
}

/** What the page posts after the component answered: never the PIN. */
export interface CardAnswer {
  readonly nonce: string;
  readonly signatureType: 'PKCS7' | 'PKCS1';
  readonly certb64: string;
  readonly signature: string;
  readonly cardSN?: string;
}

export type CardLoginResult =
  | { readonly outcome: 'signed-in'; readonly accountId: string }
  | { readonly outcome: 'unbound'; readonly pending: PendingCard };

export interface CardLoginDeps {
  readonly db: Kysely<Database>;
  readonly clock: Clock;
  readonly verifier: CardLoginVerifier;
  readonly accounts: Accounts;
  readonly password: PasswordMethod;
  readonly audit: Audit;
  readonly mailer: Mailer;
  readonly publicUrl: URL;
}

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

/** yyyymmddThhmmssZ: the time in the tbs, in the letters the tbs may use. */
function compactTime(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}

export function createCardLogin(deps: CardLoginDeps) {
  const { db, clock, verifier, accounts, audit } = deps;
  // DESIGN.md step 1: the tbs names the platform, the nonce and the time, only in [A-Za-z0-9._-].
  const platformName = deps.publicUrl.host.replace(/[^A-Za-z0-9.-]/g, '_');

  const api = {
    async issueChallenge(sessionId: string): Promise<{ tbs: string; nonce: string; expiresIn: number }> {
      const nonce = randomBytes(32);
      const nonceHex = nonce.toString('hex');
      const now = clock.now();
      const tbs = `${platformName}.login.${nonceHex}.${compactTime(now)}`;
      await insertChallenge(db, { nonceHash: sha256(nonce), sessionId, tbs, now, expiresAt: now + CHALLENGE_LIFETIME_MS });
      return { tbs, nonce: nonceHex, expiresIn: CHALLENGE_LIFETIME_MS / 1000 };
    },

    /** Consumes the challenge (whatever the outcome), verifies the signature and the card, finds the account. */
    async verify(sessionId: string, input: CardAnswer, from: Requester): Promise<CardLoginResult> {
      const card = await api.verifyCard(sessionId, input, from, 'login.card');
      const bound = await selectCardByCert(db, card.certSha256);
      if (bound) {
        const account = await accounts.byId(bound.account_id);
        if (!account || account.status === 'disabled') {
          await audit.record({ event: 'login.card', outcome: 'refused', accountId: bound.account_id, ...from, detail: { reason: 'disabled' } });
          throw new CardLoginError('ERR_ACCOUNT_DISABLED', 'account disabled');
        }
        await audit.record({ event: 'login.card', outcome: 'success', accountId: account.id, ...from, detail: { serial: card.serial } });
        return { outcome: 'signed-in', accountId: account.id };
      }
      await audit.record({ event: 'login.card', outcome: 'info', ...from, detail: { reason: 'unbound', serial: card.serial } });
      return { outcome: 'unbound', pending: card };
    },

    /**
     * The card part alone, for login and for the account services: the session's challenge consumed, the
     * component's answer verified, a citizen card required. Failures are audited under `event`.
     */
    async verifyCard(sessionId: string, input: CardAnswer, from: Requester, event: string): Promise<PendingCard> {
      const nonce = /^[0-9a-f]{64}$/.test(input.nonce) ? Buffer.from(input.nonce, 'hex') : undefined;
      const tbs = nonce ? await consumeChallenge(db, sha256(nonce), sessionId, clock.now()) : undefined;
      if (!nonce || !tbs) {
        await audit.record({ event, outcome: 'refused', ...from, detail: { reason: 'challenge' } });
        throw new CardLoginError('ERR_CARD_CHALLENGE', 'no such challenge for this session, or used, or expired');
      }
      let verified;
      try {
        verified = await verifier.verify({
          signatureType: input.signatureType,
          certb64: input.certb64,
          signature: input.signature,
          ...(input.cardSN ? { cardSN: input.cardSN } : {}),
          challenge: { tbs, nonce: new Uint8Array(nonce) },
        });
      } catch (err) {
        const code = (err as { code?: string }).code ?? 'unknown';
        await audit.record({ event, outcome: 'failure', ...from, detail: { reason: code } });
        throw err;
      }
      const { identity } = verified;
      if (identity.kind !== 'citizen') {
        await audit.record({ event, outcome: 'refused', ...from, detail: { reason: 'kind', kind: identity.kind } });
        throw new CardLoginError('ERR_CARD_WRONG_KIND', identity.kind);
      }
      const certDer = Buffer.from(input.certb64.replace(/\s+/g, ''), 'base64');
      const endEntity = verified.path[0]!.certificate;
      return {
        certSha256: sha256(certDer),
        kind: identity.kind,
        serial: identity.serial,
        name: identity.name,
        idLast4: identity.idLastFour ?? null,
        notAfter: endEntity.notAfter.value.getTime(),
        verifiedAt: clock.now(),
      };
    },

    /**
     * Binds a verified card to an existing account after its password (DESIGN.md step 5): the holder's name
     * and the last four ID digits must match the account's; the ID becomes verified, a pending account active,
     * other claimants of the ID are recorded, and the owner is told by mail.
     */
    async bindToAccount(
      pending: PendingCard,
      accountName: string,
      password: string,
      lang: Lang,
      from: Requester,
    ): Promise<{ outcome: 'bound'; accountId: string } | { outcome: 'password'; result: Exclude<PasswordResult, { outcome: 'verified' | 'pending' }> }> {
      const result = await deps.password.verify(accountName, password, from);
      // A not-yet-activated account may bind: the card activates it (issue 6).
      if (result.outcome !== 'verified' && result.outcome !== 'pending') return { outcome: 'password', result };
      const accountId = result.outcome === 'verified' ? result.identity.accountId : result.accountId;
      const found = await accounts.byName(normaliseAccountName(accountName));
      if (!found) throw new TypeError('bindToAccount: the account vanished after its password was verified');
      const account = found.account;
      if (account.displayName.normalize('NFC') !== pending.name.normalize('NFC') || account.idLast4 !== pending.idLast4) {
        await audit.record({ event: 'card.bind', outcome: 'refused', accountId, ...from, detail: { reason: 'mismatch', serial: pending.serial } });
        throw new CardLoginError('ERR_CARD_MISMATCH', 'name or ID digits differ');
      }
      const now = clock.now();
      const row: CardRow = {
        id: randomUUID(),
        account_id: accountId,
        cert_sha256: pending.certSha256,
        kind: pending.kind,
        serial: pending.serial,
        holder_name: pending.name,
        id_last4: pending.idLast4,
        not_after: pending.notAfter,
        bound_at: now,
      };
      if (!(await insertCard(db, row))) throw new CardLoginError('ERR_CARD_BOUND_ELSEWHERE', 'certificate already bound');
      await markIdVerified(db, accountId, now);
      for (const other of await selectOtherClaimants(db, found.row.id_number_hash, accountId)) {
        await audit.record({ event: 'account.id_claim_conflict', outcome: 'info', accountId: other.id, ...from, detail: { verifiedBy: accountId } });
      }
      await audit.record({ event: 'card.bind', outcome: 'success', accountId, ...from, detail: { serial: pending.serial, notAfter: pending.notAfter } });
      await deps.mailer.send({
        to: account.email,
        subject: t(lang, 'mail.cardBound.subject'),
        text: t(lang, 'mail.cardBound.body', { name: account.displayName, account: account.accountName }),
      });
      return { outcome: 'bound', accountId };
    },

    cardsOf(accountId: string): Promise<CardRow[]> {
      return selectCardsOfAccount(db, accountId);
    },
  };
  return api;
}

export type CardLogin = ReturnType<typeof createCardLogin>;
