/**
 * The consents a citizen gave agencies (oidc-provider's grants), for 我的帳戶: listed, and withdrawn — which
 * revokes every token issued under the grant.
 */
import type { Adapter } from 'oidc-provider';
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema';

export interface Consent {
  readonly grantId: string;
  readonly clientId: string;
  readonly scopes: readonly string[];
  /** When it was given (or last widened). */
  readonly at: Date;
}

interface GrantPayload {
  readonly clientId?: string;
  readonly iat?: number;
  readonly openid?: { readonly scope?: string };
}

export interface Consents {
  of(accountId: string): Promise<Consent[]>;
  /** Withdraws one of the account's consents; the consent withdrawn, or undefined when it is not the account's. */
  withdraw(accountId: string, grantId: string): Promise<Consent | undefined>;
}

function consentOf(row: { id: string; payload: string }): Consent {
  const grant = JSON.parse(row.payload) as GrantPayload;
  return { grantId: row.id, clientId: grant.clientId ?? '', scopes: (grant.openid?.scope ?? '').split(' ').filter(Boolean), at: new Date((grant.iat ?? 0) * 1000) };
}

export function createConsents(db: Kysely<Database>, adapter: (kind: string) => Adapter): Consents {
  return {
    async of(accountId) {
      const rows = await db.selectFrom('oidc_models').select(['id', 'payload']).where('kind', '=', 'Grant').where('account_id', '=', accountId).execute();
      return rows.map(consentOf).sort((a, b) => b.at.getTime() - a.at.getTime());
    },

    async withdraw(accountId, grantId) {
      const row = await db.selectFrom('oidc_models').select(['id', 'payload']).where('kind', '=', 'Grant').where('id', '=', grantId).where('account_id', '=', accountId).executeTakeFirst();
      if (!row) return undefined;
      await adapter('AccessToken').revokeByGrantId(grantId);
      await adapter('Grant').destroy(grantId);
      return consentOf(row);
    },
  };
}
