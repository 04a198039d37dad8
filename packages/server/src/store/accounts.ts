/** Queries on the accounts table. */
import type { Insertable, Kysely, Selectable } from 'kysely';
import type { AccountStatus, AccountsTable, Database } from './schema';

export type AccountRow = Selectable<AccountsTable>;

/** Inserts an account; false when the account name is already taken (the unique index decides, atomically). */
export async function insertAccount(db: Kysely<Database>, row: Insertable<AccountsTable>): Promise<boolean> {
  const result = await db
    .insertInto('accounts')
    .values(row)
    .onConflict((oc) => oc.column('account_name').doNothing())
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

export function selectAccountByName(db: Kysely<Database>, accountName: string): Promise<AccountRow | undefined> {
  return db.selectFrom('accounts').selectAll().where('account_name', '=', accountName).executeTakeFirst();
}

export function selectAccountById(db: Kysely<Database>, id: string): Promise<AccountRow | undefined> {
  return db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function accountNameExists(db: Kysely<Database>, accountName: string): Promise<boolean> {
  const row = await db.selectFrom('accounts').select('id').where('account_name', '=', accountName).executeTakeFirst();
  return row !== undefined;
}

export function selectAccountByEmail(db: Kysely<Database>, emailNorm: string): Promise<AccountRow | undefined> {
  return db.selectFrom('accounts').selectAll().where('email_norm', '=', emailNorm).executeTakeFirst();
}

/** A card proved the ID number: it becomes verified; a pending account becomes active (DESIGN.md step 5). */
export async function markIdVerified(db: Kysely<Database>, id: string, now: number): Promise<void> {
  await db.updateTable('accounts').set({ id_verified: 1 }).where('id', '=', id).execute();
  await db.updateTable('accounts').set({ status: 'active', activated_at: now }).where('id', '=', id).where('status', '=', 'pending').execute();
}

/** Another account, not disabled, whose ID number (the same keyed hash) a card has already proved. */
export function selectVerifiedHolder(db: Kysely<Database>, idNumberHash: string, exceptId: string): Promise<AccountRow | undefined> {
  return db
    .selectFrom('accounts')
    .selectAll()
    .where('id_number_hash', '=', idNumberHash)
    .where('id', '!=', exceptId)
    .where('id_verified', '=', 1)
    .where('status', '!=', 'disabled')
    .executeTakeFirst();
}

/** Other accounts that typed the same ID number (by its keyed hash). */
export function selectOtherClaimants(db: Kysely<Database>, idNumberHash: string, exceptId: string): Promise<AccountRow[]> {
  return db.selectFrom('accounts').selectAll().where('id_number_hash', '=', idNumberHash).where('id', '!=', exceptId).execute();
}

/** Every account that typed this ID number (by its keyed hash), oldest first. */
export function selectAccountsByIdHash(db: Kysely<Database>, idNumberHash: string): Promise<AccountRow[]> {
  return db.selectFrom('accounts').selectAll().where('id_number_hash', '=', idNumberHash).orderBy('created_at').execute();
}

export async function updatePasswordHash(db: Kysely<Database>, id: string, passwordHash: string): Promise<void> {
  await db.updateTable('accounts').set({ password_hash: passwordHash }).where('id', '=', id).execute();
}

export async function updateAccountStatus(
  db: Kysely<Database>,
  id: string,
  status: AccountStatus,
  fields: { activatedAt?: number } = {},
): Promise<void> {
  await db
    .updateTable('accounts')
    .set({ status, ...(fields.activatedAt !== undefined ? { activated_at: fields.activatedAt } : {}) })
    .where('id', '=', id)
    .execute();
}

/** Records that the address was proved now, or (null) that it must be proved again. */
export async function setEmailVerifiedAt(db: Kysely<Database>, id: string, at: number | null): Promise<void> {
  await db.updateTable('accounts').set({ email_verified_at: at }).where('id', '=', id).execute();
}

/** Removes an account that was just made, when a step of its making failed (its rows cascade). */
export async function deleteAccount(db: Kysely<Database>, id: string): Promise<void> {
  await db.deleteFrom('accounts').where('id', '=', id).execute();
}

/** A new, proved e-mail address (我的帳戶's e-mail change, after its link was used). */
export async function updateEmailAddress(db: Kysely<Database>, id: string, email: string, emailNorm: string, verifiedAt: number): Promise<void> {
  await db.updateTable('accounts').set({ email, email_norm: emailNorm, email_verified_at: verifiedAt }).where('id', '=', id).execute();
}

/** Whether an account other than `exceptId` uses this (normalised) e-mail address. */
export async function emailUsedByAnother(db: Kysely<Database>, emailNorm: string, exceptId: string): Promise<boolean> {
  const row = await db.selectFrom('accounts').select('id').where('email_norm', '=', emailNorm).where('id', '!=', exceptId).executeTakeFirst();
  return row !== undefined;
}

/**
 * Corrects the name and the sealed ID number of an account whose ID no card has verified; false when a card
 * has (the condition is in the update, so a card bound meanwhile wins).
 */
export async function correctUnverifiedIdentity(
  db: Kysely<Database>,
  id: string,
  fields: { displayName: string; idNumberEnc: string; idNumberHash: string; idNumberLast4: string },
): Promise<boolean> {
  const result = await db
    .updateTable('accounts')
    .set({
      display_name: fields.displayName,
      id_number_enc: fields.idNumberEnc,
      id_number_hash: fields.idNumberHash,
      id_number_last4: fields.idNumberLast4,
    })
    .where('id', '=', id)
    .where('id_verified', '=', 0)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}
