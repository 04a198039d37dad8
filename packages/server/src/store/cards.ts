/** Queries on bound cards and card-login challenges. */
import type { Kysely, Selectable } from 'kysely';
import type { CardsTable, Database } from './schema';

export type CardRow = Selectable<CardsTable>;

export async function insertChallenge(db: Kysely<Database>, row: { nonceHash: string; sessionId: string; tbs: string; now: number; expiresAt: number }): Promise<void> {
  await db
    .insertInto('card_challenges')
    .values({ nonce_hash: row.nonceHash, session_id: row.sessionId, tbs: row.tbs, created_at: row.now, expires_at: row.expiresAt, used_at: null })
    .execute();
}

/**
 * Marks a challenge used, only if it belongs to this session, is unused and unexpired; one caller wins however
 * many submit it at once. Returns its tbs.
 */
export async function consumeChallenge(db: Kysely<Database>, nonceHash: string, sessionId: string, now: number): Promise<string | undefined> {
  const result = await db
    .updateTable('card_challenges')
    .set({ used_at: now })
    .where('nonce_hash', '=', nonceHash)
    .where('session_id', '=', sessionId)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return undefined;
  const row = await db.selectFrom('card_challenges').select('tbs').where('nonce_hash', '=', nonceHash).executeTakeFirst();
  return row?.tbs;
}

export async function deleteOldChallenges(db: Kysely<Database>, before: number): Promise<void> {
  await db.deleteFrom('card_challenges').where('expires_at', '<', before).execute();
}

export function selectCardByCert(db: Kysely<Database>, certSha256: string): Promise<CardRow | undefined> {
  return db.selectFrom('cards').selectAll().where('cert_sha256', '=', certSha256).executeTakeFirst();
}

export function selectCardsOfAccount(db: Kysely<Database>, accountId: string): Promise<CardRow[]> {
  return db.selectFrom('cards').selectAll().where('account_id', '=', accountId).orderBy('bound_at', 'desc').execute();
}

/** False when the certificate is already bound (to any account). */
export async function insertCard(db: Kysely<Database>, row: CardRow): Promise<boolean> {
  const result = await db.insertInto('cards').values(row).onConflict((oc) => oc.column('cert_sha256').doNothing()).executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/** Removes one of an account's cards; the removed row, or undefined when the account has no such card. */
export async function deleteCard(db: Kysely<Database>, id: string, accountId: string): Promise<CardRow | undefined> {
  const row = await db.selectFrom('cards').selectAll().where('id', '=', id).where('account_id', '=', accountId).executeTakeFirst();
  if (!row) return undefined;
  const result = await db.deleteFrom('cards').where('id', '=', id).where('account_id', '=', accountId).executeTakeFirst();
  return Number(result.numDeletedRows) === 1 ? row : undefined;
}

/** Bound cards still valid at `now` that expire before `before`, and whose owner has not been warned yet. */
export function selectCardsExpiringBefore(db: Kysely<Database>, now: number, before: number): Promise<CardRow[]> {
  return db
    .selectFrom('cards')
    .selectAll()
    .where('expiry_warned_at', 'is', null)
    .where('not_after', '>', now)
    .where('not_after', '<=', before)
    .orderBy('not_after')
    .limit(1000)
    .execute();
}

/** Claims a card's expiry warning for this process: false when another one already did. */
export async function claimExpiryWarning(db: Kysely<Database>, id: string, at: number): Promise<boolean> {
  const result = await db.updateTable('cards').set({ expiry_warned_at: at }).where('id', '=', id).where('expiry_warned_at', 'is', null).executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Gives a claim back when its mail could not be sent, so the next round tries again. */
export async function releaseExpiryWarning(db: Kysely<Database>, id: string): Promise<void> {
  await db.updateTable('cards').set({ expiry_warned_at: null }).where('id', '=', id).execute();
}
