/** A small key/value table for facts about the installation itself (e.g. that demo data was added once). */
import type { Kysely } from 'kysely';
import type { Database } from './schema';

export async function getMeta(db: Kysely<Database>, key: string): Promise<string | undefined> {
  const row = await db.selectFrom('menhu_meta').select('value').where('key', '=', key).executeTakeFirst();
  return row?.value;
}

/** Sets `key` only if it is not set yet; true when this call set it (so two starting nodes do not both act). */
export async function setMetaOnce(db: Kysely<Database>, key: string, value: string): Promise<boolean> {
  const result = await db
    .insertInto('menhu_meta')
    .values({ key, value })
    .onConflict((oc) => oc.column('key').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}
