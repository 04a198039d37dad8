/**
 * Whether a verified card may stand for an account's holder in 我的帳戶 (changing the password with the card):
 * the card is bound to the account, or its holder's name and the last four ID digits are the account's — the
 * same match a first binding asks for (DESIGN.md "Card login" step 5).
 */
import type { CardRow } from '../store/cards';
import type { Account } from './accounts';
import type { PendingCard } from './card-login';

/** The card's holder is the account's: the same name (exact, canonically composed) and last four ID digits. */
export function holderMatches(account: Pick<Account, 'displayName' | 'idLast4'>, card: Pick<PendingCard, 'name' | 'idLast4'>): boolean {
  return card.idLast4 !== null && card.idLast4 === account.idLast4 && card.name.normalize('NFC') === account.displayName.normalize('NFC');
}

export function cardIsAccountHolder(account: Account, card: PendingCard, boundCards: readonly CardRow[]): boolean {
  if (boundCards.some((bound) => bound.account_id === account.id && bound.cert_sha256 === card.certSha256)) return true;
  return holderMatches(account, card);
}
