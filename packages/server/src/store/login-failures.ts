/** Queries on the password-failure counters, one row per account name. */
import type { Kysely, Selectable } from 'kysely';
import type { Database, LoginFailuresTable } from './schema';

export type LoginFailureRow = Selectable<LoginFailuresTable>;

export function selectLoginFailures(db: Kysely<Database>, accountName: string): Promise<LoginFailureRow | undefined> {
  return db.selectFrom('login_failures').selectAll().where('account_name', '=', accountName).executeTakeFirst();
}

export async function saveLoginFailures(db: Kysely<Database>, row: LoginFailureRow): Promise<void> {
  await db
    .insertInto('login_failures')
    .values(row)
    .onConflict((oc) =>
      oc.column('account_name').doUpdateSet({
        failures: row.failures,
        last_failure_at: row.last_failure_at,
        locked_until: row.locked_until,
        lock_count: row.lock_count,
      }),
    )
    .execute();
}

export async function deleteLoginFailures(db: Kysely<Database>, accountName: string): Promise<boolean> {
  const result = await db.deleteFrom('login_failures').where('account_name', '=', accountName).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
