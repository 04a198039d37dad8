/**
 * Where the platform keeps OCSP answers and CRLs between logins (packages/pki's RevocationCache): Redis when
 * REDIS_URL is set, so every node shares them (DESIGN.md "Storage and scale"), else the process's memory.
 * Values are the signed DER; pki re-verifies each one when it reads it, so the cache is not trusted.
 */
import type { Redis } from 'ioredis';
import { memoryRevocationCache, type Clock as PkiClock, type RevocationCache } from '@menhu/pki';
import type { Clock } from './clock';

export function redisRevocationCache(redis: Redis, clock: Clock, prefix = 'menhu:rev:'): RevocationCache {
  return {
    async get(key) {
      const value = await redis.getBuffer(prefix + key);
      return value === null ? undefined : new Uint8Array(value);
    },
    async set(key, value, expiresAt) {
      const ttl = expiresAt.getTime() - clock.now();
      if (ttl <= 0) return;
      await redis.set(prefix + key, Buffer.from(value), 'PX', ttl);
    },
  };
}

export function createRevocationCache(redis: Redis | undefined, clock: Clock): RevocationCache {
  const pkiClock: PkiClock = { now: () => new Date(clock.now()) };
  return redis ? redisRevocationCache(redis, clock) : memoryRevocationCache(pkiClock);
}
