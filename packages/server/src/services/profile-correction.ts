/**
 * 更正個人資料 (個資法 Article 3, issue 7): the name and the ID number may be corrected while no card has
 * verified them; once one has, they are the card's and stay. The same rules as registration apply, the ID is
 * sealed again (ciphertext, keyed look-up hash, last four digits), and the change is audited and mailed.
 */
import type { Kysely } from 'kysely';
import { checkTwId, type Lang } from '@menhu/protocol';
import type { Database } from '../store/schema';
import { correctUnverifiedIdentity, selectAccountById } from '../store/accounts';
import type { Secrets } from '../config/secrets';
import { ID_CONTEXT, NAME_MAX, type Account, type FieldProblem, type Requester } from './accounts';
import type { Audit } from './audit';
import { decryptField, encryptField, lookupHash } from './crypto';
import type { SecurityMail } from './security-mail';

export interface ProfileCorrectionDeps {
  readonly db: Kysely<Database>;
  readonly secrets: Secrets;
  readonly audit: Audit;
  readonly securityMail: SecurityMail;
}

export interface ProfileInput {
  readonly displayName: string;
  /** Empty: the ID number stays as it is. */
  readonly idNumber: string;
}

export type ProfileField = 'displayName' | 'idNumber';

export type ProfileCorrectionResult =
  | { readonly outcome: 'corrected'; readonly fields: readonly ProfileField[] }
  | { readonly outcome: 'unchanged' }
  | { readonly outcome: 'invalid'; readonly problems: Partial<Record<ProfileField, FieldProblem>> }
  /** A card verified the name and ID: nothing may change here. */
  | { readonly outcome: 'verified' };

export function createProfileCorrection(deps: ProfileCorrectionDeps) {
  const { db, secrets, audit } = deps;

  return {
    async correct(account: Account, input: ProfileInput, lang: Lang, from: Requester): Promise<ProfileCorrectionResult> {
      const row = await selectAccountById(db, account.id);
      if (!row) throw new TypeError('correct: no such account');
      if (row.id_verified === 1) {
        await audit.record({ event: 'account.profile_change', outcome: 'refused', accountId: account.id, ...from, detail: { reason: 'id_verified' } });
        return { outcome: 'verified' };
      }
      // The registration rules: names keep their exact characters (rare ones too), only NFC is applied.
      const problems: Partial<Record<ProfileField, FieldProblem>> = {};
      const displayName = input.displayName.normalize('NFC').trim();
      if (displayName.length === 0 || [...displayName].length > NAME_MAX) problems.displayName = { code: 'ERR_NAME_INVALID' };
      const currentId = decryptField(secrets.dataEncryptionKey, row.id_number_enc, ID_CONTEXT);
      let idNumber = currentId;
      if (input.idNumber.trim() !== '') {
        const id = checkTwId(input.idNumber);
        if (id.valid) idNumber = id.normalised;
        else problems.idNumber = { code: id.reason === 'format' ? 'ERR_ID_FORMAT' : 'ERR_ID_CHECKSUM' };
      }
      if (Object.keys(problems).length > 0) return { outcome: 'invalid', problems };

      const fields: ProfileField[] = [];
      if (displayName !== row.display_name) fields.push('displayName');
      if (idNumber !== currentId) fields.push('idNumber');
      if (fields.length === 0) return { outcome: 'unchanged' };
      const corrected = await correctUnverifiedIdentity(db, account.id, {
        displayName,
        idNumberEnc: encryptField(secrets.dataEncryptionKey, idNumber, ID_CONTEXT),
        idNumberHash: lookupHash(secrets.lookupHashKey, idNumber, ID_CONTEXT),
        idNumberLast4: idNumber.slice(-4),
      });
      if (!corrected) {
        // A card was bound between the read and the update.
        await audit.record({ event: 'account.profile_change', outcome: 'refused', accountId: account.id, ...from, detail: { reason: 'id_verified' } });
        return { outcome: 'verified' };
      }
      // Which fields, never their values.
      await audit.record({ event: 'account.profile_change', outcome: 'success', accountId: account.id, ...from, detail: { fields } });
      await deps.securityMail.notify({ ...account, displayName }, 'profile_changed', lang);
      return { outcome: 'corrected', fields };
    },
  };
}

export type ProfileCorrection = ReturnType<typeof createProfileCorrection>;
