/**
 * The provider's signing keys (JWKS): kept in the database, sealed under the data key, so every node signs
 * with the same key. The newest key signs; a rotated-out key stays published until the longest-lived token it
 * signed has expired, then it is removed. `npx menhu oidc rotate-keys` adds a new key; nodes pick it up at
 * their next start.
 */
import { generateKeyPairSync, randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { Database } from '../store/schema';
import { decryptField, encryptField } from '../services/crypto';
import type { Clock } from '../services/clock';

const CONTEXT = 'oidc_keys.jwk';

/** A private JWK as node:crypto exports it, with our kid, use and alg. */
export type SigningJwk = Record<string, unknown> & { kid: string; alg: 'RS256'; use: 'sig' };

function newJwk(): SigningJwk {
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return { ...(privateKey.export({ format: 'jwk' }) as Record<string, unknown>), kid: randomUUID(), alg: 'RS256', use: 'sig' };
}

export interface OidcKeys {
  /** The keys to configure the provider with, newest (the signing key) first; makes the first one if none. */
  current(): Promise<SigningJwk[]>;
  /** A new signing key; the previous ones are retired, still published until `keepRetiredMs` after. */
  rotate(): Promise<{ kid: string; removed: number }>;
}

export function createOidcKeys(db: Kysely<Database>, key: Buffer, clock: Clock, keepRetiredMs: number): OidcKeys {
  async function insert(): Promise<string> {
    const jwk = newJwk();
    await db.insertInto('oidc_keys').values({ kid: jwk.kid, jwk_enc: encryptField(key, JSON.stringify(jwk), CONTEXT), created_at: clock.now(), retired_at: null }).execute();
    return jwk.kid;
  }

  async function load(): Promise<SigningJwk[]> {
    const rows = await db.selectFrom('oidc_keys').selectAll().orderBy('created_at', 'desc').execute();
    // The signing key (never retired) first, then the retired ones, newest first.
    rows.sort((a, b) => Number(a.retired_at !== null) - Number(b.retired_at !== null));
    return rows.map((r) => JSON.parse(decryptField(key, r.jwk_enc, CONTEXT)) as SigningJwk);
  }

  return {
    async current() {
      const keys = await load();
      if (keys.length > 0) return keys;
      await insert();
      return load();
    },

    async rotate() {
      const now = clock.now();
      await db.updateTable('oidc_keys').set({ retired_at: now }).where('retired_at', 'is', null).execute();
      const removed = await db.deleteFrom('oidc_keys').where('retired_at', '<', now - keepRetiredMs).executeTakeFirst();
      const kid = await insert();
      return { kid, removed: Number(removed.numDeletedRows) };
    },
  };
}
