/** Queries on the agencies table (the OpenID Connect clients). */
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { AgenciesTable, AgencyStatus, Database } from './schema';

export type AgencyRow = Selectable<AgenciesTable>;

export async function insertAgency(db: Kysely<Database>, row: Insertable<AgenciesTable>): Promise<void> {
  await db.insertInto('agencies').values(row).execute();
}

/** Oldest first; by registration rather than by name, so both engines give the same order (collations differ). */
export function selectAgencies(db: Kysely<Database>): Promise<AgencyRow[]> {
  return db.selectFrom('agencies').selectAll().orderBy('created_at').orderBy('client_id').execute();
}

export function selectAgency(db: Kysely<Database>, clientId: string): Promise<AgencyRow | undefined> {
  return db.selectFrom('agencies').selectAll().where('client_id', '=', clientId).executeTakeFirst();
}

/** False when no agency has that client_id. */
export async function updateAgencySecret(db: Kysely<Database>, clientId: string, secretEnc: string, now: number): Promise<boolean> {
  const result = await db.updateTable('agencies').set({ secret_enc: secretEnc, updated_at: now }).where('client_id', '=', clientId).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

/** False when no agency has that client_id. */
export async function updateAgencyStatus(db: Kysely<Database>, clientId: string, status: AgencyStatus, now: number): Promise<boolean> {
  const result = await db.updateTable('agencies').set({ status, updated_at: now }).where('client_id', '=', clientId).executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}
