/**
 * Card login on the platform's side (DESIGN.md "Card login"): a challenge bound to the browser's session,
 * single use and 5 minutes long; the component's answer verified by packages/pki; then the account bound to
 * that certificate, or — on a first card login — binding the card to an account after its password.
 * The PIN never reaches this code: the page sends it only to the component.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { normaliseAccountName, t, type Lang } from '@menhu/protocol';
import type { CardKind, CardLoginVerifier } from '@menhu/pki';
import type { Database } from '../store/schema';
import {
  consumeChallenge,
  deleteCard,
  insertCard,
  insertChallenge,
  selectCardByCert,
  selectCardsOfAccount,
  type CardRow,
} from '../store/cards';
import { markIdVerified, selectAccountById, selectOtherClaimants, selectVerifiedHolder } from '../store/accounts';
import type { Accounts, RegistrationInput, RegistrationResult, Requester } from './accounts';
import { holderMatches } from './card-holder';
import type { Audit } from './audit';
import type { Clock } from './clock';
import type { Mailer } from './mailer';
import type { PasswordMethod, PasswordResult } from '../methods/password';

export const CHALLENGE_LIFETIME_MS = 5 * 60_000;

/** Why a card login did not go through, beyond the verification errors (ERR_PKI_*). */
export class CardLoginError extends Error {
  readonly code:
    | 'ERR_CARD_CHALLENGE'
    | 'ERR_CARD_WRONG_KIND'
    | 'ERR_CARD_MISMATCH'
    | 'ERR_CARD_BOUND_ELSEWHERE'
    | 'ERR_CARD_ID_VERIFIED_ELSEWHERE'
    | 'ERR_ACCOUNT_DISABLED';
  /** ERR_CARD_WRONG_KIND: the kinds of card that would have done. */
  readonly needed: readonly CardKind[];
  constructor(code: CardLoginError['code'], message: string, needed: readonly CardKind[] = ['citizen']) {
    super(message);
    this.name = 'CardLoginError';
    this.code = code;
    this.needed = needed;
  }
}

/** A card whose answer was verified (no PIN, no full ID number): kept in the session until it is used. */
export interface PendingCard {
  readonly certSha256: string;
  readonly kind: CardKind;
  readonly serial: string;
  readonly name: string;
  readonly idLast4: string | null;
  /** 統一編號 of a business certificate. */
  readonly businessId: string | null;
  readonly notAfter: number;
  readonly verifiedAt: number;
}

/** Who an organisation sign-in is (a business or agency card where the platform allows it): never an account. */
export interface OrganisationSignIn {
  /** The session's subject: `org:<kind>:<統一編號, or the certificate serial>`, never an account id. */
  readonly subject: string;
  readonly kind: CardKind;
  readonly name: string;
  readonly businessId: string | null;
  readonly serial: string;
  readonly notAfter: number;
}

export const ORGANISATION_SUBJECT_PREFIX = 'org:';


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
  | { readonly outcome: 'unbound'; readonly pending: PendingCard }
  | { readonly outcome: 'organisation'; readonly organisation: OrganisationSignIn };

export interface CardLoginDeps {
  readonly db: Kysely<Database>;
  readonly clock: Clock;
  readonly verifier: CardLoginVerifier;
  readonly accounts: Accounts;
  readonly password: PasswordMethod;
  readonly audit: Audit;
  readonly mailer: Mailer;
  readonly publicUrl: URL;
  /** The kinds of card that may sign in (config CARD_LOGIN_KINDS); citizen cards always may. */
  readonly loginKinds?: readonly CardKind[];
}

const sha256 = (data: string | Uint8Array) => createHash('sha256').update(data).digest('hex');

/** yyyymmddThhmmssZ: the time in the tbs, in the letters the tbs may use. */
function compactTime(ms: number): string {
  return new Date(ms).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
}

export function createCardLogin(deps: CardLoginDeps) {
  const { db, clock, verifier, accounts, audit } = deps;
  const loginKinds: readonly CardKind[] = [...new Set<CardKind>(['citizen', ...(deps.loginKinds ?? [])])];

  /**
   * DESIGN.md step 5, the part every binding shares: the card is the account's, the account's ID verified
   * (a pending account active), and every other account that typed the same ID recorded in the audit trail.
   */
  async function attach(accountId: string, pending: PendingCard, from: Requester): Promise<void> {
    const account = await selectAccountById(db, accountId);
    if (!account) throw new TypeError('attach: no such account');
    if (await selectCardByCert(db, pending.certSha256)) throw new CardLoginError('ERR_CARD_BOUND_ELSEWHERE', 'certificate already bound');
    // Verified means exclusive: a card's ID may be proved on one account only. The card's holder is told (it
    // is their own account), and pointed to 以自然人憑證查詢帳號 to find its name.
    if (await selectVerifiedHolder(db, account.id_number_hash, accountId)) {
      await audit.record({ event: 'card.bind', outcome: 'refused', accountId, ...from, detail: { reason: 'id_verified_elsewhere', serial: pending.serial } });
      throw new CardLoginError('ERR_CARD_ID_VERIFIED_ELSEWHERE', 'the ID is verified on another account');
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
      expiry_warned_at: null,
    };
    if (!(await insertCard(db, row))) throw new CardLoginError('ERR_CARD_BOUND_ELSEWHERE', 'certificate already bound');
    await markIdVerified(db, accountId, now);
    for (const other of await selectOtherClaimants(db, account.id_number_hash, accountId)) {
      await audit.record({ event: 'account.id_claim_conflict', outcome: 'info', accountId: other.id, ...from, detail: { verifiedBy: accountId } });
    }
    await audit.record({ event: 'card.bind', outcome: 'success', accountId, ...from, detail: { serial: pending.serial, notAfter: pending.notAfter } });
  }

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
      const card = await api.verifyCard(sessionId, input, from, 'login.card', loginKinds);
      if (card.kind !== 'citizen') {
        // Allowed by configuration: the organisation signs in as itself, never as a citizen's account.
        const organisation: OrganisationSignIn = {
          subject: `${ORGANISATION_SUBJECT_PREFIX}${card.kind}:${card.businessId ?? card.serial}`,
          kind: card.kind,
          name: card.name,
          businessId: card.businessId,
          serial: card.serial,
          notAfter: card.notAfter,
        };
        await audit.record({ event: 'login.card', outcome: 'success', accountId: organisation.subject, ...from, detail: { kind: card.kind, serial: card.serial } });
        return { outcome: 'organisation', organisation };
      }
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
    async verifyCard(sessionId: string, input: CardAnswer, from: Requester, event: string, kinds: readonly CardKind[] = ['citizen']): Promise<PendingCard> {
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
      if (!kinds.includes(identity.kind)) {
        await audit.record({ event, outcome: 'refused', ...from, detail: { reason: 'kind', kind: identity.kind } });
        throw new CardLoginError('ERR_CARD_WRONG_KIND', identity.kind, kinds);
      }
      const certDer = Buffer.from(input.certb64.replace(/\s+/g, ''), 'base64');
      const endEntity = verified.path[0]!.certificate;
      return {
        certSha256: sha256(certDer),
        kind: identity.kind,
        serial: identity.serial,
        name: identity.name,
        idLast4: identity.idLastFour ?? null,
        businessId: identity.businessId ?? null,
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
      const result = await deps.password.verify(accountName, password, from, lang);
      // A not-yet-activated account may bind: the card activates it (issue 6).
      if (result.outcome !== 'verified' && result.outcome !== 'pending') return { outcome: 'password', result };
      const accountId = result.outcome === 'verified' ? result.identity.accountId : result.accountId;
      const found = await accounts.byName(normaliseAccountName(accountName));
      if (!found) throw new TypeError('bindToAccount: the account vanished after its password was verified');
      const account = found.account;
      if (!holderMatches(account, pending)) {
        await audit.record({ event: 'card.bind', outcome: 'refused', accountId, ...from, detail: { reason: 'mismatch', serial: pending.serial } });
        throw new CardLoginError('ERR_CARD_MISMATCH', 'name or ID digits differ');
      }
      await attach(accountId, pending, from);
      await deps.mailer.send({
        to: account.email,
        subject: t(lang, 'mail.cardBound.subject'),
        text: t(lang, 'mail.cardBound.body', { name: account.displayName, account: account.accountName }),
      });
      // DESIGN.md step 5: the address is proved afresh, now that the card proved the person.
      await accounts.requestEmailCheck(accountId, lang, from);
      return { outcome: 'bound', accountId };
    },

    /**
     * Registration from a first card login: the name and ID come from the card (the typed ID must end in its
     * four digits), the account is active and the card bound to it in the same step.
     */
    registerFromCard(pending: PendingCard, input: RegistrationInput, lang: Lang, from: Requester): Promise<RegistrationResult> {
      return accounts.registerWithCard(input, pending, (accountId) => attach(accountId, pending, from), lang, from);
    },

    cardsOf(accountId: string): Promise<CardRow[]> {
      return selectCardsOfAccount(db, accountId);
    },

    /** Unlinks one of the account's cards: audited, and the holder told by mail. Undefined when it is not theirs. */
    async unbind(accountId: string, cardId: string, lang: Lang, from: Requester): Promise<CardRow | undefined> {
      const removed = await deleteCard(db, cardId, accountId);
      if (!removed) {
        await audit.record({ event: 'card.unbind', outcome: 'refused', accountId, ...from, detail: { reason: 'not_found' } });
        return undefined;
      }
      await audit.record({ event: 'card.unbind', outcome: 'success', accountId, ...from, detail: { serial: removed.serial } });
      const account = await accounts.byId(accountId);
      if (account) {
        await deps.mailer.send({
          to: account.email,
          subject: t(lang, 'mail.cardUnbound.subject'),
          text: t(lang, 'mail.cardUnbound.body', { name: account.displayName, account: account.accountName, serial: removed.serial }),
        });
      }
      return removed;
    },
  };
  return api;
}

export type CardLogin = ReturnType<typeof createCardLogin>;
