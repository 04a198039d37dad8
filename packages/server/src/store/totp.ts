/** Queries on `totp_secrets`, `recovery_codes` and the account's `totp_every_sign_in` flag. */
import type { Kysely, Selectable } from 'kysely';
import type { Database, TotpSecretsTable } from './schema';

export type TotpSecretRow = Selectable<TotpSecretsTable>;

export function selectTotpSecret(db: Kysely<Database>, accountId: string): Promise<TotpSecretRow | undefined> {
  return db.selectFrom('totp_secrets').selectAll().where('account_id', '=', accountId).executeTakeFirst();
}

/** A new, unconfirmed secret; it replaces an earlier unconfirmed one, never a confirmed one. False when TOTP is on. */
export async function insertPendingTotpSecret(db: Kysely<Database>, row: { accountId: string; secretEnc: string; at: number }): Promise<boolean> {
  const result = await db
    .insertInto('totp_secrets')
    .values({ account_id: row.accountId, secret_enc: row.secretEnc, created_at: row.at, confirmed_at: null, last_step: null })
    .onConflict((oc) =>
      oc
        .column('account_id')
        .doUpdateSet({ secret_enc: row.secretEnc, created_at: row.at, confirmed_at: null, last_step: null })
        .where('totp_secrets.confirmed_at', 'is', null),
    )
    .executeTakeFirst();
  return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
}

/**
 * Records `step` as used, only when it is later than every step accepted before: one conditional UPDATE, so of
 * two concurrent submissions of one code only one changes the row. `confirming` targets a secret waiting for its
 * first code (and turns it on); otherwise only a confirmed secret counts.
 */
export async function claimTotpStep(
  db: Kysely<Database>,
  accountId: string,
  step: number,
  options: { confirming: false } | { confirming: true; at: number },
): Promise<boolean> {
  let query = db
    .updateTable('totp_secrets')
    .set(options.confirming ? { last_step: step, confirmed_at: options.at } : { last_step: step })
    .where('account_id', '=', accountId)
    .where((eb) => eb.or([eb('last_step', 'is', null), eb('last_step', '<', step)]));
  query = options.confirming ? query.where('confirmed_at', 'is', null) : query.where('confirmed_at', 'is not', null);
  const result = await query.executeTakeFirst();
  return Number(result.numUpdatedRows) === 1;
}

/** Removes the secret and every recovery code, and stops asking at sign-in. */
export async function deleteTotp(db: Kysely<Database>, accountId: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('totp_secrets').where('account_id', '=', accountId).execute();
    await trx.deleteFrom('recovery_codes').where('account_id', '=', accountId).execute();
    await trx.updateTable('accounts').set({ totp_every_sign_in: 0 }).where('id', '=', accountId).execute();
  });
}

export async function selectTotpEverySignIn(db: Kysely<Database>, accountId: string): Promise<boolean> {
  const row = await db.selectFrom('accounts').select('totp_every_sign_in').where('id', '=', accountId).executeTakeFirst();
  return Number(row?.totp_every_sign_in ?? 0) === 1;
}

export async function updateTotpEverySignIn(db: Kysely<Database>, accountId: string, on: boolean): Promise<void> {
  await db.updateTable('accounts').set({ totp_every_sign_in: on ? 1 : 0 }).where('id', '=', accountId).execute();
}

/** The account's recovery codes become exactly these (hashes): every earlier one, used or not, is gone. */
export async function replaceRecoveryCodes(db: Kysely<Database>, accountId: string, rows: readonly { id: string; codeHash: string }[], at: number): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await trx.deleteFrom('recovery_codes').where('account_id', '=', accountId).execute();
    await trx
      .insertInto('recovery_codes')
      .values(rows.map((r) => ({ id: r.id, account_id: accountId, code_hash: r.codeHash, created_at: at, used_at: null })))
      .execute();
  });
}

/** Marks one unused code as used; false when there is none with that hash (never issued, or used already). */
export async function useRecoveryCodeHash(db: Kysely<Database>, accountId: string, codeHash: string, at: number): Promise<boolean> {
  const result = await db
    .updateTable('recovery_codes')
    .set({ used_at: at })
    .where('account_id', '=', accountId)
    .where('code_hash', '=', codeHash)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function countUnusedRecoveryCodes(db: Kysely<Database>, accountId: string): Promise<number> {
  const row = await db
    .selectFrom('recovery_codes')
    .select((eb) => eb.fn.countAll<number | string>().as('n'))
    .where('account_id', '=', accountId)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(row?.n ?? 0);
}
