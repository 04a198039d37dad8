/**
 * Signing out ends single sign-on too (issue 8): the provider's sessions of the account are destroyed, the
 * agencies that registered a back-channel logout URI are told (OpenID Connect Back-Channel Logout 1.0), and the
 * tokens of grants that do not outlive a sign-out (all but offline_access) are revoked.
 */
import type Provider from 'oidc-provider';
import type { Adapter } from 'oidc-provider';
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema';

interface SessionPayload {
  readonly accountId?: string;
  readonly authorizations?: Record<string, { sid?: string; grantId?: string; persistsLogout?: boolean }>;
}

export interface ProviderLogout {
  /**
   * Ends the account's provider sessions — only `only` (this browser's) when given, all but `except` otherwise —
   * and returns how many ended. Agencies that do not answer the back-channel call are reported to `onError`.
   */
  end(accountId: string, which?: { only?: string | undefined; except?: string | undefined }): Promise<number>;
}

export function createProviderLogout(provider: Provider, db: Kysely<Database>, adapter: (kind: string) => Adapter, onError: (err: unknown) => void): ProviderLogout {
  return {
    async end(accountId, which = {}) {
      let query = db.selectFrom('oidc_models').select(['id', 'payload']).where('kind', '=', 'Session').where('account_id', '=', accountId);
      if (which.only !== undefined) query = query.where('id', '=', which.only);
      if (which.except !== undefined) query = query.where('id', '!=', which.except);
      const sessions = await query.execute();
      for (const row of sessions) {
        const session = JSON.parse(row.payload) as SessionPayload;
        for (const [clientId, authorization] of Object.entries(session.authorizations ?? {})) {
          // oidc-provider's Client has backchannelLogout (models/client.js); its types do not list it.
          const client = (await provider.Client.find(clientId).catch(() => undefined)) as
            | { backchannelLogoutUri?: string; backchannelLogout(sub: string, sid: string): Promise<void> }
            | undefined;
          if (client?.backchannelLogoutUri) await client.backchannelLogout(accountId, authorization.sid ?? '').catch(onError);
          if (authorization.grantId && !authorization.persistsLogout) {
            await adapter('AccessToken').revokeByGrantId(authorization.grantId);
            await adapter('Grant').destroy(authorization.grantId);
          }
        }
        await adapter('Session').destroy(row.id);
      }
      return sessions.length;
    },
  };
}
