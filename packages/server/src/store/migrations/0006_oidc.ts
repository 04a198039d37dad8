/**
 * Single sign-on for agencies (issue 8): the agencies (OpenID Connect clients), oidc-provider's own artefacts
 * (sessions, grants, codes, tokens, interactions) through the platform's storage adapter, and the signing keys.
 */
import type { Kysely } from 'kysely';

export function oidc() {
  return {
    async up(db: Kysely<any>): Promise<void> {
      await db.schema
        .createTable('agencies')
        .addColumn('client_id', 'text', (c) => c.primaryKey())
        .addColumn('name', 'text', (c) => c.notNull())
        // AES-256-GCM under the data key: oidc-provider compares the presented secret with the clear one.
        .addColumn('secret_enc', 'text', (c) => c.notNull())
        // JSON arrays.
        .addColumn('redirect_uris', 'text', (c) => c.notNull())
        .addColumn('post_logout_redirect_uris', 'text', (c) => c.notNull())
        .addColumn('grant_types', 'text', (c) => c.notNull())
        .addColumn('backchannel_logout_uri', 'text')
        // Space-separated scopes the agency may ask for (openid, profile, email, tw_id, offline_access).
        .addColumn('scopes', 'text', (c) => c.notNull())
        .addColumn('min_acr', 'text', (c) => c.notNull())
        .addColumn('totp_required', 'integer', (c) => c.notNull().defaultTo(0))
        // The sector its pairwise subjects are computed for (agencies of one sector share subjects).
        .addColumn('sector', 'text', (c) => c.notNull())
        .addColumn('status', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        .addColumn('updated_at', 'bigint', (c) => c.notNull())
        .execute();

      await db.schema
        .createTable('oidc_models')
        .addColumn('kind', 'text', (c) => c.notNull())
        .addColumn('id', 'text', (c) => c.notNull())
        .addColumn('payload', 'text', (c) => c.notNull())
        .addColumn('grant_id', 'text')
        .addColumn('user_code', 'text')
        .addColumn('uid', 'text')
        // The account a session or grant belongs to, for 我的帳戶 (consents) and for signing out everywhere.
        .addColumn('account_id', 'text')
        .addColumn('expires_at', 'bigint')
        .addColumn('consumed_at', 'bigint')
        .addPrimaryKeyConstraint('oidc_models_pk', ['kind', 'id'])
        .execute();
      await db.schema.createIndex('oidc_models_grant').on('oidc_models').column('grant_id').execute();
      await db.schema.createIndex('oidc_models_uid').on('oidc_models').column('uid').execute();
      await db.schema.createIndex('oidc_models_account').on('oidc_models').columns(['account_id', 'kind']).execute();
      await db.schema.createIndex('oidc_models_expires').on('oidc_models').column('expires_at').execute();

      await db.schema
        .createTable('oidc_keys')
        .addColumn('kid', 'text', (c) => c.primaryKey())
        // The private JWK, sealed under the data key.
        .addColumn('jwk_enc', 'text', (c) => c.notNull())
        .addColumn('created_at', 'bigint', (c) => c.notNull())
        // Set when a newer key took over signing; the key is still published until its tokens have expired.
        .addColumn('retired_at', 'bigint')
        .execute();
    },
  };
}
