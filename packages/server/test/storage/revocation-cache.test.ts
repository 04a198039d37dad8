import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisRevocationCache } from '../../src/services/revocation-cache';
import { REDIS_URL, redisAvailable } from '../support/services';
import { manualClock } from '../support/platform';

const available = await redisAvailable();

describe.skipIf(!available)('the revocation cache in Redis', () => {
  const prefix = `menhu-test:${randomBytes(6).toString('hex')}:rev:`;
  let redis: Redis;
  beforeAll(() => void (redis = new Redis(REDIS_URL)));
  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    redis.disconnect();
  });

  it('gives back the exact bytes it was given, to every node that asks', async () => {
    const clock = manualClock(Date.now());
    const der = new Uint8Array(randomBytes(700));
    await redisRevocationCache(redis, clock, prefix).set('ocsp:abc', der, new Date(clock.now() + 60_000));
    const otherConnection = new Redis(REDIS_URL);
    try {
      const otherNode = redisRevocationCache(otherConnection, clock, prefix);
      expect(Buffer.from((await otherNode.get('ocsp:abc'))!).equals(Buffer.from(der))).toBe(true);
      expect(await otherNode.get('ocsp:missing')).toBeUndefined();
    } finally {
      otherConnection.disconnect();
    }
  });

  it('drops an answer at its nextUpdate, and stores none that is already stale', async () => {
    const clock = manualClock(Date.now());
    const cache = redisRevocationCache(redis, clock, prefix);
    await cache.set('ocsp:short', new Uint8Array([1, 2, 3]), new Date(clock.now() + 300));
    await cache.set('ocsp:stale', new Uint8Array([4]), new Date(clock.now() - 1));
    expect(await cache.get('ocsp:short')).toBeDefined();
    expect(await cache.get('ocsp:stale')).toBeUndefined();
    await new Promise((r) => setTimeout(r, 450));
    expect(await cache.get('ocsp:short')).toBeUndefined();
  });
});
