/** Queries on the sessions table (the database-backed session store). */
import type { Kysely } from 'kysely';
import type { Database } from './schema';

export async function selectSession(db: Kysely<Database>, id: string, now: number): Promise<string | undefined> {
  const row = await db
    .selectFrom('sessions')
    .select('data')
    .where('id', '=', id)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  return row?.data;
}

export async function upsertSession(
  db: Kysely<Database>,
  row: { id: string; accountId: string | null; data: string; expiresAt: number },
): Promise<void> {
  await db
    .insertInto('sessions')
    .values({ id: row.id, account_id: row.accountId, data: row.data, expires_at: row.expiresAt })
    .onConflict((oc) =>
      oc.column('id').doUpdateSet({ account_id: row.accountId, data: row.data, expires_at: row.expiresAt }),
    )
    .execute();
}

export async function deleteSession(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom('sessions').where('id', '=', id).execute();
}

export async function deleteSessionsOfAccount(db: Kysely<Database>, accountId: string, exceptId?: string): Promise<number> {
  let q = db.deleteFrom('sessions').where('account_id', '=', accountId);
  if (exceptId !== undefined) q = q.where('id', '!=', exceptId);
  const result = await q.executeTakeFirst();
  return Number(result.numDeletedRows);
}

/** The stored records (JSON) of an account's sessions that have not reached their expiry. */
export async function selectSessionsOfAccount(db: Kysely<Database>, accountId: string, now: number): Promise<string[]> {
  const rows = await db.selectFrom('sessions').select('data').where('account_id', '=', accountId).where('expires_at', '>', now).execute();
  return rows.map((r) => r.data);
}

export async function deleteExpiredSessions(db: Kysely<Database>, now: number): Promise<number> {
  const result = await db.deleteFrom('sessions').where('expires_at', '<=', now).executeTakeFirst();
  return Number(result.numDeletedRows);
}
