/** Queries on single-use e-mail tokens. */
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { Database, EmailTokensTable } from './schema';

export type EmailTokenRow = Selectable<EmailTokensTable>;

export async function insertEmailToken(db: Kysely<Database>, row: Insertable<EmailTokensTable>): Promise<void> {
  await db.insertInto('email_tokens').values(row).execute();
}

export function selectEmailToken(db: Kysely<Database>, tokenHash: string): Promise<EmailTokenRow | undefined> {
  return db.selectFrom('email_tokens').selectAll().where('token_hash', '=', tokenHash).executeTakeFirst();
}

/**
 * Marks the token used, only if it is unused and unexpired; true for exactly one caller, however many
 * submit it at once.
 */
export async function consumeEmailToken(db: Kysely<Database>, tokenHash: string, purpose: EmailTokenRow['purpose'], now: number): Promise<string | undefined> {
  const result = await db
    .updateTable('email_tokens')
    .set({ used_at: now })
    .where('token_hash', '=', tokenHash)
    .where('purpose', '=', purpose)
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  if (Number(result.numUpdatedRows) !== 1) return undefined;
  const row = await selectEmailToken(db, tokenHash);
  return row?.account_id;
}

/** As consumeEmailToken, and gives the link's `data` too (e.g. the new address of an e-mail change). */
export async function consumeEmailTokenWithData(
  db: Kysely<Database>,
  tokenHash: string,
  purpose: EmailTokenRow['purpose'],
  now: number,
): Promise<{ accountId: string; data: string | null } | undefined> {
  const accountId = await consumeEmailToken(db, tokenHash, purpose, now);
  if (!accountId) return undefined;
  const row = await selectEmailToken(db, tokenHash);
  return { accountId, data: row?.data ?? null };
}

export async function newestEmailTokenAt(db: Kysely<Database>, accountId: string, purpose: EmailTokenRow['purpose']): Promise<number | undefined> {
  const row = await db
    .selectFrom('email_tokens')
    .select('created_at')
    .where('account_id', '=', accountId)
    .where('purpose', '=', purpose)
    .orderBy('created_at', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row?.created_at;
}
