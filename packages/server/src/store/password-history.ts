/** Queries on the passwords an account had before (none of the last three may come back). */
import type { Kysely } from 'kysely';
import type { Database } from './schema';

/** The newest `limit` earlier password hashes of the account, newest first. */
export async function selectRecentPasswordHashes(db: Kysely<Database>, accountId: string, limit: number): Promise<string[]> {
  const rows = await db
    .selectFrom('password_history')
    .select('password_hash')
    .where('account_id', '=', accountId)
    .orderBy('created_at', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => r.password_hash);
}

/** Keeps the hash being replaced, and only the newest `keep` of them (no more personal data than needed). */
export async function rememberPasswordHash(db: Kysely<Database>, row: { id: string; accountId: string; hash: string; at: number }, keep: number): Promise<void> {
  await db.insertInto('password_history').values({ id: row.id, account_id: row.accountId, password_hash: row.hash, created_at: row.at }).execute();
  const kept = await db
    .selectFrom('password_history')
    .select('id')
    .where('account_id', '=', row.accountId)
    .orderBy('created_at', 'desc')
    .limit(keep)
    .execute();
  await db
    .deleteFrom('password_history')
    .where('account_id', '=', row.accountId)
    .where('id', 'not in', kept.length > 0 ? kept.map((k) => k.id) : [''])
    .execute();
}
