/**
 * oidc-provider's storage (its Adapter interface) on the platform's store: one table for every kind of artefact
 * (sessions, grants, codes, tokens, interactions), with the grant, uid and account pulled out for look-ups.
 * Agencies are not stored here: the `Client` kind reads the agencies table, so `npx menhu agency` is the one
 * source of truth. With Redis, the short-lived kinds live there instead (REDIS_URL), so a busy node does not
 * write a database row for every code and interaction.
 */
import type { Adapter, AdapterPayload } from 'oidc-provider';
import type { Kysely } from 'kysely';
import type { Redis } from 'ioredis';
import type { Database } from '../store/schema';
import type { Clock } from '../services/clock';

/** Kinds that live minutes at most: in Redis when there is one. */
const SHORT_LIVED = new Set(['AuthorizationCode', 'Interaction', 'PushedAuthorizationRequest', 'ReplayDetection']);

export interface AdapterDeps {
  readonly db: Kysely<Database>;
  readonly redis: Redis | undefined;
  readonly clock: Clock;
  /** The metadata oidc-provider gets for an agency (built in provider.ts). */
  readonly clientMetadata: (clientId: string) => Promise<AdapterPayload | undefined>;
}

const seconds = (ms: number) => Math.floor(ms / 1000);

function sqlAdapter(kind: string, { db, clock }: AdapterDeps): Adapter {
  const live = () => seconds(clock.now());
  async function row(where: 'id' | 'uid' | 'user_code', value: string): Promise<AdapterPayload | undefined> {
    const found = await db.selectFrom('oidc_models').selectAll().where('kind', '=', kind).where(where, '=', value).executeTakeFirst();
    if (!found) return undefined;
    if (found.expires_at !== null && found.expires_at <= live()) return undefined;
    const payload = JSON.parse(found.payload) as AdapterPayload;
    return found.consumed_at !== null ? { ...payload, consumed: found.consumed_at } : payload;
  }
  return {
    async upsert(id, payload, expiresIn) {
      const values = {
        kind,
        id,
        payload: JSON.stringify(payload),
        grant_id: typeof payload.grantId === 'string' ? payload.grantId : null,
        user_code: typeof payload.userCode === 'string' ? payload.userCode : null,
        uid: typeof payload.uid === 'string' ? payload.uid : null,
        account_id: typeof payload.accountId === 'string' ? payload.accountId : null,
        expires_at: typeof expiresIn === 'number' ? live() + expiresIn : null,
        consumed_at: null,
      };
      await db
        .insertInto('oidc_models')
        .values(values)
        .onConflict((oc) =>
          oc.columns(['kind', 'id']).doUpdateSet({
            payload: values.payload,
            grant_id: values.grant_id,
            user_code: values.user_code,
            uid: values.uid,
            account_id: values.account_id,
            expires_at: values.expires_at,
          }),
        )
        .execute();
    },
    find: (id) => row('id', id),
    findByUid: (uid) => row('uid', uid),
    findByUserCode: (code) => row('user_code', code),
    async consume(id) {
      await db.updateTable('oidc_models').set({ consumed_at: live() }).where('kind', '=', kind).where('id', '=', id).execute();
    },
    async destroy(id) {
      await db.deleteFrom('oidc_models').where('kind', '=', kind).where('id', '=', id).execute();
    },
    async revokeByGrantId(grantId) {
      await db.deleteFrom('oidc_models').where('grant_id', '=', grantId).execute();
    },
  };
}

function redisAdapter(kind: string, redis: Redis, fallback: Adapter): Adapter {
  const key = (id: string) => `menhu:oidc:${kind}:${id}`;
  const uidKey = (uid: string) => `menhu:oidc:uid:${kind}:${uid}`;
  const grantKey = (grantId: string) => `menhu:oidc:grant:${grantId}`;
  return {
    async upsert(id, payload, expiresIn) {
      const ttl = Math.max(1, expiresIn ?? 3600);
      const multi = redis.multi().set(key(id), JSON.stringify(payload), 'EX', ttl);
      if (typeof payload.uid === 'string') multi.set(uidKey(payload.uid), id, 'EX', ttl);
      if (typeof payload.grantId === 'string') multi.sadd(grantKey(payload.grantId), key(id)).expire(grantKey(payload.grantId), ttl, 'GT');
      await multi.exec();
    },
    async find(id) {
      const found = await redis.get(key(id));
      return found ? (JSON.parse(found) as AdapterPayload) : undefined;
    },
    async findByUid(uid) {
      const id = await redis.get(uidKey(uid));
      return id ? this.find(id) : undefined;
    },
    findByUserCode: (code) => fallback.findByUserCode(code),
    async consume(id) {
      // Atomically, so that one code is consumed once however many nodes are asked at the same moment.
      await redis.eval(
        "local v = redis.call('GET', KEYS[1]); if not v then return 0 end; local p = cjson.decode(v); p['consumed'] = tonumber(ARGV[1]); redis.call('SET', KEYS[1], cjson.encode(p), 'KEEPTTL'); return 1",
        1,
        key(id),
        String(Math.floor(Date.now() / 1000)),
      );
    },
    async destroy(id) {
      await redis.del(key(id));
    },
    async revokeByGrantId(grantId) {
      const members = await redis.smembers(grantKey(grantId));
      if (members.length > 0) await redis.del(...members);
      await redis.del(grantKey(grantId));
      await fallback.revokeByGrantId(grantId);
    },
  };
}

function clientAdapter(deps: AdapterDeps): Adapter {
  const readOnly = async () => {
    throw new Error('agencies are managed with `npx menhu agency`, not through the provider');
  };
  return {
    find: (id) => deps.clientMetadata(id),
    upsert: readOnly,
    findByUid: async () => undefined,
    findByUserCode: async () => undefined,
    consume: readOnly,
    destroy: readOnly,
    revokeByGrantId: async () => undefined,
  };
}

/** The adapter factory oidc-provider is configured with. */
export function createAdapterFactory(deps: AdapterDeps): (kind: string) => Adapter {
  return (kind) => {
    if (kind === 'Client') return clientAdapter(deps);
    const sql = sqlAdapter(kind, deps);
    return deps.redis && SHORT_LIVED.has(kind) ? redisAdapter(kind, deps.redis, sql) : sql;
  };
}
