import type { Redis } from 'ioredis';
import type { Clock } from '../clock';
import type { SessionRecord } from './record';
import type { SessionStore } from './store';

/**
 * Sessions in Redis: one key per session with a TTL to its expiry, and one set per account listing its
 * sessions so that all of them can be ended or listed at once. Set members whose session has expired are
 * cleaned when the account's sessions are next ended or listed. Needs Redis 7 or later (PEXPIRE with GT/NX).
 */
/** ioredis reports a failed command inside a transaction in its result instead of throwing: fail closed. */
async function execAll(multi: ReturnType<Redis['multi']>): Promise<void> {
  const results = await multi.exec();
  if (!results) throw new Error('redis: the session transaction was aborted');
  for (const [err] of results) if (err) throw err;
}

export function createRedisSessionStore(redis: Redis, clock: Clock, prefix = 'menhu:'): SessionStore {
  const key = (id: string) => `${prefix}sess:${id}`;
  const accountKey = (accountId: string) => `${prefix}acct-sess:${accountId}`;
  return {
    async get(id) {
      const raw = await redis.get(key(id));
      return raw === null ? undefined : (JSON.parse(raw) as SessionRecord);
    },
    async set(record, expiresAt) {
      const ttl = Math.max(1, expiresAt - clock.now());
      const multi = redis.multi().set(key(record.id), JSON.stringify(record), 'PX', ttl);
      if (record.accountId !== null) {
        multi.sadd(accountKey(record.accountId), record.id);
        // The account's set lives as long as its longest session could.
        multi.pexpire(accountKey(record.accountId), ttl, 'GT');
        multi.pexpire(accountKey(record.accountId), ttl, 'NX');
      }
      await execAll(multi);
    },
    async destroy(id) {
      const raw = await redis.get(key(id));
      const multi = redis.multi().del(key(id));
      if (raw !== null) {
        const accountId = (JSON.parse(raw) as SessionRecord).accountId;
        if (accountId !== null) multi.srem(accountKey(accountId), id);
      }
      await execAll(multi);
    },
    async destroyAllOf(accountId, exceptId) {
      const ids = (await redis.smembers(accountKey(accountId))).filter((id) => id !== exceptId);
      if (ids.length === 0) return 0;
      const deleted = await redis.del(...ids.map(key));
      await redis.srem(accountKey(accountId), ...ids);
      return deleted;
    },
    async listOf(accountId) {
      const ids = await redis.smembers(accountKey(accountId));
      if (ids.length === 0) return [];
      const raws = await redis.mget(...ids.map(key));
      const gone = ids.filter((_, i) => raws[i] === null);
      if (gone.length > 0) await redis.srem(accountKey(accountId), ...gone);
      return raws.filter((raw): raw is string => raw !== null).map((raw) => JSON.parse(raw) as SessionRecord);
    },
  };
}
